"""``newskg build`` and ``newskg evaluate``: the main job and its measurement."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newskg.extract.errors import InputError

from .cli_common import DEFAULT_STORE, console, escape_controls, note, shown

__all__ = ["register"]


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )


def _read_items(inputs: list[str], max_bytes: int):
    """Each input article, or ``(source, error)`` for an input that cannot be used; reading goes on."""
    from newskg.extract.read import read_articles

    errors: list[InputError] = []
    for article in read_articles(inputs, max_bytes=max_bytes, on_error=errors.append):
        while errors:
            yield ("", errors.pop(0))
        yield article
    while errors:
        yield ("", errors.pop(0))


def build(
    inputs: list[str] = typer.Argument(..., help="Article files (.txt, .md, .html), folders or glob patterns."),
    store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help="Store directory (or http(s):// SPARQL store)."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per spaCy batch."),
    n_process: int = typer.Option(1, "--n-process", "-j", min=1, help="Parser processes."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes", min=1, help="Refuse input files larger than this."),
    write_batch: int = typer.Option(
        None, "--write-batch", min=1,
        help="Quads gathered before each store write (default 100,000; larger: faster, more memory).",
    ),
    dask: str = typer.Option(
        None, "--dask", metavar="ADDRESS",
        help="Extract on a Dask cluster: tcp://scheduler:8786, or 'local' for two worker processes here.",
    ),
) -> None:
    """Read articles, extract triples and add them to the store (articles already there are skipped)."""
    from newskg.extract.parse import load_nlp

    from .ingest import WRITE_QUADS, add_vocabulary, ingest
    from .names import index_names, indexed
    from .store import Store

    write_batch = write_batch or WRITE_QUADS
    with contextlib.ExitStack() as stack:
        target = stack.enter_context(Store.open(store))  # before the model loads: a locked store fails at once
        if not indexed(target) and (added := index_names(target)):  # before new articles join older ones
            note(f"the store had no name index (built before newskg kept one): added {added} name key(s)")
        nlp = load_nlp() if dask is None else None
        if dask is not None:
            from .distributed import dask_client

            client = stack.enter_context(dask_client(dask))
        progress = stack.enter_context(_progress())
        task = progress.add_task("extracting", total=_count_inputs(inputs), note="")

        def advance(article, triples: int):
            progress.update(task, advance=1, note=f"{triples} triples from {shown(Path(article.source).name)}")

        if dask is not None:
            from .distributed import ingest_dask

            report = ingest_dask(inputs, target, client=client, batch_size=batch_size, max_bytes=max_bytes,
                                 on_extracted=advance, on_input=lambda source: progress.update(task, advance=1),
                                 write_quads=write_batch, vocabulary=True)
        else:
            items = _counting(_read_items(inputs, max_bytes), progress, task)
            report = ingest(items, target, nlp=nlp, batch_size=batch_size, n_process=n_process, on_extracted=advance,
                            on_skipped=lambda source: progress.update(task, advance=1),
                            write_quads=write_batch, vocabulary=True)
        if report.added or report.skipped:  # written with the first batch; restored if an older build left it out
            add_vocabulary(target)  # so that queries can follow rdfs:subPropertyOf* to supports / opposes
        total = len(target)
    if len(report.failed) == 1 and not report.added and not report.skipped:
        raise report.failed[0][1]  # the only input could not be used: its error is the whole story
    repeated = f", {len(report.duplicates)} repeating another input" if report.duplicates else ""
    console.print(
        f"{len(report.added)} article(s) added, {len(report.skipped)} already in the store{repeated}, "
        f"{len(report.failed)} failed; {report.triples} triples, {report.quads} quads written; "
        f"the store holds {total} quads.",
        highlight=False,
        soft_wrap=True,
    )
    if report.gaps:
        note(f"{report.gaps} sentence(s) named an actor but gave no statement; "
             "`newskg explain FILE` lists them with their parse.")
    if report.undated:
        names = ", ".join(Path(source).name for source in report.undated[:3])
        more = f" and {len(report.undated) - 3} more" if len(report.undated) > 3 else ""
        note(f"{len(report.undated)} article(s) have no date ({names}{more}): their statements are undated on the "
             "timeline; give a `Date:` line, front matter or a dateline.")
    for source, error in report.failed:
        console.print(f"[yellow]skipped[/] {shown(' '.join(str(error).split()))}", highlight=False, soft_wrap=True)
    if report.failed:
        raise typer.Exit(max(error.exit_code for _source, error in report.failed))
    if not report.added and not report.skipped and not report.duplicates:
        raise InputError("no article text found in the inputs; pass .txt, .md or .html news articles")


def index(
    store: str = typer.Option(str(DEFAULT_STORE), "--store", "-s", help="Store directory (or http(s):// SPARQL store)."),
) -> None:
    """Add the name index to a store built before newskg kept one, so that names are found at once.

    `newskg build` does it too before it adds articles; running it again adds nothing.
    """
    from .names import index_names
    from .store import Store, StoreMissingError, missing_store_message

    if not store.startswith(("http://", "https://")) and not (Path(store) / "CURRENT").is_file():
        raise StoreMissingError(missing_store_message(store))
    with Store.open(store) as target:
        added = index_names(target)
    note(f"added {added} name key(s) to the store at {store}" if added
         else f"no name key was missing in the store at {store}")


def _count_inputs(inputs: list[str]) -> int | None:
    """How many files the inputs name (an input that names none counts once: it will be reported), for the
    progress bar; None if the inputs cannot be listed."""
    from newskg.extract.read import expand_inputs

    total = 0
    for item in inputs:
        try:
            total += len(expand_inputs(item))
        except InputError:
            total += 1
        except OSError:
            return None
    return total or None


def _counting(items, progress: Progress, task):
    """Advance the bar for inputs that never reach extraction (failed or already stored)."""
    for item in items:
        if isinstance(item, tuple):
            progress.update(task, advance=1)
        yield item


def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Gold standard (JSON Lines)."),
    articles: Path = typer.Option(
        None, "--articles", help="Folder of the gold's articles (default: ../corpus/seeds beside the gold's folder)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    limit: int = typer.Option(0, "--show", help="List at most this many misses and false positives (0: all)."),
    as_state: bool = typer.Option(
        False, "--as-state",
        help="Count an office holder's statements for the state they speak for (gold coded by state, as CAMEO is).",
    ),
) -> None:
    """Measure the extractor against a gold standard: precision, recall, F1, misses and false positives."""
    from newskg.extract.evaluate import DIFFICULTIES, POLARITIES, evaluate as run_evaluation, load_gold
    from newskg.extract.parse import load_nlp
    from newskg.extract.pipeline import extract_many
    from newskg.extract.read import read_article

    gold_triples = load_gold(gold)
    folder = articles or (gold.resolve().parent.parent / "corpus" / "seeds")
    docs = sorted({g.doc for g in gold_triples})
    missing = [d for d in docs if not (folder / d).is_file()]
    if missing:
        raise InputError(f"articles of the gold not found in {folder}: {', '.join(missing)}; pass --articles DIR")
    nlp = load_nlp()
    texts = {name: read_article(folder / name) for name in docs}
    report = run_evaluation(gold_triples, texts, lambda items: extract_many(items, nlp=nlp), nlp, as_state=as_state)
    result = report.as_dict()
    if as_json:
        typer.echo(escape_controls(json.dumps(result, indent=2, ensure_ascii=False)))
        return
    table = Table(title=f"newskg evaluation on {shown(gold.name)}")
    for column in ("slice", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="right" if column != "slice" else "left")

    def row(name: str, scores: dict) -> None:
        table.add_row(
            name, f"{scores['precision']:.3f}", f"{scores['recall']:.3f}", f"{scores['f1']:.3f}",
            str(scores["tp"]), str(scores["predicted"]), str(scores["gold"]),
        )

    row("overall", result["overall"])
    row("stance (support+oppose)", result["stance"])
    for polarity in POLARITIES:
        row(f"polarity {polarity}", result["polarity"][polarity])
    for difficulty in DIFFICULTIES:
        row(f"difficulty {difficulty}", result["difficulty"][difficulty])
    out = console.__class__(highlight=False, soft_wrap=True)
    out.print(table)
    misses = report.misses[: limit or None]
    out.print(f"\n[bold]Misses[/] ({len(report.misses)})")
    for g in misses:
        out.print(shown(f"  {g.id} [{g.difficulty}] {g.subject} | {g.relation} | {g.polarity} | {g.object}")
                  + f"\n      \u201c{shown(g.evidence)}\u201d")
    out.print(f"\n[bold]False positives[/] ({len(report.false_positives)})")
    for doc, t in report.false_positives[: limit or None]:
        out.print(shown(f"  {doc} {t.subject.label} | {t.relation} | {t.polarity} | {t.object.label} ({t.pattern})")
                  + f"\n      \u201c{shown(t.sentence)}\u201d")
    out.print(f"\nextraction took {report.seconds:.2f} s")


def explain(
    article: Path = typer.Argument(..., help="One article file (.txt, .md, .html)."),
    show_all: bool = typer.Option(False, "--all", help="Also list the statements found, sentence by sentence."),
) -> None:
    """Show what the extractor missed in one article: each sentence that names an actor but gave no
    statement, with its parse (word/dependency->head, part of speech), so that a rule or a lexicon
    entry can be added for it.

    Example: newskg explain examples/articles/000_a2ed5babcf17c71c.txt --all
    """
    from newskg.extract.parse import load_nlp
    from newskg.extract.clean import strip_controls
    from newskg.extract.pipeline import doc_triples, evidence_bounds, gap_sentences
    from newskg.extract.read import read_article

    found = read_article(article)
    doc = load_nlp()(found.text)
    triples = doc_triples(doc, found)
    gaps = gap_sentences(doc)
    out = console.__class__(highlight=False, soft_wrap=True, markup=False)

    def say(text: str) -> None:
        out.print(strip_controls(text))

    if show_all:
        say(f"{len(triples)} statement(s):")
        for t in triples:
            say(f"  {t.subject.label} | {t.relation} | {t.polarity} | {t.object.label}  ({t.pattern})")
            say(f"      \u201c{t.sentence}\u201d")
    say(f"{len(gaps)} sentence(s) named an actor but gave no statement:")
    for sent in gaps:
        first, last = evidence_bounds(doc.text, sent.start_char, sent.end_char)
        start, end = found.offsets.span_to_raw(first, last)
        say(f"\n  [{start}:{end}] {' '.join(doc.text[first:last].split())}")
        words = [f"{t.text}/{t.dep_}->{t.head.i - sent.start}:{t.pos_}" for t in sent if not t.is_space]
        say("      " + "  ".join(words))


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(index)
    app.command()(evaluate)
    app.command()(explain)
