"""Positions over time: an actor's stances on a topic, stance shifts between articles, corroboration.

Every stance statement of the store (``nkg:polarity`` support or oppose) is
read as a :class:`Position`: who, which stance, on what object, its canonical
topic (``nkg:topic``, see ``ontology/README.md``) and the topic's family
(``skos:broader``), when (``nkg:eventDate`` when the sentence gives one, else
the article's ``dcterms:date``) and the evidence sentence. Positions on one
canonical topic are comparable: "went along with sanctions" and "oppose
tougher sanctions" are both about the topic *sanction*.

>>> from newskg.graph.timeline import Position, shifts
>>> def p(stance, date, article, text):
...     return Position(statement=text, actor="a/china", actor_label="China", stance=stance, relation=stance,
...                     object="t/x", object_label=text, topic="t/sanction", topic_label="sanction",
...                     article=article, date=date, evidence=f"China {stance}s {text}.")
>>> found = shifts([p("support", "2017-08-07", "d1", "sanctions"), p("oppose", "2017-09-05", "d2", "tougher sanctions")])
>>> [(s.actor_label, s.topic_label, s.before.stance, s.after.stance, s.after.date) for s in found]
[('China', 'sanction', 'support', 'oppose', '2017-09-05')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from newskg.extract.constants import OFFICE_PREDICATES
from newskg.extract.errors import InputError
from newskg.graph.identity import choose
from newskg.graph.network import PREFIXES, STATEMENT_ARTICLE, query_rows
from newskg.graph.output import write_atomically

__all__ = [
    "OFFICES_QUERY",
    "Corroboration",
    "Position",
    "Shift",
    "corroboration",
    "as_state",
    "load_offices",
    "load_positions",
    "plot_timeline",
    "select",
    "shifts",
    "timeline",
]

#: Stance statements with their topic, dates and article.
POSITIONS_QUERY = PREFIXES + """
SELECT ?st ?s ?polarity ?relation ?o ?oText ?topic ?evidence ?negated ?eventDate ?precision ?stDate
       ?article ?date ?title ?source
WHERE {
  GRAPH ?g {
    ?st rdf:subject ?s ; rdf:object ?o ; nkg:polarity ?polarity ; nkg:evidence ?evidence .
    FILTER (?polarity IN ("support", "oppose"))
    OPTIONAL { ?st nkg:relation ?relation }
    OPTIONAL { ?st nkg:objectText ?oText }
    OPTIONAL { ?st nkg:topic ?topic }
    OPTIONAL { ?st nkg:negated ?negated }
    OPTIONAL { ?st nkg:eventDate ?eventDate }
    OPTIONAL { ?st nkg:eventDatePrecision ?precision }
    OPTIONAL { ?st dcterms:date ?stDate }""" + STATEMENT_ARTICLE + """
  }
}
"""

#: Labels and alternative labels of every node, and the broader topics.
NAMES_QUERY = PREFIXES + """
SELECT ?x ?label ?alt ?broader WHERE {
  GRAPH ?g {
    { ?x rdfs:label ?label } UNION { ?x skos:altLabel ?alt } UNION { ?x skos:broader ?broader }
  }
}
"""

_OPPOSITE = {"support": "oppose", "oppose": "support"}

#: In each article, the people the article gives an office (leader, minister, envoy, spokesperson of a state or
#: organisation: ``OFFICE_PREDICATES`` of ``extract/constants.py``), where the sentence stands and what they speak for.
OFFICES_QUERY = PREFIXES + """
SELECT ?article ?person ?office ?start WHERE {
  GRAPH ?g {
    ?st rdf:subject ?person ; rdf:predicate ?p ; rdf:object ?office ; prov:wasDerivedFrom ?article .
    ?person a nkg:Person .
    OPTIONAL { ?st nkg:startOffset ?start }
  }
  FILTER (?p IN (""" + ", ".join(f"nkg:{name}" for name in sorted(OFFICE_PREDICATES)) + """))
}
"""


@dataclass(frozen=True)
class Position:
    """One stance statement: an actor supports or opposes an object, filed under a canonical topic."""

    statement: str
    actor: str
    actor_label: str
    stance: str  # "support" or "oppose"
    relation: str
    object: str
    object_label: str
    topic: str  # the canonical topic IRI (the object itself when the store has no nkg:topic)
    topic_label: str
    evidence: str
    article: str
    date: str = ""  # the article date (ISO)
    event_date: str = ""  # the date the sentence gives, when it gives one
    precision: str = ""
    family: str = ""
    family_label: str = ""
    title: str = ""
    source: str = ""
    said_by: str = ""  # with --as-state: the office holder whose statement is counted for ``actor``

    @property
    def when(self) -> str:
        """The event date when the sentence gives one, else the article date."""
        return self.event_date or self.date


@dataclass(frozen=True)
class Shift:
    """An actor's stance on a topic changed from one article to a later one."""

    actor: str
    actor_label: str
    topic: str
    topic_label: str
    before: Position
    after: Position


@dataclass
class Corroboration:
    """How many independent articles back one stance edge (actor, stance, topic), and what contradicts it."""

    actor: str
    actor_label: str
    stance: str
    topic: str
    topic_label: str
    articles: int
    statements: int
    first: str
    last: str
    contradicted_in: list[str] = field(default_factory=list)  # articles that hold the opposite stance too
    opposed_by: int = 0  # articles in which the actor takes the opposite stance

    @property
    def contradiction(self) -> str:
        """"same article", "across articles" or "" (no opposite stance anywhere)."""
        if self.contradicted_in:
            return "same article"
        return "across articles" if self.opposed_by else ""


def _names(source: Any) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    labels: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    broader: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(source, NAMES_QUERY):
        x = row.get("x")
        if not x:
            continue
        if row.get("label"):
            labels[x].add(row["label"])
            names[x].add(row["label"])
        if row.get("alt"):
            names[x].add(row["alt"])
        if row.get("broader"):
            broader[x].add(row["broader"])
    return {x: min(values) for x, values in labels.items()}, names, broader


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def load_positions(source: Any, *, include_negated: bool = True,
                   as_state_of_office: bool = False) -> tuple[list[Position], dict[str, set[str]]]:
    """All stance positions of a store (a newskg ``Store``, ``pyoxigraph.Store`` or ``rdflib.Dataset``).

    Returns the positions sorted by time, and every node's names (labels and
    alternative labels, for matching what a user types). Negated statements
    already carry the stance after negation ("did not support" is oppose);
    ``include_negated=False`` leaves them out. ``as_state_of_office=True`` counts
    each office holder's stances for what they speak for (:func:`as_state`).
    """
    labels, names, broader = _names(source)
    statements: dict[str, dict[str, str]] = {}
    for row in query_rows(source, POSITIONS_QUERY):
        if not include_negated and row.get("negated", "").lower() in ("true", "1"):
            continue
        known = statements.setdefault(row["st"], row)
        for key, value in row.items():  # several articles or dates: keep what the first row lacks
            known.setdefault(key, value)
    positions = []
    for row in statements.values():
        topic = row.get("topic") or row["o"]
        families = sorted(broader.get(topic, ()))
        family = families[0] if families else ""
        positions.append(Position(
            statement=row["st"],
            actor=row["s"],
            actor_label=labels.get(row["s"], _local(row["s"])),
            stance=row["polarity"],
            relation=row.get("relation", ""),
            object=row["o"],
            object_label=row.get("oText") or labels.get(row["o"], _local(row["o"])),
            topic=topic,
            topic_label=labels.get(topic, _local(topic)),
            evidence=row["evidence"],
            article=row.get("article", ""),
            date=_calendar_date(row.get("date")) or _calendar_date(row.get("stDate")),
            event_date=_calendar_date(row.get("eventDate")),
            precision=row.get("precision", ""),
            family=family,
            family_label=labels.get(family, "") if family else "",
            title=row.get("title", ""),
            source=row.get("source", ""),
        ))
    if as_state_of_office:
        positions = as_state(positions, load_offices(source), labels)
    positions.sort(key=lambda p: (p.when, p.date, p.article, p.actor_label, p.topic_label, p.statement))
    return positions, names


def load_offices(source: Any) -> dict[tuple[str, str], str]:
    """(article, person) -> the actor the person speaks for in that article: the office stated first."""
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for row in query_rows(source, OFFICES_QUERY):
        key, start = (row["article"], row["person"]), int(row.get("start") or 0)
        if key not in found or (start, row["office"]) < found[key]:
            found[key] = (start, row["office"])
    return {key: office for key, (_, office) in found.items()}


def as_state(positions: Iterable[Position], offices: dict[tuple[str, str], str],
             labels: dict[str, str] | None = None) -> list[Position]:
    """The positions with each office holder's stance counted for the state or organisation they speak for in
    that article (as ``newskg evaluate --as-state`` does), marked with :attr:`Position.said_by`.

    >>> p = Position("s1", "id/liu", "Liu Jieyi", "support", "support", "t", "sanctions", "t/sanction", "sanction",
    ...              "China's envoy Liu Jieyi supported sanctions.", "d1")
    >>> [(q.actor_label, q.said_by) for q in as_state([p], {("d1", "id/liu"): "id/china"}, {"id/china": "China"})]
    [('China', 'Liu Jieyi')]
    """
    labels = labels or {}
    out = []
    for p in positions:
        office = offices.get((p.article, p.actor))
        if office is None or office == p.actor:
            out.append(p)
        else:
            out.append(replace(p, actor=office, actor_label=labels.get(office, _local(office)), said_by=p.actor_label))
    return out


def _calendar_date(value: str | None) -> str:
    """The ISO date ``YYYY-MM-DD`` that starts ``value``, or "" for anything else (a store changed by hand
    may hold "yesterday"): positions without a date are listed, never drawn.

    >>> _calendar_date("2017-08-07"), _calendar_date("2017-08-07T10:00:00Z"), _calendar_date("yesterday")
    ('2017-08-07', '2017-08-07', '')
    """
    try:
        return date.fromisoformat(value[:10]).isoformat() if value and len(value) >= 10 else ""
    except ValueError:
        return ""


def select(positions: Sequence[Position], names: dict[str, set[str]], *, actor: str | None = None,
           topic: str | None = None) -> list[Position]:
    """The positions of one actor on one topic, each named by its id or a whole name (any case).

    The topic is a canonical topic or a topic family (its positions are those
    of the topics filed under it); "sanctions" finds the topic *sanction*,
    whose alternative labels hold its surface forms. Names are compared by
    identity, never as substrings: when several actors or topics have the
    name, or none has it but some contain it, they are listed and
    :class:`~newskg.extract.errors.AmbiguousNameError` asks the user to
    choose (see :mod:`newskg.graph.identity`). Nothing is chosen when no
    name comes close.
    """
    chosen = list(positions)
    if actor:
        labels = {p.actor: p.actor_label for p in chosen}
        wanted = choose(actor, {a: names.get(a, set()) | {label} for a, label in labels.items()}, what="actor",
                        labels=labels, option="--actor")
        chosen = [p for p in chosen if p.actor == wanted]
    if topic:
        labels = {p.topic: p.topic_label for p in chosen}
        labels.update({p.family: p.family_label for p in chosen if p.family})
        wanted = choose(topic, {t: names.get(t, set()) | {label} for t, label in labels.items()}, what="topic",
                        labels=labels, option="--topic")
        chosen = [p for p in chosen if wanted and wanted in (p.topic, p.family)]
    return chosen


def timeline(source: Any, *, actor: str, topic: str | None = None) -> list[Position]:
    """An actor's positions (on a topic) in time order; raises ``InputError`` when the actor is unknown."""
    positions, names = load_positions(source)
    mine = select(positions, names, actor=actor)
    if not mine:
        raise InputError(f"no stance of {actor!r} in the store; `newskg actors` lists the actors")
    return select(mine, names, topic=topic) if topic else mine


def _by_pair(positions: Iterable[Position]) -> dict[tuple[str, str], list[Position]]:
    pairs: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in positions:
        pairs[(p.actor, p.topic)].append(p)
    return pairs


def shifts(positions: Iterable[Position]) -> list[Shift]:
    """Actor-topic pairs whose stance changed from one article to a later one.

    Articles are taken in time order (:attr:`Position.when`); an article in
    which the actor takes both stances on the topic is a contradiction, not a
    position, and is skipped (see :func:`corroboration`). Each shift keeps
    the last statement of the old stance and the first of the new one.
    """
    found = []
    for (actor, topic), items in _by_pair(positions).items():
        articles: dict[str, list[Position]] = defaultdict(list)
        for p in items:
            articles[p.article].append(p)
        ordered = sorted(articles.values(), key=lambda ps: (min(p.when for p in ps), ps[0].article))
        last: Position | None = None
        for group in ordered:
            stances = {p.stance for p in group}
            if len(stances) != 1:
                continue
            group = sorted(group, key=lambda p: (p.when, p.statement))
            if last is not None and last.stance not in stances:
                found.append(Shift(actor, group[0].actor_label, topic, group[0].topic_label, last, group[0]))
            last = group[-1]
    found.sort(key=lambda s: (s.after.when, s.actor_label, s.topic_label))
    return found


def corroboration(positions: Iterable[Position]) -> list[Corroboration]:
    """Every stance edge (actor, stance, topic) with its independent articles and contradictions.

    Articles count once however many statements they hold. An edge is
    contradicted "in the same article" when one article has the actor take
    both stances on the topic, "across articles" when other articles have the
    opposite stance (which :func:`shifts` orders in time).
    """
    pairs = _by_pair(positions)
    rows = []
    for (actor, topic), items in pairs.items():
        by_stance: dict[str, list[Position]] = defaultdict(list)
        for p in items:
            by_stance[p.stance].append(p)
        articles = {s: {p.article for p in ps} for s, ps in by_stance.items()}
        for stance, ps in by_stance.items():
            opposite = articles.get(_OPPOSITE[stance], set())
            rows.append(Corroboration(
                actor=actor,
                actor_label=ps[0].actor_label,
                stance=stance,
                topic=topic,
                topic_label=ps[0].topic_label,
                articles=len(articles[stance]),
                statements=len(ps),
                first=min(p.when for p in ps),
                last=max(p.when for p in ps),
                contradicted_in=sorted(articles[stance] & opposite),
                opposed_by=len(opposite),
            ))
    rows.sort(key=lambda r: (-r.articles, -r.statements, r.actor_label, r.topic_label, r.stance))
    return rows


_STANCE_Y = {"support": 1, "oppose": -1}
_STANCE_COLOR = {"support": "#2ca02c", "oppose": "#d62728"}


def plot_timeline(positions: Sequence[Position], path: str | Path | None = None, *, title: str | None = None):
    """Draw positions as stance (+1 support, -1 oppose) over time, one line per actor; save when ``path`` is given.

    Returns the matplotlib Figure.

    >>> import tempfile, os
    >>> pos = Position("s", "a", "China", "support", "back", "o", "sanctions", "t", "sanction", "China backs sanctions.",
    ...                "d1", date="2017-08-07")
    >>> len(plot_timeline([pos], os.path.join(tempfile.mkdtemp(), "t.png")).axes[0].collections)
    1
    """
    import matplotlib

    if path is not None:
        matplotlib.use("Agg")
    from datetime import timedelta

    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    dated = [p for p in positions if p.when]
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=110)
    actors = sorted({p.actor_label for p in dated})
    offsets = {a: (i - (len(actors) - 1) / 2) * 0.08 for i, a in enumerate(actors)}
    markers = "osD^v<>p*h"
    stacked: dict[tuple[Any, str], int] = defaultdict(int)
    for i, name in enumerate(actors):
        mine = sorted((p for p in dated if p.actor_label == name), key=lambda p: p.when)
        xs = [date.fromisoformat(p.when[:10]) for p in mine]
        ys = [_STANCE_Y[p.stance] + offsets[name] for p in mine]
        ax.plot(xs, ys, drawstyle="steps-post", color="#999999", linewidth=0.8, zorder=1)
        ax.scatter(xs, ys, c=[_STANCE_COLOR[p.stance] for p in mine], marker=markers[i % len(markers)], s=70,
                   zorder=2, label=name, edgecolors="black", linewidths=0.5)
        for x, y, p in zip(xs, ys, mine):
            text = f"{p.relation} {p.object_label}"
            row = stacked[(x, p.stance)]  # statements at one point are listed one under the other
            stacked[(x, p.stance)] += 1
            ax.annotate(text if len(text) <= 38 else text[:37] + "…", (x, y), textcoords="offset points",
                        xytext=(7, 8 + 10 * row if p.stance == "support" else -14 - 10 * row),
                        fontsize=7.5, color="#333333")
    ax.set_yticks([-1, 0, 1], ["oppose", "", "support"])
    ax.set_ylim(-1.8, 1.8)
    ax.axhline(0, color="#dddddd", linewidth=0.8, zorder=0)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    if dated:
        first = min(date.fromisoformat(p.when[:10]) for p in dated)
        last = max(date.fromisoformat(p.when[:10]) for p in dated)
        pad = max((last - first) / 6, timedelta(days=7))
        ax.set_xlim(first - pad, last + pad * 2)
    fig.autofmt_xdate()
    if actors:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker=markers[i % len(markers)], linestyle="", color="#777777", label=a)
                   for i, a in enumerate(actors)]
        handles += [Line2D([], [], marker="o", linestyle="", color=c, label=s) for s, c in _STANCE_COLOR.items()]
        ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    ax.set_title(title or "stance over time", fontsize=11)
    ax.set_xlabel("event date, else article date")
    fig.tight_layout()
    if path is not None:
        path = Path(path)
        if path.suffix.lower() not in (".png", ".svg", ".pdf"):
            raise InputError(f"cannot draw {path.name}: give a file name ending in .png, .svg or .pdf")
        try:
            write_atomically(path, lambda out: fig.savefig(out, format=path.suffix.lower()[1:]),
                             instead="choose another --png")
        finally:
            plt.close(fig)
    return fig
