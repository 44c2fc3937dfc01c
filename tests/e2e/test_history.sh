#!/usr/bin/env bash
# `knead history`: the session table, per-point trends, --since/--last, TSV and JSON, and
# logs that are missing, damaged, cut short or from a newer version.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

LOG="$TMP/sessions.log"

# session ID DATE ROUTINE CLOCK STATUS POINT:PAIN:PLANNED[:NEXT]...: the records of one
# session on DATE (YYYY-MM-DD) at 07:30, with one hold per point and its pain.
session() {
    local id=$1 date=$2 routine=$3 clock=$4 status=$5 hold point pain planned next
    shift 5
    echo "time=${date}T07:30:00+01:00 session=$id event=start routines=$routine clock=$clock version=0.1.0"
    for hold in "$@"; do
        IFS=: read -r point pain planned next <<<"$hold"
        echo "time=${date}T07:31:00+01:00 session=$id routine=$routine point=$point side=center rep=1 step=hold planned=$planned actual=$planned.0 pain=$pain${next:+ next=$next}"
    done
    if [[ $status != killed ]]; then
        echo "time=${date}T07:40:00+01:00 session=$id event=end status=$status points=$# duration=600.0"
    fi
}

{
    echo "# knead log v1"
    session S01 2026-10-01 neck real completed trap:8:30:20 sub:6:30
    session S02 2026-10-02 neck real completed trap:7:20 sub:6:30
    session S03 2026-10-03 neck real stopped trap:6:20:25 sub:5:30
    session S04 2026-10-04 jaw real completed masseter:4:30:40
    session S05 2026-10-05 neck virtual completed trap:9:30 sub:9:30
    session S06 2026-10-06 neck real completed trap:4:25:35 sub:3:30:40
    session S07 2026-10-07 neck real killed trap:3:35
} >"$LOG"

# --- The session table, oldest first --------------------------------------------------
expect_exit 0 "$KNEAD" history --log "$LOG"
H="$TMP/history.out"
cp "$OUT" "$H"
expect_empty "$ERR"
expect_first_line "$H" "DATE              ROUTINES         POINTS    TIME  STATUS       PAIN"
expect_line_count "$H" 7 '^2026-10-0[1-7] 07:30  '
expect_regex "$H" '^2026-10-01 07:30  neck +2 +10:00  completed +7 -> 7$'
expect_regex "$H" '^2026-10-03 07:30  neck +2 +10:00  stopped +5.5 -> 5.5$'
expect_regex "$H" '^2026-10-04 07:30  jaw +1 +10:00  completed +4 -> 4$'
# A rehearsal is marked; a session without an end record is unfinished.
expect_regex "$H" '^2026-10-05 07:30  neck +2 +10:00  completed\* +9 -> 9$'
expect_contains "$H" "* run with --no-wait"
expect_regex "$H" '^2026-10-07 07:30  neck +1 +1:00  unfinished +3 -> 3$'
expect_before "$H" "2026-10-01 07:30" "2026-10-07 07:30"

# The trends: one bar per real session (the rehearsal is left out), oldest to newest.
expect_contains "$H" "Pain at the first hold, a bar per session, oldest to newest:"
expect_followed_by "$H" "oldest to newest" "neck"
expect_regex "$H" '^  trap {20}\*\+=:- +8 -> 3$'
expect_regex "$H" '^  sub {21}===- +6 -> 3$'
expect_regex "$H" '^  masseter {16}: +4 -> 4$'

# --- A routine: only its sessions, and its points' trends -------------------------------
expect_exit 0 "$KNEAD" history neck --log "$LOG"
expect_line_count "$OUT" 6 '^2026-10-0[1-7] 07:30  neck'
expect_not_contains "$OUT" "jaw"
expect_not_contains "$OUT" "masseter"
expect_regex "$OUT" '^  trap +\*\+=:- +8 -> 3$'

# --- A point, by id or as routine.point: a row per session ------------------------------
for subject in trap neck.trap; do
    expect_exit 0 "$KNEAD" history "$subject" --log "$LOG"
    expect_contains "$OUT" "neck.trap: 5 sessions with holds"
    expect_regex "$OUT" '^DATE +FIRST HOLD +PAIN +HOLDS +NEXT START$'
    expect_regex "$OUT" '^2026-10-01 07:30 +30 s  8 -> 8 +1  20 s$'
    expect_regex "$OUT" '^2026-10-02 07:30 +20 s  7 -> 7 +1  20 s$'
    expect_regex "$OUT" '^2026-10-07 07:30 +35 s  3 -> 3 +1  35 s$'
    expect_not_contains "$OUT" "2026-10-05"  # the rehearsal
    expect_not_contains "$OUT" "sub"
    expect_regex "$OUT" '^  neck\.trap +\*\+=:- +8 -> 3$'
done

# An unknown subject: said plainly, with the nearest name, and exit 0.
expect_exit 0 "$KNEAD" history trapp --log "$LOG"
expect_contains "$OUT" "No sessions of \`trapp\` in $LOG. Did you mean \`trap\`?"

# --- --since and --last -----------------------------------------------------------------
expect_exit 0 "$KNEAD" history --log "$LOG" --since 2026-10-04
expect_line_count "$OUT" 4 '^2026-10-0[4-7] 07:30  '
expect_line_count "$OUT" 0 '^2026-10-0[1-3] '
expect_exit 0 "$KNEAD" history --log "$LOG" --last 2
expect_line_count "$OUT" 2 '^2026-10-0[67] 07:30  '
expect_line_count "$OUT" 2 '^2026-10'
expect_exit 0 "$KNEAD" history neck --log "$LOG" --last 3 --since 2026-10-01
expect_regex "$OUT" '^  trap +:- +4 -> 3$'
expect_exit 0 "$KNEAD" history --log "$LOG" --since 2027-01-01
expect_contains "$OUT" "No sessions in $LOG since 2027-01-01."

for bad in 2026-13-01 yesterday 2026-1-1 ""; do
    expect_exit 2 "$KNEAD" history --log "$LOG" --since "$bad"
    expect_contains "$ERR" "YYYY-MM-DD"
    expect_empty "$OUT"
done
expect_exit 2 "$KNEAD" history --log "$LOG" --last 0
expect_exit 2 "$KNEAD" history --log "$LOG" --last many
expect_exit 2 "$KNEAD" history --log "$LOG" --format xml
expect_exit 2 "$KNEAD" history --log "$LOG" --json --format tsv

# --- TSV: one row per session; with a subject, one row per session and point ------------
expect_exit 0 "$KNEAD" history --log "$LOG" --format tsv
TAB=$'\t'
expect_first_line "$OUT" "time${TAB}session${TAB}routines${TAB}clock${TAB}status${TAB}points${TAB}duration${TAB}pain_first${TAB}pain_last"
expect_line_count "$OUT" 8
expect_contains "$OUT" "2026-10-03T07:30:00+01:00${TAB}S03${TAB}neck${TAB}real${TAB}stopped${TAB}2${TAB}600.0${TAB}5.5${TAB}5.5"
expect_contains "$OUT" "2026-10-05T07:30:00+01:00${TAB}S05${TAB}neck${TAB}virtual${TAB}completed${TAB}2${TAB}600.0${TAB}9.0${TAB}9.0"
expect_contains "$OUT" "2026-10-07T07:30:00+01:00${TAB}S07${TAB}neck${TAB}real${TAB}unfinished${TAB}1${TAB}60.0${TAB}3.0${TAB}3.0"
expect_line_count "$OUT" 8 "^[^$TAB]*($TAB[^$TAB]*){8}\$"

expect_exit 0 "$KNEAD" history neck --log "$LOG" --format TSV
expect_first_line "$OUT" "time${TAB}session${TAB}routine${TAB}point${TAB}pain_first${TAB}pain_last${TAB}holds${TAB}planned_first${TAB}next"
expect_line_count "$OUT" 10  # header, 5 trap and 4 sub rows (no rehearsal)
expect_contains "$OUT" "2026-10-01T07:30:00+01:00${TAB}S01${TAB}neck${TAB}trap${TAB}8${TAB}8${TAB}1${TAB}30${TAB}20"
expect_contains "$OUT" "2026-10-02T07:30:00+01:00${TAB}S02${TAB}neck${TAB}sub${TAB}6${TAB}6${TAB}1${TAB}30${TAB}30"

# --- JSON -------------------------------------------------------------------------------
expect_exit 0 "$KNEAD" history --log "$LOG" --json
J="$TMP/history.json"
cp "$OUT" "$J"
expect_first_line "$J" "{\"version\":2,\"log\":\"$LOG\",\"sessions\":["
expect_line_count "$J" 7 '^\{"session":"S0[1-7]","time":"2026-10-0[1-7]T07:30:00\+01:00","routines":\['
expect_contains "$J" '{"session":"S03","time":"2026-10-03T07:30:00+01:00","routines":["neck"],"clock":"real","status":"stopped","points":2,"duration":600.0,"pain_first":5.5,"pain_last":5.5},'
expect_contains "$J" '"clock":"virtual"'
expect_contains "$J" '{"routine":"neck","point":"trap","sessions":['
expect_contains "$J" '{"session":"S01","time":"2026-10-01T07:30:00+01:00","pain_first":8,"pain_last":8,"holds":1,"planned_first":30,"next":20},'
# Balanced brackets and braces, and no trailing commas: a cheap check that it parses.
expect_eq "$(tr -cd '{' <"$J" | wc -c)" "$(tr -cd '}' <"$J" | wc -c)" "{ and } in the JSON"
expect_eq "$(tr -cd '[' <"$J" | wc -c)" "$(tr -cd ']' <"$J" | wc -c)" "[ and ] in the JSON"
expect_no_regex "$J" ',[[:space:]]*[]}]'
if command -v jq >/dev/null; then
    expect_eq "$(jq '.sessions | length' "$J")" 7 "sessions in the JSON (jq)"
    expect_eq "$(jq -r '.points[0].sessions[-1].pain_first' "$J")" 3 "last trap pain (jq)"
fi
expect_exit 0 "$KNEAD" history --log "$LOG" --format json --last 1
expect_line_count "$OUT" 2 '"session":"S07"'
expect_not_contains "$OUT" '"S06"'

# --- Unicode bars when the locale is UTF-8; ASCII when not, or when asked --------------
LC_ALL=C.UTF-8 expect_exit 0 "$KNEAD" history neck --log "$LOG"
expect_regex "$OUT" '^  trap +▇▆▅▄▃ +8 -> 3$'
LC_ALL=C.UTF-8 expect_exit 0 "$KNEAD" history neck --log "$LOG" --ascii
expect_regex "$OUT" '^  trap +\*\+=:- +8 -> 3$'
expect_no_regex "$OUT" '[^ -~]'

# --- Many sessions: the last ones that fit in 80 columns -------------------------------
BIG="$TMP/big.log"
# The dates from bash's own strftime, at noon UTC on 2025-01-01 plus d days: no fork a day.
for ((d = 0; d < 200; d++)); do
    TZ=UTC0 printf -v date '%(%F)T' $((1735732800 + d * 86400))
    session "B$d" "$date" neck real completed "trap:$((d % 11)):30"
done >"$BIG"
expect_exit 0 "$KNEAD" history neck --log "$BIG"
widest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$OUT")
expect_match "$widest" '^(7[0-9]|80)$' "width of the longest line (70-80 columns)"
expect_contains "$OUT" "(the last 43)"
expect_regex "$OUT" '^  trap +[_.:=+*#-]{43} +[0-9]+ -> [0-9]+$'
# The newest session's pain is the last bar: session 199 had pain 199 % 11 = 1.
expect_regex "$OUT" '^  trap +[^ ]*\. +[0-9]+ -> 1$'

# --- Damaged, cut-short and newer logs: read what can be read, warn once ----------------
DAMAGED="$TMP/damaged.log"
{
    echo "# knead log v1"
    session D1 2026-10-01 neck real completed trap:8:30
    echo 'time=2026-10-02T07:30:00+01:00 session=D2 note="never closed'
    echo 'this line is not a record'
    session D3 2026-10-03 neck real completed trap:6:30 | sed 's/ pain=6/ pain=6 mood=calm/'
    printf '%s' "time=2026-10-04T07:30:00+01:00 session=D4 event=start routi"
} >"$DAMAGED"
expect_exit 0 "$KNEAD" history --log "$DAMAGED"
expect_line_count "$OUT" 2 '^2026-10-0[13] 07:30  neck'
expect_line_count "$ERR" 1
expect_contains "$ERR" "knead: warning: $DAMAGED:5: skipped a damaged line: unterminated quoted value of \`note\` (and 2 more damaged lines)"
expect_exit 0 "$KNEAD" history --log "$DAMAGED" --json
expect_line_count "$ERR" 1
expect_line_count "$OUT" 2 '^\{"session":"D[13]","time":"[^"]*","routines"'

NEWER="$TMP/newer.log"
{
    echo "# knead log v2"
    session N1 2026-10-01 neck real completed trap:8:30 | sed 's/ event=start / event=start mood=calm /'
    echo "time=2026-10-01T08:00:00+01:00 session=N1 event=photo file=neck.jpg"
    echo "time=2026-10-01T08:00:00+01:00 session=N1 kind=note text=hello"
} >"$NEWER"
expect_exit 0 "$KNEAD" history --log "$NEWER"
expect_line_count "$OUT" 1 '^2026-10-01 07:30  neck'
expect_line_count "$ERR" 1
expect_contains "$ERR" "written by a newer knead (log v2"

# --- Where the log is: --log, then KNEAD_LOG, then the default; none is fine ------------
expect_exit 0 "$KNEAD" history
expect_contains "$OUT" "No sessions yet: there is no log at $XDG_DATA_HOME/knead/sessions.log."
expect_empty "$ERR"
expect_missing "$XDG_DATA_HOME/knead"
expect_exit 0 "$KNEAD" history --format tsv
expect_line_count "$OUT" 1
expect_exit 0 "$KNEAD" history --json
expect_contains "$OUT" '"sessions":[]'
mkdir -p "$XDG_DATA_HOME/knead"
cp "$LOG" "$XDG_DATA_HOME/knead/sessions.log"
expect_exit 0 "$KNEAD" history
expect_line_count "$OUT" 7 '^2026-10-0'
KNEAD_LOG="$DAMAGED" expect_exit 0 "$KNEAD" history
expect_line_count "$OUT" 2 '^2026-10-0'
KNEAD_LOG="$DAMAGED" expect_exit 0 "$KNEAD" history --log "$NEWER"
expect_line_count "$OUT" 1 '^2026-10-0'

echo "# knead log v1" >"$TMP/empty.log"
expect_exit 0 "$KNEAD" history --log "$TMP/empty.log"
expect_contains "$OUT" "No sessions in $TMP/empty.log yet."

# A log that cannot be read: exit 1, and why.
mkdir "$TMP/dir.log"
expect_exit 1 "$KNEAD" history --log "$TMP/dir.log"
expect_contains "$ERR" "cannot read the log $TMP/dir.log: is a directory"
expect_exit 1 "$KNEAD" history --log /dev/zero
expect_contains "$ERR" "not a regular file"

# Control characters in a hand-edited log never reach the terminal.
printf 'time=2026-10-01T07:30:00+01:00 session=E1 event=start routines="ne\\u001b[31mck" clock=real\ntime=2026-10-01T07:40:00+01:00 session=E1 event=end status="bad\\tstatus" points=0 duration=1.0\n' \
    | sed 's/\\u001b/\x1b/' >"$TMP/evil.log"
expect_exit 0 "$KNEAD" history --log "$TMP/evil.log"
expect_no_escapes "$OUT"
expect_contains "$OUT" "ne?[31mck"
expect_exit 0 "$KNEAD" history --log "$TMP/evil.log" --format tsv
expect_line_count "$OUT" 2 "^[^$TAB]*($TAB[^$TAB]*){8}\$"

# --- --help names the commands, their flags and due's exit status ---------------------
expect_exit 0 "$KNEAD" --help
expect_regex "$OUT" '^  history +[A-Z]'
expect_regex "$OUT" '^  due +[A-Z]'
expect_contains "$OUT" "due: 0 when a routine is due, 1 when none is"
expect_exit 0 "$KNEAD" history --help
for flag in --log --since --last --json --format --ascii; do expect_contains "$OUT" "$flag"; done
expect_exit 0 "$KNEAD" run --help
expect_contains "$OUT" "--fresh"
expect_exit 0 "$KNEAD" show --help
expect_contains "$OUT" "--fresh"
expect_contains "$OUT" "--log"
expect_exit 0 "$KNEAD" due --help
expect_contains "$OUT" "--log"

# --- The config file's `log` is where knead run writes, so history and due read it -------
mkdir -p "$XDG_CONFIG_HOME/knead"
printf 'log = "%s"\n' "$LOG" >"$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 0 "$KNEAD" history
expect_line_count "$OUT" 7 '^2026-10-0'
KNEAD_LOG="$DAMAGED" expect_exit 0 "$KNEAD" history
expect_line_count "$OUT" 2 '^2026-10-0'
# A broken config file stops history, as it stops run, before anything is read.
printf 'log = 5\n' >"$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 2 "$KNEAD" history
expect_contains "$ERR" "config.toml"
expect_empty "$OUT"
expect_exit 2 "$KNEAD" history --log "$LOG"
expect_exit 2 "$KNEAD" due
rm "$XDG_CONFIG_HOME/knead/config.toml"
