#!/usr/bin/env python3
"""The JSON checks of test_json.sh, one run per output (python starts slowly).

  json_fields.py FILE [DOC HEADING] [KEY.KEY...]...

parses FILE strictly and, with DOC and HEADING, prints `missing: PATH` for each field path
that the table under "## HEADING" of DOC lists and FILE lacks, and `undocumented: PATH`
for each one FILE has and the table does not. Then it prints, a line each, the value at
each KEY.KEY... (a number picks from an array) as ASCII JSON.

Paths are jq paths as docs/json.md writes them: `.matches[].point`. A strict parse: the
bytes must be UTF-8, with no NaN or Infinity, no duplicate keys and no text after the
value; anything else prints `INVALID: why` and exits 1.
"""
import json
import re
import sys


def strict_load(path):
    def no_constant(name):
        raise ValueError(f"{name} is not JSON")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"a duplicate key in {keys}")
        return dict(pairs)

    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="strict")
    return json.loads(text, parse_constant=no_constant, object_pairs_hook=no_duplicates)


def walk(value, path, out):
    if isinstance(value, dict):
        for key, inner in value.items():
            out.add(f"{path}.{key}")
            walk(inner, f"{path}.{key}", out)
    elif isinstance(value, list):
        for inner in value:
            walk(inner, f"{path}[]", out)


def documented(doc, heading):
    fields, inside = [], False
    with open(doc, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                inside = line[3:].strip() == heading
            elif inside:
                m = re.match(r"^\| `(\.[^`]*)` \|", line)
                if m:
                    fields.append(m.group(1))
    if not fields:
        sys.exit(f"{doc}: no field table under '## {heading}'")
    return fields


def main():
    args = sys.argv[1:]
    try:
        value = strict_load(args[0])
        args = args[1:]
        if len(args) >= 2 and args[0].endswith(".md"):
            listed = set(documented(args[0], args[1]))
            found = set()
            walk(value, "", found)
            for path in sorted(listed - found):
                print(f"missing: {path}")
            for path in sorted(found - listed):
                print(f"undocumented: {path}")
            args = args[2:]
        for query in args:
            inner = value
            for key in query.split("."):
                inner = inner[int(key)] if isinstance(inner, list) else inner[key]
            print(json.dumps(inner, ensure_ascii=True))
    except (ValueError, KeyError, IndexError) as e:
        print(f"INVALID: {type(e).__name__}: {e}")
        sys.exit(1)


main()
