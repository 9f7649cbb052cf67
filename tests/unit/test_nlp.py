"""NER mentions: offsets that match the text, bare surnames recovered, titles split from names."""

from __future__ import annotations

from spacy.language import Language

from dateline.nlp import _bare_surnames, _split_institution_prefix, mentions_of
from dateline.records import Mention


def test_mention_offsets_slice_exactly_their_text(nlp: Language) -> None:
    text = "The National Assembly met on Monday. The Harbour Board said Ann Lee's plan was late."
    for mention in mentions_of("a", nlp(text), nlp):
        assert text[mention.start : mention.end] == mention.text


def test_bare_surname_of_a_person_named_in_full_is_a_person_mention(nlp: Language) -> None:
    text = (
        "Oren Vask, the chief of the general staff, inspected the bridge on Monday.\n\n"
        "“It did not turn back,” Vask told reporters. Later Vask flew to the capital."
    )
    full = Mention(article_id="a", start=0, end=9, text="Oren Vask", label="PERSON")
    found = _bare_surnames("a", nlp(text), [full])
    assert [(text[m.start : m.end], m.label) for m in found] == [("Vask", "PERSON"), ("Vask", "PERSON")]


def test_surname_that_is_a_month_is_not_copied_to_the_month(nlp: Language) -> None:
    text = "Prime Minister Theresa May spoke on Friday. The vote is due in May."
    mentions = mentions_of("a", nlp(text), nlp)
    month_at = text.rindex("May")
    assert not any(m.label == "PERSON" and m.start == month_at for m in mentions)


def test_institution_noun_glued_to_a_name_is_split_off() -> None:
    text = "Speaker of the Assembly Edda Lorn opened the session. Lorn said it would be long."
    glued = Mention(article_id="a", start=15, end=33, text="Assembly Edda Lorn", label="ORG")
    bare = Mention(article_id="a", start=54, end=58, text="Lorn", label="PERSON")
    (person, _) = _split_institution_prefix([glued, bare])
    assert (person.text, person.label) == ("Edda Lorn", "PERSON")
    assert text[person.start : person.end] == "Edda Lorn"


def test_organisation_starting_with_an_institution_noun_is_kept() -> None:
    org = Mention(article_id="a", start=0, end=24, text="Council of Water Ministers", label="ORG")
    assert _split_institution_prefix([org]) == [org]


def test_token_filter_finds_cue_words_in_text_order_across_documents(nlp: Language) -> None:
    from spacy.attrs import LEMMA

    from dateline.nlp import TokenFilter

    speech = TokenFilter(LEMMA, lambda lemma: lemma.lower() in {"say", "tell"})
    first = nlp("Ana said no. Then Bo told Cy that it rained, and Di says so.")
    second = nlp("Nobody spoke. Ed says yes.")
    assert [first[i].text for i in speech.indices(first)] == ["said", "told", "says"]
    assert [second[i].text for i in speech.indices(second)] == ["says"]
    assert speech.indices(nlp("")) == []


def test_token_filter_still_finds_cue_words_after_its_memo_starts_again(nlp: Language) -> None:
    from spacy.attrs import LEMMA

    from dateline.nlp import TokenFilter

    speech = TokenFilter(LEMMA, lambda lemma: lemma.lower() in {"say"})
    speech.MEMO_LIMIT = 3
    doc = nlp("Ana said no, and Bo says yes.")
    assert [doc[i].text for i in speech.indices(doc)] == ["said", "says"]
    assert [doc[i].text for i in speech.indices(doc)] == ["said", "says"]  # memo over the limit: cleared


def test_string_indices_match_whole_strings_only(nlp: Language) -> None:
    from spacy.attrs import LOWER, ORTH

    from dateline.nlp import string_indices

    doc = nlp("According to Vask, Vaskov said so. Vask agreed, according to aides.")
    assert [doc[i].text for i in string_indices(doc, ORTH, {"Vask"})] == ["Vask", "Vask"]
    assert [doc[i].text for i in string_indices(doc, LOWER, ("according",))] == ["According", "according"]
    assert string_indices(nlp(""), ORTH, {"Vask"}) == []


def test_token_offsets_and_heads_agree_with_the_tokens(nlp: Language) -> None:
    from dateline.nlp import token_heads, token_offsets

    doc = nlp("Oren Vask said:\n“We will not turn back.” Later he flew home.")
    starts, ends = token_offsets(doc)
    assert starts == [t.idx for t in doc]
    assert ends == [t.idx + len(t.text) for t in doc]
    assert token_heads(doc) == [t.head.i for t in doc]
    assert token_offsets(nlp("")) == ([], [])
