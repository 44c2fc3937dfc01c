#!/usr/bin/env bash
# The zsh and fish completions, where those shells are installed (scripts/test installs
# them; elsewhere the test reports itself skipped when neither is there).
if ! command -v zsh >/dev/null || ! command -v fish >/dev/null; then
    # In CI, scripts/setup has installed both: a missing one is a broken setup.
    [[ ${CI:-} == true ]] && { echo "test_completion_zsh_fish: zsh or fish is missing in CI" >&2; exit 1; }
    if ! command -v zsh >/dev/null && ! command -v fish >/dev/null; then
        echo "test_completion_zsh_fish: skipped: neither zsh nor fish is installed"
        exit 77
    fi
fi
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/bin"
ln -s "$KNEAD" "$TMP/bin/knead"
write_routine "$ROUTINES/zz-mine.toml"

# --- fish: `complete -C` prints what fish would offer ------------------------------------
if command -v fish >/dev/null; then
    FISH="$KNEAD_SOURCE/completions/knead.fish"
    expect_exit 0 fish --no-execute "$FISH"
    # fish_offers LINE WANT WHAT...: what fish offers for each LINE, without descriptions,
    # sorted and joined by spaces, is WANT. One fish answers every line (a fish started for
    # each cost more than the completions).
    FISH_LINES=() FISH_WANT=() FISH_WHAT=()
    fish_offers() {
        FISH_LINES+=("$1") FISH_WANT+=("$2") FISH_WHAT+=("$3")
    }
    fish_offers 'knead ' "config due history list new plan report run show validate where " "fish: commands"
    fish_offers 'knead run ne' "neck " "fish: a routine name"
    fish_offers "knead --routines $ROUTINES run zz" "zz-mine " "fish: a name from --routines"
    fish_offers 'knead validate --j' "--json " "fish: a flag of validate"
    fish_offers 'knead run --color ' "always auto never " "fish: --color values"
    fish_offers 'knead list --n' "--names " "fish: list --names"
    fish_offers 'knead where --' "--help --json --map " "fish: flags of where"
    fish_offers 'knead report --format ' "html md " "fish: report --format values"
    fish_offers 'knead history --p' "--plot " "fish: history --plot"
    fish_offers "knead --routines=$ROUTINES run zz" "zz-mine " "fish: a name from --routines=DIR"
    fish_offers 'knead run neck.s' "neck.sternocleidomastoid neck.suboccipitals " \
        "fish: ROUTINE.POINT for run"
    fish_offers 'knead history upper-' "upper-back upper-trapezius " \
        "fish: a routine or a point id for history"
    fish_offers 'knead history neck.up' "neck.upper-trapezius " "fish: ROUTINE.POINT for history"
    fish_offers 'knead list --p' "--points " "fish: list --points"
    PATH="$TMP/bin:$PATH" fish --no-config -c '
        source $argv[1]
        set n 0
        for line in $argv[2..-1]
            for c in (complete -C$line)
                printf "%s\t%s\n" $n (string split -m1 \t -- $c)[1]
            end
            set n (math $n + 1)
        end' "$FISH" "${FISH_LINES[@]}" | sort -t $'\t' -k1,1n -k2 >"$TMP/fish.out"
    declare -A fish_got=()
    while IFS=$'\t' read -r n c; do fish_got[$n]+="$c "; done <"$TMP/fish.out"
    for ((i = 0; i < ${#FISH_LINES[@]}; i++)); do
        LAST_CMD="fish: complete -C'${FISH_LINES[i]}'"
        expect_eq "${fish_got[$i]:-}" "${FISH_WANT[i]}" "${FISH_WHAT[i]}"
    done
fi

# --- zsh: drive an interactive zsh in a pseudo-terminal, press Tab, read the line --------
if command -v zsh >/dev/null && zsh -c 'zmodload zsh/zpty' 2>/dev/null; then
    expect_exit 0 zsh -n "$KNEAD_SOURCE/completions/_knead"
    mkdir -p "$TMP/fpath"
    cp "$KNEAD_SOURCE/completions/_knead" "$TMP/fpath/"
    cat >"$TMP/drive.zsh" <<'ZSH'
# drive.zsh FPATH OUTFILE LINE...: for each LINE, types it and a Tab in an interactive zsh,
# then a key bound to a widget that appends the command line as it stands to OUTFILE.
zmodload zsh/zpty
local fdir=$1 outfile=$2 out line
shift 2
zpty -b z "zsh -f -i"
zpty -w z "fpath=($fdir \$fpath); autoload -U compinit; compinit -u -D; unsetopt beep"
zpty -w z "dump() { print -r -- \"\$BUFFER\" >>${(q)outfile}; BUFFER= }; zle -N dump; bindkey '^X' dump"
for line in "$@"; do
  zpty -w -n z "$line"$'\t\C-x'
done
# The output of `print MARK''ER` (not its echo) says that every key before it was handled.
zpty -w z "print MARK''ER"
zpty -r -m z out '*MARKER*'
zpty -d z
ZSH
    PATH="$TMP/bin:$PATH" expect_exit 0 timeout 30 zsh -f "$TMP/drive.zsh" "$TMP/fpath" "$TMP/zsh.out" \
        "knead pl" "knead run ne" "knead --routines $ROUTINES plan zz" "knead validate --js" \
        "knead run --color alw" "knead list --na" "knead wh" "knead --routines=$ROUTINES run zz" \
        "knead run neck.sub" "knead history upper-t" "knead history neck.lev" "knead list --po"
    expect_eq "$(cat "$TMP/zsh.out")" "knead plan 
knead run neck 
knead --routines $ROUTINES plan zz-mine 
knead validate --json 
knead run --color always 
knead list --names 
knead where 
knead --routines=$ROUTINES run zz-mine 
knead run neck.suboccipitals 
knead history upper-trapezius 
knead history neck.levator-scapulae 
knead list --points " "zsh: the command lines after Tab"
fi
