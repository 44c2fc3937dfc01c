#!/usr/bin/env bash
# Spoken cues go to the speech command; a missing one is reported once and is not fatal.
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 1

# A speech command that writes down what it was asked to say.
cat >"$TMP/say" <<EOF
#!/bin/sh
echo "\$*" >>"$TMP/said"
EOF
# And one that takes the text on standard input.
cat >"$TMP/say-stdin" <<EOF
#!/bin/sh
cat >>"$TMP/heard"
echo >>"$TMP/heard"
EOF
chmod +x "$TMP/say" "$TMP/say-stdin"

wait_for_text() {  # FILE TEXT: the last cue is never cut off, but it lands a moment later
    local i
    for ((i = 0; i < 200; i++)); do
        grep -qF -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.05
    done
}

answers 6 6 '!'
expect_exit 4 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/l.log" --voice \
    --speech-command "$TMP/say {}" <"$ANSWERS"
wait_for_text "$TMP/said" "Stop now."
expect_contains "$TMP/said" "Stop now."

expect_exit 4 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/l.log" --voice \
    --speech-command "$TMP/say-stdin" <"$ANSWERS"
wait_for_text "$TMP/heard" "Stop now."
expect_contains "$TMP/heard" "Stop now."

# A speech command that does not exist: one line on stderr, and the session goes on.
repeat_answer 40 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/l.log" --voice \
    --speech-command "no-such-speaker-here {}" <"$ANSWERS"
expect_contains "$ERR" "cannot run the speech command"
expect_eq "$(grep -c 'speech command' "$ERR")" 1 "speech failures reported"
expect_contains "$OUT" "Session complete"

# Without --voice nothing is spoken.
rm -f "$TMP/said"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/l.log" \
    --speech-command "$TMP/say {}" <"$ANSWERS"
expect_missing "$TMP/said"
