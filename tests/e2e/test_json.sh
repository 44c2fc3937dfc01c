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

# One python for every check (it starts slowly): json_fields.py answers each request line.
coproc FIELDS_SERVER { python3 "$FIELDS" --serve; }

# check_json FILE [HEADING] [KEY.KEY...]...: FILE parses strictly and, with a HEADING, has
# exactly the field paths that the table under "## HEADING" of docs/json.md lists. Sets
# VALUES to the values at the KEY paths, a line each, as ASCII JSON.
check_json() {
    local file=$1 heading="" report="" fields="" values="" line status=""
    shift
    if [[ $# -gt 0 && $1 != *.* && $1 == knead* ]]; then
        heading=$1
        shift
    fi
    LAST_CMD="json_fields.py $file ${heading:+"'$heading'"} $*"
    local IFS=$'\t'
    printf '%s\n' "$file${heading:+$IFS$DOC$IFS$heading}${*:+$IFS$*}" >&"${FIELDS_SERVER[1]}"
    while IFS= read -r line <&"${FIELDS_SERVER[0]}"; do
        case $line in
            "END "*) status=${line#END }; break ;;
            "missing: "* | "undocumented: "*) fields+="$line " ;;
            *) values+=${values:+$'\n'}$line ;;
        esac
        report+=${report:+$'\n'}$line
    done
    [[ -n $status ]] || fail "json_fields.py should answer" "END STATUS" "(it stopped)" "$file"
    [[ $status == 0 ]] || fail "$(basename "$file") should be valid JSON" "valid" "$report" "$file"
    if [[ -n $heading ]]; then
        [[ -z $fields ]] ||
            fail "the fields of '$heading' as docs/json.md lists them" "the same" "$fields" "$file"
        pass
    fi
    VALUES=$values
}

# --- validate --json: an error and a warning ------------------------------------------
B="$ROUTINES/bad.toml"
write_routine "$B"
# In the point: an unknown key (an error) and a long hold (a warning).
printf 'colour = "red"\nhold = 95\nhold_max = 95\n' >>"$B"
expect_exit 2 "$KNEAD" validate --json "$B"
cp "$OUT" "$TMP/validate.json"
check_json "$TMP/validate.json" "knead validate --json" version diagnostics.0.severity diagnostics.1.severity
expect_eq "$VALUES" '2
"error"
"warning"' "validate: the version, an error and a warning"

# A file name with an escape, a tab and a byte that is not UTF-8.
ODD="$ROUTINES/$(printf 'odd\033[31m\t\377').toml"
cp "$B" "$ODD"
expect_exit 2 "$KNEAD" validate --json "$ODD"
check_json "$OUT" diagnostics.0.file
expect_eq "$VALUES" "\"$ROUTINES/odd\\u001b[31m\\t\\ufffd.toml\"" "validate: an odd file name"

# --- where --json TEXT: matches and a care note ---------------------------------------
expect_exit 0 "$KNEAD" where --json numb temple
cp "$OUT" "$TMP/where.json"
check_json "$TMP/where.json" "knead where --json TEXT" version care
expect_match "$VALUES" $'^2\n\\["[A-Z]' "where: the version and a care note"

expect_exit 1 "$KNEAD" where --json "$(printf 'x\033[2J\001\177\377"\\y')"
check_json "$OUT" query matches
expect_eq "$VALUES" '"x\u001b[2J\u0001\u007f\ufffd\"\\y"
[]' "where: a hostile query, no match"

# --- where --json: the places ---------------------------------------------------------
expect_exit 0 "$KNEAD" where --json
cp "$OUT" "$TMP/places.json"
check_json "$TMP/places.json" "knead where --json"

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
check_json "$TMP/history.json" "knead history --json" version sessions.1.session \
    points.0.sessions.0.planned_first points.0.sessions.0.next
expect_eq "$VALUES" '2
"S2\t\u001b[31m\ufffd"
30
35' "history: the version, an odd session id, planned_first and next"
# The same fields with a subject, and the TSV columns have the JSON's names.
expect_exit 0 "$KNEAD" history neck.trap --format json --log "$LOG"
check_json "$OUT" "knead history --json"
expect_exit 0 "$KNEAD" history neck --format tsv --log "$LOG"
expect_first_line "$OUT" "$(printf 'time\tsession\troutine\tpoint\tpain_first\tpain_last\tholds\tplanned_first\tnext')"
# The text and TSV outputs show the control characters as ?.
expect_regex "$OUT" $'^2026-10-02T07:30:00\\+01:00\tS2\\?\\?\\[31m\\?\tneck\t'
expect_no_escapes "$OUT"
