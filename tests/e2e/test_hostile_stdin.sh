#!/usr/bin/env bash
# Input that never ends or never pauses: a signal still ends the session, logged as
# interrupted, and a line has a length limit.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# signal_ends LOG SIGNAL CODE INPUT-COMMAND...: runs `knead run neck` on the real clock,
# reading what the command writes, sends SIGNAL once the session has started (its start
# record is in the log) and a moment later, in the first countdown, while the input is
# always readable, and checks that knead has ended within a
# second of it with CODE, and logged the session as interrupted.
signal_ends() {
    local log=$1 sig=$2 code=$3
    shift 3
    LAST_CMD="$* | knead run neck, then SIG$sig"
    "$@" 2>/dev/null | "$KNEAD" run neck --log "$log" >"$OUT" 2>"$ERR" &
    local pid=$!  # the last command of the pipeline: knead
    # A sanitized build on a busy machine can take longer than a fixed pause to start.
    local i
    for ((i = 0; i < 400; i++)); do
        [[ -s $log ]] && break
        sleep 0.05
    done
    sleep 0.3
    kill -"$sig" "$pid" 2>/dev/null || fail "knead ended before the signal" "running" "gone" "$OUT"
    for ((i = 0; i < 20; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid"
        fail "SIG$sig did not end knead within a second" "exit $code" "still running"
    fi
    local rc=0
    wait "$pid" || rc=$?
    expect_eq "$rc" "$code" "exit status after SIG$sig"
    tail -n 1 "$log" >"$TMP/last"
    expect_regex "$TMP/last" ' event=end status=interrupted .* step=[a-z]+$'
}

# An endless stream of NUL bytes (no newline ever), of wrong answers, and of right ones.
signal_ends "$TMP/zero.log" TERM 143 cat /dev/zero
signal_ends "$TMP/yes.log" TERM 143 yes x
signal_ends "$TMP/int.log" INT 130 yes 6
signal_ends "$TMP/hup.log" HUP 129 cat /dev/zero
expect_contains "$OUT" "Interrupted (hang-up)"

# --- Endless input that holds no answer ends the session by itself: stopped, exit 3 ------
# (a bounded run of refused answers; each MiB of a line that never ends counts as one).
for source in "yes x" "cat /dev/zero"; do
    LAST_CMD="$source | knead run neck --no-wait"
    rc=0
    $source 2>/dev/null | timeout 20 "$KNEAD" run neck --no-wait --log "$TMP/bounded.log" \
        >"$OUT" 2>"$ERR" || rc=$?
    expect_eq "$rc" 3 "exit status of endless input with no answer ($source)"
    tail -n 1 "$TMP/bounded.log" >"$TMP/last"
    expect_regex "$TMP/last" ' event=end status=stopped '
    rm -f "$TMP/bounded.log"
done

# --- An over-long line is refused as one answer, and the session goes on ----------------
write_routine "$ROUTINES/tiny.toml" right 1
{
    head -c 100000 /dev/zero | tr '\0' '7'
    printf '\n'
    printf '6\n%.0s' {1..10}
} >"$ANSWERS"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/long.log" <"$ANSWERS"
expect_line_count "$OUT" 1 'Please type a number from 0 to 10'
expect_contains "$OUT" "Session complete"
# The echo of the refused line is cut at the limit, not 100,000 characters long.
awk 'length($0) > 400 { bad = 1 } END { exit bad }' "$OUT" ||
    fail "an output line longer than the input limit" "at most 400 characters" "longer" "$OUT"
pass
expect_regex "$TMP/long.log" 'step=locate planned=15 actual=15.0 pain=6$'

# NUL bytes inside a line make it an invalid answer, not a truncated valid one.
{ printf '6\0\0\n'; printf '6\n%.0s' {1..10}; } >"$ANSWERS"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/nul.log" <"$ANSWERS"
expect_line_count "$OUT" 1 'Please type a number from 0 to 10'

# A last line without a newline, longer than the limit, is refused too; then input ends.
head -c 5000 /dev/zero | tr '\0' 'x' >"$ANSWERS"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/tail.log" <"$ANSWERS"
expect_line_count "$OUT" 1 'Please type a number from 0 to 10'
expect_contains "$OUT" "Input ended"
