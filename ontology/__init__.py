"""The newskg vocabulary (``newskg.ttl``), the predicate table and the actor gazetteer.

Importing this package pulls in no RDF library: :mod:`newskg.extract` reads the
predicate table and the gazetteer from here as plain data.
"""
