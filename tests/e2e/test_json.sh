#!/usr/bin/env bash
# Every JSON output against docs/json.md: each field the docs list is in the real output
# and each field of the real output is in the docs. Every output parses strictly (UTF-8,
# no duplicate keys) whatever bytes its input held: control characters, escapes, bytes
# that are not UTF-8, in a query, a routine file's name and a hand-edited log.
if ! command -v python3 >/dev/null; then
    echo "test_json: skipped: python3 is not installed (scripts/test installs it)"
    exit 77
fi
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

DOC="$KNEAD_SOURCE/docs/json.md"
FIELDS="$KNEAD_SOURCE/tests/e2e/json_fields.py"

# expect_documented_fields HEADING FILE: FILE's field paths are exactly those that the
# table under "## HEADING" of docs/json.md lists.
expect_documented_fields() {
    local heading=$1 file=$2 missing extra
    LAST_CMD="the fields of '$heading' in docs/json.md"
    python3 "$FIELDS" documented "$DOC" "$heading" >"$TMP/doc.fields" ||
        fail "docs/json.md should list the fields of '$heading'" "a table" "$(cat "$TMP/doc.fields")"
    python3 "$FIELDS" paths "$file" >"$TMP/out.fields" ||
        fail "the output of '$heading' should parse" "valid JSON" "$(cat "$TMP/out.fields")" "$file"
    missing=$(comm -23 "$TMP/doc.fields" "$TMP/out.fields" | tr '\n' ' ')
    extra=$(comm -13 "$TMP/doc.fields" "$TMP/out.fields" | tr '\n' ' ')
    [[ -z $missing ]] || fail "documented fields of '$heading' in the output" "all of them" "missing: $missing" "$file"
    [[ -z $extra ]] || fail "the fields of '$heading' in docs/json.md" "all of them" "undocumented: $extra" "$file"
    pass
}

# json_get FILE KEY...: the value there, as ASCII JSON (fails the test on invalid JSON).
json_get() {
    python3 "$FIELDS" get "$@" || fail "$1 should be valid JSON with ${*:2}" "valid" "$(python3 "$FIELDS" get "$@")" "$1"
}

# --- validate --json: an error and a warning ------------------------------------------
B="$ROUTINES/bad.toml"
write_routine "$B"
# In the point: an unknown key (an error) and a long hold (a warning).
printf 'colour = "red"\nhold = 95\nhold_max = 95\n' >>"$B"
expect_exit 2 "$KNEAD" validate --json "$B"
cp "$OUT" "$TMP/validate.json"
expect_documented_fields "knead validate --json" "$TMP/validate.json"
expect_eq "$(json_get "$TMP/validate.json" version)" 2 "validate: version"
expect_eq "$(json_get "$TMP/validate.json" diagnostics 0 severity)" '"error"' "validate: the error"
expect_eq "$(json_get "$TMP/validate.json" diagnostics 1 severity)" '"warning"' "validate: the warning"

# A file name with an escape, a tab and a byte that is not UTF-8.
ODD="$ROUTINES/$(printf 'odd\033[31m\t\377').toml"
cp "$B" "$ODD"
expect_exit 2 "$KNEAD" validate --json "$ODD"
expect_eq "$(json_get "$OUT" diagnostics 0 file)" "\"$ROUTINES/odd\\u001b[31m\\t\\ufffd.toml\"" "validate: an odd file name"

# --- where --json TEXT: matches and a care note ---------------------------------------
expect_exit 0 "$KNEAD" where --json numb temple
cp "$OUT" "$TMP/where.json"
expect_documented_fields "knead where --json TEXT" "$TMP/where.json"
expect_eq "$(json_get "$TMP/where.json" version)" 2 "where: version"
expect_match "$(json_get "$TMP/where.json" care)" '^\["[A-Z]' "where: a care note"

expect_exit 1 "$KNEAD" where --json "$(printf 'x\033[2J\001\177\377"\\y')"
expect_eq "$(json_get "$OUT" query)" '"x\u001b[2J\u0001\u007f\ufffd\"\\y"' "where: a hostile query"
expect_eq "$(json_get "$OUT" matches)" '[]' "where: no match"

# --- where --json: the places ---------------------------------------------------------
expect_exit 0 "$KNEAD" where --json
cp "$OUT" "$TMP/places.json"
expect_documented_fields "knead where --json" "$TMP/places.json"

# --- history --json: real sessions, so that points have trends --------------------------
LOG="$TMP/sessions.log"
{
    echo "# knead log v1"
    echo "time=2026-10-01T07:30:00+01:00 session=S1 event=start routines=neck clock=real version=0.1.0"
    echo "time=2026-10-01T07:31:00+01:00 session=S1 routine=neck point=trap side=left rep=1 step=hold planned=30 actual=30.0 pain=7 next=35"
    echo "time=2026-10-01T07:32:00+01:00 session=S1 routine=neck point=trap side=left rep=2 step=hold planned=35 actual=35.0 pain=5"
    echo "time=2026-10-01T07:40:00+01:00 session=S1 event=end status=completed points=1 duration=600.0"
    # A hand-edited session: control characters and a byte that is not UTF-8.
    printf 'time=2026-10-02T07:30:00+01:00 session="S2\\t\033[31m\377" event=start routines=neck clock=real version=0.1.0\n'
    printf 'time=2026-10-02T07:31:00+01:00 session="S2\\t\033[31m\377" routine=neck point=trap side=left rep=1 step=hold planned=35 actual=35.0 pain=6\n'
} >"$LOG"
expect_exit 0 "$KNEAD" history --json --log "$LOG"
cp "$OUT" "$TMP/history.json"
expect_documented_fields "knead history --json" "$TMP/history.json"
expect_eq "$(json_get "$TMP/history.json" version)" 2 "history: version"
expect_eq "$(json_get "$TMP/history.json" sessions 1 session)" '"S2\t\u001b[31m\ufffd"' "history: an odd session id"
expect_eq "$(json_get "$TMP/history.json" points 0 sessions 0 next)" 35 "history: next"
expect_eq "$(json_get "$TMP/history.json" points 0 sessions 0 planned_first)" 30 "history: planned_first"
# The same fields with a subject, and the TSV columns have the JSON's names.
expect_exit 0 "$KNEAD" history neck.trap --format json --log "$LOG"
expect_documented_fields "knead history --json" "$OUT"
expect_exit 0 "$KNEAD" history neck --format tsv --log "$LOG"
expect_first_line "$OUT" "$(printf 'time\tsession\troutine\tpoint\tpain_first\tpain_last\tholds\tplanned_first\tnext')"
# The text and TSV outputs show the control characters as ?.
expect_regex "$OUT" $'^2026-10-02T07:30:00\\+01:00\tS2\\?\\?\\[31m\\?\tneck\t'
expect_no_escapes "$OUT"
