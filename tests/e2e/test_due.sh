#!/usr/bin/env bash
# `knead due`: routines with per_day or per_week that the log says are still to do.
# Exit 0 when one is due, 1 when none is.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

LOG="$TMP/s.log"
# Every built-in routine says how often it is meant; plain routines of the same names,
# first on the search path, hide them, so that only this test's routines count.
shadow_builtins() {  # DIR
    local file
    for file in "$KNEAD_SOURCE"/routines/*.toml; do
        write_routine "$1/$(basename "$file")" right 1
    done
}
shadow_builtins "$ROUTINES"
write_routine "$ROUTINES/daily.toml" right 1 "daily area" Daily
sed -i 's/^cautions = /per_day = 2\ncautions = /' "$ROUTINES/daily.toml"
write_routine "$ROUTINES/weekly.toml" right 1 "weekly area" Weekly
sed -i 's/^cautions = /per_week = 1\ncautions = /' "$ROUTINES/weekly.toml"
write_routine "$ROUTINES/plain.toml" right 1

# The routines validate, and show says how often they are meant to be done.
expect_exit 0 "$KNEAD" validate "$ROUTINES/daily.toml" "$ROUTINES/weekly.toml"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show daily
expect_contains "$OUT" "Meant to be done: 2 times a day (\`knead due\` checks)"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show weekly
expect_contains "$OUT" "Meant to be done: 1 time a week"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show plain
expect_not_contains "$OUT" "Meant to be done"

# finished ID ROUTINE [STATUS] [CLOCK]: a session of ROUTINE started now, appended to $LOG.
finished() {
    local id=$1 routine=$2 status=${3:-completed} clock=${4:-real} t
    t=$(date +%Y-%m-%dT%H:%M:%S%:z)
    {
        echo "time=$t session=$id event=start routines=$routine clock=$clock version=0.1.0"
        echo "time=$t session=$id event=end status=$status points=1 duration=60.0"
    } >>"$LOG"
}

# --- Nothing done yet: both are due -----------------------------------------------------
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$LOG"
expect_empty "$ERR"
expect_eq "$(cat "$OUT")" "daily            0 of 2 today
weekly           0 of 1 this week" "output with nothing done"

# --- Sessions that do not count: stopped ones, and rehearsals ----------------------------
finished A daily stopped
finished B daily completed virtual
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$LOG"
expect_contains "$OUT" "daily            0 of 2 today"

# --- Completed real sessions count -------------------------------------------------------
finished C daily
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$LOG"
expect_contains "$OUT" "daily            1 of 2 today"
finished D daily
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$LOG"
expect_eq "$(cat "$OUT")" "weekly           0 of 1 this week" "only weekly is left"
finished E weekly
expect_exit 1 "$KNEAD" --routines "$ROUTINES" due --log "$LOG"
expect_eq "$(cat "$OUT")" "Nothing is due." "output when nothing is due"
expect_empty "$ERR"

# The grep-like exit status reads naturally in a shell.
if "$KNEAD" --routines "$ROUTINES" due --log "$LOG" >/dev/null; then
    fail "knead due && ... should not go on when nothing is due"
fi
pass

# KNEAD_LOG and the default log are read as knead run writes them.
KNEAD_LOG="$LOG" expect_exit 1 "$KNEAD" --routines "$ROUTINES" due
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due
expect_contains "$OUT" "daily            0 of 2 today"

# --- Sessions from other days and weeks do not count ----------------------------------
OLD="$TMP/old.log"
echo "time=2020-01-06T07:30:00+01:00 session=O event=start routines=daily,weekly clock=real" >"$OLD"
echo "time=2020-01-06T07:40:00+01:00 session=O event=end status=completed points=1 duration=60.0" >>"$OLD"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$OLD"
expect_line_count "$OUT" 2

# --- Real sessions run with knead count ----------------------------------------------------
RUN="$TMP/run.log"
answers 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run weekly --speed 1000 --log "$RUN" <"$ANSWERS"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$RUN"
expect_eq "$(cat "$OUT")" "daily            0 of 2 today" "after a real weekly session"

# --- No routine with a schedule: said, and exit 1 --------------------------------------
mkdir "$TMP/none"
write_routine "$TMP/none/plain.toml" right 1
shadow_builtins "$TMP/none"
XDG_CONFIG_HOME="$TMP/nocfg" expect_exit 1 "$KNEAD" --routines "$TMP/none" due --log "$LOG"
expect_contains "$OUT" "No routine says how often it is meant to be done"

# --- Bad values are errors with a position; a broken routine is a warning for due -------
sed 's/^per_day = 2$/per_day = 0/' "$ROUTINES/daily.toml" >"$TMP/bad.toml"
expect_exit 2 "$KNEAD" validate "$TMP/bad.toml"
cat "$OUT" "$ERR" >"$TMP/validate.out"
expect_contains "$TMP/validate.out" "bad.toml:5:11: error: \`per_day\` = 0 must be from 1 to 10"
cp "$TMP/bad.toml" "$ROUTINES/broken.toml"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" due --log "$TMP/none.log"
expect_contains "$ERR" "1 routine could not be loaded"

# A log that cannot be read: exit 1, said on stderr.
mkdir "$TMP/dir.log"
expect_exit 1 "$KNEAD" --routines "$ROUTINES" due --log "$TMP/dir.log"
expect_contains "$ERR" "cannot read the log"

# --- The config file's `log` is read, as knead run writes there --------------------------
mkdir -p "$XDG_CONFIG_HOME/knead"
printf 'log = "%s"\n' "$LOG" >"$XDG_CONFIG_HOME/knead/config.toml"
rm -r "$ROUTINES/broken.toml"
expect_exit 1 "$KNEAD" --routines "$ROUTINES" due
expect_eq "$(cat "$OUT")" "Nothing is due." "due with the config file's log"
