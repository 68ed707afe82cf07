#!/usr/bin/env python3
"""Check that SinoGraph's outputs of one graph agree with each other and load in the usual tools.

    check_graph_outputs.py --json graph.json --schema Docs/graph.schema.json \
        --graphml graph.graphml [--dot graph.dot]

Checks, one line each (`ok: ...` or `FAIL: ...`):
  - the JSON matches the JSON Schema (draft 2020-12, with the `jsonschema` package);
  - networkx.read_graphml loads the GraphML;
  - the GraphML has one node per entity and event of the JSON, with the same ids;
  - the GraphML has one edge per participant, per event place and per relation;
  - with --dot, and when GraphViz's `dot` is installed, `dot -Tsvg` accepts the DOT.

Exits 1 if any check fails. Needs `pip install jsonschema networkx`.
"""

import argparse
import json
import shutil
import subprocess
import sys


class Report:
    def __init__(self):
        self.failed = False

    def ok(self, message):
        print(f"ok: {message}")

    def fail(self, message):
        print(f"FAIL: {message}")
        self.failed = True

    def check(self, condition, message, detail=""):
        if condition:
            self.ok(message)
        else:
            self.fail(f"{message}{': ' + detail if detail else ''}")
        return condition


def check_schema(report, graph, schema_path):
    try:
        import jsonschema
    except ImportError:
        report.fail("jsonschema is not installed (pip install jsonschema)")
        return
    try:
        with open(schema_path, encoding="utf-8") as file:
            schema = json.load(file)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        report.fail(f"schema {schema_path} is not a valid draft 2020-12 schema: {error}")
        return
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(graph), key=lambda e: list(e.absolute_path))
    if not errors:
        report.ok(f"JSON matches {schema_path}")
        return
    # A handful of errors says what is wrong; thousands would bury it.
    for error in errors[:10]:
        path = "/".join(str(part) for part in error.absolute_path) or "(top)"
        report.fail(f"JSON at {path}: {error.message}")
    if len(errors) > 10:
        report.fail(f"... and {len(errors) - 10} more schema errors")


def expected_edges(graph):
    events = graph.get("events", [])
    participants = sum(len(event.get("participants", [])) for event in events)
    places = sum(1 for event in events if event.get("place") is not None)
    return participants + places + len(graph.get("relations", []))


def check_graphml(report, graph, graphml_path):
    try:
        import networkx
    except ImportError:
        report.fail("networkx is not installed (pip install networkx)")
        return
    try:
        loaded = networkx.read_graphml(graphml_path)
    except Exception as error:  # networkx raises parser, key and type errors alike
        report.fail(f"networkx.read_graphml({graphml_path}): {type(error).__name__}: {error}")
        return
    report.ok(f"networkx loads {graphml_path} ({type(loaded).__name__})")

    ids = [item["id"] for item in graph.get("entities", [])] + [item["id"] for item in graph.get("events", [])]
    report.check(
        loaded.number_of_nodes() == len(ids),
        f"GraphML has {loaded.number_of_nodes()} nodes for {len(ids)} entities and events",
    )
    # Equal counts could still hide a dangling edge end standing in for a missing node.
    unexpected = sorted(set(loaded.nodes) - set(ids))
    missing = sorted(set(ids) - set(loaded.nodes))
    report.check(
        not unexpected and not missing,
        "GraphML node ids are the JSON's entity and event ids",
        f"not in the JSON: {unexpected[:5]}; not in the GraphML: {missing[:5]}",
    )
    edges = expected_edges(graph)
    report.check(
        loaded.number_of_edges() == edges,
        f"GraphML has {loaded.number_of_edges()} edges for {edges} participants, places and relations",
    )


def check_dot(report, dot_path):
    executable = shutil.which("dot")
    if executable is None:
        print(f"skip: GraphViz's dot is not installed; {dot_path} not checked")
        return
    result = subprocess.run(
        [executable, "-Tsvg", dot_path, "-o", "/dev/null"], capture_output=True, text=True, check=False
    )
    report.check(
        result.returncode == 0,
        f"dot -Tsvg accepts {dot_path}",
        f"exit {result.returncode}: {result.stderr.strip()[:500]}",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", required=True, help="output of Graph.jsonData()")
    parser.add_argument("--schema", required=True, help="Docs/graph.schema.json")
    parser.add_argument("--graphml", required=True, help="output of Graph.graphML() for the same graph")
    parser.add_argument("--dot", help="output of Graph.dot() for the same graph")
    arguments = parser.parse_args()

    report = Report()
    try:
        with open(arguments.json, encoding="utf-8") as file:
            graph = json.load(file)
        report.ok(f"{arguments.json} is JSON")
    except (OSError, ValueError) as error:
        report.fail(f"cannot read {arguments.json}: {error}")
        return 1

    check_schema(report, graph, arguments.schema)
    if isinstance(graph, dict):
        check_graphml(report, graph, arguments.graphml)
    else:
        report.fail("the JSON is not an object; GraphML not compared")
    if arguments.dot:
        check_dot(report, arguments.dot)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
