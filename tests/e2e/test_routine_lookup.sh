#!/usr/bin/env bash
# Finding routines: the built-ins, the user's own, --routines and KNEAD_ROUTINES, typos.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# --- A mistyped name --------------------------------------------------------------------
answers 6 6 6
expect_exit 2 "$KNEAD" run nek --no-wait <"$ANSWERS"
expect_contains_ci "$ERR" 'did you mean `neck`'
expect_contains "$ERR" 'no routine named `nek`'
expect_line_count "$ERR" 1
expect_empty "$OUT"
expect_missing "$XDG_DATA_HOME/knead"

expect_exit 2 "$KNEAD" show nek
expect_contains_ci "$ERR" 'did you mean `neck`'
expect_exit 2 "$KNEAD" run uper-back --no-wait <"$ANSWERS"
expect_contains_ci "$ERR" 'did you mean `upper-back`'

# Nothing close: no suggestion, but still a pointer to `knead list`.
expect_exit 2 "$KNEAD" run zzzzzzzz --no-wait <"$ANSWERS"
expect_not_contains "$ERR" "did you mean"
expect_not_contains "$ERR" "Did you mean"
expect_contains "$ERR" "knead list"

# --- knead list: the built-in routines with area, points and minutes ---------------------
expect_exit 0 "$KNEAD" list
cp "$OUT" "$TMP/list.out"
expect_regex "$TMP/list.out" '^ROUTINE +AREA +POINTS +MINUTES$'
N=$(find "$KNEAD_SOURCE/routines" -maxdepth 1 -name '*.toml' | wc -l)
expect_line_count "$TMP/list.out" $((N + 1))
for id in neck upper-back forearm; do
    area=$(builtin_area "$id")
    points=$(builtin_points "$id")
    expect_match "$area" '.' "area of $id read from its file"
    expect_exit 0 "$KNEAD" show "$id"
    minutes=$(sed -n 's/.* end (about \([0-9]*\) minutes.*/\1/p' "$OUT")
    expect_match "$minutes" '^[0-9]+$' "minutes of $id from knead show"
    expect_regex "$TMP/list.out" "^$id +$area +$points +$minutes\$"
done

# --- A user's routine of the same name replaces the built-in -----------------------------
write_routine "$XDG_CONFIG_HOME/knead/routines/neck.toml" right 1 "my own neck" "My Neck"
expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^neck +my own neck +1 +1$'  # 15+10+30+30 s
expect_line_count "$OUT" 1 '^neck '
expect_regex "$OUT" "^upper-back +$(builtin_area upper-back) "

LOG="$TMP/user.log"
answers q
expect_exit 3 "$KNEAD" run neck --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "My Neck (my own neck)"
expect_contains "$OUT" "Point 1/1: Tiny point (right side)"
expect_line_count "$LOG" 1 ' routine=neck point=tiny-point side=right rep=1 step=locate .*answer=quit$'
expect_exit 0 "$KNEAD" show neck
expect_contains "$OUT" "File: $XDG_CONFIG_HOME/knead/routines/neck.toml"

# A new name in the user's directory is listed and runs by that name.
write_routine "$XDG_CONFIG_HOME/knead/routines/desk.toml" left 1 "desk area" "Desk"
expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^desk +desk area +1 +1$'
expect_exit 3 "$KNEAD" run desk --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Desk (desk area)"

# Without XDG_CONFIG_HOME the user's directory is ~/.config/knead/routines.
write_routine "$HOME/.config/knead/routines/neck.toml" right 1 "home config neck"
expect_exit 0 env -u XDG_CONFIG_HOME "$KNEAD" list
expect_regex "$OUT" '^neck +home config neck '

# --- KNEAD_ROUTINES (colon-separated, in order) comes before the user's directory -------
write_routine "$TMP/env-a/neck.toml" right 1 "neck from env a"
write_routine "$TMP/env-b/neck.toml" right 1 "neck from env b"
write_routine "$TMP/env-b/upper-back.toml" right 1 "upper back from env b"
KNEAD_ROUTINES="$TMP/env-a:$TMP/env-b" expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^neck +neck from env a '
expect_regex "$OUT" '^upper-back +upper back from env b '
expect_regex "$OUT" "^forearm +$(builtin_area forearm) "
KNEAD_ROUTINES="$TMP/env-b:$TMP/env-a" expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^neck +neck from env b '
# Empty parts are ignored.
KNEAD_ROUTINES=":$TMP/env-a::" expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^neck +neck from env a '
expect_regex "$OUT" "^upper-back +$(builtin_area upper-back) "
expect_not_contains "$OUT" "upper back from env b"

KNEAD_ROUTINES="$TMP/env-b" expect_exit 3 "$KNEAD" run neck --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Tiny (neck from env b)"

# --- --routines DIR comes first of all, and may be repeated -----------------------------
write_routine "$TMP/flag-c/neck.toml" right 1 "neck from flag c"
write_routine "$TMP/flag-d/neck.toml" right 1 "neck from flag d"
write_routine "$TMP/flag-d/forearm.toml" right 1 "forearm from flag d"
KNEAD_ROUTINES="$TMP/env-a:$TMP/env-b" expect_exit 0 "$KNEAD" --routines "$TMP/flag-c" list
expect_regex "$OUT" '^neck +neck from flag c '
expect_regex "$OUT" '^upper-back +upper back from env b '
expect_exit 0 "$KNEAD" --routines "$TMP/flag-c" --routines "$TMP/flag-d" list
expect_regex "$OUT" '^neck +neck from flag c '
expect_regex "$OUT" '^forearm +forearm from flag d '
KNEAD_ROUTINES="$TMP/env-a" expect_exit 3 "$KNEAD" --routines "$TMP/flag-c" run neck --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Tiny (neck from flag c)"
KNEAD_ROUTINES="$TMP/env-a" expect_exit 0 "$KNEAD" --routines "$TMP/flag-c" show neck
expect_contains "$OUT" "File: $TMP/flag-c/neck.toml"

# A --routines directory that does not exist is a usage error.
expect_exit 2 "$KNEAD" --routines "$TMP/no-such-dir" list
expect_contains "$ERR" "no-such-dir"

# --- A broken user routine is listed as invalid, not silently replaced ------------------
printf 'schema = 1\nname = "broken"\n' >"$XDG_CONFIG_HOME/knead/routines/neck.toml"
expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^neck +\(invalid: run `knead validate .*neck\.toml`\)$'
# desk-worker uses points of neck, which now means the broken one: it is invalid too, and
# so is every other built-in routine that uses neck.
expect_regex "$OUT" '^desk-worker +\(invalid: run `knead validate .*desk-worker\.toml`\)$'
users=$(grep -l '^use = "neck[."]' "$KNEAD_SOURCE"/routines/*.toml | wc -l)
expect_contains "$ERR" "$((users + 1)) routines could not be loaded"
expect_exit 2 "$KNEAD" run neck --no-wait --log "$TMP/broken.log" <"$ANSWERS"
expect_contains "$ERR" "$XDG_CONFIG_HOME/knead/routines/neck.toml"
expect_missing "$TMP/broken.log"
