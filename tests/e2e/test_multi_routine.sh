#!/usr/bin/env bash
# Several routines in one `knead run`: worked in order, logged as one session.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# --- neck then upper-back: one start record, one end record, steps in routine order -----
LOG="$TMP/two.log"
repeat_answer 500 6
expect_exit 0 "$KNEAD" run neck upper-back --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Session complete: 6 of 6 points"
expect_whole_records "$LOG"
expect_line_count "$LOG" 1 ' event=start '
expect_line_count "$LOG" 1 ' event=end '
START=$(log_records "$LOG" ' event=start ')
END=$(log_records "$LOG" ' event=end ')
expect_eq "$(log_field "$START" routines)" "neck,upper-back" "routines of the start record"
expect_eq "$(log_field "$END" status)" "completed" "status of the end record"
expect_eq "$(log_field "$END" points)" "6" "points of the end record"
# Every record belongs to the one session.
SESSION=$(log_field "$START" session)
expect_line_count "$LOG" "$(log_records "$LOG" . | wc -l)" " session=$SESSION "
# The routine of each step, run together: neck first, then upper-back, never mixed.
ORDER=$(log_records "$LOG" ' step=' | sed 's/.* routine=\([^ ]*\) .*/\1/' | uniq | tr '\n' ' ')
expect_eq "$ORDER" "neck upper-back " "routines of the steps, in order"
# Both routines' cautions come before the first point.
expect_before "$OUT" "Upper back" "Point 1/6:"
expect_contains "$OUT" "Point 6/6:"

# --- The session takes what `knead plan` says when no answer changes a hold --------------
# In upper-back and forearm every band is 5-7, so 6 keeps every hold as planned.
LOG="$TMP/planned.log"
expect_exit 0 "$KNEAD" plan upper-back forearm
TOTAL=$(sed -n 's/^ *\([0-9]*:[0-9][0-9]\)  end of session, total .*/\1/p' "$OUT")
expect_match "$TOTAL" '^[0-9]+:[0-9]{2}$' "total of the plan"
STEPS=$(grep -cE '^ +[0-9]+:[0-9]{2}  (locate|press|hold|rest|stretch) ' "$OUT")
expect_exit 0 "$KNEAD" run upper-back forearm --no-wait --log "$LOG" <"$ANSWERS"
END=$(log_records "$LOG" ' event=end ')
SECONDS_RUN=$(log_field "$END" duration)
expect_eq "$SECONDS_RUN" "$((10#${TOTAL%:*} * 60 + 10#${TOTAL#*:})).0" "duration against the plan's total"
expect_line_count "$LOG" "$STEPS" ' step='

# --- Stopping in the second routine ends the whole session ------------------------------
LOG="$TMP/stopped.log"
# forearm has 3 points on both sides, 7 questions a side: 3 x 2 x 7 = 42 answers; then q in jaw.
repeat_answer 42 6
echo q >>"$ANSWERS"
expect_exit 3 "$KNEAD" run forearm jaw --no-wait --log "$LOG" <"$ANSWERS"
END=$(log_records "$LOG" ' event=end ')
expect_eq "$(log_field "$END" status)" "stopped" "status after q in the second routine"
expect_eq "$(log_field "$END" points)" "4" "points started: 3 of forearm, 1 of jaw"
expect_eq "$(log_records "$LOG" ' answer=quit' | sed 's/.* routine=\([^ ]*\) .*/\1/')" "jaw" \
    "routine of the quit step"

# --- A composed routine and a plain one together ------------------------------------------
LOG="$TMP/composed.log"
repeat_answer 500 6
expect_exit 0 "$KNEAD" run desk-worker chest --no-wait --log "$LOG" <"$ANSWERS"
START=$(log_records "$LOG" ' event=start ')
expect_eq "$(log_field "$START" routines)" "desk-worker,chest" "routines of a composed session"
expect_regex "$LOG" ' routine=neck point=upper-trapezius side=left rep=1 step=locate .* via=desk-worker$'
expect_regex "$LOG" ' routine=chest point=pectoralis-major '

# --- One unknown routine: nothing runs, nothing is logged ---------------------------------
LOG="$TMP/none.log"
expect_exit 2 "$KNEAD" run neck uper-back --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$ERR" "no routine named \`uper-back\`"
expect_contains "$ERR" "Did you mean \`upper-back\`?"
expect_missing "$LOG"
