#!/usr/bin/env bash
# The log keeps every finished step whatever happens to knead: killed outright mid-hold,
# several sessions writing at once in real time, a file size limit reached mid-session, a
# record cut off by an earlier crash, a directory it may not write to.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# wait_until SECONDS COMMAND...: polls COMMAND every 20 ms until it succeeds; fails the
# test when SECONDS pass first. A bound for a hang, not a measure of speed.
wait_until() {
    local limit=$1 i
    shift
    for ((i = 0; i < limit * 50; i++)); do
        "$@" && return 0
        sleep 0.02
    done
    fail "waited ${limit}s for: $*"
}
step_records() {  # FILE: how many step records it holds (0 while it does not exist)
    local n
    n=$(grep -c ' step=' "$1" 2>/dev/null || true)
    echo "${n:-0}"
}
has_steps() { (($(step_records "$1") >= $2)); }
# Reading the log to learn holds, knead may warn about the cut line, and nothing else.
only_damage_warnings() {
    grep -v ': skipped a damaged line: ' "$ERR" >"$TMP/other-errors" || true
    expect_empty "$TMP/other-errors"
}
ends_with_newline() { [[ ! -s $1 || $(tail -c 1 "$1" | od -An -c | tr -d ' ') == '\n' ]]; }

# A point whose hold is long next to its locate and press steps.
cat >"$ROUTINES/long-hold.toml" <<'TOML'
schema = 1
name = "Long hold"
area = "test area"

[[point]]
id = "long-hold"
name = "Long hold point"
muscle = "test muscle"
side = "center"
reps = 1
locate_seconds = 1
press_seconds = 1
hold = 60
hold_min = 60
hold_max = 60
locate = "Find it."
press = "Press it."
TOML

# --- SIGKILL in the middle of a hold: the finished steps are all there, and whole ---------
LOG="$TMP/killed.log"
repeat_answer 10 6
"$KNEAD" --routines "$ROUTINES" run long-hold --speed 20 --log "$LOG" <"$ANSWERS" \
    >"$OUT" 2>"$ERR" &
pid=$!
LAST_CMD="knead run long-hold --speed 20 (real clock), killed with SIGKILL during the hold"
wait_until 30 has_steps "$LOG" 2
wait_until 30 grep -q '^HOLD ' "$OUT"
kill -KILL "$pid"
rc=0
wait "$pid" 2>/dev/null || rc=$?  # (quiet: bash would report "Killed")
expect_eq "$rc" 137 "exit status of a session killed with SIGKILL"
expect_whole_records "$LOG"
ends_with_newline "$LOG" || fail "the log should end with a whole line" "a final newline" \
    "$(tail -c 40 "$LOG" | od -c | head -3)" "$LOG"
pass
expect_line_count "$LOG" 1 ' event=start '
expect_line_count "$LOG" 2 ' step='
expect_line_count "$LOG" 1 ' step=locate planned=1 .* pain=6$'
expect_line_count "$LOG" 1 ' step=press planned=1 .* pain=6$'
expect_line_count "$LOG" 0 ' step=hold '
expect_line_count "$LOG" 0 ' event=end '

# The next session appends after it as usual.
answers q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run long-hold --no-wait --log "$LOG" <"$ANSWERS"
expect_whole_records "$LOG"
expect_line_count "$LOG" 2 ' event=start '
expect_line_count "$LOG" 1 ' event=end status=stopped '

# --- Sessions running at the same time on a real clock: their records interleave, and
# every line stays whole ---------------------------------------------------------------
write_routine "$ROUTINES/tiny.toml" both 2  # 14 questions: 2 sides x (locate, 2 x (press, hold), 2 stretches)
LOG="$TMP/shared.log"
repeat_answer 14 6
pids=()
for i in 1 2 3; do
    "$KNEAD" --routines "$ROUTINES" run tiny --speed 200 --log "$LOG" <"$ANSWERS" \
        >"$TMP/out-$i" 2>"$TMP/err-$i" &
    pids+=($!)
done
for i in 0 1 2; do
    rc=0
    wait "${pids[i]}" || rc=$?
    LAST_CMD="three concurrent \`knead run tiny --speed 200 --log $LOG\`"
    expect_eq "$rc" 0 "exit status of concurrent session $((i + 1))"
    expect_empty "$TMP/err-$((i + 1))"
done
expect_whole_records "$LOG"
expect_line_count "$LOG" 1 '^#'
expect_line_count "$LOG" 3 ' event=start '
expect_line_count "$LOG" 3 ' event=end status=completed '
expect_line_count "$LOG" $((3 * 14)) ' step=.* pain=6$'
# Each session's records in order: start, 14 steps, end.
for id in $(log_records "$LOG" ' event=start ' | sed 's/.* session=\([^ ]*\) .*/\1/'); do
    grep " session=$id " "$LOG" | sed 's/.* \(event=[a-z]*\|step=[a-z]*\).*/\1/' |
        tr '\n' ' ' >"$TMP/order"
    expect_eq "$(cat "$TMP/order")" "event=start $(printf 'step=%s ' locate press hold rest press \
        hold rest stretch rest stretch locate press hold rest press hold rest stretch rest \
        stretch)event=end " \
        "order of session $id's records"
done
# They really ran at the same time: the session changes from one record to the next
# more often than three sessions one after another would make it.
switches=$(log_records "$LOG" | sed 's/.* session=\([^ ]*\) .*/\1/' | uniq | wc -l)
((switches > 3)) || fail "the three sessions should have overlapped in the log" \
    "more than 3 runs of one session" "$switches" "$LOG"
pass

# --- A file size limit reached mid-session (ulimit -f): a clear error, exit 1, and the
# records already written stay intact ----------------------------------------------------
LOG="$TMP/limited.log"
answers q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
# Fill the log to 700 bytes short of 64 KiB: room for the start record and a few steps.
LIMIT_KB=64
# The size is counted here rather than asked of wc each line: one fork, not hundreds.
pad="# padding: a comment line that readers skip, to bring the log near the limit"
size=$(wc -c <"$LOG")
while ((size < LIMIT_KB * 1024 - 700)); do
    echo "$pad"
    ((size += ${#pad} + 1))
done >>"$LOG"
cp "$LOG" "$TMP/before-limit"
repeat_answer 14 6
LAST_CMD="(ulimit -f $LIMIT_KB; knead run tiny --no-wait --log $LOG)"
rc=0
(
    ulimit -f "$LIMIT_KB"
    exec "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG"
) <"$ANSWERS" >"$OUT" 2>"$ERR" || rc=$?
expect_eq "$rc" 1 "exit status when the log reaches the file size limit (not SIGXFSZ: 153)"
expect_contains "$ERR" "cannot write to the log $LOG: File too large"
expect_contains "$ERR" "Earlier records are intact."
expect_contains "$OUT" "LOCATE "
# What was there before is untouched; after it, the session's start and some steps, whole.
head -c "$(wc -c <"$TMP/before-limit")" "$LOG" >"$TMP/prefix"
expect_same_file "$TMP/prefix" "$TMP/before-limit"
tail -c +"$(($(wc -c <"$TMP/before-limit") + 1))" "$LOG" >"$TMP/added"
sed '$d' "$TMP/added" >"$TMP/added-whole"  # the last line may have been cut at the limit
ends_with_newline "$TMP/added" && cp "$TMP/added" "$TMP/added-whole"
expect_records_only "$TMP/added-whole"
expect_line_count "$TMP/added-whole" 1 ' event=start '
(($(step_records "$TMP/added-whole") >= 2)) ||
    fail "steps logged before the limit" "at least 2" "$(step_records "$TMP/added-whole")" "$LOG"
pass
LIMITED_ID=$(grep ' event=start ' "$TMP/added-whole" | sed 's/.* session=\([^ ]*\) .*/\1/')

# A log already at the limit: the very first write fails. The kernel also sends SIGXFSZ,
# which by default kills the process; knead must report the error instead.
LOG="$TMP/full-to-limit.log"
head -c $((LIMIT_KB * 1024 - 1)) /dev/zero | tr '\0' '#' >"$LOG"
echo >>"$LOG"
chmod 600 "$LOG"
cp "$LOG" "$TMP/at-limit"
LAST_CMD="(ulimit -f $LIMIT_KB; knead run tiny --no-wait --log $LOG) with the log at the limit"
rc=0
(
    ulimit -f "$LIMIT_KB"
    exec "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG"
) <"$ANSWERS" >"$OUT" 2>"$ERR" || rc=$?
expect_eq "$rc" 1 "exit status when the log is at the file size limit (not SIGXFSZ: 153)"
expect_contains "$ERR" "cannot write to the log $LOG: File too large"
expect_same_file "$LOG" "$TMP/at-limit"
LOG="$TMP/limited.log"

# The next session, without the limit, starts on a line of its own after the cut one,
# which it marks as damaged (unless the limit fell just after a newline).
answers 6 q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
only_damage_warnings
if ! ends_with_newline "$TMP/added"; then
    expect_line_count "$LOG" 1 ' #cut-off$'
    expect_contains "$ERR" "skipped a damaged line"
fi
NEXT_ID=$(log_records "$LOG" ' event=start ' | tail -n 1 | sed 's/.* session=\([^ ]*\) .*/\1/')
[[ $NEXT_ID != "$LIMITED_ID" ]] || fail "a new session id after the limited session"
pass
grep " session=$NEXT_ID " "$LOG" >"$TMP/next"
expect_records_only "$TMP/next"
expect_line_count "$TMP/next" 4  # start, a step, the quit step, end
expect_regex "$TMP/next" "^time=[^ ]* session=$NEXT_ID event=start "

# --- A record cut off by an earlier crash: the next session starts on a new line --------
LOG="$TMP/cut.log"
{
    echo "# knead log v1"
    printf 'time=2026-01-01T10:00:00+00:00 session=20260101T100000-0001 event=start routines=tiny clock=real version=0.1.0\n'
    printf 'time=2026-01-01T10:00:20+00:00 session=20260101T100000-0001 routine=tiny point=tiny-po'
} >"$LOG"
chmod 600 "$LOG"
cp "$LOG" "$TMP/cut-before"
answers q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
only_damage_warnings
cp "$LOG" "$TMP/after-first"
# Reading the log to learn holds, the next run reports the marked line as damaged.
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$ERR" "$LOG:3: skipped a damaged line"
LOG="$TMP/after-first"
head -c "$(wc -c <"$TMP/cut-before")" "$LOG" >"$TMP/prefix"
expect_same_file "$TMP/prefix" "$TMP/cut-before"
expect_line_count "$LOG" 6
sed -n '3p' "$LOG" >"$TMP/line3"
expect_regex "$TMP/line3" ' point=tiny-po #cut-off$'
sed -n '4,$p' "$LOG" >"$TMP/new"
expect_records_only "$TMP/new"
expect_line_count "$TMP/new" 1 ' event=start '
expect_line_count "$TMP/new" 1 ' event=end status=stopped '

# --- A log in a directory knead may not write to: a clear error before the first step ----
# As root, this runs as the unprivileged user "nobody" (see `unprivileged`).
if unprivileged "read-only log directory"; then
    RO="$TMP/read-only"
    mkdir -p "$RO"
    chmod 555 "$RO"
    answers 6 6 6
    ro_run() {  # LOG: runs neck as the other user, logging to LOG
        expect_exit 1 "${AS_USER[@]}" "$KNEAD" run neck --no-wait --log "$1" <"$ANSWERS"
        expect_line_count "$ERR" 1
        expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) '
    }
    ro_run "$RO/sessions.log"
    expect_contains "$ERR" "cannot create the log $RO/sessions.log: Permission denied"
    ro_run "$RO/sub/sessions.log"
    expect_contains "$ERR" "cannot create the log directory $RO/sub: Permission denied"
    expect_eq "$(ls -A "$RO")" "" "files left in the read-only directory"
    # An existing log the user may not write to.
    chmod 755 "$RO"
    echo "# knead log v1" >"$RO/root.log"
    chmod 644 "$RO/root.log"
    ro_run "$RO/root.log"
    expect_contains "$ERR" "cannot open the log $RO/root.log: Permission denied"
    expect_line_count "$RO/root.log" 1
fi
