#!/usr/bin/env bash
# Invalid routines: `validate` reports every problem where it is; `run` refuses them
# before touching the log.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

BAD="$TMP/bad.toml"
cat >"$BAD" <<'EOF'
schema = 1
name = "Bad"
area = "nowhere"
colour = "red"

[defaults]
hold = 5
reps = 0

[[point]]
id = "Bad_ID"
name = "P"
muscle = "m"
side = "up"
locate = "Find it."
press = "Press it."
stretch_time = 3

[[point]]
id = "second"
name = "Second"
muscel = "m"
locate = "Find it."
press = "Press it."
target_pain = [7, 5]
EOF

# --- validate: one FILE:LINE:COL: error: line per problem, at the right line -----------
expect_exit 2 "$KNEAD" validate "$BAD"
expect_line_count "$OUT" 9 "^$BAD:[0-9]+:[0-9]+: error: "
expect_regex "$OUT" "^$BAD:4:1: error: unknown key \`colour\` in the routine"
expect_regex "$OUT" "^$BAD:7:[0-9]+: error: hold \\(5 s\\) is outside hold_min\\.\\.hold_max"
expect_regex "$OUT" "^$BAD:8:[0-9]+: error: \`reps\` = 0 must be from 1 to 20"
expect_regex "$OUT" "^$BAD:11:[0-9]+: error: point id \`Bad_ID\` must be lowercase"
expect_regex "$OUT" "^$BAD:14:[0-9]+: error: side \`up\`"
expect_regex "$OUT" "^$BAD:17:[0-9]+: error: unknown key \`stretch_time\`.*did you mean \`stretch_seconds\`"
expect_regex "$OUT" "^$BAD:19:[0-9]+: error: .*missing required key \`muscle\`"
expect_regex "$OUT" "^$BAD:22:[0-9]+: error: unknown key \`muscel\`.*did you mean \`muscle\`\\?"
expect_regex "$OUT" "^$BAD:25:[0-9]+: error: \`target_pain\` = \\[7, 5\\] is reversed"
# Both points also lack a stretch and refers_to: a warning each, at the point.
expect_line_count "$OUT" 4 "^$BAD:(10|19):1: warning: point \`(Bad_ID|second)\` has no \`(stretch|refers_to)\`"
expect_regex "$OUT" '^1 routine checked: 0 valid, 1 invalid \(9 errors, 4 warnings\)$'
# Under each problem, its line and a caret: 13 problems of 3 lines, and the count.
expect_line_count "$OUT" 40
expect_line_count "$OUT" 13 '^ +[0-9]+ \| '
expect_line_count "$OUT" 13 '^ +\| +\^$'
expect_followed_by "$OUT" "$BAD:4:1: error: unknown key" '   4 | colour = "red"'
# Sorted by line.
expect_eq "$(grep -o "^$BAD:[0-9]*" "$OUT" | cut -d: -f2 | tr '\n' ' ')" \
    "4 7 8 10 10 11 14 17 19 19 19 22 25 " "lines of the diagnostics, in order"

# A typo of a top-level key.
printf 'schema = 1\nname = "x"\nare = "y"\n\n[[point]]\nid = "a"\nname = "b"\nmuscle = "c"\nlocate = "l"\npress = "p"\n' \
    >"$TMP/typo.toml"
expect_exit 2 "$KNEAD" validate "$TMP/typo.toml"
expect_regex "$OUT" "^$TMP/typo.toml:3:1: error: unknown key \`are\` in the routine; did you mean \`area\`\\?\$"
expect_regex "$OUT" "^$TMP/typo.toml:1:1: error: the routine is missing required key \`area\`\$"

# A TOML syntax error is one diagnostic at its line.
printf 'schema = 1\nname = "x"\narea = "y"\n\n[[point]]\nid = "a"\nname = \n' >"$TMP/syntax.toml"
expect_exit 2 "$KNEAD" validate "$TMP/syntax.toml"
expect_regex "$OUT" "^$TMP/syntax.toml:7:[0-9]+: error: syntax error"
expect_line_count "$OUT" 4  # with its line and the caret

# --- run refuses it: exit 2, the same diagnostics on stderr, nothing on stdout, no log ---
LOG="$TMP/logs/run.log"
answers 6 6 6
expect_exit 2 "$KNEAD" run "$BAD" --no-wait --log "$LOG" <"$ANSWERS"
expect_line_count "$ERR" 9 "^$BAD:[0-9]+:[0-9]+: error: "
expect_regex "$ERR" "^$BAD:22:[0-9]+: error: unknown key \`muscel\`"
expect_empty "$OUT"
expect_missing "$LOG"
expect_missing "$TMP/logs"

# ...nor with KNEAD_LOG or the default log.
KNEAD_LOG="$TMP/env.log" expect_exit 2 "$KNEAD" run "$BAD" --no-wait <"$ANSWERS"
expect_missing "$TMP/env.log"
expect_exit 2 "$KNEAD" run "$BAD" --no-wait <"$ANSWERS"
expect_missing "$XDG_DATA_HOME/knead"

# ...and an existing log is left exactly as it was.
write_routine "$ROUTINES/tiny.toml"
LOG="$TMP/existing.log"
answers q
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
cp "$LOG" "$TMP/existing.copy"
answers 6 6 6
expect_exit 2 "$KNEAD" run "$BAD" --no-wait --log "$LOG" <"$ANSWERS"
expect_same_file "$LOG" "$TMP/existing.copy"

# A valid routine run together with an invalid one: nothing runs.
expect_exit 2 "$KNEAD" --routines "$ROUTINES" run tiny "$BAD" --no-wait --log "$LOG" <"$ANSWERS"
expect_same_file "$LOG" "$TMP/existing.copy"
expect_empty "$OUT"

# --- Files that are not routines at all: one clear line, exit 2 --------------------------
: >"$TMP/empty.toml"
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000' >"$TMP/binary.toml"
printf '\377\376garbage\n' >"$TMP/latin.toml"
mkdir "$TMP/dir.toml"
check_not_a_routine() {  # FILE MESSAGE
    local file=$1 message=$2
    expect_exit 2 "$KNEAD" validate "$file"
    expect_regex "$OUT" "^$file(:[0-9]+:[0-9]+)?: error: .*$message"
    expect_line_count "$OUT" 1 ': error: '
    expect_regex "$OUT" '^1 routine checked: 0 valid, 1 invalid \(1 error, 0 warnings\)$'
    expect_exit 2 "$KNEAD" run "$file" --no-wait --log "$TMP/never.log" <"$ANSWERS"
    expect_regex "$ERR" "^$file(:[0-9]+:[0-9]+)?: error: .*$message"
    expect_line_count "$ERR" 1 ': error: '
    # A position comes with the line and a caret; a whole-file problem is one line.
    if grep -q "^$file:[0-9]" "$ERR"; then expect_line_count "$ERR" 3; else expect_line_count "$ERR" 1; fi
    expect_empty "$OUT"
    expect_missing "$TMP/never.log"
}
check_not_a_routine "$TMP/empty.toml" "the file is empty"
check_not_a_routine "$TMP/binary.toml" "binary file"
check_not_a_routine "$TMP/latin.toml" "invalid UTF-8"
check_not_a_routine "$TMP/missing.toml" "no such file"

# A directory given to `run` is not a routine file.
expect_exit 2 "$KNEAD" run "$TMP/dir.toml" --no-wait --log "$TMP/never.log" <"$ANSWERS"
expect_regex "$ERR" "^$TMP/dir.toml: error: is a directory"
expect_line_count "$ERR" 1
expect_missing "$TMP/never.log"
expect_exit 2 "$KNEAD" show "$TMP/dir.toml"
expect_regex "$ERR" "^$TMP/dir.toml: error: is a directory"

# `validate` takes a directory as the routines in it (see the built-in directory below);
# one with no routines in it is at least reported.
rc=0
"$KNEAD" validate "$TMP/dir.toml" >"$OUT" 2>"$ERR" || rc=$?
LAST_CMD="knead validate $TMP/dir.toml"
expect_regex "$OUT" "^$TMP/dir.toml: error: no .toml routines in this directory"
expect_eq "$rc" 2 "exit status of validate on a directory without routines"

# A file over the size limit is refused without being parsed.
{
    printf 'schema = 1\nname = "x"\narea = "y"\nsummary = "'
    head -c 1100000 /dev/zero | tr '\0' a
    printf '"\n'
} >"$TMP/huge.toml"
expect_exit 2 "$KNEAD" validate "$TMP/huge.toml"
expect_regex "$OUT" "^$TMP/huge.toml: error: too large"

# Absurd nesting is refused, not a crash.
{
    printf 'schema = 1\nname = "x"\narea = "y"\nz = '
    head -c 5000 /dev/zero | tr '\0' '['
    head -c 5000 /dev/zero | tr '\0' ']'
    printf '\n'
} >"$TMP/deep.toml"
expect_exit 2 "$KNEAD" validate "$TMP/deep.toml"
expect_regex "$OUT" "^$TMP/deep.toml:4:[0-9]+: error: nested more than"

# --- Valid routines ---------------------------------------------------------------------
expect_exit 0 "$KNEAD" validate "$ROUTINES/tiny.toml"
expect_eq "$(cat "$OUT")" "1 routine checked: 1 valid, 0 invalid (0 errors, 0 warnings)" "validate of a valid file"

N=$(find "$KNEAD_SOURCE/routines" -maxdepth 1 -name '*.toml' | wc -l)
expect_match "$N" '^[1-9][0-9]*$' "number of built-in routine files"
expect_exit 0 "$KNEAD" validate "$KNEAD_SOURCE/routines"
expect_eq "$(tail -n 1 "$OUT")" "$N routines checked: $N valid, 0 invalid (0 errors, 0 warnings)" \
    "validate of the built-in routines"
expect_line_count "$OUT" 1

# Several files: one invalid one makes the whole run fail, and all are counted.
expect_exit 2 "$KNEAD" validate "$ROUTINES/tiny.toml" "$BAD"
expect_regex "$OUT" '^2 routines checked: 1 valid, 1 invalid \(9 errors, 4 warnings\)$'

# A number beyond 64 bits is reported as out of range, not as the limit toml clamps it to.
cat >"$TMP/huge-reps.toml" <<'TOML'
schema = 1
name = "Huge"
area = "test"

[[point]]
id = "p"
name = "P"
muscle = "m"
locate = "Find it."
press = "Press it."
reps = 99999999999999999999
TOML
expect_exit 2 "$KNEAD" validate "$TMP/huge-reps.toml"
expect_regex "$OUT" "^$TMP/huge-reps.toml:11:8: error: \`reps\` is far out of range: use 1 to 20$"
expect_not_contains "$OUT" "9223372036854775807"

# With no argument: the user's own routines directory, the one `knead new` writes to.
OWN="$XDG_CONFIG_HOME/knead/routines"
rm -rf "$OWN"
expect_exit 2 "$KNEAD" validate
expect_eq "$(cat "$ERR")" "knead: error: no routines of your own to check: $OWN does not exist (start one with \`knead new NAME\`, or name files to check)" "validate without routines of one's own"
mkdir -p "$OWN"
write_routine "$OWN/mine.toml" right 1
expect_exit 0 "$KNEAD" validate
expect_regex "$OUT" '^1 routine checked: 1 valid, 0 invalid'
cp "$BAD" "$OWN/broken.toml"
expect_exit 2 "$KNEAD" validate
expect_contains "$OUT" "$OWN/broken.toml:"
rm "$OWN/broken.toml"

# `-`: one routine from standard input, reported as <stdin>.
expect_exit 0 "$KNEAD" validate - <"$OWN/mine.toml"
expect_regex "$OUT" '^1 routine checked: 1 valid, 0 invalid'
expect_exit 2 "$KNEAD" validate - <"$BAD"
expect_regex "$OUT" '^<stdin>:[0-9]+:[0-9]+: error: '
expect_exit 2 "$KNEAD" validate - "$OWN/mine.toml" <"$TMP/huge-reps.toml"
expect_regex "$OUT" '^<stdin>:11:8: error: `reps` is far out of range'
expect_regex "$OUT" '^2 routines checked: 1 valid, 1 invalid'
# A read error is the OS's, not an empty routine.
expect_exit 1 "$KNEAD" validate - <"$TMP"
expect_eq "$(cat "$ERR")" "knead: error: cannot read the routine from standard input: Is a directory" "validate - from a directory"
