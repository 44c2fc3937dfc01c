#!/usr/bin/env bash
# `knead validate`: warnings with their line, names as well as files, and --json parsed
# back and compared with the plain output.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# json_to_text FILE: parses the --json output strictly (the one-object-a-line layout knead
# writes) and prints each diagnostic as the plain output would; "INVALID ..." on a
# malformed line.
json_to_text() {
    awk '
    function fail(why) { print "INVALID line " NR ": " why; bad = 1; exit }
    # Reads the JSON string that starts at pos (at its quote); sets pos past it.
    function str(   out, c, h) {
        if (substr($0, pos, 1) != "\"") fail("expected a string at column " pos)
        pos++; out = ""
        while (1) {
            c = substr($0, pos, 1); pos++
            if (c == "") fail("unterminated string")
            if (c == "\"") return out
            if (c != "\\") { out = out c; continue }
            c = substr($0, pos, 1); pos++
            if (c == "n") out = out "\n"
            else if (c == "t") out = out "\t"
            else if (c == "\"" || c == "\\" || c == "/") out = out c
            else if (c == "u") { h = substr($0, pos, 4); pos += 4; out = out "<U+" h ">" }
            else fail("bad escape \\" c)
        }
    }
    function lit(s) {
        if (substr($0, pos, length(s)) != s) fail("expected " s " at column " pos)
        pos += length(s)
    }
    function num(   m) {
        if (!match(substr($0, pos), /^[0-9]+/)) fail("expected a number at column " pos)
        m = substr($0, pos, RLENGTH); pos += RLENGTH; return m + 0
    }
    NR == 1 {
        if ($0 == "{\"version\":2,\"diagnostics\":[]}") { empty = 1; next }
        if ($0 != "{\"version\":2,\"diagnostics\":[") fail("first line is not the document start")
        next
    }
    empty { fail("text after the empty document") }
    $0 == "]}" { closed = 1; next }
    closed { fail("text after ]}") }
    {
        if (NR > 2 && !comma) fail("no comma after the object before")
        pos = 1
        lit("{\"file\":"); file = str()
        lit(",\"line\":"); line = num()
        lit(",\"column\":"); col = num()
        lit(",\"severity\":"); sev = str()
        if (sev != "error" && sev != "warning") fail("severity " sev)
        lit(",\"message\":"); msg = str()
        lit("}")
        comma = substr($0, pos) == ","
        if (!comma && substr($0, pos) != "") fail("text after the object")
        if (line == 0) print file ": " sev ": " msg
        else print file ":" line ":" col ": " sev ": " msg
    }
    END {
        if (bad) exit 1
        if (!empty && !closed) { print "INVALID: no closing ]}"; exit 1 }
        if (comma) { print "INVALID: a comma after the last object"; exit 1 }
    }' "$1"
}

# expect_same_diagnostics: runs validate plain and with --json on the same arguments and
# checks that the JSON holds exactly the plain diagnostics, and the same exit status.
expect_same_diagnostics() {
    local rc_plain=0 rc_json=0
    LAST_CMD="knead validate [--json] $*"
    "$KNEAD" validate "$@" >"$TMP/plain" 2>/dev/null || rc_plain=$?
    "$KNEAD" validate --json "$@" >"$TMP/json" 2>"$TMP/json-err" || rc_json=$?
    expect_eq "$rc_json" "$rc_plain" "exit status with and without --json"
    json_to_text "$TMP/json" >"$TMP/parsed" || fail "the JSON should parse" "valid" \
        "$(grep INVALID "$TMP/parsed")" "$TMP/json"
    pass
    # Without the count line and the excerpts ("  12 | source", "     |   ^"), which the
    # JSON does not carry.
    sed '$d' "$TMP/plain" | grep -Ev '^ *([0-9]+)? \| ' >"$TMP/plain-diagnostics" || true
    cmp -s "$TMP/parsed" "$TMP/plain-diagnostics" ||
        fail "the JSON should hold the plain diagnostics" "$(wc -l <"$TMP/plain-diagnostics") lines" \
            "$(diff "$TMP/plain-diagnostics" "$TMP/parsed" | head -n 4)" "$TMP/json"
    pass
    # The count goes to stderr, so stdout is the JSON alone.
    expect_eq "$(cat "$TMP/json-err")" "$(tail -n 1 "$TMP/plain")" "the count on stderr with --json"
}

# --- A routine with warnings only is valid: exit 0, each warning at its line -----------
W="$ROUTINES/warn.toml"
cat >"$W" <<'TOML'
schema = 1
name = "Warnings"
area = "test"

[defaults]
hold_max = 120
hold = 100

[[point]]
id = "no-extras"
name = "No extras"
muscle = "m"
locate = "Find it."
press = "Press it."
stretch_seconds = 20

[[point]]
id = "hot"
name = "Hot"
muscle = "m"
refers_to = ["x"]
locate = "Find it."
press = "Press it."
stretch = "Stretch it."
target_pain = [6, 9]
hold_min = 40
hold_max = 40
hold = 40
TOML
expect_exit 0 "$KNEAD" validate "$W"
expect_regex "$OUT" "^$W:6:1: warning: hold_max = 120 lets holds grow past 90 s"
expect_regex "$OUT" "^$W:7:1: warning: a hold of 100 s is long"
expect_regex "$OUT" "^$W:9:1: warning: point \`no-extras\` has no \`stretch\`"
expect_regex "$OUT" "^$W:9:1: warning: point \`no-extras\` has no \`refers_to\`"
expect_regex "$OUT" "^$W:15:1: warning: \`stretch_seconds\` has no effect"
expect_regex "$OUT" "^$W:25:1: warning: target_pain reaches 9"
expect_regex "$OUT" "^$W:26:1: warning: hold_min equals hold_max \\(40 s\\)"
expect_line_count "$OUT" 7 ': warning: '
expect_regex "$OUT" '^1 routine checked: 1 valid, 0 invalid \(0 errors, 7 warnings\)$'
expect_same_diagnostics "$W"
# `run` shows the warnings too, on stderr, and runs the routine.
repeat_answer 60 6
expect_exit 0 "$KNEAD" run "$W" --no-wait --log "$TMP/w.log" <"$ANSWERS"
expect_line_count "$ERR" 7 ': warning: '
# The built-in routines have none, so running them prints nothing on stderr.
repeat_answer 60 6
expect_exit 0 "$KNEAD" run chest --no-wait --log "$TMP/c.log" <"$ANSWERS"
expect_empty "$ERR"

# --- Names, files and directories; a mistyped name gets a suggestion ----------------------
expect_exit 0 "$KNEAD" validate neck
expect_eq "$(cat "$OUT")" "1 routine checked: 1 valid, 0 invalid (0 errors, 0 warnings)" "validate neck"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" validate warn chest
expect_regex "$OUT" '^2 routines checked: 2 valid, 0 invalid \(0 errors, 7 warnings\)$'
expect_exit 2 "$KNEAD" validate nek
expect_eq "$(cat "$OUT")" "nek: error: no such file, and no routine of that name on the search path; did you mean \`neck\`?
1 routine checked: 0 valid, 1 invalid (1 error, 0 warnings)" "validate of a mistyped name"
expect_exit 2 "$KNEAD" validate "$TMP/nothing-here.toml"
expect_regex "$OUT" "^$TMP/nothing-here.toml: error: no such file$"

# --- --json: errors, warnings, file-level problems, escapes ------------------------------
B="$ROUTINES/bad.toml"
cat >"$B" <<'TOML'
schema = 1
name = "Bad \"quoted\" \\ name"
area = "test"
colour = "red"

[[point]]
id = "p"
name = "P"
muscle = "m"
refers_to = ["x"]
locate = "L."
press = "P."
stretch = "S."
hold = 95
hold_max = 95
TOML
printf '' >"$ROUTINES/empty.toml"
expect_exit 2 "$KNEAD" validate --json "$B"
expect_first_line "$OUT" '{"version":2,"diagnostics":['
expect_regex "$OUT" "^\\{\"file\":\"$B\",\"line\":4,\"column\":1,\"severity\":\"error\",\"message\":\"unknown key \`colour\` in the routine\"\\},\$"
expect_regex "$OUT" "^\\{\"file\":\"$B\",\"line\":14,\"column\":1,\"severity\":\"warning\",\"message\":\"a hold of 95 s is long"
expect_same_diagnostics "$B"
expect_same_diagnostics "$ROUTINES"
expect_same_diagnostics "$ROUTINES/empty.toml" nek "$W"
expect_regex "$TMP/json" '"line":0,"column":0,"severity":"error","message":"the file is empty'
# A file name with a quote and a backslash is escaped.
ODD="$TMP/odd \"name\" \\ here.toml"
cp "$B" "$ODD"
expect_same_diagnostics "$ODD"
expect_contains "$TMP/json" '"file":"'"$TMP"'/odd \"name\" \\ here.toml"'
# All valid: no diagnostics, exit 0.
expect_exit 0 "$KNEAD" validate --json neck
expect_eq "$(cat "$OUT")" '{"version":2,"diagnostics":[]}' "--json when there is nothing to report"
expect_eq "$(cat "$ERR")" "1 routine checked: 1 valid, 0 invalid (0 errors, 0 warnings)" "count on stderr"
