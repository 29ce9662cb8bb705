"""Read, clean, parse and extract triples."""

from importlib import import_module as _import_module

# Names importable from ``newskg.extract``, loaded on first use so that
# importing one submodule stays cheap.
_LAZY = {
    "read_articles": "read", "read_article": "read", "article_from_text": "read",
    "decode_bytes": "read", "make_doc_id": "read", "expand_inputs": "read",
    "clean_markdown": "clean", "clean_text": "clean", "iter_chunks": "clean", "raw_span": "clean",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newskg.extract' has no attribute {name!r}")
    return getattr(_import_module(f"newskg.extract.{module}"), name)


__all__ = sorted(_LAZY)
