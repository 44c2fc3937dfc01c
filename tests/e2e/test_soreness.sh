#!/usr/bin/env bash
# The soreness check: an area worked (a real session with a hold) in the last 48 hours is
# asked about first; 5 or more lowers the target band by 2 and the reps by 1 for the session.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 2
write_routine "$ROUTINES/other.toml" right 1 "other area" Other

# past_session ROUTINE HOURS_AGO [CLOCK] [STEP]: a log holding one session of ROUTINE
# that ended HOURS_AGO hours ago, with one STEP (hold) answered 6.
past_session() {
    local routine=$1 hours=$2 clock=${3:-real} step=${4:-hold} t
    t=$(date -d "-$hours hours" +%Y-%m-%dT%H:%M:%S%:z)
    LOG="$TMP/past-$routine-$hours-$clock-$step.log"
    {
        echo "# knead log v1"
        echo "time=$t session=P1 event=start routines=$routine clock=$clock version=0.1.0"
        echo "time=$t session=P1 routine=$routine point=tiny-point side=right rep=1 step=$step planned=30 actual=30.0 pain=6"
        echo "time=$t session=P1 event=end status=completed points=1 duration=300.0"
    } >"$LOG"
    chmod 600 "$LOG"
}
run_tiny() {  # CODE [ARGS...]: runs tiny on $LOG with the answers in $ANSWERS
    local code=$1
    shift
    expect_exit "$code" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" "$@" <"$ANSWERS"
}
this_session() {  # the records of the session just run (the last start in $LOG, onwards)
    local id
    id=$(log_records "$LOG" ' event=start ' | tail -n 1 | sed 's/.* session=\([^ ]*\) .*/\1/')
    log_records "$LOG" " session=$id " | sed 's/^time=[^ ]* session=[^ ]* //'
}

# --- Sore (6): a band 2 lower, a rep fewer, said why, and logged ---------------------------
past_session tiny 3
answers 6 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "You worked Tiny 3 hours ago."
expect_contains "$OUT" "How sore is it still, 0 (not at all) to 10 (q stop): 6"
expect_contains "$OUT" "Still sore (6/10). Soreness after deep pressure should fade within a day"
expect_contains "$OUT" "Today: aim for pain 3-5 instead of 5-7, and 1 rep instead of 2."
expect_before "$OUT" "How sore" "After each step, type how much it hurts"
expect_contains "$OUT" "Sink in slowly until it hurts good: 3-5 of 10."
expect_contains "$OUT" "Aim for 3-5 of 10."
expect_not_contains "$OUT" "rep 1/2"
expect_contains "$OUT" "Above your band"  # 6 is above 3-5 now
this_session >"$TMP/records"
expect_first_line "$TMP/records" "event=start routines=tiny clock=virtual version=0.1.0"
expect_eq "$(sed -n 2p "$TMP/records")" "event=soreness routine=tiny pain=6" "the record after the start"
expect_line_count "$TMP/records" 1 ' step=hold '
expect_line_count "$TMP/records" 1 '^event=end status=completed points=1 '
expect_whole_records "$LOG"

# --- Exactly 5 is high too; 4 is not ----------------------------------------------------
answers 5 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "Still sore (5/10)."
answers 4 6 6 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "A little soreness is normal: the session goes as planned."
expect_not_contains "$OUT" "Still sore"
expect_contains "$OUT" "rep 2/2"
expect_contains "$OUT" "Aim for 5-7 of 10."
this_session >"$TMP/records"
expect_line_count "$TMP/records" 1 '^event=soreness routine=tiny pain=4$'
expect_line_count "$TMP/records" 2 ' step=hold '
answers 0 6 6 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "Not sore: the session goes as planned."

# --- Enter and anything but 0-10, q or ! ask again ---------------------------------------
answers "" abc s 11 -1 " 7 " 6 6 6 6 6
run_tiny 0
expect_line_count "$OUT" 6 'How sore is it still'
expect_line_count "$OUT" 5 'Please type how sore the area still is'
expect_contains "$OUT" "Still sore (7/10)."
this_session >"$TMP/records"
expect_line_count "$TMP/records" 1 '^event=soreness routine=tiny pain=7$'

# --- q stops (3), ! is a red flag (4), and the end of input stops (3) ---------------------
answers q
run_tiny 3
expect_contains "$OUT" "Stopping the session."
this_session >"$TMP/records"
expect_line_count "$TMP/records" 0 'event=soreness'
# No point was started: the end record says none.
expect_line_count "$TMP/records" 1 '^event=end status=stopped points=0 '
expect_line_count "$TMP/records" 0 'step='

answers '!'
run_tiny 4
expect_contains "$OUT" "Stop now."
this_session >"$TMP/records"
expect_line_count "$TMP/records" 1 '^event=end status=red-flag points=0 '

answers
run_tiny 3
expect_contains "$OUT" "Input ended before the session did"
this_session >"$TMP/records"
expect_line_count "$TMP/records" 1 '^event=end status=stopped points=0 '
expect_whole_records "$LOG"

# --- --fresh skips the question ---------------------------------------------------------
answers 6 6 6 6 6 6 6
run_tiny 0 --fresh
expect_not_contains "$OUT" "How sore"
expect_contains "$OUT" "rep 2/2"
this_session >"$TMP/records"
expect_line_count "$TMP/records" 0 'event=soreness'

# --- The 48-hour window -----------------------------------------------------------------
past_session tiny 47
answers 2 6 6 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "You worked Tiny 47 hours ago."
past_session tiny 49
answers 6 6 6 6 6 6 6
run_tiny 0
expect_not_contains "$OUT" "How sore"

# --- What does not count: a rehearsal, a session without a hold, another area ----------
past_session tiny 3 virtual
answers 6 6 6 6 6 6 6
run_tiny 0
expect_not_contains "$OUT" "How sore"
past_session tiny 3 real locate
run_tiny 0
expect_not_contains "$OUT" "How sore"
past_session other 3
run_tiny 0
expect_not_contains "$OUT" "How sore"

# --- Two recent areas: asked about each, in order; only the sore one goes lighter --------
past_session tiny 5
sed -n '2,4p' "$TMP/past-tiny-5-real-hold.log" |
    sed 's/session=P1/session=P2/; s/routines=tiny/routines=other/; s/routine=tiny/routine=other/' >>"$LOG"
answers 6 2 6 6 6 6 6 6 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny other --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "You worked Tiny 5 hours ago."
expect_contains "$OUT" "You worked Other 5 hours ago."
expect_before "$OUT" "You worked Tiny" "You worked Other"
expect_line_count "$OUT" 1 "Still sore \\(6/10\\)"
this_session >"$TMP/records"
expect_eq "$(sed -n '2,3p' "$TMP/records" | tr '\n' '|')" \
    "event=soreness routine=tiny pain=6|event=soreness routine=other pain=2|" "soreness records"
expect_line_count "$TMP/records" 1 'routine=tiny .* step=hold '
expect_line_count "$TMP/records" 1 'routine=other .* step=hold '

# --- A real session, then another: the second one asks ------------------------------------
LOG="$TMP/real.log"
answers 6 6 6 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --speed 1000 --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "How sore"
answers 3 6 6 6 6 6 6 6
run_tiny 0
expect_contains "$OUT" "You worked Tiny less than an hour ago."
