#!/usr/bin/env bash
# The config file: its defaults, its errors, and that flags beat it.
source "$(dirname "$0")/lib.sh"

CONFIG="$XDG_CONFIG_HOME/knead/config.toml"
write_routine "$ROUTINES/tiny.toml" right 1

# No file: every setting at its default, and the file named as absent.
expect_exit 0 "$KNEAD" config
expect_contains "$OUT" "Config file: $CONFIG (not present: defaults apply)"
expect_regex "$OUT" '^  color +auto +default$'
expect_regex "$OUT" '^  voice +false +default$'
expect_regex "$OUT" '^  bell +true +default$'
expect_regex "$OUT" "^  log +$XDG_DATA_HOME/knead/sessions.log +default$"
expect_regex "$OUT" '^  target_pain +\[5, 7\] +default$'
expect_contains "$OUT" "(built-in)"

# CLICOLOR_FORCE=0 forces nothing: config says so, and run on a pipe has no colour.
CLICOLOR_FORCE=0 expect_exit 0 "$KNEAD" config
expect_regex "$OUT" '^  color +auto +default$'
answers 6 6 6
CLICOLOR_FORCE=0 expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait \
    --log "$TMP/nc.log" <"$ANSWERS"
expect_not_contains "$OUT" $'\e'
CLICOLOR_FORCE=1 expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait \
    --log "$TMP/nc.log" <"$ANSWERS"
expect_contains "$OUT" $'\e['

# Every key, each with the line it came from.
mkdir -p "$(dirname "$CONFIG")"
cat >"$CONFIG" <<EOF
# knead settings
voice = true
speech_command = ["$TMP/say", "{}"]
bell = false
color = "never"
big = true
log = "$TMP/from-config.log"
target_pain = [4, 6]
EOF
expect_exit 0 "$KNEAD" config
expect_regex "$OUT" "^  voice +true +$CONFIG:2$"
expect_regex "$OUT" "^  speech_command +$TMP/say \{\} +$CONFIG:3$"
expect_regex "$OUT" "^  bell +false +$CONFIG:4$"
expect_regex "$OUT" "^  color +never +$CONFIG:5$"
expect_regex "$OUT" "^  big +true +$CONFIG:6$"
expect_regex "$OUT" "^  log +$TMP/from-config.log +$CONFIG:7$"
expect_regex "$OUT" "^  target_pain +\[4, 6\] +$CONFIG:8$"

# KNEAD_LOG beats the file's log.
KNEAD_LOG="$TMP/env.log" expect_exit 0 "$KNEAD" config
expect_regex "$OUT" "^  log +$TMP/env.log +KNEAD_LOG$"

# A value wider than the others (a long log path) widens the column: every source still
# starts in the same column, one space after the widest value.
long="$TMP/a/log/path/long/enough/to/be/wider/than/forty/columns/sessions.log"
KNEAD_LOG="$long" expect_exit 0 "$KNEAD" config
expect_regex "$OUT" "^  log +$long KNEAD_LOG$"
starts=$(awk '/^  [a-z_]+ / && !/\(/ { print index($0, $NF) }' "$OUT" | sort -u)
[[ $(wc -l <<<"$starts") == 1 ]] || fail "config's source column is ragged: $(cat "$OUT")"

# The colour variables beat the file and lose to --color; config says what run does.
CLICOLOR_FORCE=1 expect_exit 0 "$KNEAD" config
expect_regex "$OUT" '^  color +always +CLICOLOR_FORCE$'
NO_COLOR=1 CLICOLOR_FORCE=1 expect_exit 0 "$KNEAD" config
expect_regex "$OUT" '^  color +never +NO_COLOR$'

# run uses the file: its log, and its speech command (voice on).
cat >"$TMP/say" <<EOF
#!/bin/sh
echo "\$*" >>"$TMP/said"
EOF
chmod +x "$TMP/say"
answers 6 6 '!'
expect_exit 4 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_regex "$TMP/from-config.log" 'event=end status=red-flag'
for _ in $(seq 200); do grep -q 'Stop now' "$TMP/said" 2>/dev/null && break; sleep 0.05; done
expect_contains "$TMP/said" "Stop now."

# --log beats the file.
expect_exit 4 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/flag.log" <"$ANSWERS"
expect_regex "$TMP/flag.log" 'event=end status=red-flag'
expect_line_count "$TMP/from-config.log" 1 'event=end'

# A broken file: every problem with FILE:LINE:COL, exit 2, for config and for run, and
# run starts nothing.
cat >"$CONFIG" <<'EOF'
voice = "yes"
colour = "never"
target_pain = [7, 4]
EOF
expect_exit 2 "$KNEAD" config
expect_contains "$ERR" "$CONFIG:1:9: error: \`voice\` must be true or false, not a string"
expect_contains "$ERR" "$CONFIG:2:1: error: unknown key \`colour\` in the config file; did you mean \`color\`?"
expect_regex "$ERR" "^$CONFIG:3:15: error: .*reversed"
answers 6
expect_exit 2 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/broken.log" <"$ANSWERS"
expect_contains "$ERR" "$CONFIG:1:9: error:"
expect_missing "$TMP/broken.log"
expect_empty "$OUT"

printf 'log = \n' >"$CONFIG"
expect_exit 2 "$KNEAD" config
expect_regex "$ERR" "^$CONFIG:1:[0-9]+: error: syntax error"

# The default pain band applies where a routine sets none, and only there.
printf 'target_pain = [3, 4]\n' >"$CONFIG"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny
expect_contains "$OUT" "at pain 3-4"
expect_exit 0 "$KNEAD" show neck
expect_contains "$OUT" "at pain 3-5"  # the sternocleidomastoid keeps its own band
# In a session: 5 after the first hold is above 3-4, so the next hold is shorter.
write_routine "$ROUTINES/two.toml" right 2
repeat_answer 20 5
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run two --no-wait --log "$TMP/band.log" <"$ANSWERS"
expect_regex "$TMP/band.log" 'rep=2 step=hold planned=20 '
expect_contains "$OUT" "Aim for 3-4 of 10"
