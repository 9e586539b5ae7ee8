"""Validates DCAT-AP.de Turtle files or a live paged catalog with pyshacl.

Usage: catalog_shacl_check.py SHAPES_DIR (--url FIRST_PAGE | FILE...)

The shapes graph is the SEMIC DCAT-AP 3.0.0 shapes plus GovData's
DCAT-AP.de 3.0 shapes (testdata/dcat-ap-de/README.md says which files and
why). With --url, the pages are fetched one after the other by following
hydra:next (else hydra:nextPage) of the hydra:PagedCollection, as
ckanext-dcat's harvester (GovData) does, and each page is validated.
Prints one line per document and ends with "N passed, N failed".
"""

import sys
import urllib.request
from pathlib import Path

import pyshacl
from rdflib import Graph, Namespace, RDF

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SHAPES = [
    "semic-dcat-ap-3.0.0/dcat-ap-SHACL.ttl",
    "govdata-v3.0/dcat-ap-SHACL-DE.ttl",
    "govdata-v3.0/dcat-ap-spec-german-additions.ttl",
    "govdata-v3.0/dcat-ap-de-controlledvocabularies.ttl",
    "govdata-v3.0/dcat-ap-de-deprecated.ttl",
]


def shapes_graph(root: Path) -> Graph:
    g = Graph()
    for name in SHAPES:
        g.parse(root / name, format="turtle")
    return g


def next_page(g: Graph):
    """The harvester's rule: hydra:next, else hydra:nextPage."""
    for coll in g.subjects(RDF.type, HYDRA.PagedCollection):
        for p in (HYDRA.next, HYDRA.nextPage):
            for o in g.objects(coll, p):
                return str(o)
    return None


def check(name: str, data: Graph, shapes: Graph, ont: Graph) -> bool:
    # The stand-in vocabulary entries are added to the data graph (pyshacl's
    # ontology graph would only lend class definitions to the data, not
    # skos:inScheme of an instance). Strict: any result, a warning too,
    # fails (allow_warnings is off).
    conforms, _, text = pyshacl.validate(
        data + ont,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
    )
    datasets = len(set(data.subjects(RDF.type, Namespace("http://www.w3.org/ns/dcat#").Dataset)))
    if conforms:
        print(f"ok      {name} ({datasets} datasets, {len(data)} triples)")
    else:
        print(f"FAILED  {name}")
        print(text)
    return conforms


def main() -> int:
    args = sys.argv[1:]
    root = Path(args[0]).resolve()
    shapes = shapes_graph(root)
    ont = Graph().parse(root / "contributors-stand-in.ttl", format="turtle")
    passed = failed = 0
    if args[1] == "--url":
        url, seen = args[2], set()
        while url:
            if url in seen:
                print(f"FAILED  {url}: hydra:next leads back to a page already read")
                failed += 1
                break
            seen.add(url)
            with urllib.request.urlopen(url) as r:
                ctype = r.headers.get("Content-Type", "")
                body = r.read()
            data = Graph().parse(data=body, format="turtle", publicID=url)
            ok = ctype.startswith("text/turtle") and check(url, data, shapes, ont)
            if not ctype.startswith("text/turtle"):
                print(f"FAILED  {url}: Content-Type {ctype}")
            passed, failed = passed + ok, failed + (not ok)
            url = next_page(data)
    else:
        files = args[1:]
        if not files:
            print("FAILED  no files to validate")
            failed += 1
        for f in files:
            ok = check(f, Graph().parse(str(Path(f).resolve()), format="turtle"), shapes, ont)
            passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
