#!/usr/bin/env bash
# `knead new`: a commented template that validates and runs as written, in the user's
# routine directory, never over an existing file.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

DIR="$XDG_CONFIG_HOME/knead/routines"
FILE="$DIR/desk-break.toml"

# --- A new routine, in directories created private ---------------------------------------
expect_missing "$XDG_CONFIG_HOME"
expect_exit 0 "$KNEAD" new desk-break
expect_eq "$(cat "$OUT")" "$FILE" "what new prints: the path alone"
expect_contains "$ERR" "knead validate desk-break"
expect_exists "$FILE"
expect_mode "$XDG_CONFIG_HOME" 700
expect_mode "$XDG_CONFIG_HOME/knead" 700
expect_mode "$DIR" 700
# Every key is there, commented, with the built-in defaults.
for key in schema name area summary cautions locate press hold hold_min hold_max stretch reps \
    target_pain id muscle refers_to tool side use; do
    expect_regex "$FILE" "^#? ?$key = "
done
expect_regex "$FILE" '^hold = 30 +# '
expect_regex "$FILE" '^target_pain = \[5, 7\] +# '
expect_regex "$FILE" '^name = "Desk break"$'
expect_regex "$FILE" '^area = "desk break"$'

# It validates as written, without a warning, and runs by its name.
expect_exit 0 "$KNEAD" validate desk-break
expect_eq "$(cat "$OUT")" "1 routine checked: 1 valid, 0 invalid (0 errors, 0 warnings)" \
    "validate of the template"
expect_exit 0 "$KNEAD" list --names
expect_contains "$OUT" "desk-break"
repeat_answer 20 6
expect_exit 0 "$KNEAD" run desk-break --no-wait --log "$TMP/new.log" <"$ANSWERS"
expect_contains "$OUT" "Session complete: 1 of 1 points"

# --- Never over an existing file ------------------------------------------------------------
echo "# mine" >>"$FILE"
cp "$FILE" "$TMP/before.toml"
expect_exit 1 "$KNEAD" new desk-break
expect_contains "$ERR" "$FILE already exists"
expect_empty "$OUT"
expect_same_file "$FILE" "$TMP/before.toml"

# --- --stdout prints the same template; --area is quoted as TOML -------------------------
expect_exit 0 "$KNEAD" new other --stdout
expect_missing "$DIR/other.toml"
"$KNEAD" new other >/dev/null 2>&1
expect_same_file "$DIR/other.toml" "$OUT"
expect_exit 0 "$KNEAD" new quoted --area 'back "and" \ side' --stdout
cp "$OUT" "$TMP/quoted.toml"
expect_exit 0 "$KNEAD" validate "$TMP/quoted.toml"
expect_exit 0 "$KNEAD" show "$TMP/quoted.toml"
expect_contains "$OUT" 'Quoted - back "and" \ side'

# --- A name that hides another routine is written, with a note ---------------------------
expect_exit 0 "$KNEAD" new neck
expect_contains "$ERR" "note: this hides the routine \`neck\`"
expect_exit 0 "$KNEAD" show neck
expect_contains "$OUT" "File: $DIR/neck.toml"

# --- Bad names and arguments --------------------------------------------------------------
for bad in Desk desk_break -x 'a b' '../escape' 'x--y' ''; do
    expect_exit 2 "$KNEAD" new -- "$bad"
    expect_contains "$ERR" "cannot name a routine"
done
expect_missing "$XDG_CONFIG_HOME/knead/escape.toml"
expect_exit 2 "$KNEAD" new "$(printf 'a%.0s' {1..65})"
expect_exit 2 "$KNEAD" new
expect_exit 2 "$KNEAD" new blank --area ' '
expect_contains "$ERR" "--area is empty"
expect_exit 2 "$KNEAD" new tabbed --area "$(printf 'upper\tback')"
expect_contains "$ERR" "--area must be plain text on one line"
expect_missing "$XDG_CONFIG_HOME/knead/routines/tabbed.toml"

# A config directory that cannot be made is an I/O failure, not a crash (a file stands in
# its way: this fails for root too).
echo "not a directory" >"$TMP/plain-file"
XDG_CONFIG_HOME="$TMP/plain-file" expect_exit 1 "$KNEAD" new blocked
expect_contains "$ERR" "cannot create $TMP/plain-file/knead/routines"
