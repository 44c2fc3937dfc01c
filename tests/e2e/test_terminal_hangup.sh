#!/usr/bin/env bash
# The terminal goes away (its window is closed) in every state a session can be in: the
# session is logged as interrupted with the step under way, knead exits 129 at once, and
# it does not spin on the dead terminal on its way out.
source "$(dirname "$0")/lib.sh"
: "${PTYDRIVE:?set PTYDRIVE to the pty driver (CTest does this)}"

write_routine "$ROUTINES/tiny.toml" right 1

# CPU after the hang-up: a spin on the dead terminal would use it up. knead's own way out
# (the end record, fsync, exit) takes 0.003-0.02 s; under AddressSanitizer, the leak check
# at exit alone takes 0.06-0.1 s, so a sanitized build gets more room.
HUP_CPU=0.1
grep -aq __asan_init "$KNEAD" && HUP_CPU=0.3

hangup() {  # LOG: runs knead in the pty, the script on stdin; output to $OUT
    local log=$1
    LAST_CMD="ptydrive knead run tiny --log $log (then the terminal closes)"
    if ! "$PTYDRIVE" env TERM=xterm LANG=C.UTF-8 "$KNEAD" --routines "$ROUTINES" run tiny \
        --log "$log" --quiet >"$OUT" 2>&1; then
        fail "the pty script failed" "every step to pass" "a failed step" "$OUT"
    fi
    pass
    tail -n 1 "$log" >"$TMP/last"
}

# Paused: nothing to wait for but a key, which never comes from a closed terminal.
hangup "$TMP/paused.log" <<SCRIPT
expect LOCATE
expect space pause
send  
expect space resume
hangup
exit 129 2
cpu $HUP_CPU
SCRIPT
expect_regex "$TMP/last" ' event=end status=interrupted points=1 .* point=tiny-point side=right step=locate$'

# While a countdown runs: interrupted, not stopped, and the step is named.
hangup "$TMP/running.log" <<SCRIPT
expect LOCATE
expect space pause
hangup
exit 129 2
cpu $HUP_CPU
SCRIPT
expect_regex "$TMP/last" ' event=end status=interrupted points=1 .* step=locate$'

# At the answer prompt: the finished step is kept, the session ends as interrupted.
hangup "$TMP/prompt.log" <<SCRIPT
expect LOCATE
expect space pause
send s
expect Tenderness 0-10
hangup
exit 129 2
cpu $HUP_CPU
SCRIPT
expect_regex "$TMP/prompt.log" 'step=locate planned=15 actual=[0-9.]+ answer=none early=skip$'
expect_regex "$TMP/last" ' event=end status=interrupted points=1 .* step=locate$'

# At the soreness question, before any step: a session from an hour ago makes it ask.
then=$(date -u -d '@'$(($(date +%s) - 3600)) +%Y-%m-%dT%H:%M:%S+00:00 2>/dev/null ||
    date -u -r $(($(date +%s) - 3600)) +%Y-%m-%dT%H:%M:%S+00:00)
{
    echo "# knead log v1"
    echo "time=$then session=20200101T000000Z-0001 event=start routines=tiny clock=real version=0.1.0"
    echo "time=$then session=20200101T000000Z-0001 routine=tiny point=tiny-point side=right rep=1 step=hold planned=30 actual=30.0 pain=6"
    echo "time=$then session=20200101T000000Z-0001 event=end status=completed points=1 duration=60.0"
} >"$TMP/sore.log"
hangup "$TMP/sore.log" <<SCRIPT
expect How sore is it still
hangup
exit 129 2
cpu $HUP_CPU
SCRIPT
expect_regex "$TMP/last" ' event=end status=interrupted '

# Ctrl-D at the question, on a terminal that is still there, is not a hang-up: the answers
# end, as at the end of a pipe.
hangup "$TMP/eof.log" <<'SCRIPT'
expect LOCATE
expect space pause
send s
# The terminal is in key mode before the question is drawn, so a Ctrl-D sent the moment
# it shows is a key, not the end of a line in line mode (read later as a NUL byte).
expect Tenderness 0-10
send \x04
expect Input ended
exit 3
cooked
SCRIPT
expect_regex "$TMP/last" ' event=end status=stopped '
