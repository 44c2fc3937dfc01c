#!/usr/bin/env bash
# The command line: help, version, and the usage errors (exit 2) that must not start a
# session or touch the log.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# --- --help ------------------------------------------------------------------------------
expect_exit 0 "$KNEAD" --help
expect_empty "$ERR"
expect_contains "$OUT" "Usage:"
for cmd in run list show plan validate new; do
    expect_regex "$OUT" "^  $cmd +[A-Z]"
done
expect_contains "$OUT" "Exit status:"
expect_regex "$OUT" '^  0 +done'
expect_regex "$OUT" '^  1 +failure'
expect_regex "$OUT" '^  2 +bad usage or an invalid routine'
expect_regex "$OUT" '^  3 +session stopped early'
expect_regex "$OUT" '^  4 +session stopped on a red flag'
expect_contains "$OUT" "not medical advice"
expect_exit 0 "$KNEAD" run --help
expect_contains "$OUT" "--no-wait"
expect_contains "$OUT" "--log"
expect_contains "$OUT" "Exit status:"
expect_exit 0 "$KNEAD" -h
expect_contains "$OUT" "Exit status:"

# --- --version ---------------------------------------------------------------------------
expect_exit 0 "$KNEAD" --version
expect_eq "$(cat "$OUT")" "knead 0.1.0" "output of --version"
expect_line_count "$OUT" 1
expect_empty "$ERR"

# --- Usage errors: exit 2, a message on stderr, no session ------------------------------
export KNEAD_LOG="$TMP/usage.log"
answers 6 6 6 6 6 6 6

usage_error() {  # ARGS...: exit 2, something on stderr, no step shown, no log written
    expect_exit 2 "$KNEAD" "$@" <"$ANSWERS"
    [[ -s $ERR ]] || fail "knead $* should explain the error on stderr" "a message" "(nothing)" "$OUT"
    pass
    expect_line_count "$OUT" 0 '^(LOCATE|PRESS|HOLD|STRETCH) '
    expect_missing "$KNEAD_LOG"
}

usage_error
usage_error frobnicate
expect_contains "$ERR" "frobnicate"
usage_error --bogus
usage_error --bogus list
expect_contains "$ERR" "--bogus"
usage_error list --bogus
expect_contains "$ERR" "--bogus"
usage_error list extra
usage_error run
expect_contains "$ERR" "routine is required"
usage_error run neck --no-wait --bogus
expect_contains "$ERR" "--bogus"
usage_error plan
expect_contains "$ERR" "routine is required"
usage_error plan neck --bogus
usage_error validate
usage_error validate --bogus neck
usage_error new
usage_error new Bad_Name
expect_contains "$ERR" "cannot name a routine"
usage_error list --names extra
usage_error run neck --speed 0
expect_contains "$ERR" "--speed"
usage_error run neck --speed -3
usage_error run neck --speed fast
usage_error run neck --speed 2 --no-wait
expect_contains "$ERR" "--no-wait"
usage_error run neck --no-wait --speed 2
usage_error run neck --no-wait --log
# An empty --log is a mistake, not a request for the default log.
usage_error run neck --no-wait --log ""
expect_contains "$ERR" "needs a file name"
usage_error show
usage_error validate
usage_error --routines
unset KNEAD_LOG

# The first-run notice is not used up by a usage error.
expect_missing "$XDG_STATE_HOME/knead"
