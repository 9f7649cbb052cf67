"""Per-article analysis: the map step that runs on every canonical article.

Input: a cleaned, dated Article and the spaCy pipeline. Output: an ArticleAnalysis holding its
Sentence, Mention, Timex and Quote records. It chains the nlp, time and quote stages; the engine
(local or Dask) decides where it runs. Pure: same article in, same records out.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from dateline import nlp as nlp_stage
from dateline import quotes, timex
from dateline.config import Settings
from dateline.records import Article, ArticleAnalysis


def analyse_article(article: Article, doc: Doc, nlp: Language, settings: Settings) -> ArticleAnalysis:
    """Run the per-article stages on one parsed article.

    Args:
        article: cleaned and dated; ``doc`` must be ``nlp(article.text)``.
        doc: the parsed text (the engine parses in batches).
        nlp: the pipeline, used to re-read title-case headlines.
        settings: all settings (stages take their own section).
    """
    nlp_stage.remember_text(doc, article.text)
    sentences = nlp_stage.sentences_of(article.id, doc)
    mentions = nlp_stage.mentions_of(article.id, doc, nlp)
    timexes = timex.tag_timexes(article.id, article.text, anchor=article.published, doc=doc)
    found = quotes.extract_quotes(article, doc, mentions, timexes, settings.quotes)
    return ArticleAnalysis(article=article, sentences=sentences, mentions=mentions, timexes=timexes, quotes=found)


def reanchor(analysis: ArticleAnalysis, article: Article) -> ArticleAnalysis:
    """Re-resolve relative dates after the collection stage changed the article's date.

    Cheap: no parse. Timexes are re-tagged without the Doc (tense comes from the text alone).
    """
    timexes = timex.tag_timexes(article.id, article.text, anchor=article.published, doc=None)
    dated_quotes = quotes.assign_dates(analysis.quotes, article, timexes)
    return analysis.model_copy(update={"article": article, "timexes": timexes, "quotes": dated_quotes})
