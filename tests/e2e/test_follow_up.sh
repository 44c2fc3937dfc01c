#!/usr/bin/env bash
# One point or one side (ROUTINE.POINT, --side), a point taken with `use` as the same
# point everywhere, and the follow-up after a red flag: asked first, y/N, --yes, and `due`.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# --- ROUTINE.POINT works one point; --side one side of it ---------------------------------
LOG="$TMP/one.log"
repeat_answer 20 6
expect_exit 0 "$KNEAD" run neck.levator-scapulae --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Point 1/1: Levator scapulae (left side)"
expect_contains "$OUT" "Point 1/1: Levator scapulae (right side)"
expect_contains "$OUT" "Session complete: 1 of 1 points, 2 of 2 sides"
expect_line_count "$LOG" 0 ' point=upper-trapezius '
expect_line_count "$LOG" 1 ' event=start routines=neck '

LOG="$TMP/side.log"
expect_exit 0 "$KNEAD" run neck.levator-scapulae --side right --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "(left side)"
expect_contains "$OUT" "Session complete: 1 of 1 points, 1 of 1 sides"
expect_line_count "$LOG" 0 ' side=left '
expect_line_count "$LOG" 10 ' point=levator-scapulae side=right '

expect_exit 2 "$KNEAD" run neck.levator --no-wait --log "$TMP/bad.log" <"$ANSWERS"
expect_contains "$ERR" "routine \`neck\` has no point \`levator\`. Its points: upper-trapezius, levator-scapulae,"
expect_exit 2 "$KNEAD" run neck.levator-scapula --no-wait --log "$TMP/bad.log" <"$ANSWERS"
expect_contains "$ERR" "Did you mean \`neck.levator-scapulae\`?"
expect_exit 2 "$KNEAD" run neck.suboccipitals --side left --no-wait --log "$TMP/bad.log" <"$ANSWERS"
expect_contains "$ERR" "is worked on the center only, not the left side"
expect_exit 2 "$KNEAD" run neck --side left --no-wait --log "$TMP/bad.log" <"$ANSWERS"
expect_contains "$ERR" "--side works one point"
expect_missing "$TMP/bad.log"

# `where` names the command for each point it finds.
expect_exit 0 "$KNEAD" where temple
expect_contains "$OUT" "Work it: knead run neck.upper-trapezius"

# --- A point taken with `use` is the point it was written as ------------------------------
# A real neck session, then desk-worker: asked how sore the upper trapezius still is.
LOG="$TMP/use.log"
expect_exit 0 "$KNEAD" run neck.upper-trapezius --speed 1000 --log "$LOG" <"$ANSWERS"
answers q
expect_exit 3 "$KNEAD" run desk-worker --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "You worked Desk worker less than an hour ago."
# q at the soreness question: no point was started.
expect_line_count "$LOG" 1 ' event=end status=stopped points=0 '

# --- A red flag: the next run on the same points shows it and asks first ------------------
LOG="$TMP/flag.log"
answers 6 '!'
expect_exit 4 "$KNEAD" run neck.upper-trapezius --speed 1000 --log "$LOG" <"$ANSWERS"
expect_line_count "$LOG" 1 ' event=end status=red-flag '

# No (or Enter, the default): nothing is worked, exit 3.
answers ""
expect_exit 3 "$KNEAD" run neck --no-wait --fresh --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Your last session on these points stopped on a red flag (less than an hour ago"
expect_contains "$OUT" "see a doctor or physiotherapist"
expect_contains "$OUT" "Go on with this session? y/N: "
expect_not_contains "$OUT" "LOCATE "
expect_line_count "$LOG" 1 ' event=end status=stopped points=0 '
# --fresh ignores learning, not a red flag: it was asked above. Other points are not asked.
answers q
expect_exit 3 "$KNEAD" run jaw --no-wait --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "red flag"

# The routines on those points are left out of `due` for 48 hours.
mkdir -p "$XDG_CONFIG_HOME/knead/routines"
if ! grep -qE '^per_(day|week) ' "$KNEAD_SOURCE/routines/neck.toml"; then
    sed 's/^name = "Neck"$/name = "Neck"\nper_day = 1/' "$KNEAD_SOURCE/routines/neck.toml" \
        >"$XDG_CONFIG_HOME/knead/routines/neck.toml"
fi
rc=0
"$KNEAD" due --log "$LOG" >"$OUT" 2>"$ERR" || rc=$?
expect_contains "$ERR" "knead: neck is left out: a session on its points stopped on a red flag"
expect_line_count "$OUT" 0 '^neck '
rm -f "$XDG_CONFIG_HOME/knead/routines/neck.toml"

# Garbage is asked again; y goes on; --yes answers it without asking.
answers maybe y q
expect_exit 3 "$KNEAD" run neck --no-wait --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Please answer y to go on, or n (or Enter) to stop here."
expect_contains "$OUT" "LOCATE "
answers q
expect_exit 3 "$KNEAD" run neck --no-wait --yes --log "$LOG" <"$ANSWERS"
expect_contains "$OUT" "Going on: --yes answered it."
expect_contains "$OUT" "LOCATE "

# A real session that works one of the points follows it up: not asked again.
repeat_answer 20 6
expect_exit 0 "$KNEAD" run neck.upper-trapezius --speed 1000 --yes --fresh --log "$LOG" <"$ANSWERS"
answers q
expect_exit 3 "$KNEAD" run neck --no-wait --fresh --log "$LOG" <"$ANSWERS"
expect_not_contains "$OUT" "red flag"
