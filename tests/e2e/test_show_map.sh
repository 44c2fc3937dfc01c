#!/usr/bin/env bash
# `knead show` draws where a routine's points send pain: a front and back outline with
# each point's letter on its referral areas, and a legend.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

MAP_TITLE="Where these points can send pain (each point's letter marks its areas):"

# map_section FILE: the picture and its legend, from the title to the timeline.
map_section() {
    sed -n "/^Where these points can send pain/,/^Planned timeline/p" "$1" | sed '1d;$d'
}

# The outline: the lines from the FRONT/BACK labels to the feet, without the labels.
outline() {
    awk '/FRONT +BACK/ { on = 1; next } on && /^$/ { exit } on' "$1"
}

# expect_columns FILE FROM TO CHAR: every CHAR in the outline stands in columns FROM..TO.
expect_columns() {
    local file=$1 from=$2 to=$3 char=$4 bad
    bad=$(awk -v c="$char" -v from="$from" -v to="$to" '{
        for (i = 1; i <= length($0); i++)
            if (substr($0, i, 1) == c && (i < from || i > to)) print "line " NR ", column " i
    }' "$file")
    [[ -z $bad ]] || fail "\"$char\" should only be in columns $from-$to" "columns $from-$to" "$bad" "$file"
    pass
}

# count CHAR FILE: how many times CHAR appears.
count() { tr -cd "$1" <"$2" | wc -c; }

# Each built-in routine's `knead show`, kept for the check of them all below.
MAPS="$TMP/maps"
mkdir -p "$MAPS"

# --- The neck routine --------------------------------------------------------------------
expect_exit 0 "$KNEAD" show neck
cp "$OUT" "$MAPS/neck"
expect_empty "$ERR"
expect_contains "$OUT" "$MAP_TITLE"
expect_before "$OUT" "Stretch:" "$MAP_TITLE"
expect_before "$OUT" "$MAP_TITLE" "Planned timeline"
map_section "$OUT" >"$TMP/map"
outline "$TMP/map" >"$TMP/outline"
expect_regex "$TMP/map" '^ +FRONT +BACK$'
expect_line_count "$TMP/outline" 25

# At most 80 columns, plain printable ASCII, no escape codes.
expect_no_regex "$TMP/map" '^.{81,}'
expect_no_regex "$TMP/map" '[^ -~]'
expect_no_escapes "$OUT"

# One legend line per point, lettered in file order, each with its referral areas.
mapfile -t names < <(sed -n 's/^name = "\(.*\)"$/\1/p' "$KNEAD_SOURCE/routines/neck.toml" | tail -n +2)
expect_eq "${#names[@]}" "$(builtin_points neck)" "point names read from neck.toml"
letters=(A B C D E F G H)
for ((i = 0; i < ${#names[@]}; i++)); do
    expect_regex "$TMP/map" "^${letters[i]}  ${names[i]}: "
done
expect_contains "$TMP/map" "A  Upper trapezius: side of the neck, behind the ear, temple, jaw"
expect_line_count "$TMP/map" "${#names[@]}" '^[A-Z]  '
# Wrapped legend lines hang under the text, not under the letter.
expect_followed_by "$TMP/map" "D  Sternocleidomastoid: forehead," "   of the head"

# Every letter is on the outline. A spot several points share shows the one whose main
# area it is: behind the eye is the sternocleidomastoid's (D) second area, the
# suboccipitals' third and the upper trapezius' fifth; '+' is left for ties.
for ((i = 0; i < ${#names[@]}; i++)); do
    n=$(count "${letters[i]}" "$TMP/outline")
    expect_match "$n" '^[1-9]' "cells marked ${letters[i]}"
done
expect_regex "$TMP/outline" '^ +D\|  D   D  \|D'
expect_eq "$(count + "$TMP/outline")" 0 "cells marked +"
expect_contains "$TMP/map" "A spot that several points share shows the one it is the main"
# The levator scapulae (B) refers to the shoulder blade and the back of the shoulder:
# back view only, which starts at column 38.
expect_columns "$TMP/outline" 38 80 B

# --- The calf: the soleus alone sends pain to the heel and the sacroiliac joints, and the
# back of the ankle is its main area rather than the gastrocnemius' (back view); the
# gastrocnemius alone to the arch (front view) and the back of the knee. -----------------
expect_exit 0 "$KNEAD" show calf
cp "$OUT" "$MAPS/calf"
map_section "$OUT" >"$TMP/map"
outline "$TMP/map" >"$TMP/outline"
expect_eq "$(count B "$TMP/outline")" 6 "heels, sacroiliac joints and ankles marked for the soleus"
expect_columns "$TMP/outline" 38 80 B
expect_columns "$TMP/outline" 1 80 A
a_front=$(awk '{ i = index($0, "A"); if (i && i < 38) n++ } END { print n + 0 }' "$TMP/outline")
expect_match "$a_front" '^[1-9]' "gastrocnemius marks in the front view"
expect_not_contains "$TMP/map" "Not on the picture"

# --- Every built-in routine draws within 80 columns, with a legend line per point -------
# One awk for all the routines (34 of them) reads each one's points in its file and, in its
# map as map_section and outline cut it, the widest line, the legend lines and the marked
# cells. Points can share every spot (the forearm's do), so a mark is a letter or '+'.
# (neck and calf were shown above, by the same command.)
pairs=()
for file in "$KNEAD_SOURCE"/routines/*.toml; do
    id=${file##*/}
    id=${id%.toml}
    [[ -e $MAPS/$id ]] || OUT="$MAPS/$id" expect_exit 0 "$KNEAD" show "$id"
    pairs+=("$file" "$MAPS/$id")
done
checked=0
while read -r id points widest legend marked; do
    expect_match "$widest" '^([0-9]|[1-7][0-9]|80)$' "the widest line of the map of $id (at most 80)"
    expect_eq "$legend" "$points" "legend lines in the map of $id, one per point"
    expect_match "$marked" '^[1-9]' "marked cells in $id"
    checked=$((checked + 1))
done < <(awk '
    function report() { if (id != "") print id, points + 0, widest + 0, legend + 0, marked + 0 }
    FNR == 1 && FILENAME ~ /\.toml$/ {
        report()
        id = FILENAME
        sub(/.*\//, "", id)
        sub(/\.toml$/, "", id)
        points = widest = legend = marked = map = outline = 0
    }
    FILENAME ~ /\.toml$/ { points += /^\[\[point\]\]/; next }
    /^Planned timeline/ { map = 0 }
    map {
        if (length($0) > widest) widest = length($0)
        legend += /^[A-Z]  /
        if (outline && /^$/) outline = 0
        if (outline) marked += gsub(/[A-Z+]/, "")
        if (/FRONT +BACK/) outline = 1
    }
    /^Where these points can send pain/ { map = 1 }
    END { report() }' "${pairs[@]}")
expect_eq "$checked" "$((${#pairs[@]} / 2))" "routines whose maps were checked"

# --- A user's routine: unknown places are named under the picture; no areas at all ------
cat >"$ROUTINES/odd.toml" <<'EOF'
schema = 1
name = "Odd"
area = "odd"

[[point]]
id = "odd-one"
name = "Odd one"
muscle = "odd muscle"
refers_to = ["aura", "Temples", "somewhere quite long that will not fit on one line of the legend at all"]
locate = "Here."
press = "Press."

[[point]]
id = "odd-two"
name = "Odd two"
muscle = "odd muscle"
locate = "There."
press = "Press."
EOF
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show odd
map_section "$OUT" >"$TMP/map"
outline "$TMP/map" >"$TMP/outline"
expect_eq "$(count A "$TMP/outline")" 2 "temples marked for the odd point"
expect_eq "$(count B "$TMP/outline")" 0 "marks of a point without areas"
expect_contains "$TMP/map" "B  Odd two: (no referral areas given)"
expect_regex "$TMP/map" '^Not on the picture: aura, somewhere quite long'
expect_no_regex "$TMP/map" '^.{81,}'

# A routine that names no referral area at all gets no empty outline.
write_routine "$ROUTINES/bare.toml"
sed -i '/^refers_to = /d' "$ROUTINES/bare.toml"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show bare
expect_not_contains "$OUT" "Where these points can send pain"
expect_not_contains "$OUT" "FRONT"
expect_contains "$OUT" "Planned timeline"
