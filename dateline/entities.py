"""Entities stage: mentions merged into canonical entities across the collection.

Input: ArticleAnalysis records (NER mentions, text, quotes). Output: an EntityIndex of Entity
records with aliases, and analyses whose mentions and quote speakers point at canonical entities.
"Jens Stoltenberg" = "Stoltenberg" = "Jen Stoltenberg" (first-name typo) = "NATO Secretary General"
(role written before the name). Blocking on name keys (last name, first name, acronym) keeps the
merging near-linear. Known limits: two people sharing a last name in one story are told apart only
by first name; a bare last name goes to the most mentioned of them unless its article names one.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from dateline import roles
from dateline.records import ArticleAnalysis, Entity, Quote, stable_id

logger = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Who can say something: people, organisations, governments (by their country's name).
SPEAKER_TYPES = {"PERSON", "ORG", "GPE"}
# Honorifics and titles dropped from the front of person names ("Amb. Zalmay Khalilzad").
TITLES = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "amb", "ambassador", "gen", "general", "president",
        "sen", "senator", "rep", "sir", "dame", "lord",
    ]
)
# Two first names (or two last names of the same first name) this similar are one person with a typo.
# Tuned on invented typo pairs (Jen/Jens, Dorsy/Dorsey); 0.85 keeps Ahmed/Ahmad apart only by context.
NAME_SIMILARITY = 0.85
_STOP_INITIALS = {"of", "the", "and", "for", "on", "in", "de", "la"}
_SPACES = re.compile(r"\s+")
_KEY_DROPPED = re.compile(r"[.’']")
_ACRONYM = re.compile(r"[a-z]{2,6}")
# Surface forms (and form pairs) whose cleaned form, key and similarity are cached: a story repeats its
# names thousands of times. Bounds the caches' memory (2-3 MB each, kept for the process's life, as under
# `dateline serve`) on collections with very many names.
NAME_CACHE = 1 << 14


@dataclass
class _Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    kind: str | None = None  # set when name evidence decides the type over the NER's majority label
    articles: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        multi = [f for f in self.forms if len(f.split()) > 1] or list(self.forms)
        return max(multi, key=lambda f: (self.forms[f], len(f), f))

    @property
    def label(self) -> str:
        return self.kind or self.labels.most_common(1)[0][0]


class EntityIndex:
    """Canonical entities of a story and the lookup from surface forms to them.

    Example:
        >>> index = build_index(analyses)
        >>> index.resolve("Stoltenberg").name
        'Jens Stoltenberg'
    """

    def __init__(self, clusters: Iterable[_Cluster]) -> None:
        self._entities: dict[str, Entity] = {}
        self._by_form: dict[str, str] = {}
        self._by_last: dict[str, list[str]] = defaultdict(list)
        self._roles: list[tuple[roles.Role, str, int]] = []
        # Role holders fitting a query role, per (head, modifiers): speakers' roles repeat across articles.
        self._fits: dict[tuple[str, frozenset[str]], Counter[str]] = {}
        for cluster in clusters:
            self._add(cluster)

    def entities(self) -> list[Entity]:
        """All entities, most mentioned first."""
        return sorted(self._entities.values(), key=lambda e: (-e.mentions, e.name))

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._entities.get(entity_id)

    def resolve(self, surface: str, context: Sequence[str] = ()) -> Entity | None:
        """The entity a name refers to; ``context`` holds entity ids present in the same article."""
        key = _key(surface)
        if key in self._by_form:
            return self._entities[self._by_form[key]]
        last = key.split()[-1] if key else ""
        candidates = self._by_last.get(last, [])
        if not candidates:
            return None
        local = [c for c in candidates if c in context]
        best = max(local or candidates, key=lambda c: self._entities[c].mentions)
        return self._entities[best]

    def resolve_role(self, phrase: str, context: Sequence[str] = ()) -> Entity | None:
        """The person a role noun stands for ("the NATO chief"), preferring people in ``context``."""
        query = roles.parse_role(phrase)
        if query is None:
            return None
        fits = self._role_fits(query)
        if not fits:
            return None
        local = [eid for eid in fits if eid in context]
        best = max(local or list(fits), key=lambda eid: (fits[eid], self._entities[eid].mentions))
        return self._entities[best]

    def _role_fits(self, query: roles.Role) -> Counter[str]:
        """Entity id -> count of the last held role that ``query`` fits (``roles.matches`` reads head and modifiers)."""
        key = (query.head, query.modifiers)
        if key not in self._fits:
            self._fits[key] = Counter({eid: count for held, eid, count in self._roles if roles.matches(query, held)})
        return self._fits[key]

    def _add(self, cluster: _Cluster) -> None:
        label, name = cluster.label, cluster.name
        entity = Entity(
            id=stable_id(label, name),
            name=name,
            type=label,
            aliases=sorted(set(cluster.forms) - {name}) + sorted(cluster.roles),
            mentions=sum(cluster.forms.values()),
        )
        self._entities[entity.id] = entity
        for form in cluster.forms:
            self._by_form[_key(form)] = entity.id
        if label == "PERSON":
            self._by_last[_key(name).split()[-1]].append(entity.id)
            for phrase, count in cluster.roles.items():
                role = roles.parse_role(phrase)
                if role is not None:
                    self._roles.append((role, entity.id, count))


def build_index(analyses: Sequence[ArticleAnalysis]) -> EntityIndex:
    """Merge the mentions of all analyses into canonical entities."""
    forms: dict[str, _Cluster] = {}
    for analysis in analyses:
        text = analysis.article.text
        previous_person_end = 0
        for mention in sorted(analysis.mentions, key=lambda m: m.start):
            form = _clean_form(mention.text, mention.label)
            if not form:
                continue
            cluster = _cluster_of(forms, _key(form))
            cluster.forms[form] += 1
            cluster.labels[_coarse(mention.label)] += 1
            cluster.articles.add(analysis.article.id)
            if mention.label == "PERSON":
                role = roles.role_before(text, mention.start, previous_person_end)
                role = role or roles.role_after(text, mention.end)
                if role:
                    cluster.roles[role] += 1
                previous_person_end = mention.end
    total = len(forms)
    clusters = _merge_people(forms) + _merge_others(forms)
    logger.info("%d entities from %d surface forms", len(clusters), total)
    return EntityIndex(clusters)


def link(analysis: ArticleAnalysis, index: EntityIndex) -> ArticleAnalysis:
    """Point the analysis's mentions and quote speakers at canonical entities."""
    forms = [_clean_form(m.text, m.label) for m in analysis.mentions]
    # Names written in full in this article decide what its bare surnames mean ("Holm" = Ruben Holm here).
    context = [e.id for e in (index.resolve(f) for f in forms if len(f.split()) > 1) if e is not None]
    mentions = []
    for mention, form in zip(analysis.mentions, forms, strict=True):
        entity = index.resolve(form, context)
        mentions.append(mention.model_copy(update={"entity_id": entity.id if entity else None}))
    context = [m.entity_id for m in mentions if m.entity_id]
    quotes = [_link_speaker(q, index, context) for q in analysis.quotes]
    return analysis.model_copy(update={"mentions": mentions, "quotes": quotes})


def _link_speaker(quote: Quote, index: EntityIndex, context: Sequence[str]) -> Quote:
    entity = None
    if quote.speaker_name:
        entity = index.resolve(quote.speaker_name, context)
    if entity is None and quote.speaker_text:
        entity = index.resolve_role(quote.speaker_text, context) or _resolve_name(quote.speaker_text, index, context)
    if entity is None or entity.type not in SPEAKER_TYPES:
        return quote
    return quote.model_copy(update={"speaker": entity.name, "speaker_entity_id": entity.id})


def _resolve_name(text: str, index: EntityIndex, context: Sequence[str]) -> Entity | None:
    if not text[:1].isupper() or text.lower() in {"he", "she", "they", "i", "we"}:
        return None
    return index.resolve(text, context)


def _merge_people(forms: dict[str, _Cluster]) -> list[_Cluster]:
    """Merge person names; forms the NER mislabelled (a bare surname as ORG) join them too.

    Consumes the forms it merges from ``forms``, so the rest can be merged as organisations/places.
    """
    full = {k: c for k, c in forms.items() if c.label == "PERSON" and len(k.split()) > 1}
    full.update(_mislabelled_full_names(forms, full))
    merged = _merge_similar_names(full)
    by_last: dict[str, list[_Cluster]] = defaultdict(list)
    by_full: dict[str, _Cluster] = {}
    for cluster in merged:
        by_last[_key(cluster.name).split()[-1]].append(cluster)
        by_full.update((_key(form), cluster) for form in cluster.forms)
    # Surnames by their first two letters: a typo'd surname is compared with a few, not with every one.
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for last in by_last:
        by_prefix[last[:2]].append(last)
    singles: list[_Cluster] = []
    for key, cluster in list(forms.items()):
        if key in full:
            del forms[key]
            continue
        owner = _owner(key, cluster, by_last, by_full, by_prefix)
        if owner is not None:
            _absorb(owner, cluster)
            del forms[key]
        elif len(by_last.get(key, [])) > 1:
            del forms[key]  # an ambiguous surname is no entity of its own
        elif cluster.label == "PERSON":
            singles.append(cluster)
            del forms[key]
    for cluster in merged + singles:
        cluster.kind = "PERSON"
    return merged + singles


def _mislabelled_full_names(forms: dict[str, _Cluster], full: dict[str, _Cluster]) -> dict[str, _Cluster]:
    """Names the NER tagged ORG/GPE ("Lidia Kors", "Ilan Dorsy") that name evidence shows are people.

    Evidence: the surname is tagged PERSON on its own elsewhere, or the form is a one-letter-off
    variant of a known full name. Only two- or three-word, all-capitalised forms qualify.
    """
    surnames = {k for k, c in forms.items() if len(k.split()) == 1 and c.labels["PERSON"] > 0}
    firsts: dict[str, list[str]] = defaultdict(list)
    for key in full:
        firsts[key.split()[0]].append(key)
    found = {}
    for key, cluster in forms.items():
        words = key.split()
        if key in full or not 2 <= len(words) <= 3:
            continue
        if not all(w[:1].isupper() for w in next(iter(cluster.forms)).split()):
            continue
        if words[-1] in surnames or any(_same_person(key, other) for other in firsts.get(words[0], [])):
            found[key] = cluster
    return found


def _owner(
    key: str,
    cluster: _Cluster,
    by_last: dict[str, list[_Cluster]],
    by_full: dict[str, _Cluster],
    by_prefix: dict[str, list[str]],
) -> _Cluster | None:
    """The full-name cluster a bare surname, a typo or a mis-tagged "Country First Last" belongs to."""
    words = key.split()
    if len(words) > 1:
        # "Afghanistan Zalmay Khalilzad" tagged ORG: the trailing words are a known full name.
        tails = (" ".join(words[i:]) for i in range(1, len(words) - 1))
        tail = next((by_full[t] for t in tails if t in by_full), None)
        return tail
    owners = by_last.get(key) or by_last.get(_fuzzy_last(key, by_prefix), [])
    if len(owners) != 1:
        return None  # no owner, or two people share the surname: decided per article at link time
    owner = owners[0]
    is_person = cluster.labels["PERSON"] > 0 or cluster.label not in ("GPE", "NORP")
    # A surname the NER took for a place joins the person only where the person is named in full.
    return owner if is_person or cluster.articles <= owner.articles else None


def _merge_similar_names(full: dict[str, _Cluster]) -> list[_Cluster]:
    """Merge full names whose last names match and first names are alike, or vice versa."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in sorted(full, key=lambda k: -sum(full[k].forms.values())):
        parts = key.split()
        blocks["L:" + parts[-1]].append(key)
        blocks["F:" + parts[0] + ":" + parts[-1][:2]].append(key)
    parent = {k: k for k in full}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if root(a) != root(b) and _same_person(a, b):
                    parent[root(b)] = root(a)
    groups: dict[str, _Cluster] = {}
    for key, cluster in full.items():
        _absorb(_cluster_of(groups, root(key)), cluster)
    return list(groups.values())


def _same_person(a: str, b: str) -> bool:
    first_a, last_a, first_b, last_b = a.split()[0], a.split()[-1], b.split()[0], b.split()[-1]
    if last_a == last_b:
        return first_a.startswith(first_b) or first_b.startswith(first_a) or _similar(first_a, first_b)
    return first_a == first_b and min(len(last_a), len(last_b)) >= 4 and _similar(last_a, last_b)


def _fuzzy_last(key: str, by_prefix: dict[str, list[str]]) -> str:
    if len(key) < 5:
        return ""
    return next((last for last in by_prefix.get(key[:2], []) if _similar(last, key)), "")


@functools.lru_cache(maxsize=NAME_CACHE)
def _similar(a: str, b: str) -> bool:
    # SequenceMatcher's real_quick_ratio and quick_ratio (cheap upper bounds of ratio, which most pairs fail
    # already), computed with its own formulas before building a matcher: building one indexes b's
    # characters, the larger cost. Cached because the same pairs recur.
    length = len(a) + len(b)
    if not length:
        return True  # two empty strings: SequenceMatcher's ratio is 1.0
    if 2.0 * min(len(a), len(b)) / length < NAME_SIMILARITY:
        return False
    shared = sum((_letters(a) & _letters(b)).values())  # quick_ratio's matches: the letters in common
    if 2.0 * shared / length < NAME_SIMILARITY:
        return False
    return SequenceMatcher(None, a, b).ratio() >= NAME_SIMILARITY


@functools.lru_cache(maxsize=NAME_CACHE)
def _letters(text: str) -> Counter[str]:
    """Character counts of a name (read only: shared by the cache)."""
    return Counter(text)


def _merge_others(others: dict[str, _Cluster]) -> list[_Cluster]:
    acronyms = {k: k for k in others if _ACRONYM.fullmatch(k.replace(" ", ""))}
    merged: dict[str, _Cluster] = {}
    for key, cluster in sorted(others.items(), key=lambda kv: -sum(kv[1].forms.values())):
        initials = "".join(w[0] for w in key.split() if w not in _STOP_INITIALS)
        target = acronyms.get(initials) if len(key.split()) > 1 and initials in acronyms else key
        _absorb(_cluster_of(merged, target or key), cluster)
    return list(merged.values())


def _cluster_of(clusters: dict[str, _Cluster], key: str) -> _Cluster:
    """``clusters.setdefault(key, _Cluster())`` without building a cluster (three Counters) per call."""
    found = clusters.get(key)
    if found is None:
        found = clusters[key] = _Cluster()
    return found


def _absorb(into: _Cluster, cluster: _Cluster) -> None:
    into.articles |= cluster.articles
    into.forms.update(cluster.forms)
    into.labels.update(cluster.labels)
    into.roles.update(cluster.roles)


@functools.lru_cache(maxsize=NAME_CACHE)
def _clean_form(text: str, label: str) -> str:
    form = _SPACES.sub(" ", text).strip(" .,;:'\"“”‘’")
    words = form.split()
    while len(words) > 1 and words[-1].islower():  # "Dorsey welcomed": the NER ran into the verb
        words.pop()
    form = " ".join(words)
    if label == "PERSON":
        words = form.split()
        while len(words) > 1 and words[0].lower().strip(".") in TITLES:
            words.pop(0)
        form = " ".join(words)
    return form


@functools.lru_cache(maxsize=NAME_CACHE)
def _key(form: str) -> str:
    return _KEY_DROPPED.sub("", form.lower()).strip()


def _coarse(label: str) -> str:
    return "GPE" if label in PLACE_LABELS else label


