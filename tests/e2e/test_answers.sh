#!/usr/bin/env bash
# Every kind of answer: a pain number, Enter (same as last), s, q, !, and the invalid ones.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 2
REASK="Please type a number from 0 to 10, Enter for the same as last time, s to skip this point, q to stop, or ! for numbness, tingling, sharp or shooting pain, or dizziness."

RUNS=0
run_tiny() {  # CODE: runs tiny with $ANSWERS; the log is $LOG, the step records $STEPS
    RUNS=$((RUNS + 1))
    LOG="$TMP/answers-$RUNS.log"
    expect_exit "$1" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
    STEPS="$TMP/steps"
    # The steps that ask: a rest asks nothing.
    log_records "$LOG" ' step=' | grep -v ' step=rest ' | sed 's/^time=[^ ]* session=[^ ]* //' >"$STEPS"
}

# --- Enter alone repeats the last answer -----------------------------------------------
answers 5 "" "" "" "" "" ""
run_tiny 0
expect_line_count "$STEPS" 7
expect_line_count "$STEPS" 7 ' pain=5$'
expect_not_contains "$OUT" "There is no earlier answer"
expect_contains "$OUT" "Session complete"
expect_regex "$OUT" '^  Tiny point \(right side\) +done +2 holds, pain 5 -> 5$'
expect_line_count "$LOG" 2 ' step=rest planned=10 actual=10\.0$'  # after each hold
expect_line_count "$LOG" 1 ' step=rest planned=5 actual=5\.0$'    # between the stretches
expect_line_count "$LOG" 0 ' step=rest .* (pain|answer)='

# The repeated answer is the latest one, not the first one.
answers 5 7 "" 6 "" "" ""
run_tiny 0
expect_eq "$(sed 's/.* pain=//' "$STEPS" | tr '\n' ' ')" "5 7 7 6 6 6 6 " "pains logged for 5 7 Enter 6 Enter Enter Enter"

# --- Enter as the very first answer has nothing to repeat: asked again ------------------
answers "" 4 q
run_tiny 3
expect_contains "$OUT" "There is no earlier answer to repeat yet"
expect_line_count "$OUT" 1 'There is no earlier answer'
expect_line_count "$OUT" 1 '^LOCATE '
expect_line_count "$STEPS" 2
expect_regex "$STEPS" '^routine=tiny point=tiny-point side=right rep=1 step=locate planned=15 actual=15\.0 pain=4$'

# --- s skips the rest of the point -----------------------------------------------------
answers 6 s
run_tiny 0
expect_contains "$OUT" "Skipping the rest of this point."
expect_line_count "$OUT" 0 '^HOLD '
expect_contains "$OUT" "Session complete: 0 of 1 points, 0 of 1 sides"
expect_regex "$OUT" '^  Tiny point \(right side\) +skipped \(s\) +0 holds$'
expect_line_count "$LOG" 1 ' event=skip routine=tiny point=tiny-point side=right why=answer$'
expect_line_count "$STEPS" 2
SKIP=$(log_records "$LOG" ' answer=skip')
expect_eq "$(logfmt_keys "$SKIP")" "time session routine point side rep step planned actual answer" \
    "keys of the skipped step's record (no pain)"
expect_match "$SKIP" ' point=tiny-point side=right rep=1 step=press planned=10 actual=10\.0 answer=skip$' \
    "the skipped step's record"
expect_line_count "$LOG" 1 ' event=end status=completed points=1 '

# On a point worked on both sides, s skips both sides and moves on to the next point.
answers 6 s q
LOG="$TMP/skip-neck.log"
expect_exit 3 "$KNEAD" run neck --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Skipping the rest of this point."
expect_contains "$OUT" "Point 2/4: "
expect_not_contains "$OUT" "Point 1/4: Upper trapezius (right side)"
expect_line_count "$LOG" 1 ' point=upper-trapezius side=left rep=1 step=press .*answer=skip$'
expect_line_count "$LOG" 0 ' point=upper-trapezius side=right .*step='
expect_line_count "$LOG" 1 ' event=skip routine=neck point=upper-trapezius side=right why=answer$'
expect_line_count "$LOG" 1 ' event=skip routine=neck point=upper-trapezius side=left why=answer$'
expect_line_count "$LOG" 1 ' point=levator-scapulae side=left rep=1 step=locate .*answer=quit$'

# Upper case works too.
answers 6 S
run_tiny 0
expect_line_count "$STEPS" 1 ' answer=skip$'

# --- q stops the session: exit 3 ------------------------------------------------------
answers 6 6 q
run_tiny 3
expect_contains "$OUT" "Stopping the session. Every finished step is logged."
expect_contains "$OUT" "Session ended: 0 of 1 points, 0 of 1 sides"
expect_not_contains "$OUT" "Session complete"
expect_line_count "$STEPS" 3
QUIT=$(log_records "$LOG" ' answer=quit')
expect_match "$QUIT" ' rep=1 step=hold planned=30 actual=30\.0 answer=quit$' "the quit step's record"
expect_eq "$(logfmt_keys "$QUIT")" "time session routine point side rep step planned actual answer" \
    "keys of the quit step's record"
tail -n 1 "$LOG" >"$TMP/last"
expect_regex "$TMP/last" ' event=end status=stopped points=1 '

answers Q
run_tiny 3
expect_line_count "$LOG" 1 ' event=end status=stopped '

# --- ! is a red flag: stop, seek care, exit 4 -------------------------------------------
answers 6 '!'
run_tiny 4
expect_contains "$OUT" "Stop now."
expect_contains_ci "$OUT" "signs to stop pressing"
expect_contains "$OUT" "see a doctor or physiotherapist"
expect_not_contains "$OUT" "Session complete"
expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) .*rep 1/2, 30 s'
expect_line_count "$STEPS" 2
expect_line_count "$STEPS" 1 ' step=press planned=10 actual=10\.0 answer=red-flag$'
tail -n 1 "$LOG" >"$TMP/last"
expect_regex "$TMP/last" ' event=end status=red-flag points=1 '
expect_line_count "$LOG" 0 'status=(completed|stopped)'

# --- The sign itself, in a patient's words, is a red flag too; other words are not ------
answers 6 'ouch' "it's gone numb"
run_tiny 4
expect_contains "$OUT" "Please type a number from 0 to 10"  # for "ouch"
expect_contains "$OUT" "Stop now."
expect_line_count "$STEPS" 1 ' step=press planned=10 actual=10\.0 answer=red-flag$'
tail -n 1 "$LOG" >"$TMP/last"
expect_regex "$TMP/last" ' event=end status=red-flag points=1 '

# --- Blanks around an answer, and Windows line ends, are fine ---------------------------
printf ' 7 \n\t6\r\n5\r\nq\n' >"$ANSWERS"
run_tiny 3
expect_eq "$(sed -n 's/.* pain=//p' "$STEPS" | tr '\n' ' ')" "7 6 5 " "pains for ' 7 ', TAB 6 CR, 5 CR"
expect_not_contains "$OUT" "$REASK"

# --- Invalid answers are asked again; nothing crashes ----------------------------------
LONG=$(head -c 10000 /dev/zero | tr '\0' x)
DIGITS=$(head -c 10000 /dev/zero | tr '\0' 6)
{
    printf '11\n'                    # out of range
    printf 'abc\n'                   # not a number
    printf -- '-1\n'                 # negative
    printf '6.5\n'                   # not whole
    printf '%s\n' "$LONG"            # a 10000-character line
    printf '%s\n' "$DIGITS"          # 10000 digits
    printf '\001\002\033[31m\a\n'    # control characters
    printf '\0\n'                    # a NUL byte
    printf '5\0\n'                   # a number with a NUL byte after it
    printf '\377\376\n'              # bytes that are not UTF-8
    printf '\303\n'                  # a cut UTF-8 sequence
    printf 'ss\n'                    # not quite s
    printf '7\n'                     # finally, an answer
    printf 'q\n'
} >"$ANSWERS"
INVALID=12
run_tiny 3
expect_line_count "$OUT" "$INVALID" "^  ${REASK//./\\.}\$"
expect_line_count "$OUT" 1 '^LOCATE '
expect_line_count "$STEPS" 2
expect_regex "$STEPS" '^routine=tiny point=tiny-point side=right rep=1 step=locate planned=15 actual=15\.0 pain=7$'
expect_regex "$STEPS" ' step=press .* answer=quit$'
expect_empty "$ERR"
expect_no_escapes "$OUT"
# Nor any other raw control byte, NUL or invalid UTF-8 from those answers: their echo
# shows them as '?' (the routine's own texts are plain ASCII).
expect_eq "$(LC_ALL=C tr -d '\n\040-\176' <"$OUT" | wc -c | tr -d ' ')" 0 \
    "bytes other than printable ASCII and newlines in the transcript"

# Only the first answer after all those counts, and the session goes on normally after.
{
    printf '%s\n' "$LONG"
    printf '6\n6\n6\n6\n6\n6\n6\n'
} >"$ANSWERS"
run_tiny 0
expect_line_count "$OUT" 1 "^  ${REASK//./\\.}\$"
expect_line_count "$STEPS" 7 ' pain=6$'

# A 10000-character line stays invalid even when it ends in an answer: it must be asked
# again (or, for a trailing "!", taken as the red flag), never read as a different answer.
SPACES=$(head -c 9999 /dev/zero | tr '\0' ' ')
{
    printf '6\n'
    printf '%s!\n' "$SPACES"
    printf 'q\n'
} >"$ANSWERS"
LOG="$TMP/long-bang.log"
rc=0
"$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS" >"$OUT" 2>"$ERR" || rc=$?
LAST_CMD="knead run tiny with answers 6, (9999 blanks)!, q"
expect_match "$rc" '^(3|4)$' "exit status after a long line ending in !"
expect_line_count "$LOG" 1 ' step=locate .* pain=6$'
expect_line_count "$LOG" 0 ' step=press .* pain=6$'
expect_regex "$OUT" "^  $REASK\$|^Stop now\\."
