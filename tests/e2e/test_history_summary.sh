#!/usr/bin/env bash
# `knead history --week` and `--month` (days by routines, exact figures) and
# `knead history POINT --plot` (a line chart in braille or ASCII, with its band).
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

DEMO="$KNEAD_SOURCE/docs/sample/demo.log"
DEMO_ROUTINES="$KNEAD_SOURCE/docs/sample/routines"

# --- --week: the week holding the date, Monday to Sunday, every day a line --------------
expect_exit 0 "$KNEAD" history --log "$DEMO" --week 2026-11-11
cat >"$TMP/week.want" <<'TABLE'
Wk  Date       Day Routines Sessions     Time  Pain    Total
--  ----       --- -------- --------     ----  ----    -----
W46 2026-11-09 Mon neck            1  0:07:00   5.5  0:07:00
    2026-11-10 Tue neck            1  0:07:00   5.5  0:07:00
    2026-11-11 Wed neck            1  0:07:00   5.5  0:07:00
    2026-11-12 Thu
    2026-11-13 Fri neck            1  0:05:30     5  0:05:30
    2026-11-14 Sat neck            1  0:07:00   4.5  0:07:00
    2026-11-15 Sun
                                                    --------
                                                     0:33:30
TABLE
expect_same_file "$OUT" "$TMP/week.want"
# The rehearsal on 2026-11-10 (pain 9, --no-wait) is left out, as everywhere in history.
expect_not_contains "$OUT" " 2 "

# A subject keeps its sessions and the pains of its points only.
expect_exit 0 "$KNEAD" history neck.suboccipitals --log "$DEMO" --week 2026-11-11
expect_regex "$OUT" '^    2026-11-13 Fri neck +1  0:05:30     -  0:05:30$'  # its hold hit a red flag
expect_regex "$OUT" '^W46 2026-11-09 Mon neck +1  0:07:00     5  0:07:00$'
expect_exit 0 "$KNEAD" history jaw --log "$DEMO" --week 2026-11-11
expect_line_count "$OUT" 0 'neck'

# --- --month: every day of the month, weeks numbered as in ISO 8601 ---------------------
expect_exit 0 "$KNEAD" history --log "$DEMO" --month 2026-11-30
expect_line_count "$OUT" 34
expect_regex "$OUT" '^W44 2026-11-01 Sun$'
expect_regex "$OUT" '^W45 2026-11-02 Mon neck +1  0:07:00     7  0:07:00$'
expect_regex "$OUT" '^W49 2026-11-30 Mon$'
expect_regex "$OUT" '^ +1:36:30$'

# Without a date: this week, whatever it is (nothing logged then).
expect_exit 0 "$KNEAD" history --log "$DEMO" --week
expect_line_count "$OUT" 11
expect_exit 2 "$KNEAD" history --log "$DEMO" --week 2026-13-01
expect_contains "$ERR" "--week wants a date as YYYY-MM-DD (like 2026-11-01), not \`2026-13-01\`"
expect_exit 2 "$KNEAD" history --log "$DEMO" --week --month

# --- --plot: axes, dates, the band, the line --------------------------------------------
expect_exit 0 env LC_ALL=C.UTF-8 "$KNEAD" history suboccipitals --plot --log "$DEMO" --routines "$DEMO_ROUTINES"
P="$TMP/plot.utf8"
cp "$OUT" "$P"
expect_contains "$P" "neck.suboccipitals: pain at the first hold, 13 sessions (shaded: target 4-6)"
LC_ALL=C.UTF-8 expect_regex "$P" '^ 10 │$'
LC_ALL=C.UTF-8 expect_regex "$P" '^  0 │$'
LC_ALL=C.UTF-8 expect_regex "$P" '^    └─{74}$'                       # 80 columns when not a terminal
expect_regex "$P" '^     2026-11-02 {54}2026-11-20$'
LC_ALL=C.UTF-8 expect_regex "$P" '^  6 │⠒⠒⠒'  # the first sessions, pain 6, at the left
LC_ALL=C.UTF-8 expect_regex "$P" '^    │ {65}⠈⠉{8}$'  # the last sessions, pain 3, up to the right edge
expect_contains "$P" "░"  # the band
LC_ALL=C.UTF-8 expect_line_count "$P" 16 '^ {0,2}[0-9]* *│'           # 24 rows less the title, axis and dates
# ASCII when the locale is not UTF-8, when TERM is dumb, or with --ascii.
for env in "LC_ALL=C" "LC_ALL=C.UTF-8 TERM=dumb" "LC_ALL=C.UTF-8 --ascii"; do
    read -r -a words <<<"$env"
    flags=()
    [[ ${words[-1]} == --ascii ]] && flags=(--ascii) && unset 'words[-1]'
    expect_exit 0 env "${words[@]}" "$KNEAD" history suboccipitals --plot --log "$DEMO" "${flags[@]}"
    expect_regex "$OUT" '^  6 \|\*'
    expect_regex "$OUT" '^    \+-{74}$'
    expect_no_regex "$OUT" '[^ -~]'  # nothing but printable ASCII
done
# A point with a single session: one dot, in the middle, no broken axis.
head -n 9 "$DEMO" >"$TMP/one.log"
expect_exit 0 env LC_ALL=C "$KNEAD" history suboccipitals --plot --log "$TMP/one.log"
expect_contains "$OUT" "1 session (shaded"
expect_regex "$OUT" '^  6 \|\.{37}\*\.{36}$'
expect_regex "$OUT" '^     2026-11-02$'
