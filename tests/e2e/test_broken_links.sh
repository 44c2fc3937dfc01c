#!/usr/bin/env bash
# A symbolic link to nothing where knead reads or writes a file: the log, the config, a
# routine, a --routines directory. Each is reported as the broken link it is, naming its
# target; none passes for a file that is simply not there yet (which would mean "no
# sessions", the defaults, or a new log made somewhere the user does not look).
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 1
answers 6 6 6
mkdir -p "$XDG_CONFIG_HOME/knead"
ln -s "$TMP/unmounted/sessions.log" "$TMP/linked.log"
LINK_WORDS="is a symbolic link to $TMP/unmounted/sessions.log, which does not exist (create it, or fix the link)"

# --- The log: a session refuses it, and makes nothing at the link's target -------------
expect_exit 1 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/linked.log" <"$ANSWERS"
expect_contains "$ERR" "knead: error: cannot open the log $TMP/linked.log: $LINK_WORDS"
expect_line_count "$ERR" 1
expect_missing "$TMP/unmounted"
for cmd in history due report; do
    KNEAD_LOG="$TMP/linked.log" expect_exit 1 "$KNEAD" --routines "$ROUTINES" $cmd
    expect_eq "$(cat "$ERR")" "knead: error: cannot read the log $TMP/linked.log: $LINK_WORDS" \
        "what \`knead $cmd\` says of a log linked to nothing"
    expect_not_contains "$OUT" "No sessions yet"
done

# --- The config: an error, not the defaults (which would move the log) ------------------
ln -s "$TMP/dotfiles/knead.toml" "$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 2 "$KNEAD" config
expect_contains "$ERR" "$XDG_CONFIG_HOME/knead/config.toml: error: is a symbolic link to $TMP/dotfiles/knead.toml, which does not exist; fix the link or remove it"
expect_exit 2 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_missing "$XDG_DATA_HOME/knead/sessions.log"
rm "$XDG_CONFIG_HOME/knead/config.toml"

# --- A routine: named as a link, by validate and by list --------------------------------
ln -s gone.toml "$ROUTINES/linked.toml"
expect_exit 2 "$KNEAD" validate "$ROUTINES/linked.toml"
expect_contains "$OUT" "$ROUTINES/linked.toml: error: is a symbolic link to gone.toml, which does not exist"
ln -s gone.toml "$TMP/bare-name"
cd "$TMP"
expect_exit 2 "$KNEAD" validate bare-name  # not looked up as a routine id
expect_contains "$OUT" "bare-name: error: is a symbolic link to gone.toml, which does not exist"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" list
expect_regex "$OUT" '^linked +\(invalid: run `knead validate '

# --- A routines directory ------------------------------------------------------------------
ln -s "$TMP/no-such-dir" "$TMP/linked-dir"
expect_exit 2 "$KNEAD" --routines "$TMP/linked-dir" list
expect_contains "$ERR" "\`$TMP/linked-dir\` is a symbolic link to $TMP/no-such-dir, which does not exist"

# --- A link that leads somewhere is followed, as before ---------------------------------
mkdir -p "$TMP/mounted"
touch "$TMP/mounted/sessions.log"
chmod 600 "$TMP/mounted/sessions.log"
ln -s "$TMP/mounted/sessions.log" "$TMP/good.log"
repeat_answer 40 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/good.log" <"$ANSWERS"
expect_line_count "$TMP/mounted/sessions.log" 1 ' event=start routines=tiny '

expect_exit 0 "$KNEAD" history --log "$TMP/good.log"
expect_regex "$OUT" 'tiny'

