"""Inputs that made spaCy's tokenizer (or the HTML reader) quadratic, shared by the test and the bench.

Each entry: file name -> (content, whether it holds an article: True, False, or None for "stored or
refused in one line"). Most hold a long run of one kind and then a sentence the extractor must still
read. The last two are the hostile HTML pages of ``tests/test_read.py`` (deep nesting, a million
attributes), measured by the bench as well.
"""

from __future__ import annotations

from pathlib import Path

SENTENCE = "China opposes the new sanctions. Russia urges diplomacy to resolve the crisis."

#: Characters (or short units) repeated to 20 KB before the sentence: punctuation, symbols, emoji,
#: and a repeated suffix ("'s"), each of which spaCy splits off one at a time.
RUNS = ["$", "<", "!", "*", "(", '"', "'", "%", "=", "_", "…", "€", "“", ",", ":", "&", "😀", "?!", ":)", "<$",
        "'s", "a:", "-"]


def _name(unit: str) -> str:
    return "run-" + "-".join(f"{ord(c):x}" for c in unit)


def _entity_laughs() -> str:
    entities = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(8))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY a "aaaaaaaaaa">\n{entities}]>\n'
            f"<html><body><p>&i;</p><p>{SENTENCE}</p></body></html>")


def samples() -> dict[str, tuple[str, bool | None]]:
    """The pathological-input table."""
    table: dict[str, tuple[str, bool | None]] = {}
    for unit in RUNS:
        run = unit * (20_000 // len(unit))
        table[f"{_name(unit)}-glued.txt"] = (run + SENTENCE, True)
        table[f"{_name(unit)}-line.txt"] = (run + "\n\n" + SENTENCE, True)
    table["dollars-then-sentence.md"] = ("$" * 20_000 + " " + SENTENCE, True)
    for suffix in (".txt", ".md", ".html"):
        table[f"3mb-of-lt{suffix}"] = ("<" * 3_000_000, False)
    table["3mb-of-lt-then-sentence.txt"] = ("<" * 3_000_000 + "\n\n" + SENTENCE, True)
    table["entities-lt.html"] = ("<html><body><p>" + "&lt;" * 750_000 + "</p><p>" + SENTENCE + "</p></body></html>",
                                 True)
    table["entities-dollar-glued.html"] = ("<html><body><p>" + "&#36;" * 600_000 + SENTENCE + "</p></body></html>",
                                           True)
    table["entities-mixed.html"] = ("<html><body><p>" + "&amp;&#x3c;&quot;&euro;" * 150_000 + "</p><p>" + SENTENCE
                                    + "</p></body></html>", True)
    table["entity-laughs.xhtml"] = (_entity_laughs(), True)
    paragraph = f"<p>{SENTENCE} " + "The delegates met again to discuss the draft resolution on Tuesday. " * 10 + "</p>"
    table["deep-nesting.html"] = ("<html><body>" + "<div>" * 100_000 + paragraph + "</div>" * 100_000
                                  + "</body></html>", None)
    table["million-attributes.html"] = ("<html><body><div " + " ".join(f'a{i}="x"' for i in range(1_000_000)) + ">"
                                        + paragraph + "</div></body></html>", None)
    return table


def write_samples(folder: Path) -> dict[Path, bool | None]:
    """Write the table into ``folder``; returns each file and whether it holds an article."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (content, article) in samples().items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        written[path] = article
    return written
