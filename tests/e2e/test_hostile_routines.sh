#!/usr/bin/env bash
# Routine files built to hurt the parser: absurd nesting, huge files, enormous lines, a
# flood of errors. Each gets a clear error and exit 2, without a crash or a hang.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

HEAD='schema = 1\nname = "x"\narea = "y"\n'
# A guard against a hang (the test would otherwise wait for CTest's timeout); not a timing.
guard=()
command -v timeout >/dev/null && guard=(timeout 30)

# hostile FILE POSITION MESSAGE: validate and run both refuse FILE with one line,
# "FILE:POSITION: error: MESSAGE..." (POSITION empty for the file as a whole), and with a
# position, an excerpt of two lines under it that fit a terminal.
hostile() {
    local file=$1 at=$2 message=$3 excerpt=0
    [[ -n $at ]] && excerpt=2
    expect_exit 2 "${guard[@]}" "$KNEAD" validate "$file"
    expect_regex "$OUT" "^$file${at:+:$at}: error: $message"
    expect_line_count "$OUT" 1 ': error: '
    expect_regex "$OUT" '^1 routine checked: 0 valid, 1 invalid \(1 error, 0 warnings\)$'
    expect_line_count "$OUT" $((2 + excerpt))
    if ((excerpt)); then
        expect_regex "$OUT" "^ +${at%%:*} \| "
        expect_regex "$OUT" '^ +\| +\^$'
        expect_eq "$(awk 'length > 100' "$OUT" | grep -vc ': error: ' || true)" 0 "excerpt lines over 100 bytes"
    fi
    expect_exit 2 "${guard[@]}" "$KNEAD" run "$file" --no-wait --log "$TMP/never.log" </dev/null
    expect_line_count "$ERR" $((1 + excerpt))
    expect_regex "$ERR" "^$file${at:+:$at}: error: $message"
    expect_missing "$TMP/never.log"
}

repeat() {  # N TEXT: TEXT N times, without a newline
    awk -v n="$1" -v t="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", t }'
}

# --- 100,000 nested arrays, on one line or one per line --------------------------------
{ printf "$HEAD"; printf 'z = '; repeat 100000 '['; echo; } >"$TMP/brackets.toml"
hostile "$TMP/brackets.toml" 4:37 'nested more than 32 levels deep$'
{ printf "$HEAD"; printf 'z = '; repeat 100000 '[\n'; } >"$TMP/brackets-lines.toml"
hostile "$TMP/brackets-lines.toml" 36:1 'nested more than 32 levels deep$'
{ printf "$HEAD"; printf 'z = '; repeat 100000 '{a = '; echo; } >"$TMP/braces.toml"
hostile "$TMP/braces.toml" 4:165 'nested more than 32 levels deep$'

# --- Dotted keys nest tables too: a.a.a... 100,000 deep ---------------------------------
{ printf "$HEAD"; repeat 100000 'a.'; echo 'b = 1'; } >"$TMP/dotted.toml"
hostile "$TMP/dotted.toml" 4:66 'nested more than 32 levels deep$'
{ printf "$HEAD"; printf '['; repeat 100000 'a.'; echo 'b]'; } >"$TMP/dotted-table.toml"
hostile "$TMP/dotted-table.toml" 4:65 'nested more than 32 levels deep$'

# --- A 64 MiB file: refused by its size, never read ---------------------------------------
repeat $(((1 << 20) / 8)) 'a = 1  \n' >"$TMP/1mib"
copies=()
for ((i = 0; i < 64; i++)); do copies+=("$TMP/1mib"); done
cat "${copies[@]}" >"$TMP/64mib.toml"  # one cat, not 64
expect_eq "$(wc -c <"$TMP/64mib.toml" | tr -d ' ')" $((64 << 20)) "size of the generated file"
hostile "$TMP/64mib.toml" "" 'too large for a routine \(67108864 bytes; the limit is 1048576 bytes\)$'
rm "$TMP/64mib.toml"

# --- A 1 MB line: a string, an array of numbers (costly for the parser per value), a
# comment. Each is refused by its length, before parsing ---------------------------------
LONG='line longer than 4096 bytes: break it up'
{ printf "$HEAD"; printf 'summary = "'; repeat 1000000 x; echo '"'; } >"$TMP/long-string.toml"
hostile "$TMP/long-string.toml" 4:1 "$LONG"
{ printf "$HEAD"; printf 'z = ['; repeat 300000 '1,'; echo ']'; } >"$TMP/long-array.toml"
hostile "$TMP/long-array.toml" 4:1 "$LONG"
{ printf "$HEAD"; printf '# '; repeat 1000000 c; echo; } >"$TMP/long-comment.toml"
hostile "$TMP/long-comment.toml" 4:1 "$LONG"
# Just under the limit is fine as far as length goes.
{ printf "$HEAD"; printf 'summary = "'; repeat 4000 x; echo '"'; } >"$TMP/long-ok.toml"
expect_exit 2 "$KNEAD" validate "$TMP/long-ok.toml"
expect_not_contains "$OUT" "longer than"
expect_contains "$OUT" "the routine has no points"

# --- A flood of errors: the first 50, then a count --------------------------------------
{ printf "$HEAD"; repeat 10000 '[[point]]\n'; } >"$TMP/flood.toml"
expect_exit 2 "${guard[@]}" "$KNEAD" validate "$TMP/flood.toml"
expect_line_count "$OUT" 50 "^$TMP/flood.toml:[0-9]+:1: error: \\[\\[point\\]\\] #[0-9]+ is missing"
expect_line_count "$OUT" 1 "^$TMP/flood.toml: error: 49950 more problems not shown: fix these first$"
expect_line_count "$OUT" 152  # each of the 50 with its line and caret
