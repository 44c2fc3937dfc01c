#!/usr/bin/env bash
# The examples of docs/scripting.md, run as written and in order, with their results
# checked against the log they read.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

DOC="$KNEAD_SOURCE/docs/scripting.md"
mkdir -p "$TMP/bin" "$TMP/work"
ln -s "$KNEAD" "$TMP/bin/knead"
# The documented defaults, as a reader's shell would have them.
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME

# Every ```sh block, in order, as block-1.sh, block-2.sh, ...
awk -v dir="$TMP" '/^```sh$/ { n++; on = 1; next } /^```$/ { on = 0; next }
    on { print > (dir "/block-" n ".sh") }' "$DOC"
N=$(find "$TMP" -maxdepth 1 -name 'block-*.sh' | wc -l)
expect_match "$N" '^([89]|[1-9][0-9])$' "number of sh examples in scripting.md"

# block_with TEXT: the example whose code contains TEXT.
block_with() {
    local f
    f=$(grep -lF -- "$1" "$TMP"/block-*.sh | head -n 1)
    [[ -n $f ]] || fail "an example in scripting.md should contain \"$1\"" "one" "(none)"
    basename "$f" .sh
}

cd "$TMP/work"
for ((i = 1; i <= N; i++)); do
    PATH="$TMP/bin:$PATH" expect_exit 0 bash -e "$TMP/block-$i.sh"
    cp "$OUT" "$TMP/block-$i.out"
    # Nothing on stderr but the hint `knead new` gives after writing a file.
    grep -v '^knead: edit it, then check it with: knead validate ' "$ERR" >"$TMP/block-$i.err" || true
    expect_empty "$TMP/block-$i.err"
done
LOG="$TMP/work/practice.log"
expect_whole_records "$LOG"
expect_missing "$HOME/.local/share/knead/sessions.log"  # practice stays out of the real log

out() { echo "$TMP/$(block_with "$1").out"; }

expect_contains "$(out 'yes 6 | knead run neck --no-wait')" "Logged to practice.log"
expect_eq "$(cat "$(out "answers.txt")")" "exit status: 0" "the answers-from-a-file example"
expect_contains "$TMP/work/upper-back.txt" "Skipping the rest of this point."
expect_eq "$(cat "$(out 'yes x | knead run neck')")" "exit status: 3
19" "the never-an-answer example"
expect_contains "$TMP/work/garbage.txt" "20 answers in a row were not answers: stopping here."
expect_eq "$(cat "$(out 'neck.levator-scapulae --side right')")" "2" "the one-side example"
expect_regex "$(out 'knead plan neck upper-back')" '^ +[0-9]+:[0-9]{2}  end of session, total'
expect_contains "$(out 'knead plan neck upper-back')" "routines=neck,upper-back"
expect_eq "$(cat "$(out 'case $status')")" "stopped on a red flag" "the exit status example"
expect_contains "$(out 'knead new my-break')" "1 routine checked: 1 valid"
expect_eq "$(cat "$(out 'validate --json')")" "errors: 0, warnings: 0
validate exit status: 0" "the --json count example"

# The --json counting example counts what validate reports, errors and warnings alike.
printf 'schema = 1\nname = "x"\narea = "y"\ncolor = 1\n[[point]]\nid = "p"\nname = "P"\nmuscle = "m"\nlocate = "L."\npress = "P."\n' \
    >"$HOME/.config/knead/routines/rough.toml"
PATH="$TMP/bin:$PATH" expect_exit 0 bash -e "$TMP/$(block_with 'validate --json').sh"
expect_eq "$(cat "$OUT")" "errors: 1, warnings: 2
validate exit status: 2" "the --json count example with problems"
"$KNEAD" validate rough >"$TMP/rough.txt" || true
expect_contains "$TMP/rough.txt" "(1 error, 2 warnings)"
rm "$HOME/.config/knead/routines/rough.toml"

# How each session ended: the counts match the end records.
ENDS=$(out 'uniq -c')
for status in completed red-flag; do
    n=$(grep -c " event=end status=$status " "$LOG")
    expect_regex "$ENDS" "^ +$n $status\$"
done

# The awk example: holds and mean pain per point, checked with grep and shell arithmetic.
MEANS=$(out 'mean pain')
expect_line_count "$MEANS" "$(grep ' step=hold ' "$LOG" | grep ' pain=' |
    sed 's/.* routine=\([^ ]*\) point=\([^ ]*\) .*/\1.\2/' | sort -u | wc -l)"
while read -r key holds_word holds mean_words; do
    expect_eq "$holds_word" "holds" "layout of the awk example"
    routine=${key%%.*} point=${key#*.}
    pains=$(grep " routine=$routine point=$point " "$LOG" | grep ' step=hold ' |
        grep -o ' pain=[0-9]*' | cut -d= -f2)
    count=$(printf '%s\n' "$pains" | wc -l)
    sum=0
    for p in $pains; do sum=$((sum + p)); done
    expect_eq "${holds%,}" "$count" "holds of $key"
    tenths=$(( (sum * 100 / count + 5) / 10 ))  # the mean, rounded to tenths
    expect_eq "${mean_words##* }" "$((tenths / 10)).$((tenths % 10))" "mean pain of $key"
done <"$MEANS"
expect_regex "$MEANS" '^upper-back\.rhomboids +holds +[0-9]+, mean pain [0-9]+\.[0-9]$'

# Minutes per day: the sum of the end records' durations, by the date each one carries.
# The practice runs on a virtual clock that starts now, so near midnight it spans two days.
DAYS=$(out 'minutes[substr')
declare -A SECONDS_ON=()
ENDS_SEEN=0
while read -r record; do
    # Durations are whole seconds on a virtual clock (d.0), so shell arithmetic can add them.
    [[ $record =~ ^time=([0-9-]+)T.*\ duration=([0-9]+)\.0(\ |$) ]] ||
        fail "an end record with a date and whole seconds" "time=DATE... duration=N.0" "$record"
    day=${BASH_REMATCH[1]}
    SECONDS_ON[$day]=$((${SECONDS_ON[$day]:-0} + BASH_REMATCH[2]))
    ENDS_SEEN=$((ENDS_SEEN + 1))
done < <(log_records "$LOG" ' event=end ')
expect_match "$ENDS_SEEN" '^[1-9][0-9]*$' "end records of the practice sessions"
expect_line_count "$DAYS" "${#SECONDS_ON[@]}"
# Rounded as printf rounds (a total of 84.25 minutes prints as 84.2).
WANT=$(for day in "${!SECONDS_ON[@]}"; do
    awk -v day="$day" -v t="${SECONDS_ON[$day]}" 'BEGIN { printf "%s %5.1f\n", day, t / 60 }'
done | sort)
expect_eq "$(cat "$DAYS")" "$WANT" "the minutes-per-day example"
