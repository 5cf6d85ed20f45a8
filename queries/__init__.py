"""kg.queries: the named SPARQL queries kg ships as package data, one `<name>.rq` each (see kg/data.py)."""
