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

# (Those with a message of knead's parser, like --bogus, run and new, are below.)
usage_error frobnicate
expect_contains "$ERR" "frobnicate"
usage_error list --bogus
expect_contains "$ERR" "--bogus"
usage_error run neck --no-wait --bogus
expect_contains "$ERR" "--bogus"
usage_error plan
expect_contains "$ERR" "needs a routine"
usage_error plan neck --bogus
usage_error validate
usage_error validate --bogus neck
usage_error new Bad_Name
expect_contains "$ERR" "cannot name a routine"
usage_error list --names extra
usage_error run neck --speed 0
expect_contains "$ERR" "--speed"
expect_regex "$ERR" '^knead: error: --speed: .*0'
expect_line_count "$ERR" 1
usage_error run neck --speed -3
usage_error run neck --speed 2 --no-wait
expect_contains "$ERR" "--no-wait"
usage_error run neck --no-wait --speed 2
usage_error run neck --no-wait --log
# An empty --log is a mistake, not a request for the default log.
usage_error run neck --no-wait --log ""
expect_contains "$ERR" "needs a file name"
usage_error show

# --- Parse errors are knead's own: one line, exit 2, the nearest name -------------------
parse_error() {  # MESSAGE ARGS...: a usage error with exactly MESSAGE on stderr, no output
    local message=$1
    shift
    usage_error "$@"
    expect_eq "$(cat "$ERR")" "knead: error: $message" "stderr of knead $*"
    expect_empty "$OUT"
}
parse_error "unknown command \`lst\`; did you mean \`list\`?" lst
parse_error "unknown option \`--bogus\` (see \`knead --help\`)" --bogus
parse_error "unknown option \`--bogus\` (see \`knead --help\`)" --bogus list
parse_error "unknown option \`--verison\`; did you mean \`--version\`?" --verison
parse_error "unknown option \`--sped\` for \`knead run\`; did you mean \`--speed\`?" \
    run neck --sped 2
parse_error "unknown option \`--nmes\` for \`knead list\`; did you mean \`--names\`?" list --nmes
# The directory is --routines' one value; the next word is the command.
parse_error "unknown command \`lst\`; did you mean \`list\`?" --routines "$ROUTINES" lst
parse_error "unknown command \`lst\`; did you mean \`list\`?" --routines="$ROUTINES" lst
parse_error "name a command, like \`knead run neck\` or \`knead list\` (see \`knead --help\`)"
parse_error "unexpected argument \`extra\` for \`knead list\` (see \`knead list --help\`)" \
    list extra
parse_error "\`knead run\` needs a routine, like \`knead run neck\` (\`knead list\` shows them)" run
parse_error "\`knead new\` needs a name (see \`knead new --help\`)" new
# Values are checked in knead's words, with the nearest word or the range.
parse_error "--side: needs left or right, not \`middle\` (see \`knead run --help\`)" \
    run neck.suboccipitals --side middle
parse_error "--color: needs auto, always or never, not \`alwys\`; did you mean \`always\`? (see \`knead run --help\`)" \
    run neck --color alwys
parse_error "--speed: needs a number from 0.01 to 1000, not \`fast\` (see \`knead run --help\`)" \
    run neck --speed fast
parse_error "--hands-free: needs a whole number from 1 to 120, not \`0\` (see \`knead run --help\`)" \
    run neck --hands-free=0
parse_error "--last: needs a whole number from 1 to 1000000000, not \`1.5\` (see \`knead history --help\`)" \
    history --last 1.5
parse_error "--log needs a value (FILE) (see \`knead run --help\`)" run neck --log
parse_error "--routines needs a value (DIR) (see \`knead --help\`)" --routines
parse_error "--routines: \`/dev/null\` is not a directory (see \`knead list --help\`)" \
    --routines /dev/null list
unset KNEAD_LOG

# The first-run notice is not used up by a usage error.
expect_missing "$XDG_STATE_HOME/knead"

expect_exit 2 "$KNEAD" --routines "$TMP/none" list
expect_regex "$ERR" "^knead: error: --routines: .*$TMP/none"
expect_contains "$ERR" "No such file or directory"

# --- --routines takes one DIR a flag ------------------------------------------------------
write_routine "$ROUTINES/kubi.toml" right 1 "neck area" Kubi
mkdir -p "$TMP/wide"
expect_exit 0 "$KNEAD" show --routines "$TMP/wide" --routines "$ROUTINES" kubi
expect_contains "$OUT" "Kubi - neck area"
expect_exit 0 "$KNEAD" --routines "$TMP/wide" show kubi --routines "$ROUTINES"
expect_contains "$OUT" "Kubi - neck area"

# --- Errors from the commands: knead: error:, with the OS's reason -----------------------
expect_exit 0 "$KNEAD" new spare
expect_exit 1 "$KNEAD" new spare
expect_regex "$ERR" "^knead: error: .*/spare.toml already exists"
chmod 500 "$XDG_CONFIG_HOME/knead/routines"
if [[ ! -w "$XDG_CONFIG_HOME/knead/routines" ]]; then  # root writes anyway
    expect_exit 1 "$KNEAD" new other
    expect_eq "$(cat "$ERR")" \
        "knead: error: cannot write $XDG_CONFIG_HOME/knead/routines/other.toml: Permission denied" \
        "a file that cannot be written"
fi
chmod 700 "$XDG_CONFIG_HOME/knead/routines"
# A read error on the answers is no end of input: the session is logged as stopped.
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run kubi --no-wait --log "$TMP/dir.log" <"$TMP"
expect_contains "$ERR" "knead: error: cannot read the answers from standard input: Is a directory"
expect_not_contains "$OUT" "Input ended"
expect_contains "$TMP/dir.log" "status=stopped"
