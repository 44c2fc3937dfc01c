#!/usr/bin/env bash
# Two sessions appending to one log at the same time: every line stays a whole record.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

LOG="$TMP/shared/sessions.log"
# The built-in neck routine answered 6 throughout: 49 answers, 70 step records per session.
repeat_answer 49 6
cp "$ANSWERS" "$TMP/answers-a"
cp "$ANSWERS" "$TMP/answers-b"

ROUNDS=4
for ((round = 1; round <= ROUNDS; round++)); do
    "$KNEAD" run neck --no-wait --log "$LOG" <"$TMP/answers-a" >"$TMP/a.out" 2>"$TMP/a.err" &
    pid_a=$!
    "$KNEAD" run neck --no-wait --log "$LOG" <"$TMP/answers-b" >"$TMP/b.out" 2>"$TMP/b.err" &
    pid_b=$!
    rc_a=0
    wait "$pid_a" || rc_a=$?
    rc_b=0
    wait "$pid_b" || rc_b=$?
    LAST_CMD="two concurrent \`knead run neck --no-wait --log $LOG\` (round $round)"
    expect_eq "$rc_a" 0 "exit status of the first session"
    expect_eq "$rc_b" 0 "exit status of the second session"
    expect_empty "$TMP/a.err"
    expect_empty "$TMP/b.err"
done

# One header; every other line a whole record.
expect_line_count "$LOG" 1 '^# knead log v1$'
expect_line_count "$LOG" 1 '^#'
grep -v '^# knead log v1$' "$LOG" >"$TMP/records"
expect_records_only "$TMP/records"
expect_first_line "$LOG" "# knead log v1"
expect_line_count "$LOG" $((1 + ROUNDS * 2 * 72))

# Both sessions of every round: a start, 70 steps and an end each, all completed.
log_records "$LOG" ' event=start ' | sed 's/.* session=\([^ ]*\) .*/\1/' | sort >"$TMP/started"
log_records "$LOG" ' event=end ' | sed 's/.* session=\([^ ]*\) .*/\1/' | sort >"$TMP/ended"
expect_line_count "$TMP/started" $((ROUNDS * 2))
expect_eq "$(sort -u "$TMP/started" | wc -l)" $((ROUNDS * 2)) "distinct session ids"
expect_same_file "$TMP/ended" "$TMP/started"
expect_line_count "$LOG" $((ROUNDS * 2)) ' event=end status=completed points=4 '
while IFS= read -r id; do
    got=$(grep -c " session=$id .* step=" "$LOG" || true)
    [[ $got == 70 ]] || fail "step records of session $id" 70 "$got" "$LOG"
done <"$TMP/started"
pass
# Within each session the records are in order: start first, end last.
while IFS= read -r id; do
    grep " session=$id " "$LOG" >"$TMP/one"
    head -n 1 "$TMP/one" | grep -q ' event=start ' || fail "first record of session $id" "event=start" "$(head -n 1 "$TMP/one")"
    tail -n 1 "$TMP/one" | grep -q ' event=end ' || fail "last record of session $id" "event=end" "$(tail -n 1 "$TMP/one")"
done <"$TMP/started"
pass
expect_mode "$LOG" 600
