#!/usr/bin/env bash
# When the answers run out mid-session: exit 3, say so, and keep every finished step.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 2

# --- Four answers for a session that asks seven questions ----------------------------
LOG="$TMP/eof.log"
answers 6 6 6 6
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Input ended before the session did: stopping here."
expect_contains "$OUT" "Every finished step is logged."
expect_contains "$OUT" "Session ended: 0 of 1 points, 0 of 1 sides"
expect_not_contains "$OUT" "Session complete"
expect_contains "$OUT" "HOLD Tiny point (right side), rep 2/2, 30 s"
expect_line_count "$OUT" 0 '^STRETCH '
expect_empty "$ERR"

expect_first_line "$LOG" "# knead log v1"
log_records "$LOG" | sed 's/^time=[^ ]* session=[^ ]* //' >"$TMP/records"
{
    echo "event=start routines=tiny clock=virtual version=0.1.0"
    echo "routine=tiny point=tiny-point side=right rep=1 step=locate planned=15 actual=15.0 pain=6"
    echo "routine=tiny point=tiny-point side=right rep=1 step=press planned=10 actual=10.0 pain=6"
    echo "routine=tiny point=tiny-point side=right rep=1 step=hold planned=30 actual=30.0 pain=6"
    echo "routine=tiny point=tiny-point side=right rep=1 step=rest planned=10 actual=10.0"
    echo "routine=tiny point=tiny-point side=right rep=2 step=press planned=10 actual=10.0 pain=6"
    echo "routine=tiny point=tiny-point side=right rep=2 step=hold planned=30 actual=30.0 answer=none"
    echo "event=end status=stopped points=1 duration=105.0"
} >"$TMP/expected"
expect_same_file "$TMP/records" "$TMP/expected"
tail -n 1 "$LOG" >"$TMP/last"
expect_regex "$TMP/last" ' event=end status=stopped '

# --- No answers at all ------------------------------------------------------------------
LOG="$TMP/none.log"
answers
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Input ended before the session did"
expect_line_count "$LOG" 4
expect_line_count "$LOG" 1 ' step=locate .* answer=none$'
expect_line_count "$LOG" 0 ' pain='
expect_line_count "$LOG" 1 ' event=end status=stopped points=1 duration=15\.0$'

# Standard input that is closed rather than empty ends the same way.
LOG="$TMP/closed.log"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <&-
expect_contains "$OUT" "Input ended before the session did"
expect_line_count "$LOG" 1 ' event=end status=stopped '

# --- A last answer without a newline still counts ---------------------------------------
LOG="$TMP/nonl.log"
printf '6\n7' >"$ANSWERS"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_line_count "$LOG" 1 ' step=press planned=10 actual=10\.0 pain=7$'
expect_line_count "$LOG" 1 ' step=hold .* answer=none$'

# --- Input that ends while an invalid answer is being asked again -----------------------
LOG="$TMP/invalid-eof.log"
answers 6 abc
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Please type a number from 0 to 10"
expect_contains "$OUT" "Input ended before the session did"
expect_line_count "$LOG" 1 ' step=press .* answer=none$'
expect_line_count "$LOG" 1 ' event=end status=stopped '

# --- Answers that are never answers, from a pipe: a bounded run, then a clean stop -------
LOG="$TMP/garbage.log"
rc=0
yes x | timeout 20 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" >"$OUT" 2>"$ERR" || rc=$?
LAST_CMD="yes x | knead run tiny --no-wait"
expect_eq "$rc" 3 "exit status after answers that are never answers"
expect_contains "$OUT" "20 answers in a row were not answers: stopping here."
expect_line_count "$OUT" 19 "^  Please type a number from 0 to 10"
expect_line_count "$LOG" 1 ' step=locate .* answer=none$'
expect_line_count "$LOG" 1 ' event=end status=stopped points=1 '
expect_whole_records "$LOG"
