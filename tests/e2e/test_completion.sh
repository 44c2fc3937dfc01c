#!/usr/bin/env bash
# The bash completion: commands, flags, values, routine names from `knead list --names`
# and points from `knead list --points`, on the same search path as the command line. Also that the completions and the
# man page cover every command and flag that --help lists.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

SCRIPT="$KNEAD_SOURCE/completions/knead.bash"
expect_exists "$SCRIPT"

# complete_words WORD...: what the completion offers for the last word, sorted, one a line.
# It runs in a fresh interactive-like bash (no set -e), as a user's shell would run it.
complete_words() {
    bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _knead
        printf "%s\n" "${COMPREPLY[@]}"' complete "$SCRIPT" "$@" | sort
}

# expect_offers WANT WORD...: exactly these completions (space-separated, any order).
expect_offers() {
    local want got
    want=$(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort)
    shift
    got=$(complete_words "$@" | sed '/^$/d')
    [[ $got == "$want" ]] || fail "completion of \"$*\"" "$(echo $want)" "$(echo $got)"
    pass
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

# Found through PATH, as `knead`, the completion runs that knead.
mkdir -p "$TMP/bin"
ln -s "$KNEAD" "$TMP/bin/knead"
PATH="$TMP/bin:$PATH" expect_offers "neck" knead run ne

# --- Every command and flag of --help is completed, and described in the man page --------
MAN="$KNEAD_SOURCE/man/knead.1"
expect_exit 0 "$KNEAD" --help
COMMANDS=$(sed -n '/^Subcommands:/,/^$/p' "$OUT" | awk 'NF > 1 { print $1 }')
expect_match "$(echo $COMMANDS)" '^run .*new' "the commands in --help"
expect_offers "$(echo $COMMANDS)" "$KNEAD" ""
for cmd in $COMMANDS; do
    expect_regex "$MAN" "^\\.B[IR]? $cmd( |\$)"
    expect_exit 0 "$KNEAD" "$cmd" --help
    FLAGS=$(grep -oE -- '--[a-z][a-z-]+' "$OUT" | sort -u | grep -v -- '^--help$' || true)
    for flag in $FLAGS; do
        complete_words "$KNEAD" "$cmd" -- >"$TMP/flags"
        expect_regex "$TMP/flags" "^$flag\$"
        expect_contains "$MAN" "$(sed 's/-/\\-/g' <<<"$flag")"
    done
done
# The man page names the version that --version prints (it is written by hand).
expect_exit 0 "$KNEAD" --version
expect_regex "$MAN" "^\\.TH KNEAD 1 [0-9]{4}-[0-9]{2}-[0-9]{2} \"$(cat "$OUT")\" "
