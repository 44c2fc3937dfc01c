#!/usr/bin/env bash
# A whole session from first caution to summary, and the log records it leaves.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

NECK="$KNEAD_SOURCE/routines/neck.toml"
first_value() {  # KEY: the first `KEY = "..."` string in neck.toml
    sed -n "s/^$1 = \"\(.*\)\"\$/\1/p" "$NECK" | head -n 1
}
POINT1=$(grep -A3 '^\[\[point\]\]' "$NECK" | sed -n 's/^name = "\(.*\)"$/\1/p' | head -n 1)
LOCATE1=$(first_value locate)
PRESS1=$(first_value press)
STRETCH1=$(first_value stretch)
CAUTION1=$(grep -A1 '^cautions = \[' "$NECK" | sed -n '2s/^ *"\(.*\)",\{0,1\}$/\1/p')
for v in POINT1 LOCATE1 PRESS1 STRETCH1 CAUTION1; do  # an empty text would match anything
    expect_match "${!v}" '.{10}' "$v read from $NECK"
done

# --- The built-in neck routine, answered 6 at every step --------------------------------
# 4 points: three worked on both sides and one in the center, 2 reps each with a stretch:
# 7 sides x (2 x locate/press/hold + stretch) = 49 answers.
LOG="$TMP/neck.log"
repeat_answer 49 6
expect_exit 0 "$KNEAD" run neck --no-wait --log "$LOG" <"$ANSWERS"
cp "$OUT" "$TMP/neck.out"
S="$TMP/neck.out"
expect_empty "$ERR"
expect_contains "$S" "Cautions:"
expect_contains "$S" "$CAUTION1"
expect_before "$S" "Cautions:" "Point 1/4:"
expect_before "$S" "$CAUTION1" "Point 1/4:"
expect_contains "$S" "Point 1/4: $POINT1 (left side)"
expect_contains "$S" "Point 4/4:"
expect_contains "$S" "Refers pain to: "
expect_followed_by "$S" "LOCATE $POINT1 (left side), rep 1/2, 15 s" "  $LOCATE1"
expect_followed_by "$S" "PRESS $POINT1 (left side), rep 1/2, 10 s" "  $PRESS1"
expect_followed_by "$S" "HOLD $POINT1 (left side), rep 1/2, 60 s" "Aim for 5-7 of 10."
expect_followed_by "$S" "STRETCH $POINT1 (left side), 30 s" "  $STRETCH1"
expect_regex "$S" '^STRETCH '
expect_contains "$S" "Session complete: 4 of 4 points"
expect_regex "$S" '^Tip: .+'
expect_contains "$S" "Logged to $LOG"
expect_before "$S" "Session complete" "Tip: "

expect_first_line "$LOG" "# knead log v1"
expect_line_count "$LOG" 1 '^#'
expect_line_count "$LOG" 1 ' event=start .*clock=virtual'
expect_line_count "$LOG" 49 ' step='
expect_line_count "$LOG" 7 ' step=stretch '
expect_line_count "$LOG" 1 ' event=end status=completed '
tail -n 1 "$LOG" >"$TMP/last"
expect_regex "$TMP/last" '^time=[^ ]+ session=[^ ]+ event=end status=completed points=4 '

# --- A small routine of our own: every record checked field by field --------------------
write_routine "$ROUTINES/tiny.toml" right 2
LOG="$TMP/tiny.log"
repeat_answer 7 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
S="$TMP/tiny.out"
cp "$OUT" "$S"
expect_contains "$S" "Tiny (test area)"
expect_followed_by "$S" "Cautions:" "  - Tiny caution: stop on tingling."
expect_before "$S" "Tiny caution" "Point 1/1:"
expect_contains "$S" "Point 1/1: Tiny point (right side) - tiny muscle"
expect_followed_by "$S" "Point 1/1: Tiny point" "  Refers pain to: elbow, wrist"
expect_contains "$S" "  Tool: thumb"
expect_line_count "$S" 7 '^(LOCATE|PRESS|HOLD|STRETCH) Tiny point \(right side\)'
expect_followed_by "$S" "LOCATE Tiny point (right side), rep 1/2, 15 s" "  Find the tiny spot."
expect_followed_by "$S" "PRESS Tiny point (right side), rep 2/2, 10 s" "  Press the tiny spot."
expect_followed_by "$S" "HOLD Tiny point (right side), rep 2/2, 30 s" "  Hold steady"
expect_followed_by "$S" "STRETCH Tiny point (right side), 30 s" "  Stretch the tiny muscle."
expect_contains "$S" "Right in your band: keep this pressure. Next hold 30 s."
expect_contains "$S" "Session complete: 1 of 1 points, 2:20."
expect_regex "$S" '^  Tiny point +pain 6 -> 6$'
expect_regex "$S" '^Tip: .+'
expect_contains "$S" "Logged to $LOG"

expect_first_line "$LOG" "# knead log v1"
expect_line_count "$LOG" 10
log_records "$LOG" >"$TMP/records"
mapfile -t REC <"$TMP/records"
expect_eq "${#REC[@]}" 9 "records in the log (start, 7 steps, end)"

ISO='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$'
SESSION=$(log_field "${REC[0]}" session)
START_TIME=$(log_field "${REC[0]}" time)
expect_match "$START_TIME" "$ISO" "time of the start record"
expect_match "${REC[0]}" '^time=[^ ]+ session=[^ ]+ event=start routines=tiny clock=virtual( |$)' \
    "the start record"
expect_match "$SESSION" '^[0-9]{8}T[0-9]{6}Z-[0-9a-f]{4}$' "session id"

STEPS=("rep=1 step=locate planned=15 actual=15.0"
    "rep=1 step=press planned=10 actual=10.0"
    "rep=1 step=hold planned=30 actual=30.0"
    "rep=2 step=locate planned=15 actual=15.0"
    "rep=2 step=press planned=10 actual=10.0"
    "rep=2 step=hold planned=30 actual=30.0"
    "rep=2 step=stretch planned=30 actual=30.0")
AT=(15 25 55 70 80 110 140)  # session seconds when each step ends (virtual clock)
start_epoch=$(epoch "$START_TIME")
for i in "${!STEPS[@]}"; do
    r=${REC[i + 1]}
    expect_eq "$(logfmt_keys "$r")" "time session routine point side rep step planned actual pain" \
        "keys of step record $((i + 1))"
    t=$(log_field "$r" time)
    expect_match "$t" "$ISO" "time of step record $((i + 1))"
    expect_eq "$(($(epoch "$t") - start_epoch))" "${AT[i]}" "seconds from start to step record $((i + 1))"
    expect_eq "${r#time=* }" "session=$SESSION routine=tiny point=tiny-point side=right ${STEPS[i]} pain=6" \
        "step record $((i + 1))"
done
END=${REC[8]}
expect_match "$END" "^time=[^ ]+ session=$SESSION event=end status=completed points=1 duration=140\\.0$" \
    "the end record"
expect_eq "$(($(epoch "$(log_field "$END" time)") - start_epoch))" 140 "seconds from start to end record"

# --- A point worked on both sides: left first, then right --------------------------------
write_routine "$ROUTINES/both.toml" both 1
LOG="$TMP/both.log"
repeat_answer 8 5
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run both --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Point 1/1: Tiny point (left side)"
expect_contains "$OUT" "Point 1/1: Tiny point (right side)"
expect_before "$OUT" "(left side)" "(right side)"
expect_not_contains "$OUT" "rep 1/1"
expect_line_count "$LOG" 4 ' side=left rep=1 step='
expect_line_count "$LOG" 4 ' side=right rep=1 step='
expect_line_count "$LOG" 1 ' event=end status=completed points=1 '

# --- Times carry the local UTC offset as +hh:mm or -hh:mm -------------------------------
for tz in 'IST-5:30/+05:30' 'NST+3:30/-03:30' 'UTC0/+00:00'; do
    LOG="$TMP/tz-${tz%%/*}.log"
    answers q
    TZ=${tz%%/*} expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
    off=${tz#*/}
    expect_line_count "$LOG" 3 "^time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[${off:0:1}]${off:1} "
done
