#!/usr/bin/env python3
"""The JSON checks of test_json.sh.

  json_fields.py documented DOC HEADING   the field paths that DOC's section HEADING lists
  json_fields.py paths FILE               every field path in FILE, after a strict parse
  json_fields.py get FILE KEY...          the value at FILE's top-level KEY, then deeper keys
                                          (a number picks from an array), as ASCII JSON

Paths are jq paths as docs/json.md writes them: `.matches[].point`. A strict parse: the
bytes must be UTF-8, with no NaN or Infinity, no duplicate keys and no text after the
value; anything else prints why and exits 1.
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
    cmd, args = sys.argv[1], sys.argv[2:]
    try:
        if cmd == "documented":
            print("\n".join(sorted(set(documented(*args)))))
        elif cmd == "paths":
            out = set()
            walk(strict_load(args[0]), "", out)
            print("\n".join(sorted(out)))
        elif cmd == "get":
            value = strict_load(args[0])
            for key in args[1:]:
                value = value[int(key)] if isinstance(value, list) else value[key]
            print(json.dumps(value, ensure_ascii=True))
        else:
            sys.exit(f"unknown command {cmd}")
    except (ValueError, KeyError, IndexError) as e:
        print(f"INVALID: {type(e).__name__}: {e}")
        sys.exit(1)


main()
