"""Read, clean, parse and extract triples."""
