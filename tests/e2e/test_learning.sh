#!/usr/bin/env bash
# Sessions that learn: a point's first hold starts where its last real session left it,
# within the routine's bounds; --fresh ignores the log; rehearsals (--no-wait) teach nothing.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 2
LOG="$TMP/s.log"
# A real-clock session that runs in a blink: the log records it as clock=real.
real_run() {  # CODE ARGS...: answers in $ANSWERS
    local code=$1
    shift
    expect_exit "$code" "$KNEAD" --routines "$ROUTINES" run tiny --speed 1000 --log "$LOG" "$@" <"$ANSWERS"
}
last_id() {  # the id of the last session in $LOG
    log_records "$LOG" ' event=start ' | tail -n 1 | sed 's/.* session=\([^ ]*\) .*/\1/'
}
holds() {  # the planned holds of the last session in $LOG
    log_records "$LOG" " session=$(last_id) .* step=hold " | sed 's/.* planned=\([0-9]*\) .*/\1/' |
        tr '\n' ' '
}

# --- A first session: pain 4 after the first hold, so the staircase goes up to 40 s ------
answers 6 6 4 6 6 6 6
real_run 0
expect_not_contains "$OUT" "from your last session"
expect_not_contains "$OUT" "How sore"
expect_eq "$(holds)" "30 40 " "holds of the first session"
expect_line_count "$LOG" 1 ' step=hold planned=30 actual=[0-9.]+ pain=4 next=40$'
expect_line_count "$LOG" 1 ' step=hold planned=40 actual=[0-9.]+ pain=6$'
expect_line_count "$LOG" 1 ' clock=real '

# --- The next session starts at 40 s and says so -----------------------------------------
# The area was worked minutes ago, so the soreness question comes first: 1, not sore.
answers 1 6 6 6 6 6 6 6
real_run 0
expect_contains "$OUT" "Tiny point: starting at 40 s, from your last session."
expect_contains "$OUT" "HOLD Tiny point (right side), rep 1/2, 40 s"
expect_followed_by "$OUT" "Point 1/1: Tiny point" "Refers pain to"
expect_before "$OUT" "starting at 40 s" "LOCATE Tiny point"
expect_eq "$(holds)" "40 40 " "holds of the second session"
expect_line_count "$LOG" 1 " session=$(last_id) event=soreness routine=tiny pain=1\$"

# --- knead show shows the same learned hold, and its timeline uses it -------------------
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny --log "$LOG"
expect_contains "$OUT" "   Learned: the first hold starts at 40 s, from your last session"
expect_contains "$OUT" "Planned timeline (holds at their starting length, learned from your last session):"
expect_regex "$OUT" '^ +0:00  Tiny point \(right\)  3:20$'  # 15 + 2 x (10 + 40 + 10) + 30 + 5 + 30
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny --log "$LOG" --fresh
expect_not_contains "$OUT" "Learned"
expect_regex "$OUT" '^ +0:00  Tiny point \(right\)  3:00$'
KNEAD_LOG="$LOG" expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny
expect_contains "$OUT" "starts at 40 s"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny  # the default log: empty
expect_not_contains "$OUT" "Learned"
# knead plan: the same first hold, step by step.
expect_exit 0 "$KNEAD" --routines "$ROUTINES" plan tiny --log "$LOG"
expect_contains "$OUT" "  The first hold starts at 40 s, from your last session."
expect_line_count "$OUT" 2 ' hold +right +rep [12]/2 +40 s$'
expect_exit 0 "$KNEAD" --routines "$ROUTINES" plan tiny --log "$LOG" --fresh
expect_line_count "$OUT" 2 ' hold +right +rep [12]/2 +30 s$'
expect_not_contains "$OUT" "from your last session"

# --- --fresh: the routine's own hold, and no soreness question --------------------------
answers 6 6 6 6 6 6 6
real_run 0 --fresh
expect_not_contains "$OUT" "from your last session"
expect_not_contains "$OUT" "How sore"
expect_eq "$(holds)" "30 30 " "holds with --fresh"
expect_line_count "$LOG" 0 " session=$(last_id) event=soreness "

# --- A rehearsal (--no-wait) learns from real sessions but teaches nothing --------------
# The --fresh session above was the last real one: it ended at 30 s.
answers 1 6 6 9 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Tiny point: starting at 30 s, from your last session."
answers 1 6 6 6 6 6 6 6
real_run 0
expect_contains "$OUT" "starting at 30 s, from your last session."

# --- Within the routine's bounds: a learned 40 s with hold_max 35 starts at 35 ----------
answers 6 6 4 6 6 6 6
real_run 0 --fresh  # ends at 40 s
sed -i 's/^reps = 2$/reps = 2\nhold_max = 35/' "$ROUTINES/tiny.toml"
answers 1 6 6 6 6 6 6 6
real_run 0
expect_contains "$OUT" "Tiny point: starting at 35 s, from your last session."
expect_eq "$(holds)" "35 35 " "holds capped by hold_max"

# --- An older log without `next`: the last hold's planned length --------------------------
OLD="$TMP/old.log"
cat >"$OLD" <<'LOG'
# knead log v1
time=2025-03-01T07:30:00+01:00 session=20250301T073000-aaaa event=start routines=tiny clock=real version=0.1.0
time=2025-03-01T07:31:00+01:00 session=20250301T073000-aaaa routine=tiny point=tiny-point side=right rep=1 step=hold planned=45 actual=45.0 pain=6
time=2025-03-01T07:35:00+01:00 session=20250301T073000-aaaa event=end status=completed points=1 duration=300.0
LOG
chmod 600 "$OLD"
write_routine "$ROUTINES/tiny.toml" right 2
answers 6 6 6 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$OLD" <"$ANSWERS"
expect_contains "$OUT" "Tiny point: starting at 45 s, from your last session."
expect_not_contains "$OUT" "How sore"  # a year ago

# --- A damaged log still teaches what it can, with one warning ---------------------------
printf 'time=2025-03-02T07:30:00+01:00 session=x note="torn\n' >>"$OLD"
torn=$(wc -l <"$OLD")
answers 6 6 6 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$OLD" <"$ANSWERS"
expect_contains "$OUT" "starting at 45 s"
expect_line_count "$ERR" 1
expect_contains "$ERR" "knead: warning: $OLD:$torn: skipped a damaged line"
