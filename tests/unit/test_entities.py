"""Entities stage: aliases, typos and role nouns merged into one canonical entity."""

from __future__ import annotations

import re

from dateline.entities import build_index, link
from dateline.records import Article, ArticleAnalysis, Mention, Quote


def _analysis(article_id: str, text: str, people: list[str], orgs: list[str] = ()) -> ArticleAnalysis:  # type: ignore[assignment]
    article = Article(id=article_id, source=f"{article_id}.txt", text=text)
    mentions: list[Mention] = []
    for label, names in (("PERSON", people), ("ORG", orgs)):
        for name in names:
            for match in re.finditer(re.escape(name), text):
                if any(m.start <= match.start() < m.end for m in mentions):
                    continue  # "Dorsey" inside "Ilan Dorsey" is not a mention of its own
                mentions.append(
                    Mention(article_id=article_id, start=match.start(), end=match.end(), text=name, label=label)
                )
    return ArticleAnalysis(article=article, mentions=mentions)


ANALYSES = [
    _analysis(
        "a1", "UN Special Envoy Ilan Dorsey met the ministers. Dorsey said little.", ["Ilan Dorsey", "Dorsey"], ["UN"]
    ),
    _analysis("a2", "Envoy Ilan Dorsy arrived late on Monday.", ["Ilan Dorsy"]),
    _analysis("a3", "Water minister Mara Velt spoke first. Ilan Dorsey listened. Velt left.",
              ["Mara Velt", "Ilan Dorsey", "Velt"]),
    _analysis("a4", "The United Nations said it would send observers.", [], ["United Nations"]),
]


def test_full_name_bare_last_name_and_typo_are_one_entity() -> None:
    index = build_index(ANALYSES)
    ids = {index.resolve(name).id for name in ("Ilan Dorsey", "Dorsey", "Ilan Dorsy")}  # type: ignore[union-attr]
    assert len(ids) == 1
    entity = index.get(ids.pop())
    assert entity is not None and entity.name == "Ilan Dorsey"
    assert {"Dorsey", "Ilan Dorsy"} <= set(entity.aliases)
    assert entity.mentions == 4


def test_different_people_stay_apart() -> None:
    index = build_index(ANALYSES)
    assert index.resolve("Mara Velt") != index.resolve("Ilan Dorsey")
    assert index.resolve("Velt").name == "Mara Velt"  # type: ignore[union-attr]


def test_acronym_and_full_name_of_an_organisation_merge() -> None:
    index = build_index(ANALYSES)
    assert index.resolve("UN") == index.resolve("United Nations")


def test_role_noun_written_before_a_name_becomes_an_alias_that_resolves() -> None:
    index = build_index(ANALYSES)
    dorsey = index.resolve("Ilan Dorsey")
    assert dorsey is not None and "UN Special Envoy" in dorsey.aliases
    assert index.resolve_role("the UN envoy") == dorsey
    assert index.resolve_role("the envoy") == dorsey
    assert index.resolve_role("the health minister") is None


def test_link_sets_mention_entities_and_quote_speakers() -> None:
    index = build_index(ANALYSES)
    quote = Quote(id="q1", article_id="a3", text="We will not wait", start=0, end=5, kind="direct",
                  speaker_text="she", speaker_name="Velt")
    linked = link(ANALYSES[2].model_copy(update={"quotes": [quote]}), index)
    assert all(m.entity_id for m in linked.mentions)
    assert linked.quotes[0].speaker == "Mara Velt"
    assert linked.quotes[0].speaker_entity_id == index.resolve("Mara Velt").id  # type: ignore[union-attr]


def test_role_noun_speaker_without_a_name_is_resolved_through_the_story() -> None:
    index = build_index(ANALYSES)
    quote = Quote(
        id="q2", article_id="a2", text="Talks go on", start=0, end=5, kind="direct", speaker_text="the UN envoy"
    )
    linked = link(ANALYSES[1].model_copy(update={"quotes": [quote]}), index)
    assert linked.quotes[0].speaker == "Ilan Dorsey"


def _mention(article_id: str, text: str, start: int, form: str, label: str) -> Mention:
    start = text.index(form, start)
    return Mention(article_id=article_id, start=start, end=start + len(form), text=form, label=label)


def test_full_name_the_ner_tagged_as_organisation_joins_the_person() -> None:
    text = "Lidia Kors spoke. Kors said more. Lidia Kors left."
    article = Article(id="k1", source="k1.txt", text=text)
    mentions = [_mention("k1", text, 0, "Lidia Kors", "ORG"), _mention("k1", text, 10, "Kors", "PERSON"),
                _mention("k1", text, 30, "Lidia Kors", "ORG")]
    index = build_index([ArticleAnalysis(article=article, mentions=mentions)])
    person = index.resolve("Kors")
    assert person is not None and person.name == "Lidia Kors" and person.type == "PERSON"
    assert index.resolve("Lidia Kors") == person


def test_entity_that_ran_into_a_verb_is_trimmed_to_the_name() -> None:
    text = "Ilan Dorsey arrived. Dorsey welcomed the plan."
    article = Article(id="d1", source="d1.txt", text=text)
    mentions = [_mention("d1", text, 0, "Ilan Dorsey", "PERSON"), _mention("d1", text, 20, "Dorsey welcomed", "ORG")]
    index = build_index([ArticleAnalysis(article=article, mentions=mentions)])
    assert [e.name for e in index.entities()] == ["Ilan Dorsey"]


def test_shared_surname_is_resolved_by_who_the_article_names() -> None:
    first = _analysis("h1", "Ruben Holm led the march. Holm spoke.", ["Ruben Holm", "Holm"])
    second = _analysis("h2", "Katrin Holm runs the dam. Holm said it was safe.", ["Katrin Holm", "Holm"])
    index = build_index([first, second])
    ruben, katrin = index.resolve("Ruben Holm"), index.resolve("Katrin Holm")
    assert ruben is not None and katrin is not None and ruben != katrin
    assert {m.entity_id for m in link(first, index).mentions} == {ruben.id}
    assert {m.entity_id for m in link(second, index).mentions} == {katrin.id}


def test_role_of_one_person_does_not_swallow_the_name_before_it() -> None:
    text = "Foreign Minister Teo Bran and Water Minister Mara Velt signed."
    index = build_index([_analysis("r1", text, ["Teo Bran", "Mara Velt"])])
    velt = index.resolve("Mara Velt")
    assert velt is not None and "Water Minister" in velt.aliases
    assert not any("Bran" in alias for alias in velt.aliases)


def test_surname_tagged_as_place_joins_the_person_named_in_the_same_article() -> None:
    text = "Joss Merriden chairs the board. Merriden said no."
    article = Article(id="m1", source="m1.txt", text=text)
    mentions = [_mention("m1", text, 0, "Joss Merriden", "PERSON"), _mention("m1", text, 30, "Merriden", "GPE")]
    index = build_index([ArticleAnalysis(article=article, mentions=mentions)])
    assert [e.name for e in index.entities()] == ["Joss Merriden"]


def test_typo_surname_finds_its_person_among_many_surnames() -> None:
    import random

    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = sorted({"".join(rng.choices(letters, k=7)).capitalize() for _ in range(1500)})
    analyses = [_analysis(f"p{i}", f"Ann {name} spoke.", [f"Ann {name}"]) for i, name in enumerate(names)]
    typo = names[0][:-1] + ("x" if names[0][-1] != "x" else "y")
    analyses.append(_analysis("t", f"{typo} left early.", [typo]))
    owner = build_index(analyses).resolve(typo)
    assert owner is not None and owner.name == f"Ann {names[0]}"
