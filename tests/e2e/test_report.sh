#!/usr/bin/env bash
# `knead report`: the page is valid HTML with well-formed SVG charts that a real renderer
# draws where the data says, the Markdown holds the exact figures, the file is private,
# and empty, missing, one-session and damaged logs give sensible pages. The validators
# and the renderer come from scripts/test (tidy, libxml2-utils, librsvg2-bin, python3).
for tool in tidy xmllint rsvg-convert python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "test_report: skipped: $tool is not installed (scripts/test installs it)"
        exit 77
    fi
done
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

export TZ=UTC SOURCE_DATE_EPOCH=1795251600  # 2026-11-21 09:00 UTC
DEMO="$KNEAD_SOURCE/docs/sample/demo.log"
DEMO_ROUTINES="$KNEAD_SOURCE/docs/sample/routines"
PIXEL="$KNEAD_SOURCE/tests/e2e/png_pixel.py"

# check_page FILE: tidy finds no error or warning, and every chart is well-formed XML
# that rsvg-convert renders. Leaves the charts as FILE.N.svg and FILE.N.png.
check_page() {
    local page=$1 svg n=0
    if tidy -errors -q "$page" 2>"$TMP/tidy.out"; then pass; else
        fail "tidy -errors $page" "no findings" "$(cat "$TMP/tidy.out")"
    fi
    rm -f "$page".*.svg "$page".*.png
    awk -v base="$page" '/^<svg /{n++; f=base "." n ".svg"} f{print > f} /<\/svg>/{f=""}' "$page"
    for svg in "$page".*.svg; do
        [[ -e $svg ]] || break
        n=$((n + 1))
        expect_exit 0 xmllint --noout "$svg"
        expect_exit 0 rsvg-convert "$svg" -o "${svg%.svg}.png"
    done
    CHARTS=$n
}

# --- The demo log: a page, private, self-contained ------------------------------------------
expect_exit 0 "$KNEAD" report --log "$DEMO" --routines "$DEMO_ROUTINES" --out "$TMP/r.html"
expect_eq "$(cat "$OUT")" "$TMP/r.html" "the path printed"
expect_mode "$TMP/r.html" 600
check_page "$TMP/r.html"
# A calendar, one chart per point and side (left, right, center), and the dose.
expect_eq "$CHARTS" 5 "charts on the page"
# Nothing fetched, nothing run: no script, no external reference of any kind.
expect_no_regex "$TMP/r.html" '<script|<link|<img|<iframe|src=|href=|url\(|@import'
expect_eq "$(grep -o 'http[s]*://[^"]*' "$TMP/r.html" | sort -u)" "http://www.w3.org/2000/svg" \
    "the only URL: the SVG namespace"
expect_contains "$TMP/r.html" "Made 2026-11-21T09:00:00+00:00 from the session log $DEMO."
expect_contains "$TMP/r.html" "1 session run with --no-wait (a rehearsal, no real time passed) is left out."
expect_contains "$TMP/r.html" "not medical advice"
expect_contains "$TMP/r.html" "<strong>Upper trapezius, left side (neck.upper-trapezius)</strong>: pain at first hold fell from 8 to 4 over 14 sessions; within a session it eased from 5.9 to 3.9 on average.</li>"
# An existing file is replaced, and private whatever its mode was.
chmod 644 "$TMP/r.html"
expect_exit 0 "$KNEAD" report --log "$DEMO" --routines "$DEMO_ROUTINES" --out "$TMP/r.html"
expect_mode "$TMP/r.html" 600

# --- The pictures: rendered, not blank, the line where the data puts it ---------------------
# Chart geometry (include/knead/svg_chart.hpp): 480 x 210, plot area x 40..466, y 12..174;
# time runs over the calendar's days, 2026-11-02 to 2026-11-21 (20 days), pain 0-10 upward.
# chart_xy DAYS_AFTER_NOV_2 PAIN...: each pair's spot in pixels of the PNG (drawn at 1:1).
chart_xy() {
    awk 'BEGIN { for (i = 1; i < ARGC; i += 2)
        printf "%d,%d\n", 40 + ARGV[i] / 20 * 426 + 0.5, 174 - ARGV[i + 1] / 10 * 162 + 0.5 }' "$@"
}
LEFT="$TMP/r.html.2.png"  # the upper trapezius, left side
CAL="$TMP/r.html.1.png"
mapfile -t spots < <(chart_xy 0.3125 8 0.3125 6 11.3125 5 19.5 5.5 19.5 9)
# One start of the reader answers all the questions about the pictures (these and the
# browser's below), in this order; the answers are checked after the browser has drawn.
questions=("$LEFT" size "${spots[@]}" count=1f4e9a count=c0392b "$CAL" "41,27" "41,78")

# --- The whole page in a browser engine, at phone width --------------------------------------
# Headless Chromium where it is installed (scripts/test installs it; it is large, so a
# machine without it runs everything else and says so). One start draws both widths: the
# page in two frames side by side, each frame's width the page's viewport.
widths=(360 800)
rows=()
for ((y = 0; y < 3000; y += 9)); do rows+=("$y"); done
shot=""
if command -v chromium >/dev/null; then
    {
        echo '<!DOCTYPE html><html><head><title>widths</title><style>'
        echo 'html, body { margin: 0; padding: 0; background: #fff }'
        echo 'iframe { border: 0; margin: 0; padding: 0; float: left; height: 3000px }'
        echo '</style></head><body>'
        for width in "${widths[@]}"; do
            echo "<iframe src=\"r.html\" scrolling=\"no\" style=\"width: ${width}px\"></iframe>"
        done
        echo '</body></html>'
    } >"$TMP/widths.html"
    shot="$TMP/page-widths.png"
    total=0
    for width in "${widths[@]}"; do total=$((total + width)); done
    expect_exit 0 timeout 50 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$TMP/chromium" --window-size="$total,3000" --screenshot="$shot" \
        "file://$TMP/widths.html"
    # For each width: the charts are drawn (the first-hold blue and the band green cover
    # real areas), and nothing runs off the right edge: the frame's last column is background.
    questions+=("$shot" size)
    left=0
    for width in "${widths[@]}"; do
        questions+=("count=1f4e9a@$left,$((left + width))" "count=d8eed8@$left,$((left + width))")
        for y in "${rows[@]}"; do questions+=("$((left + width - 1)),$y"); done
        left=$((left + width))
    done
else
    echo "test_report: note: chromium is not installed, so the whole page was not rendered"
fi

# --- The answers about the pictures, in the order asked ----------------------------------------
LAST_CMD="python3 png_pixel.py ${questions[*]:0:12} ..."
mapfile -t got < <(python3 "$PIXEL" "${questions[@]}")
expect_eq "${got[0]:-}" "480 210" "PNG size"
# The first session, 2026-11-02 07:30: first hold 8 (blue dot), last hold 6 (red dot).
expect_eq "${got[1]:-}" 1f4e9a "first-hold dot of Nov 2"
expect_eq "${got[2]:-}" c0392b "last-hold dot of Nov 2"
# 2026-11-13 (11 days on): first hold 5, inside the band 5-7.
expect_eq "${got[3]:-}" 1f4e9a "first-hold dot of Nov 13"
# Where no session was (Nov 21), the band is shaded at pain 5.5 and the plot white at 9
# (between the grid lines, which are at even values).
expect_eq "${got[4]:-}" d8eed8 "the band"
expect_eq "${got[5]:-}" ffffff "outside the band"
# Not blank: many pixels of both lines.
blue=${got[6]:-} red=${got[7]:-}
expect_match "$blue" '^[0-9]{3,}$' "blue pixels ($blue)"
expect_match "$red" '^[0-9]{3,}$' "red pixels ($red)"
# The calendar: a worked day is green, a day off grey (Monday Nov 2 worked, Thursday Nov 5 not).
expect_eq "${got[8]:-}" b7dfa0 "Nov 2 worked, under 10 minutes"
expect_eq "${got[9]:-}" ebedf0 "Nov 5 not worked"
if [[ -n $shot ]]; then
    expect_eq "${got[10]:-}" "$total 3000" "the size of the screenshot"
    at=11
    for width in "${widths[@]}"; do
        blue=${got[at]:-} green=${got[at + 1]:-}
        expect_match "$blue" '^[0-9]{4,}$' "blue pixels at width $width ($blue)"
        expect_match "$green" '^[0-9]{4,}$' "band pixels at width $width ($green)"
        # The colours on the edge, each once (as sort -u would give them, in any order).
        declare -A colours=()
        for colour in "${got[@]:at + 2:${#rows[@]}}"; do colours[$colour]=1; done
        edge="${!colours[*]} "
        unset colours
        expect_eq "$edge" "ffffff " "the right edge at width $width"
        at=$((at + 2 + ${#rows[@]}))
    done
fi
# Every question had its answer, and no more.
expect_eq "${#got[@]}" "$((${#questions[@]} - (${#shot} > 0 ? 3 : 2)))" "answers about the pictures"

# --- Markdown: the same facts, exact --------------------------------------------------------
expect_exit 0 "$KNEAD" report --log "$DEMO" --routines "$DEMO_ROUTINES" --format md --out "$TMP/r.md"
expect_mode "$TMP/r.md" 600
M="$TMP/r.md"
expect_contains "$M" "14 sessions on 14 days, 96.5 minutes in all."
expect_contains "$M" "- **Suboccipitals (neck.suboccipitals)**: pain at first hold fell from 6 to 3 over 13 sessions; within a session it eased from 4.7 to 3.8 on average."
expect_contains "$M" "Target band 4-6. Pain at first hold fell from 6 to 3 over 13 sessions"
expect_contains "$M" "| 2026-11-09 | 6 | 6 | 1 |"     # the right side's skipped second hold
expect_contains "$M" "| 2026-11-13 | 182 | 161 | 1 |"  # the dose of the red-flag session
expect_contains "$M" "| 2026-11-07 07:30 | neck | 5 |"
expect_contains "$M" "| 2026-11-13 07:35 | neck | suboccipitals | center | hold |"
expect_contains "$M" "| neck.upper-trapezius | right | hold | answered s (skip) | 1 | 2026-11-09 |"
expect_contains "$M" "| neck.suboccipitals | center | hold | rest of the point skipped with n | 1 | 2026-11-17 |"
expect_contains "$M" "| Upper trapezius | upper-trapezius | upper trapezius | side of the neck, behind the ear, temple | 5-7 |"
expect_not_contains "$M" "| 9 |"  # the rehearsal's pain

# --- Selecting: a point, a period, and names the log does not hold --------------------------
expect_exit 0 "$KNEAD" report neck.suboccipitals --since 2026-11-16 --log "$DEMO" \
    --routines "$DEMO_ROUTINES" --format md --out -
expect_contains "$OUT" "Period: 2026-11-16 to 2026-11-21 (since 2026-11-16). Only: neck.suboccipitals."
expect_contains "$OUT" "pain at first hold fell from 4 to 3 over 4 sessions"
expect_not_contains "$OUT" "Upper trapezius, left side"
expect_exit 0 "$KNEAD" report --since 3d --log "$DEMO" --routines "$DEMO_ROUTINES" --format md --out -
expect_contains "$OUT" "Period: 2026-11-19 to 2026-11-21 (since 2026-11-19)."
expect_contains "$OUT" "1 session on 1 day, 7 minutes in all."
expect_exit 0 "$KNEAD" report trapezius --log "$DEMO" --format md --out -
expect_contains "$OUT" 'Nothing in the log names "trapezius".'
expect_contains "$OUT" "No session in this period."
expect_exit 2 "$KNEAD" report --since yesterday --log "$DEMO"
expect_contains "$ERR" "--since wants a date as YYYY-MM-DD (like 2026-11-01) or a number of days (like 30d)"
expect_exit 2 "$KNEAD" report --format pdf --log "$DEMO"
expect_exit 1 "$KNEAD" report --log "$DEMO" --out "$TMP/no/such/dir/r.html"
expect_contains "$ERR" "cannot write the report to $TMP/no/such/dir/r.html: No such file or directory"
expect_missing "$TMP/no/such/dir"

# --- Logs with little or nothing in them: still a whole page, no broken chart ---------------
: >"$TMP/empty.log"
head -n 9 "$DEMO" >"$TMP/one.log"  # the header and the first session
{
    head -n 9 "$DEMO"
    echo 'time=2026-11-03T07:30:00+01:00 session=S2 event=start routines=neck clock=real'
    echo 'this line is not a record'
    echo 'time=2026-11-03T07:31:00+01:00 session=S2 routine=neck point=upper-trapezius side=left rep=1 step=hold planned=30 actual=30.0 pain=eleven'
    printf 'time=2026-11-03T07:32:00+01:00 session=S2 routine=neck point=upper-trap'
} >"$TMP/damaged.log"
for log in empty one damaged missing; do
    expect_exit 0 "$KNEAD" report --log "$TMP/$log.log" --routines "$DEMO_ROUTINES" --out "$TMP/$log.html"
    expect_mode "$TMP/$log.html" 600
    check_page "$TMP/$log.html"
done
expect_contains "$TMP/missing.html" "There is no log at this path yet: nothing to show."
expect_contains "$TMP/empty.html" "No session in this period."
expect_contains "$TMP/empty.html" "Nothing to draw in this period"
expect_not_contains "$TMP/empty.html" "<polyline points=\"\""
expect_contains "$TMP/one.html" "pain at first hold was 8 in its one session, 6 at its last hold"
expect_contains "$TMP/damaged.html" "3 lines in the log could not be read and were skipped (the first, line 11:"
expect_contains "$TMP/damaged.html" "1 session has no end record"
expect_exit 0 "$KNEAD" report --log "$TMP/damaged.log" --out -
expect_contains "$ERR" "damaged.log:11: skipped a damaged line: expected '=' after \`this\` (and 2 more damaged lines)"

# --- Text from the log never becomes markup -------------------------------------------------
cat >"$TMP/hostile.log" <<'EOF'
time=2026-11-03T07:30:00+01:00 session=H1 event=start routines=<script>x</script> clock=real
time=2026-11-03T07:31:00+01:00 session=H1 routine=<script>x</script> point="a&b<i>" side=left rep=1 step=hold planned=30 actual=30.0 pain=5
time=2026-11-03T07:32:00+01:00 session=H1 event=end status=completed points=1 duration=60.0
EOF
expect_exit 0 "$KNEAD" report --log "$TMP/hostile.log" --out "$TMP/hostile.html"
check_page "$TMP/hostile.html"
expect_not_contains "$TMP/hostile.html" "<script"
expect_not_contains "$TMP/hostile.html" "<i>"
expect_contains "$TMP/hostile.html" "&lt;script&gt;x&lt;/script&gt;.a&amp;b&lt;i&gt;"

# --- The sample in docs/ is what the demo log gives today, not a hand-edited file -----------
mkdir -p "$TMP/sample"
expect_exit 0 bash "$KNEAD_SOURCE/docs/sample/regenerate" "$KNEAD" "$TMP/sample"
expect_same_file "$TMP/sample/report.html" "$KNEAD_SOURCE/docs/sample/report.html"
expect_same_file "$TMP/sample/report.md" "$KNEAD_SOURCE/docs/sample/report.md"
