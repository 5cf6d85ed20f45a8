"""kg.ontology: the ontology, SHACL shapes, knowledge base and lexicons kg ships as package data (see kg/data.py)."""
