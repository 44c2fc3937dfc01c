#!/usr/bin/env bash
# The bash completion: commands, flags, values, routine names from `knead list --names`
# and points from `knead list --points`, on the same search path as the command line. Also that the completions and the
# man page cover every command and flag that --help lists.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

SCRIPT="$KNEAD_SOURCE/completions/knead.bash"
expect_exists "$SCRIPT"

# The completion runs in one bash for a batch of cases, as a user's shell runs it over and
# over: expect_offers queues a case, check_offers runs the queue and checks each case.
# Starting a bash for each case cost more than the completions themselves.
CASE_WANT=()
CASE_AT=()
CASE_WORDS=()
CASE_LINE=()
CASE_GOT=()

# by_case FILE ARRAY: reads "N<tab>WORD" lines and sets ARRAY[N] to case N's words,
# sorted, one a line, without empty ones (one sort for all the cases).
by_case() {
    local -n into=$2
    local n w
    into=()
    while IFS=$'\t' read -r n w; do
        [[ -n $w ]] && into[n]+="$w"$'\n'
    done < <(sort -t $'\t' -k1,1n -k2 "$1")
}

# complete_cases: runs the queued cases in a fresh bash (no set -e), and leaves in
# CASE_GOT[i] what case i offers for its last word, as by_case puts it.
complete_cases() {
    local i
    for ((i = 0; i < ${#CASE_WORDS[@]}; i++)); do
        printf '%s\n' "${CASE_WORDS[i]}"
    done >"$TMP/cases"
    bash --norc --noprofile -c '
        source "$1"
        n=0
        while IFS= read -r line; do
            eval "COMP_WORDS=($line)"
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _knead
            for word in "${COMPREPLY[@]}"; do printf "%d\t%s\n" "$n" "$word"; done
            n=$((n + 1))
        done' complete "$SCRIPT" <"$TMP/cases" >"$TMP/replies"
    by_case "$TMP/replies" CASE_GOT
}

# queue_case WORD...: a case for complete_cases.
queue_case() {
    local words
    printf -v words '%q ' "$@"
    CASE_WORDS+=("$words")
    CASE_LINE+=("$*")
}

# expect_offers WANT WORD...: exactly these completions (space-separated, any order), once
# check_offers runs.
expect_offers() {
    CASE_WANT+=("$1")
    CASE_AT+=("${BASH_SOURCE[1]##*/}:${BASH_LINENO[0]}")
    shift
    queue_case "$@"
}

# check_offers: runs the queued cases and checks each; the queue is then empty.
check_offers() {
    local i w
    local -a want=() words=()
    complete_cases
    for ((i = 0; i < ${#CASE_WORDS[@]}; i++)); do
        read -ra words <<<"${CASE_WANT[i]}"
        for w in "${words[@]}"; do printf '%d\t%s\n' "$i" "$w"; done
    done >"$TMP/wants"
    by_case "$TMP/wants" want
    for ((i = 0; i < ${#CASE_WORDS[@]}; i++)); do
        [[ ${CASE_GOT[i]:-} == "${want[i]:-}" ]] ||
            fail "completion of \"${CASE_LINE[i]}\" (the case at ${CASE_AT[i]})" \
                "${want[i]//$'\n'/ }" "${CASE_GOT[i]//$'\n'/ }"
        pass
    done
    CASE_WANT=() CASE_AT=() CASE_WORDS=() CASE_LINE=()
}

expect_exit 0 bash --norc -c "source '$SCRIPT' && complete -p knead"
expect_contains "$OUT" "complete -F _knead knead"

# Commands and global flags.
expect_offers "run list show plan history report due validate new where config" "$KNEAD" ""
expect_offers "plan" "$KNEAD" pl
expect_offers "--routines --help --version" "$KNEAD" --
expect_offers "run" "$KNEAD" --routines "$TMP" ru

# Flags of each command.
expect_offers "--log --no-wait --speed --voice --speech-command --quiet --big --color --fresh --hands-free --yes --side --help" \
    "$KNEAD" run --
expect_offers "--names --points --help" "$KNEAD" list -
expect_offers "--json --help" "$KNEAD" validate --
expect_offers "--area --stdout --help" "$KNEAD" new --
expect_offers "--log --fresh --help" "$KNEAD" plan --
expect_offers "--log --since --last --json --format --ascii --week --month --plot --help" "$KNEAD" history --
expect_offers "--log --since --out --format --help" "$KNEAD" report --
expect_offers "html md" "$KNEAD" report --format ""
expect_offers "tsv" "$KNEAD" history --format ts
expect_offers "--log --help" "$KNEAD" due --
expect_offers "--json --map --help" "$KNEAD" where --
expect_offers "where" "$KNEAD" wh
expect_offers "auto always" "$KNEAD" run --color a
expect_offers "" "$KNEAD" run --speed ""

# Routine names, from the search path.
expect_offers "neck" "$KNEAD" run ne
expect_offers "desk-worker" "$KNEAD" show desk
expect_offers "upper-back" "$KNEAD" plan neck up
ALL=$("$KNEAD" list --names | tr '\n' ' ')
expect_match "$ALL" 'neck .*upper-back' "list --names"
expect_offers "$ALL" "$KNEAD" run ""
# A --routines directory on the line is searched, as the command itself will.
write_routine "$ROUTINES/zz-mine.toml"
expect_offers "zz-mine" "$KNEAD" --routines "$ROUTINES" run zz
expect_offers "" "$KNEAD" run zz
check_offers  # before a routine of the user's own is on the path
mkdir -p "$XDG_CONFIG_HOME/knead/routines"
write_routine "$XDG_CONFIG_HOME/knead/routines/zz-config.toml"
expect_offers "zz-config" "$KNEAD" plan zz

# Points: ROUTINE.POINT for run once the dot is typed; for history a routine, a point id
# (each once, though several routines share it) or ROUTINE.POINT.
expect_offers "neck.levator-scapulae neck.sternocleidomastoid neck.suboccipitals neck.upper-trapezius" \
    "$KNEAD" run neck.
expect_offers "neck.sternocleidomastoid neck.suboccipitals" "$KNEAD" run neck.s
expect_offers "zz-mine.tiny-point" "$KNEAD" --routines "$ROUTINES" run zz-mine.
expect_offers "upper-back upper-trapezius" "$KNEAD" history upper-
expect_offers "tiny-point" "$KNEAD" --routines "$ROUTINES" history tiny
expect_offers "neck.upper-trapezius" "$KNEAD" history neck.up
expect_exit 0 "$KNEAD" list --points
expect_line_count "$OUT" "$(builtin_points neck)" '^neck\.[a-z0-9-]+$'

# bash splits `--routines=DIR` at the "=" (it is in COMP_WORDBREAKS): these are the words
# it hands the completion. The directory is searched all the same.
expect_offers "zz-config zz-mine" "$KNEAD" --routines = "$ROUTINES" run zz
expect_offers "zz-config zz-mine" "$KNEAD" "--routines=$ROUTINES" run zz
expect_offers "report run" "$KNEAD" --routines = "$ROUTINES" r
expect_offers "zz-mine.tiny-point" "$KNEAD" --routines = "$ROUTINES" run zz-mine.
expect_offers "always auto" "$KNEAD" run --color = a

# Paths: directories after --routines, .toml files when a path is typed.
mkdir -p "$TMP/files/sub"
touch "$TMP/files/a.toml" "$TMP/files/b.txt"
expect_offers "$TMP/files/sub" "$KNEAD" --routines "$TMP/files/s"
expect_offers "$TMP/files/sub" "$KNEAD" --routines = "$TMP/files/s"
expect_offers "$TMP/files/a.toml $TMP/files/sub" "$KNEAD" run "$TMP/files/"
expect_offers "$TMP/files/a.toml $TMP/files/b.txt $TMP/files/sub" "$KNEAD" validate "$TMP/files/"
# Nothing to complete for the name of a new routine.
expect_offers "" "$KNEAD" new ""
check_offers

# Found through PATH, as `knead`, the completion runs that knead.
mkdir -p "$TMP/bin"
ln -s "$KNEAD" "$TMP/bin/knead"
expect_offers "neck" knead run ne
PATH="$TMP/bin:$PATH" check_offers

# --- Every command and flag of --help is completed, and described in the man page --------
MAN="$KNEAD_SOURCE/man/knead.1"
MAN_TEXT=$(<"$MAN")
expect_exit 0 "$KNEAD" --help
COMMANDS=$(sed -n '/^Subcommands:/,/^$/p' "$OUT" | awk 'NF > 1 { print $1 }')
expect_match "$(echo $COMMANDS)" '^run .*new' "the commands in --help"
expect_offers "$(echo $COMMANDS)" "$KNEAD" ""
check_offers
# What `knead CMD --` offers, for every command in one batch.
for cmd in $COMMANDS; do queue_case "$KNEAD" "$cmd" --; done
complete_cases
i=0
for cmd in $COMMANDS; do
    expect_regex "$MAN" "^\\.B[IR]? $cmd( |\$)"
    expect_exit 0 "$KNEAD" "$cmd" --help
    FLAGS=$(grep -oE -- '--[a-z][a-z-]+' "$OUT" | sort -u | grep -v -- '^--help$' || true)
    offered=$'\n'${CASE_GOT[i]:-}
    i=$((i + 1))
    # Matched in the shell: a grep for each flag would cost more than the rest.
    for flag in $FLAGS; do
        [[ $offered == *$'\n'"$flag"$'\n'* ]] ||
            fail "\`knead $cmd --<Tab>\` should offer $flag" "$flag" "${offered//$'\n'/ }"
        pass
        [[ $MAN_TEXT == *"${flag//-/\\-}"* ]] ||
            fail "man/knead.1 should describe $flag" "${flag//-/\\-}" "(not found)"
        pass
    done
done
CASE_WORDS=() CASE_LINE=()
# The man page names the version that --version prints (it is written by hand).
expect_exit 0 "$KNEAD" --version
expect_regex "$MAN" "^\\.TH KNEAD 1 [0-9]{4}-[0-9]{2}-[0-9]{2} \"$(cat "$OUT")\" "
