#!/usr/bin/env bash
# What a terminal shows. Colour: on for a terminal, off with NO_COLOR or --color never,
# forced with --color always or CLICOLOR_FORCE; cursor codes only ever on a terminal.
# Big digits with --big when the window has room.
source "$(dirname "$0")/lib.sh"
: "${PTYDRIVE:?set PTYDRIVE to the pty driver (CTest does this)}"

write_routine "$ROUTINES/tiny.toml" right 1
ESC=$'\033'

in_pty() {  # ENV... -- ARGS...: knead in a pty, quit at the first countdown; output in $OUT
    local envs=()
    while [[ $1 != -- ]]; do envs+=("$1"); shift; done
    shift
    LAST_CMD="ptydrive env ${envs[*]} knead $*"
    "$PTYDRIVE" env TERM=xterm "${envs[@]}" "$KNEAD" --routines "$ROUTINES" run tiny \
        --log "$TMP/pty.log" --quiet "$@" >"$OUT" 2>&1 <<'SCRIPT' || fail "pty run" "exit 3" "other" "$OUT"
expect space pause
send q
exit 3
SCRIPT
    pass
}

in_pty -- --
expect_contains "$OUT" "${ESC}[36mLOCATE"   # colour
expect_contains "$OUT" "${ESC}[?25l"        # the cursor hides during the countdown

in_pty NO_COLOR=1 --
expect_not_contains "$OUT" "${ESC}[36m"
expect_contains "$OUT" "${ESC}[?25l"        # still a terminal: the countdown redraws in place

in_pty -- --color never
expect_not_contains "$OUT" "${ESC}[36m"

in_pty TERM=dumb --
expect_not_contains "$OUT" "${ESC}[36m"

in_pty NO_COLOR=1 -- --color always        # the flag beats the variable
expect_contains "$OUT" "${ESC}[36mLOCATE"

# On a pipe: colour only when forced, and never cursor codes.
answers q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/p.log" \
    --color always <"$ANSWERS"
expect_contains "$OUT" "${ESC}[36mLOCATE"
expect_not_contains "$OUT" "${ESC}[?25l"
CLICOLOR_FORCE=1 expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait \
    --log "$TMP/p.log" <"$ANSWERS"
expect_contains "$OUT" "${ESC}[36mLOCATE"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/p.log" <"$ANSWERS"
expect_not_contains "$OUT" "$ESC"

# --big: the seconds left in large digits (ASCII here: the tests run with LC_ALL=C). The
# pty is 100x30, room for digits 18 rows tall, each cell 7 columns wide: a 0:15 countdown
# starts with the top row of a 0 (21 columns), the blank top of ':' and of the 1 beside it.
BIG_TOP="$(printf '#%.0s' {1..21})$(printf ' %.0s' {1..28})$(printf '#%.0s' {1..7})"
in_pty -- --big
expect_contains "$OUT" "$BIG_TOP"
in_pty -- --
expect_not_contains "$OUT" "$BIG_TOP"
