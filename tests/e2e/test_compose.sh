#!/usr/bin/env bash
# Routines made of points of other routines (`use`): every command handles them, and a
# cycle or a missing routine or point is an error at its line.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# --- The shipped desk-worker routine, in every command -----------------------------------
expect_exit 0 "$KNEAD" validate desk-worker
expect_eq "$(cat "$OUT")" "1 routine checked: 1 valid, 0 invalid (0 errors, 0 warnings)" \
    "validate desk-worker"
expect_exit 0 "$KNEAD" list
expect_regex "$OUT" '^desk-worker +[a-z].* +4 +[0-9]+$'
expect_exit 0 "$KNEAD" list --names
expect_contains "$OUT" "desk-worker"
expect_exit 0 "$KNEAD" show desk-worker
expect_contains "$OUT" "1. Upper trapezius (upper trapezius) [upper-trapezius, from neck], side: both"
expect_contains "$OUT" "[extensor-carpi-radialis, from forearm]"
# The cautions of the routines it draws on come with the points, once each.
NECK_CAUTION=$(grep -A1 '^cautions = \[' "$KNEAD_SOURCE/routines/neck.toml" | sed -n '2s/^ *"\(.*\)",$/\1/p')
expect_match "$NECK_CAUTION" '.{10}' "first caution of neck.toml"
expect_contains "$OUT" "  - $NECK_CAUTION"
expect_line_count "$OUT" 1 "^  - Stop at once on numbness, tingling, or sharp or shooting pain\\.$"
# The dose override (reps = 1) applies to the levator scapulae only.
expect_contains "$OUT" "   Dose:    1 x (locate 15 s, press 10 s, hold 60 s"
repeat_answer 200 6
expect_exit 0 "$KNEAD" run desk-worker --no-wait --log "$TMP/desk.log" <"$ANSWERS"
expect_contains "$OUT" "Session complete: 4 of 4 points"
expect_contains "$OUT" "$NECK_CAUTION"
# The levator scapulae is done once per side: one hold each.
expect_line_count "$TMP/desk.log" 2 ' point=levator-scapulae side=(left|right) rep=1 step=hold '
expect_line_count "$TMP/desk.log" 0 ' point=levator-scapulae .* rep=2 '

# `where` names a used point once, under the routine it comes from.
expect_exit 0 "$KNEAD" where temple
expect_regex "$OUT" 'Upper trapezius, routine neck '
expect_not_contains "$OUT" "routine desk-worker"

# --- A routine of your own that uses built-in points, with overrides ---------------------
mkdir -p "$XDG_CONFIG_HOME/knead/routines"
MINE="$XDG_CONFIG_HOME/knead/routines/mine.toml"
cat >"$MINE" <<'TOML'
schema = 1
name = "Mine"
area = "test"
cautions = ["My own caution."]

[[point]]
use = "jaw"
reps = 1

[[point]]
use = "neck.upper-trapezius"
id = "right-trap"
side = "right"
hold = 40
TOML
expect_exit 0 "$KNEAD" validate mine
expect_exit 0 "$KNEAD" plan mine
expect_contains "$OUT" "mine.masseter (from jaw):"
expect_contains "$OUT" "mine.temporalis (from jaw):"
expect_contains "$OUT" "mine.right-trap (from neck): Upper trapezius, right side"
expect_regex "$OUT" '^ +[0-9]+:[0-9]{2}  hold     right   rep 1/2 +40 s$'
expect_no_regex "$OUT" 'rep 2/2.*(masseter|temporalis)'
expect_exit 0 "$KNEAD" show mine
expect_before "$OUT" "My own caution." "Front of the neck"

# A user's neck.toml replaces the built-in one for every routine that uses it too.
cat >"$XDG_CONFIG_HOME/knead/routines/neck.toml" <<'TOML'
schema = 1
name = "My neck"
area = "neck"

[[point]]
id = "upper-trapezius"
name = "My trapezius"
muscle = "upper trapezius"
refers_to = ["temple"]
locate = "My locate cue."
press = "My press cue."
stretch = "My stretch cue."

[[point]]
id = "levator-scapulae"
name = "My levator"
muscle = "levator scapulae"
refers_to = ["shoulder blade"]
locate = "My locate cue."
press = "My press cue."
stretch = "My stretch cue."
TOML
expect_exit 0 "$KNEAD" show desk-worker
expect_contains "$OUT" "1. My trapezius (upper trapezius) [upper-trapezius, from neck]"
expect_contains "$OUT" "2. My levator (levator scapulae) [levator-scapulae, from neck]"
# Without its levator-scapulae, desk-worker's use of it has nothing to point at.
USER_NECK="$XDG_CONFIG_HOME/knead/routines/neck.toml"
head -n 12 "$USER_NECK" >"$TMP/neck-one-point.toml"  # up to the first point's stretch
mv "$TMP/neck-one-point.toml" "$USER_NECK"
expect_exit 0 "$KNEAD" validate neck
expect_exit 2 "$KNEAD" validate desk-worker
expect_regex "$OUT" ':14:7: error: routine `neck` has no point `levator-scapulae`; its points are upper-trapezius$'
rm "$XDG_CONFIG_HOME/knead/routines/neck.toml"

# --- A cycle: an error at the line of the use, in each file ------------------------------
cat >"$ROUTINES/loop-a.toml" <<'TOML'
schema = 1
name = "Loop A"
area = "test"

[[point]]
use = "neck.suboccipitals"

[[point]]
use = "loop-b"
TOML
cat >"$ROUTINES/loop-b.toml" <<'TOML'
schema = 1
name = "Loop B"
area = "test"

[[point]]
use = "loop-a.suboccipitals"
id = "again"
TOML
expect_exit 2 "$KNEAD" validate "$ROUTINES/loop-a.toml" "$ROUTINES/loop-b.toml"
expect_regex "$OUT" "^$ROUTINES/loop-a.toml:9:7: error: routine \`loop-b\` cannot be used until it is valid \\(first problem: .*loop-b.toml:6:7: error: \`use\` makes a cycle: loop-a -> loop-b -> loop-a"
expect_regex "$OUT" "^$ROUTINES/loop-b.toml:6:7: error: routine \`loop-a\` cannot be used until it is valid \\(first problem: .*loop-a.toml:9:7: error: \`use\` makes a cycle: loop-b -> loop-a -> loop-b"
expect_regex "$OUT" '^2 routines checked: 0 valid, 2 invalid \(2 errors, 0 warnings\)$'
# Every command refuses it the same way; none hangs.
expect_exit 2 "$KNEAD" --routines "$ROUTINES" run loop-a --no-wait --log "$TMP/loop.log" <"$ANSWERS"
expect_contains "$ERR" "makes a cycle"
expect_missing "$TMP/loop.log"
expect_exit 2 "$KNEAD" --routines "$ROUTINES" plan loop-b
expect_exit 2 "$KNEAD" --routines "$ROUTINES" show loop-a
expect_exit 0 "$KNEAD" --routines "$ROUTINES" list
expect_regex "$OUT" '^loop-a +\(invalid: run `knead validate '
expect_contains "$ERR" "2 routines could not be loaded"

# A routine that uses itself.
cat >"$ROUTINES/self.toml" <<'TOML'
schema = 1
name = "Self"
area = "test"

[[point]]
use = "self"
TOML
expect_exit 2 "$KNEAD" validate "$ROUTINES/self.toml"
expect_regex "$OUT" "^$ROUTINES/self.toml:6:7: error: \`use\` makes a cycle: self -> self;"

# --- Missing routines and points, wrong keys: each at its line ---------------------------
cat >"$ROUTINES/missing.toml" <<'TOML'
schema = 1
name = "Missing"
area = "test"

[[point]]
use = "nek.upper-trapezius"

[[point]]
use = "neck.upper-trapezus"

[[point]]
use = "neck.upper-trapezius"
press = "My own press."

[[point]]
use = "neck.upper-trapezius"
TOML
expect_exit 2 "$KNEAD" validate "$ROUTINES/missing.toml"
M="$ROUTINES/missing.toml"
expect_regex "$OUT" "^$M:6:7: error: no routine named \`nek\` on the routine search path; did you mean \`neck\`\\?\$"
expect_regex "$OUT" "^$M:9:7: error: routine \`neck\` has no point \`upper-trapezus\`; did you mean \`neck.upper-trapezius\`\\?\$"
expect_regex "$OUT" "^$M:13:1: error: unknown key \`press\` .*takes its \`press\` from the point it uses"
expect_regex "$OUT" "^$M:16:7: error: duplicate point id \`upper-trapezius\` \\(from \`neck\`\\): rename it with \`id = "
expect_line_count "$OUT" 4 ': error: '

# --- The examples of docs/routine-format.md are valid routines, without warnings ----------
awk -v dir="$TMP" '/^```toml$/ { n++; on = 1; next } /^```$/ { on = 0; next }
    on { print > (dir "/format-example-" n ".toml") }' "$KNEAD_SOURCE/docs/routine-format.md"
EXAMPLES=$(find "$TMP" -maxdepth 1 -name 'format-example-*.toml' | wc -l)
expect_match "$EXAMPLES" '^[2-9]$' "number of TOML examples in routine-format.md"
for f in "$TMP"/format-example-*.toml; do
    expect_exit 0 "$KNEAD" validate "$f"
    expect_regex "$OUT" '^1 routine checked: 1 valid, 0 invalid \(0 errors, 0 warnings\)$'
done
