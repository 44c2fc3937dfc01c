#!/usr/bin/env python3
"""The JSON checks of test_json.sh.

  json_fields.py FILE [DOC HEADING] [KEY.KEY...]...
  json_fields.py --serve

parses FILE strictly and, with DOC and HEADING, prints `missing: PATH` for each field path
that the table under "## HEADING" of DOC lists and FILE lacks, and `undocumented: PATH`
for each one FILE has and the table does not. Then it prints, a line each, the value at
each KEY.KEY... (a number picks from an array) as ASCII JSON.

Paths are jq paths as docs/json.md writes them: `.matches[].point`. A strict parse: the
bytes must be UTF-8, with no NaN or Infinity, no duplicate keys and no text after the
value; anything else prints `INVALID: why` and exits 1.

With --serve, it reads such argument lists from stdin, one a line with the arguments
separated by tabs, and answers each with the lines above and then `END STATUS`: python
starts slowly, so a test starts it once for all its outputs.
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
        raise ValueError(f"{doc}: no field table under '## {heading}'")
    return fields


def check(args):
    """The report's lines for one argument list, and the exit status."""
    lines = []
    try:
        value = strict_load(args[0])
        args = args[1:]
        if len(args) >= 2 and args[0].endswith(".md"):
            listed = set(documented(args[0], args[1]))
            found = set()
            walk(value, "", found)
            lines += [f"missing: {path}" for path in sorted(listed - found)]
            lines += [f"undocumented: {path}" for path in sorted(found - listed)]
            args = args[2:]
        for query in args:
            inner = value
            for key in query.split("."):
                inner = inner[int(key)] if isinstance(inner, list) else inner[key]
            lines.append(json.dumps(inner, ensure_ascii=True))
    except (OSError, ValueError, KeyError, IndexError) as e:
        return lines + [f"INVALID: {type(e).__name__}: {e}"], 1
    return lines, 0


def main():
    if sys.argv[1:] != ["--serve"]:
        lines, status = check(sys.argv[1:])
        for line in lines:
            print(line)
        sys.exit(status)
    for request in sys.stdin:
        lines, status = check(request.rstrip("\n").split("\t"))
        for line in lines:
            print(line)
        print(f"END {status}", flush=True)


main()
