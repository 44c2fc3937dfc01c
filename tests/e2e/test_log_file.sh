#!/usr/bin/env bash
# Where the session log goes, how it is created and protected, and how knead fails when it
# cannot be written.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 1
run_tiny() {  # CODE [ARGS...]: runs tiny (answers in $ANSWERS) with extra arguments
    local code=$1
    shift
    expect_exit "$code" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait "$@" <"$ANSWERS"
}
answers q

# --- The default: $XDG_DATA_HOME/knead/sessions.log, private -----------------------------
DEFAULT="$XDG_DATA_HOME/knead/sessions.log"
expect_missing "$XDG_DATA_HOME"
run_tiny 3
expect_exists "$DEFAULT"
expect_contains "$OUT" "Logged to $DEFAULT"
expect_first_line "$DEFAULT" "# knead log v1"
expect_line_count "$DEFAULT" 1 ' event=start '
expect_mode "$XDG_DATA_HOME" 700
expect_mode "$XDG_DATA_HOME/knead" 700
expect_mode "$DEFAULT" 600
expect_whole_records "$DEFAULT"

# A second session appends, without a second header.
answers 6 6 6 6 6
run_tiny 0
expect_empty "$ERR"
expect_first_line "$DEFAULT" "# knead log v1"
expect_line_count "$DEFAULT" 1 '^#'
expect_line_count "$DEFAULT" 2 ' event=start '
expect_line_count "$DEFAULT" 1 ' event=end status=stopped '
expect_line_count "$DEFAULT" 1 ' event=end status=completed '
expect_line_count "$DEFAULT" 13  # header, 3 records of the first session, 9 of the second
expect_eq "$(log_records "$DEFAULT" ' event=' | sed 's/.* event=\([a-z]*\).*/\1/' | tr '\n' ' ')" \
    "start end start end " "order of the start and end records"
expect_mode "$DEFAULT" 600
expect_whole_records "$DEFAULT"
answers q

# Without XDG_DATA_HOME, or with a relative one (which XDG says to ignore): ~/.local/share.
expect_exit 3 env -u XDG_DATA_HOME "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_exists "$HOME/.local/share/knead/sessions.log"
expect_mode "$HOME/.local/share/knead" 700
expect_line_count "$HOME/.local/share/knead/sessions.log" 1 ' event=start '
XDG_DATA_HOME=relative/data run_tiny 3
expect_missing "$TMP/relative"
expect_line_count "$HOME/.local/share/knead/sessions.log" 2 ' event=start '

# --- KNEAD_LOG, and --log before it ------------------------------------------------------
rm -rf "$XDG_DATA_HOME"
KNEAD_LOG="$TMP/env/knead.log" run_tiny 3
expect_exists "$TMP/env/knead.log"
expect_missing "$XDG_DATA_HOME"
expect_contains "$OUT" "Logged to $TMP/env/knead.log"
expect_mode "$TMP/env" 700
expect_mode "$TMP/env/knead.log" 600

KNEAD_LOG="$TMP/env2/knead.log" run_tiny 3 --log "$TMP/flag/knead.log"
expect_exists "$TMP/flag/knead.log"
expect_missing "$TMP/env2"
expect_missing "$XDG_DATA_HOME"
expect_contains "$OUT" "Logged to $TMP/flag/knead.log"

# Several missing directories are all created private; existing ones are left alone.
chmod 755 "$TMP"
run_tiny 3 --log "$TMP/a/b/c/s.log"
expect_mode "$TMP/a" 700
expect_mode "$TMP/a/b" 700
expect_mode "$TMP/a/b/c" 700
expect_mode "$TMP/a/b/c/s.log" 600
expect_mode "$TMP" 755

# ...whatever the umask.
expect_exit 3 sh -c 'umask 000; exec "$@"' sh "$KNEAD" --routines "$ROUTINES" run tiny --no-wait \
    --log "$TMP/open/s.log" <"$ANSWERS"
expect_mode "$TMP/open" 700
expect_mode "$TMP/open/s.log" 600

# --- A log others can read gets a warning; a private one does not ------------------------
LOG="$TMP/flag/knead.log"
run_tiny 3 --log "$LOG"
expect_empty "$ERR"
chmod 644 "$LOG"
run_tiny 3 --log "$LOG"
expect_contains "$ERR" "warning"
expect_contains "$ERR" "$LOG"
expect_contains "$ERR" "chmod 600"
expect_line_count "$LOG" 3 ' event=start '
expect_line_count "$LOG" 1 '^#'
expect_mode "$LOG" 644  # warned about, not changed behind the user's back
chmod 640 "$LOG"
run_tiny 3 --log "$LOG"
expect_contains "$ERR" "chmod 600"

# --- A log that cannot be written: exit 1 before any step --------------------------------
touch "$TMP/plain-file"
answers 6 6 6 6 6
run_tiny 1 --log "$TMP/plain-file/s.log"
expect_contains "$ERR" "$TMP/plain-file/s.log"
expect_contains "$ERR" "log"
expect_line_count "$ERR" 1
expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) '
expect_not_contains "$OUT" "Point 1/1"
expect_empty "$TMP/plain-file"

mkdir "$TMP/a-directory.log"
run_tiny 1 --log "$TMP/a-directory.log"
expect_contains "$ERR" "log $TMP/a-directory.log"
expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) '

run_tiny 1 --log /dev/full
expect_contains "$ERR" "log /dev/full"
expect_contains "$ERR" "No space left on device"
expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) '

KNEAD_LOG=/dev/full run_tiny 1
expect_contains "$ERR" "log /dev/full"

# --- Screen output never lands in the log -----------------------------------------------
# With stdout (or stderr) closed, knead must not write what it would show into the log.
# (Run directly: expect_exit would give the command a stdout and a stderr.)
LOG="$TMP/closed-stdout.log"
answers 6 6 6 6 6
LAST_CMD="knead run tiny --no-wait --log $LOG >&-"
rc=0
"$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS" >&- 2>"$ERR" || rc=$?
expect_eq "$rc" 0 "exit status with stdout closed"
expect_line_count "$LOG" 1 ' event=end status=completed '
expect_whole_records "$LOG"

LOG="$TMP/closed-stderr.log"
answers q
run_tiny 3 --log "$LOG"
chmod 644 "$LOG"
LAST_CMD="knead run tiny --no-wait --log $LOG 2>&-  (a log with mode 644)"
rc=0
"$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS" >"$OUT" 2>&- || rc=$?
expect_eq "$rc" 3 "exit status with stderr closed"
expect_line_count "$LOG" 2 ' event=end status=stopped '
expect_whole_records "$LOG"
