#!/usr/bin/env bash
# On a pipe knead writes plain text: no colours, no cursor movement, no bell.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# A terminal-looking environment: only the pipe itself should turn the decoration off.
export TERM=xterm-256color LANG=en_US.UTF-8 COLUMNS=100

write_routine "$ROUTINES/tiny.toml" both 2

# --- A whole session, with every kind of answer along the way ----------------------------
{
    printf '\n'            # nothing to repeat yet
    printf '\033[2J\a\n'   # an answer holding an escape sequence and a bell
    printf '6\n8\n6\n'     # locate, press, hold (above the band: "lighter")
    printf '\n\n4\n'       # Enter twice, a hold below the band
    printf '6\n'           # stretch
    printf 's\n'           # skip the right side
} >"$ANSWERS"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/s.log" <"$ANSWERS"
expect_contains "$OUT" "HOLD Tiny point (left side), rep 1/2, 30 s"
expect_contains "$OUT" "Session complete"
expect_no_escapes "$OUT"
expect_no_escapes "$ERR"
expect_no_escapes "$TMP/s.log"
# The answer is echoed with its control characters made visible, not passed through.
expect_contains "$OUT" "?[2J?"

# The built-in neck routine, stopped on a red flag, and one ended by end of input.
answers 6 6 '!'
expect_exit 4 "$KNEAD" run neck --no-wait --log "$TMP/s.log" <"$ANSWERS"
expect_contains "$OUT" "Stop now."
expect_no_escapes "$OUT"
answers 6 6
expect_exit 3 "$KNEAD" run neck --no-wait --log "$TMP/s.log" <"$ANSWERS"
expect_contains "$OUT" "Input ended"
expect_no_escapes "$OUT"

# --- The other commands -----------------------------------------------------------------
expect_exit 0 "$KNEAD" list
expect_no_escapes "$OUT"
expect_exit 0 "$KNEAD" show neck
expect_no_escapes "$OUT"
expect_exit 0 "$KNEAD" --help
expect_no_escapes "$OUT"
expect_exit 2 "$KNEAD" run nek --no-wait
expect_no_escapes "$ERR"
printf 'schema = 1\nname = "x"\narea = "y"\nnmae = 3\n' >"$TMP/bad.toml"
expect_exit 2 "$KNEAD" validate "$TMP/bad.toml"
expect_no_escapes "$OUT"

# --- A routine whose texts carry escape sequences ----------------------------------------
# TOML can spell any control character (\u001b is ESC, \u0007 the bell). A routine shared
# by someone else must not be able to drive the user's terminal.
cat >"$ROUTINES/evil.toml" <<'EOF'
schema = 1
name = "Evil\u001b]0;owned\u0007"
area = "area\u001b[2J"
cautions = ["Caution\u001b[31m red"]

[[point]]
id = "evil-point"
name = "Evil\u001b[1A point"
muscle = "muscle"
refers_to = ["elbow\u0007"]
side = "right"
reps = 1
locate = "Locate\u001b[2K it."
press = "Press it."
EOF
answers 6 6 6
rc=0
"$KNEAD" --routines "$ROUTINES" run evil --no-wait --log "$TMP/evil.log" <"$ANSWERS" >"$OUT" 2>"$ERR" || rc=$?
LAST_CMD="knead run evil --no-wait"
expect_match "$rc" '^[02]$' "exit status of a routine with escapes in its texts (run, or refused)"
[[ ! -e $TMP/evil.log ]] || expect_no_escapes "$TMP/evil.log"
expect_no_escapes "$OUT"
rc=0
"$KNEAD" --routines "$ROUTINES" show evil >"$OUT" 2>"$ERR" || rc=$?
LAST_CMD="knead show evil"
expect_match "$rc" '^[02]$' "exit status of show for a routine with escapes in its texts"
expect_no_escapes "$OUT"
