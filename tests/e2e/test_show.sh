#!/usr/bin/env bash
# `knead show`: points, cues, referral areas, cautions and the planned timeline.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

NECK="$KNEAD_SOURCE/routines/neck.toml"

# The timeline lines are "  M:SS  NAME  M:SS" and end with "  M:SS  end (about N minutes...".
# Checks that each entry starts where the one before ended and that the end is the total.
timeline_adds_up() {  # FILE
    awk '
        function secs(t,   p) { split(t, p, ":"); return p[1] * 60 + p[2] }
        /^Planned timeline/ { on = 1; next }
        on && / end \(about [0-9]+ minutes/ {
            if (secs($1) != at) { print "end at " $1 ", expected " at; bad = 1 }
            total = $1; minutes = $4; done = 1; next
        }
        on && NF >= 3 {
            if (secs($1) != at) { print $0 ": starts at " $1 ", expected " at; bad = 1 }
            at += secs($NF); n++
        }
        END {
            if (!done || n == 0) { print "no timeline"; exit 1 }
            if (minutes != int((at + 30) / 60)) { print "about " minutes " minutes for " at " s"; exit 1 }
            exit bad
        }' "$1" >"$TMP/timeline.why" ||
        fail "the planned timeline of $(basename "$1") should add up" "consistent times" \
            "$(cat "$TMP/timeline.why")" "$1"
    pass
}

# --- The built-in neck routine ----------------------------------------------------------
expect_exit 0 "$KNEAD" show neck
S="$TMP/neck.out"
cp "$OUT" "$S"
expect_empty "$ERR"
expect_first_line "$S" "Neck - $(builtin_area neck)"
expect_contains "$S" "File: $NECK"
expect_contains "$S" "Cautions:"
ncautions=$(sed -n '/^cautions = \[/,/^\]/p' "$NECK" | grep -c '^ *"')
expect_match "$ncautions" '^[1-9]' "cautions in neck.toml"
expect_line_count "$S" "$ncautions" '^  - '
first_caution=$(sed -n '/^cautions = \[/,/^\]/p' "$NECK" | sed -n '2s/^ *"\(.*\)",\{0,1\}$/\1/p')
expect_contains "$S" "  - $first_caution"

npoints=$(builtin_points neck)
expect_line_count "$S" "$npoints" '^[0-9]+\. .+ \(.+\) \[[a-z0-9-]+\], side: (both|left|right|center)$'
expect_line_count "$S" "$npoints" '^   Refers pain to: .+'
expect_line_count "$S" "$npoints" '^   Locate:  .+'
expect_line_count "$S" "$npoints" '^   Press:   .+'
expect_line_count "$S" "$npoints" '^   Dose:    locate [0-9]+ s, then [0-9]+ x \(press [0-9]+ s, hold [0-9]+ s within [0-9]+-[0-9]+ s, rest [0-9]+ s\) at pain [0-9]+-[0-9]+ \(stop at [0-9]+\)'
while IFS= read -r id; do
    expect_regex "$S" "^[0-9]+\\. .* \\[$id\\], side: "
done < <(sed -n 's/^id = "\(.*\)"$/\1/p' "$NECK")
while IFS= read -r cue; do
    expect_contains "$S" "   Locate:  $cue"
done < <(sed -n 's/^locate = "\(.*\)"$/\1/p' "$NECK")
while IFS= read -r refers; do
    first=${refers%%\"*}
    expect_contains "$S" "   Refers pain to: $first"
done < <(sed -n 's/^refers_to = \["//p' "$NECK")
expect_before "$S" "Cautions:" "1. "
expect_contains "$S" "Planned timeline (holds at their starting length):"
expect_regex "$S" '^ +0:00  .+  [0-9]+:[0-9]{2}$'
expect_regex "$S" '^ +[0-9]+:[0-9]{2}  end \(about [0-9]+ minutes, plus the time you take to answer\)$'
timeline_adds_up "$S"
# Sides worked: a "both" point appears twice in the timeline, (left) then (right).
expect_regex "$S" '^ +[0-9]+:[0-9]{2}  Upper trapezius \(left\)  '
expect_followed_by "$S" "Upper trapezius (left)" "Upper trapezius (right)"

# --- A routine of our own, with figures we can work out ---------------------------------
cat >"$ROUTINES/mixed.toml" <<'EOF'
schema = 1
name = "Mixed"
area = "mixed area"
cautions = ["First caution.", "Second caution."]

[[point]]
id = "short"
name = "Short point"
muscle = "short muscle"
refers_to = ["knee"]
side = "both"
reps = 1
locate_seconds = 5
press_seconds = 5
hold = 20
stretch_seconds = 10
locate = "Locate short."
press = "Press short."
stretch = "Stretch short."

[[point]]
id = "plain"
name = "Plain point"
muscle = "plain muscle"
side = "center"
reps = 3
locate = "Locate plain."
press = "Press plain."
EOF
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show mixed
S="$TMP/mixed.out"
cp "$OUT" "$S"
expect_first_line "$S" "Mixed - mixed area"
expect_followed_by "$S" "Cautions:" "  - First caution."
expect_followed_by "$S" "  - First caution." "  - Second caution."
expect_contains "$S" "1. Short point (short muscle) [short], side: both"
expect_followed_by "$S" "1. Short point" "   Refers pain to: knee"
expect_contains "$S" "   Locate:  Locate short."
expect_contains "$S" "   Press:   Press short."
expect_contains "$S" "   Stretch: Stretch short."
expect_contains "$S" "   Dose:    locate 5 s, then 1 x (press 5 s, hold 20 s within 20-60 s, rest 10 s) at pain 5-7 (stop at 9), then 2 x stretch 10 s"
expect_contains "$S" "2. Plain point (plain muscle) [plain], side: center"
expect_not_contains "$S" "Stretch plain"
expect_regex "$S" '^   Dose:    locate 15 s, then 3 x \(press 10 s, hold 30 s within 20-60 s, rest 10 s\) at pain 5-7 \(stop at 9\)$'
expect_line_count "$S" 1 'Refers pain to'
sed -n '/^Planned timeline/,$p' "$S" >"$TMP/timeline"
{
    echo "Planned timeline (holds at their starting length):"
    echo "    0:00  Short point (left)  1:05"
    echo "    1:05  Short point (right)  1:05"
    echo "    2:10  Plain point  2:45"
    echo "    4:55  end (about 5 minutes, plus the time you take to answer)"
} >"$TMP/timeline.expected"
expect_same_file "$TMP/timeline" "$TMP/timeline.expected"
timeline_adds_up "$S"

# The session follows the same plan: no stretch for the point without one.
repeat_answer 17 6
expect_exit 0 "$KNEAD" --routines "$ROUTINES" run mixed --no-wait --log "$TMP/mixed.log" <"$ANSWERS"
expect_line_count "$OUT" 4 '^STRETCH Short point'
expect_line_count "$OUT" 0 '^STRETCH Plain point'
expect_line_count "$OUT" 3 '^HOLD Plain point, rep [123]/3, 30 s$'
expect_line_count "$TMP/mixed.log" 24 ' step='
expect_line_count "$TMP/mixed.log" 1 ' event=end status=completed points=2 duration=295\.0$'

# --- By path, and errors ----------------------------------------------------------------
expect_exit 0 "$KNEAD" show "$ROUTINES/mixed.toml"
expect_first_line "$OUT" "Mixed - mixed area"
expect_exit 2 "$KNEAD" show
expect_exit 2 "$KNEAD" show no-such-routine
expect_contains "$ERR" 'no routine named `no-such-routine`'
expect_empty "$OUT"
