#!/usr/bin/env bash
# What the screen shows, from an emulated terminal fed by a pseudo-terminal: the countdown
# panel stays one panel through resizes and in a narrow window, and a terminal without
# cursor codes (TERM=dumb or unset) gets plain lines and no escape sequence at all.
source "$(dirname "$0")/lib.sh"
: "${PTYDRIVE:?set PTYDRIVE to the pty driver (CTest does this)}"

# One point on the right side; its first step, locate, takes 15 s.
write_routine "$ROUTINES/slow.toml" right 1

drive() {  # TERM-SETTING: runs knead in the pty, the script on stdin; output to $OUT
    local term=$1
    LAST_CMD="ptydrive env $term knead run slow"
    if ! "$PTYDRIVE" env "$term" LANG=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run slow \
        --log "$TMP/screen.log" --quiet >"$OUT" 2>&1; then
        fail "the pty script failed" "every step to pass" "a failed step" "$OUT"
    fi
    pass
}

# 100 -> 60 -> 100 columns: each width's legend shows that the panel was drawn at it,
# and the screen holds one panel, not a frozen copy per size.
drive TERM=xterm <<'SCRIPT'
expect LOCATE
expect space pause  s skip step
screen LOCATE  0: 1
resize 60 30
expect pause  s skip  n/N next
screen LOCATE  0: 1
resize 100 30
expect space pause  s skip step
screen LOCATE  0: 1
screen space pause 1
send q
exit 3
SCRIPT

# 30 columns: every line of the panel fits, so a tick rewrites it instead of adding rows.
drive TERM=xterm <<'SCRIPT'
expect LOCATE
expect space pause
resize 30 20
expect pause  s skip
expect 0:12
screen LOCATE  0: 1
screen pause  s skip 1
send q
exit 3
SCRIPT

# TERM=dumb, then no TERM at all: plain lines, keys still work, not one ESC byte.
for term in TERM=dumb -uTERM; do
    drive "$term" <<'SCRIPT'
expect LOCATE Tiny point (right side), 15 s
expect space pause  s skip step
send  
expect Paused: space resumes.
send  
expect Resumed.
send s
expect Step skipped.
expect Tenderness 0-10
send 5\r
expect PRESS
send q
exit 3
SCRIPT
    expect_no_escapes "$OUT"
    expect_line_count "$OUT" 0 '0:1[0-9]'  # no countdown redrawn on top of itself
done
expect_regex "$TMP/screen.log" 'step=locate .* pain=5 paused=[0-9.]+ early=skip$'

# Hands-free on TERM=dumb: the question's wait is not counted down with cursor codes, and
# the answer it takes is said in a plain line.
LAST_CMD="ptydrive env TERM=dumb knead run slow --hands-free=1"
"$PTYDRIVE" env TERM=dumb LANG=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run slow \
    --log "$TMP/dumb-hands-free.log" --quiet --hands-free=1 >"$OUT" 2>&1 <<'SCRIPT' ||
expect LOCATE
send s
expect (no key)
expect PRESS
send q
exit 3
SCRIPT
    fail "hands-free on TERM=dumb failed" "every step to pass" "a failed step" "$OUT"
pass
expect_no_escapes "$OUT"

# `show` in a 50-column window: every line fits, and the body picture, which is wider,
# gives way to its legend. At 100 columns the picture is there.
LAST_CMD="ptydrive -s 50x40 knead show neck"
"$PTYDRIVE" -s 50x40 env TERM=xterm LANG=C.UTF-8 "$KNEAD" show neck </dev/null >"$OUT" 2>&1 ||
    fail "show in a pty failed" "exit 0" "a failed step" "$OUT"
tr -d '\r' <"$OUT" >"$TMP/show50"
expect_line_count "$TMP/show50" 0 '^.{50,}$'
expect_contains "$TMP/show50" "The picture needs a wider window"
expect_contains "$TMP/show50" "A  Upper trapezius: side of the neck"
expect_line_count "$TMP/show50" 0 'FRONT'
expect_regex "$TMP/show50" '^            toward it\. Stay gentle\.$'  # under its label
"$PTYDRIVE" env TERM=xterm LANG=C.UTF-8 "$KNEAD" show neck </dev/null >"$OUT" 2>&1 ||
    fail "show in a pty failed" "exit 0" "a failed step" "$OUT"
expect_contains "$OUT" "FRONT"
expect_not_contains "$OUT" "The picture needs a wider window"

# `where` in a 50-column window: every line fits and no word is broken (the longest
# point id moves whole to a line of its own); on a pipe each heading stays one line.
LAST_CMD="ptydrive -s 50x40 knead where --map headache"
"$PTYDRIVE" -s 50x40 env TERM=xterm LANG=C.UTF-8 "$KNEAD" where --map headache </dev/null \
    >"$OUT" 2>&1 || fail "where in a pty failed" "exit 0" "a failed step" "$OUT"
tr -d '\r' <"$OUT" >"$TMP/where50"
expect_line_count "$TMP/where50" 0 '^.{50,}$'
expect_regex "$TMP/where50" '^ 1\. [A-Z]'
expect_regex "$TMP/where50" '^    Work it: knead run [a-z-]+\.[a-z-]+$'
expect_regex "$TMP/where50" '^      [a-z-]+\.[a-z-]+$'  # an id too long for its line, whole
expect_contains "$TMP/where50" "The picture needs a wider window"
expect_line_count "$TMP/where50" 0 'FRONT'
expect_exit 0 "$KNEAD" where --map headache
expect_regex "$OUT" '^ [1-9]\. .{50,}\)$'  # a heading longer than 50 columns, on one line
expect_contains "$OUT" "FRONT"

# --help in an 80-column window: every line fits, continued under its option's text.
for args in --help "run --help"; do
    LAST_CMD="ptydrive -s 80x40 knead $args"
    # shellcheck disable=SC2086
    "$PTYDRIVE" -s 80x40 env TERM=xterm "$KNEAD" $args </dev/null >"$OUT" 2>&1 ||
        fail "help in a pty failed" "exit 0" "a failed step" "$OUT"
    tr -d '\r' <"$OUT" >"$TMP/help80"
    expect_line_count "$TMP/help80" 0 '^.{80,}$'
    expect_regex "$TMP/help80" '^ {30}[^ ]'
done
expect_regex "$TMP/help80" '^  --speech-command "CMD ARGS" The speech command and its arguments, split at'

# --big: the time as tall as the window allows (far more than five rows in 100x30), the
# step and side large above it, and all of it still there while the question is asked.
# In 50x15 it is smaller and still fits.
big() {  # SIZE: the script on stdin
    LAST_CMD="ptydrive -s $1 knead run slow --big"
    "$PTYDRIVE" -s "$1" env TERM=xterm LC_ALL=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run slow \
        --big --log "$TMP/big.log" --quiet >"$OUT" 2>&1 ||
        fail "the pty script failed" "every step to pass" "a failed step" "$OUT"
    pass
}
big 100x30 <<'SCRIPT'
expect space pause
# 18 rows of time and 6 of "LOCATE RIGHT": the largest that fit 100 by 30.
screen █ >=24
send s
expect Tenderness 0-10
screen █ >=24
send q\r
exit 3
SCRIPT
big 50x15 <<'SCRIPT'
expect pause  s skip
screen █ >=8
show
send q
exit 3
SCRIPT
# One column for each block character (three bytes), so that a line's length is its width.
tr -d '\r' <"$OUT" | sed -n '/^--- screen/,/^---$/p' | sed 's/\xe2\x96[\x80-\xbf]/#/g' >"$TMP/big50"
expect_line_count "$TMP/big50" 10 '^\|  #'  # LOCATE RIGHT 3 rows tall, the time 7
expect_line_count "$TMP/big50" 0 '^\|.{50,}$'
