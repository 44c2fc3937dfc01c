#!/usr/bin/env bash
# The "not medical advice" notice: shown on a user's first session, and only then.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

write_routine "$ROUTINES/tiny.toml" right 1
NOTICE="knead is a self-care aid, not medical advice."
ONCE="(This note is shown once.)"
LOG="$TMP/s.log"
answers q

# Commands that are not sessions neither show nor use it up.
expect_exit 0 "$KNEAD" list
expect_not_contains "$OUT" "$NOTICE"
expect_exit 0 "$KNEAD" show neck
expect_not_contains "$OUT" "$NOTICE"
expect_exit 0 "$KNEAD" validate "$ROUTINES/tiny.toml"
expect_exit 2 "$KNEAD" run nek --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "$NOTICE"
printf 'schema = 1\n' >"$TMP/bad.toml"
expect_exit 2 "$KNEAD" run "$TMP/bad.toml" --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "$NOTICE"
expect_missing "$XDG_STATE_HOME/knead"

# --- The first session shows it, before anything else -----------------------------------
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_first_line "$OUT" "$NOTICE Stop at once on numbness, tingling, or sharp or shooting pain, and see a doctor or physiotherapist if it persists."
expect_contains "$OUT" "see a doctor or physiotherapist"
expect_contains "$OUT" "$ONCE"
expect_line_count "$OUT" 1 'not medical advice'
expect_before "$OUT" "$ONCE" "Tiny (test area)"
expect_before "$OUT" "$ONCE" "Point 1/1"
expect_mode "$XDG_STATE_HOME/knead" 700

# --- Not on the second, nor later --------------------------------------------------------
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "not medical advice"
expect_not_contains "$OUT" "$ONCE"
expect_first_line "$OUT" "Tiny (test area)"
answers 6 6 6 6 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "not medical advice"
# ...whichever routine and log.
answers q
expect_exit 3 "$KNEAD" run neck --no-wait --log "$TMP/other.log" <"$ANSWERS"
expect_not_contains "$OUT" "not medical advice"

# --- Another user (another state directory) sees it once too ----------------------------
export XDG_STATE_HOME="$TMP/state-of-another-user"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "$NOTICE"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "$NOTICE"

# Without XDG_STATE_HOME the state lives under ~/.local/state.
expect_exit 3 env -u XDG_STATE_HOME "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "$NOTICE"
expect_exists "$HOME/.local/state/knead"
expect_exit 3 env -u XDG_STATE_HOME "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "$NOTICE"
