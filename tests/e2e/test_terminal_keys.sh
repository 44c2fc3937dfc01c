#!/usr/bin/env bash
# Keys, signals and the terminal's state, with knead in a real pseudo-terminal.
source "$(dirname "$0")/lib.sh"
: "${PTYDRIVE:?set PTYDRIVE to the pty driver (CTest does this)}"

# Long steps: every test ends its countdowns with keys, never by waiting them out. Keys are
# sent once the legend shows: it is drawn after the terminal is in key mode.
cat >"$ROUTINES/keys.toml" <<'TOML'
schema = 1
name = "Keys"
area = "test"

[defaults]
locate = 30
press = 30
hold = 30
stretch = 30
reps = 1

[[point]]
id = "first"
name = "First point"
muscle = "test muscle"
side = "right"
locate = "Find it."
press = "Press it."
stretch = "Stretch it."

[[point]]
id = "second"
name = "Second point"
muscle = "test muscle"
side = "center"
locate = "Find the other one."
press = "Press it."
stretch = "Stretch it."
TOML

drive() {  # LOG SCRIPT: runs knead in the pty, script on stdin; output to $OUT
    local log=$1
    shift
    LAST_CMD="ptydrive knead run keys --log $log"
    if ! "$PTYDRIVE" env TERM=xterm LANG=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run keys \
        --log "$log" --quiet >"$OUT" 2>&1; then
        fail "the pty script failed" "every step to pass" "a failed step" "$OUT"
    fi
    pass
}

# Pause is not skip: pausing keeps the step going, and both are logged as what they were.
drive "$TMP/keys.log" <<'SCRIPT'
expect LOCATE
expect space pause  s skip step  n next side  N next point  q stop  +/- 5 s
send  
expect PAUSED
expect space resume
send  
expect space pause
send -
send -
send s
expect Step skipped.
expect Tenderness 0-10
send 5
expect PRESS
expect space pause
send n
expect On to the next side
expect Skipped: First point (right side).
expect Second point
expect LOCATE
expect space pause
send q
exit 3
cooked
SCRIPT
expect_contains "$OUT" "Stopping the session."
expect_regex "$TMP/keys.log" 'point=first side=right rep=1 step=locate planned=30 actual=[0-9.]+ pain=5 paused=[0-9.]+ adjusted=-10 early=skip$'
expect_regex "$TMP/keys.log" 'point=first side=right rep=1 step=press planned=30 actual=[0-9.]+ answer=skip early=next$'
expect_regex "$TMP/keys.log" 'event=skip routine=keys point=first side=right why=next$'
expect_regex "$TMP/keys.log" 'point=second side=center rep=1 step=locate .* answer=quit early=quit$'
expect_regex "$TMP/keys.log" 'event=end status=stopped points=2'
expect_no_regex "$TMP/keys.log" 'step=stretch'

# Ctrl-C during a countdown: terminal restored, session logged as interrupted, 130.
drive "$TMP/int.log" <<'SCRIPT'
expect LOCATE
expect space pause
send \x03
expect Interrupted (Ctrl-C)
exit 130
cooked
SCRIPT
expect_regex "$TMP/int.log" 'event=end status=interrupted points=1 .* point=first side=right step=locate$'

# SIGTERM and SIGHUP likewise, with their own exit codes.
drive "$TMP/term.log" <<'SCRIPT'
expect LOCATE
expect space pause
signal TERM
exit 143
cooked
SCRIPT
expect_regex "$TMP/term.log" 'event=end status=interrupted'

drive "$TMP/hup.log" <<'SCRIPT'
expect LOCATE
expect space pause
signal HUP
exit 129
SCRIPT
expect_regex "$TMP/hup.log" 'event=end status=interrupted'

# Ctrl-C while knead waits for an answer: the finished step is kept.
drive "$TMP/prompt.log" <<'SCRIPT'
expect LOCATE
expect space pause
send s
expect Tenderness 0-10
send \x03
exit 130
cooked
SCRIPT
expect_regex "$TMP/prompt.log" 'step=locate .* answer=none early=skip$'
expect_regex "$TMP/prompt.log" 'event=end status=interrupted'

# Ctrl-Z: the terminal is handed back and taken again; the session carries on. (With no
# job-control shell above it the stop itself does not happen, which keeps the test short.)
drive "$TMP/tstp.log" <<'SCRIPT'
expect LOCATE
expect space pause
send \x1a
send s
expect Step skipped.
expect Tenderness 0-10
send q
exit 3
cooked
SCRIPT
expect_regex "$TMP/tstp.log" 'event=end status=stopped'

# Keys are read without Enter and not echoed: the legend never shows a typed letter.
expect_no_regex "$OUT" '^s$'

# One key answers, without Enter: 1 alone is 1 (after a moment), 1 then 0 is 10, Enter
# repeats the last answer. Keys typed before the question do not leak into it.
drive "$TMP/onekey.log" <<'SCRIPT'
expect LOCATE
expect space pause
send s
expect Tenderness 0-10
send 1
expect No tender spot here
expect LOCATE
expect space pause
send s
expect Tenderness 0-10
send 6
expect PRESS
expect space pause
send s
expect Pain 0-10
send \r
expect HOLD
expect space pause
send s
expect Hold pain 0-10
send 10
expect That is too much (stop at 9)
expect REST
expect space pause
send q
exit 3
cooked
SCRIPT
expect_regex "$TMP/onekey.log" ' step=locate .* pain=1 early=skip$'
expect_regex "$TMP/onekey.log" ' step=locate .* pain=6 early=skip$'
expect_regex "$TMP/onekey.log" ' step=press .* pain=6 early=skip$'
expect_regex "$TMP/onekey.log" ' step=hold .* pain=10 early=skip$'
expect_regex "$TMP/onekey.log" ' step=rest .* answer=quit early=quit$'
expect_line_count "$TMP/onekey.log" 0 ' pain=0 '

# A ! typed right after a 1 (in the moment the 1 waits for a 0) is the red flag, not lost.
drive "$TMP/flag.log" <<'SCRIPT'
expect LOCATE
expect space pause
send s
expect Tenderness 0-10
send 1!
expect Stop now
exit 4
cooked
SCRIPT
expect_regex "$TMP/flag.log" ' step=locate .* answer=red-flag early=skip$'
expect_line_count "$TMP/flag.log" 0 ' pain=1 '

# Hands-free: no key at all, and the session still ends. Each question waits a second,
# takes the last answer (or, first, the plan's), and logs it as a timeout with no pain.
cat >"$ROUTINES/quick.toml" <<'TOML'
schema = 1
name = "Quick"
area = "test"

[defaults]
locate = 1
press = 1
hold = 1
hold_min = 1
rest = 1
stretch = 1
reps = 1
stretch_reps = 1

[[point]]
id = "only"
name = "Only point"
muscle = "test muscle"
side = "right"
locate = "Find it."
press = "Press it."
stretch = "Stretch it."
TOML
LAST_CMD="ptydrive knead run quick --hands-free=1"
# The voice, to a file: each cue on a line.
SPOKEN="$TMP/spoken.txt"
printf '#!/bin/sh\necho "$*" >>"%s"\n' "$SPOKEN" >"$TMP/say"
chmod +x "$TMP/say"
if ! "$PTYDRIVE" env TERM=xterm LANG=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run quick \
    --log "$TMP/free.log" --quiet --hands-free=1 --speed 4 --voice \
    --speech-command "$TMP/say {}" >"$OUT" 2>&1 <<'SCRIPT'; then
expect Tenderness 0-10
expect [5 if no key]
expect 5 (no key)
expect Session complete
exit 0
cooked
SCRIPT
    fail "the hands-free pty script failed" "every step to pass" "a failed step" "$OUT"
fi
pass
expect_line_count "$TMP/free.log" 4 ' answer=timeout$'
expect_line_count "$TMP/free.log" 0 ' pain='
expect_line_count "$TMP/free.log" 1 ' event=end status=completed points=1 '
expect_contains "$OUT" "(the clock ran 4x)"
expect_contains "$SPOKEN" "Locate. Only point, right side. Find it."
expect_contains "$SPOKEN" "How tender is it?"
expect_contains "$SPOKEN" "No key: taking 5."
expect_contains "$SPOKEN" "Press. Only point, right side. Press it. Aim for 5 to 7."
expect_contains "$SPOKEN" "Release. How much does it hurt?"
expect_contains "$SPOKEN" "Rest. Only point, right side. Let go and breathe."
expect_contains "$SPOKEN" "Stretch. Only point, right side. Stretch it."
