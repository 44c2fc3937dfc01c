#!/usr/bin/env bash
# The hold adapts to the pain reported after it, and that shows on screen and in the log.
# The routine: one point, right side, 2 reps, hold 30 s (20-60), target pain 5-7.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 2

session() {  # CODE NAME ANSWERS...: runs tiny; leaves $NAME.out and $NAME.log
    local code=$1 name=$2
    shift 2
    answers "$@"
    LOG="$TMP/$name.log"
    expect_exit "$code" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
    S="$TMP/$name.out"
    cp "$OUT" "$S"
    # The steps that ask: a rest asks nothing.
    log_records "$LOG" ' step=' | grep -v ' step=rest ' | sed 's/^time=[^ ]* session=[^ ]* //' >"$TMP/$name.steps"
    STEPS="$TMP/$name.steps"
}

# --- Pain 8 after the first hold: above the band, the next hold is 10 s shorter ---------
session 0 above 6 6 8 6 6 6 6
expect_contains "$S" "Above your band: ease off a little next time. Next hold 20 s (was 30 s)."
expect_contains "$S" "HOLD Tiny point (right side), rep 1/2, 30 s"
expect_contains "$S" "HOLD Tiny point (right side), rep 2/2, 20 s"
expect_followed_by "$S" "HOLD Tiny point (right side), rep 2/2" "Ease the pressure a little, then hold."
expect_line_count "$STEPS" 7
expect_line_count "$STEPS" 1 '^routine=tiny point=tiny-point side=right rep=1 step=hold planned=30 actual=30\.0 pain=8 next=20$'
expect_line_count "$STEPS" 1 '^routine=tiny point=tiny-point side=right rep=2 step=hold planned=20 actual=20\.0 pain=6$'
expect_contains "$S" "pain 8 -> 6"

# --- Pain 4 after the first hold: below the band, the next hold is 10 s longer ----------
session 0 below 6 6 4 6 6 6 6
expect_contains "$S" "Below your band: press slightly deeper next time. Next hold 40 s (was 30 s)."
expect_contains "$S" "HOLD Tiny point (right side), rep 2/2, 40 s"
expect_followed_by "$S" "HOLD Tiny point (right side), rep 2/2" "Press slightly deeper, then hold."
expect_line_count "$STEPS" 7
expect_line_count "$STEPS" 1 ' rep=1 step=hold planned=30 .* pain=4 next=40$'
expect_line_count "$STEPS" 1 ' rep=2 step=hold planned=40 actual=40\.0 pain=6$'

# --- Pain 2 after a hold: released; the remaining rep is skipped, on to the stretch -----
session 0 released 6 6 2 6 6
expect_contains "$S" "Released: this side is done, on to the stretch."
expect_followed_by "$S" "Released: this side is done" "REST Tiny point (right side), 10 s"
expect_followed_by "$S" "Let go and breathe" "STRETCH Tiny point (right side), round 1/2, 30 s"
expect_not_contains "$S" "rep 2/2"
expect_line_count "$STEPS" 5
expect_line_count "$STEPS" 0 ' rep=2 step=(press|hold) '
expect_line_count "$STEPS" 1 ' rep=1 step=hold planned=30 actual=30\.0 pain=2 next=40$'
expect_line_count "$STEPS" 2 ' step=stretch planned=30 actual=30\.0 pain=6$'
expect_regex "$S" '^  Tiny point \(right side\) +released +1 hold, pain 2 -> 2$'
expect_line_count "$LOG" 1 ' event=end status=completed points=1 '

# --- Pain 9 after the press: too much; no hold at all, on to the stretch ----------------
session 0 toomuch 6 9 6 6
expect_contains "$S" "That is too much (stop at 9): stop pressing this side"
expect_followed_by "$S" "That is too much" "REST Tiny point (right side), 10 s"
expect_not_contains "$S" "HOLD "
expect_line_count "$STEPS" 4
expect_line_count "$STEPS" 0 ' step=hold '
expect_line_count "$STEPS" 1 ' rep=1 step=press planned=10 actual=10\.0 pain=9$'
expect_line_count "$STEPS" 2 ' step=stretch '
expect_regex "$S" '^  Tiny point \(right side\) +stopped at 9 +0 holds$'

# --- A 3-5 band stops at 7 (its top + 2), not at 9 ---------------------------------------
sed -i 's/^reps = 2$/reps = 2\ntarget_pain = [3, 5]/' "$ROUTINES/tiny.toml"
session 0 low-band 4 6 7 6 6
expect_contains "$S" "Above your band: ease off now, before the hold starts."
expect_contains "$S" "That is too much (stop at 7)"
expect_line_count "$STEPS" 1 ' rep=1 step=hold planned=30 actual=30\.0 pain=7$'
expect_line_count "$STEPS" 0 ' rep=2 step=(press|hold) '
write_routine "$ROUTINES/tiny.toml" right 2

# --- 10 right after locating: also too much ---------------------------------------------
session 0 toomuch-locate 10 6 6
expect_contains "$S" "That is too much"
expect_line_count "$STEPS" 3
expect_line_count "$STEPS" 1 ' step=locate .* pain=10$'
expect_line_count "$STEPS" 0 ' step=(press|hold) '

# --- Pain 9 after a hold: stop pressing, the second rep is skipped ----------------------
session 0 toomuch-hold 6 6 9 6 6
expect_contains "$S" "That is too much"
expect_line_count "$STEPS" 5
expect_line_count "$STEPS" 0 ' rep=2 step=(press|hold) '

# --- The staircase: up 10, then down by a halved step (5), and held within 20-60 s ------
# 4 reps; pains after the holds: 4 (longer: 40), 8 (shorter by 5: 35), 6 (keep: 35).
write_routine "$ROUTINES/tiny.toml" right 4
session 0 staircase 6 6 4 6 8 6 6 6 6 6 6
expect_eq "$(sed -n 's/.* step=hold planned=\([0-9]*\) .*/\1/p' "$STEPS" | tr '\n' ' ')" "30 40 35 35 " \
    "planned holds of the 4 reps"
expect_contains "$S" "Next hold 35 s (was 40 s)."

# Pain 3 is below the band but above "released" (2 or less): each hold is 10 s longer
# until hold_max caps it: 30 -> 40 -> 50 -> 60 -> 60.
write_routine "$ROUTINES/tiny.toml" right 5
session 0 ceiling 6 6 3 6 3 6 3 6 3 6 3 6 6
expect_eq "$(sed -n 's/.* step=hold planned=\([0-9]*\) .*/\1/p' "$STEPS" | tr '\n' ' ')" "30 40 50 60 60 " \
    "planned holds never pass hold_max"
