# bash completion for knead: commands, flags, routine names and points. The names come
# from `knead list --names` and the points from `knead list --points`, run with the
# --routines directories already on the line, so they follow the same search path as the
# command will. bash splits `--routines=DIR` into three words at the "=".

# _knead_routine_names [--points]: the routine names, or every ROUTINE.POINT.
_knead_routine_names() {
    local knead=${COMP_WORDS[0]} i
    local -a dirs=()
    [[ $knead == "~/"* ]] && knead=$HOME/${knead#"~/"}
    for ((i = 1; i < COMP_CWORD; i++)); do
        if [[ ${COMP_WORDS[i]} == --routines && ${COMP_WORDS[i + 1]} == = && $((i + 2)) -lt $COMP_CWORD ]]; then
            dirs+=(--routines "${COMP_WORDS[i + 2]}")
        elif [[ ${COMP_WORDS[i]} == --routines && $((i + 1)) -lt $COMP_CWORD ]]; then
            dirs+=(--routines "${COMP_WORDS[i + 1]}")
        elif [[ ${COMP_WORDS[i]} == --routines=* ]]; then
            dirs+=("${COMP_WORDS[i]}")
        fi
    done
    "$knead" "${dirs[@]}" list "${1:---names}" 2>/dev/null || true
}

# The point ids alone, each once: what `history POINT` takes.
_knead_point_ids() {
    _knead_routine_names --points | sed 's/^[^.]*\.//' | sort -u
}

# Adds each line of standard input to COMPREPLY (mapfile is not in bash 3.2, on macOS).
_knead_reply() {
    local line
    while IFS= read -r line; do COMPREPLY+=("$line"); done
}

_knead() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="run list show plan history report due validate new where config"
    local cmd="" i
    COMPREPLY=()
    # --opt=VALUE arrives as --opt, "=", VALUE: complete VALUE as after --opt.
    if [[ $cur == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 1]} cur=""
    elif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # The command is the first word that is not a global option or its value.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --routines)
                ((i++))
                [[ ${COMP_WORDS[i]} == = ]] && ((i++))
                ;;
            =) ((i++)) ;;  # the value of an --opt=VALUE
            -*) ;;
            *)
                cmd=${COMP_WORDS[i]}
                break
                ;;
        esac
    done

    case $prev in
        --routines)
            compopt -o filenames 2>/dev/null
            _knead_reply < <(compgen -d -- "$cur")
            return
            ;;
        --log | --out)
            compopt -o filenames 2>/dev/null
            _knead_reply < <(compgen -f -- "$cur")
            return
            ;;
        --color)
            _knead_reply < <(compgen -W "auto always never" -- "$cur")
            return
            ;;
        --side)
            _knead_reply < <(compgen -W "left right" -- "$cur")
            return
            ;;
        --format)
            if [[ $cmd == report ]]; then
                _knead_reply < <(compgen -W "html md" -- "$cur")
            else
                _knead_reply < <(compgen -W "text tsv json" -- "$cur")
            fi
            return
            ;;
        --speed | --speech-command | --area | --since | --last | --week | --month)
            return  # a value of the user's own
            ;;
    esac

    local flags="" words=""
    case $cmd in
        "")
            flags="--routines --help --version"
            words=$commands
            ;;
        run)
            flags="--log --no-wait --speed --voice --speech-command --quiet --big --color --fresh --hands-free --yes --side --help"
            words=$(_knead_routine_names)
            # One point of a routine, once its name and the dot are typed.
            [[ $cur == *.* ]] && words=$(_knead_routine_names --points)
            ;;
        show | plan)
            flags="--log --fresh --help"
            words=$(_knead_routine_names)
            ;;
        history)
            # A routine, a point id, or ROUTINE.POINT once a dot is typed.
            flags="--log --since --last --json --format --ascii --week --month --plot --help"
            words="$(_knead_routine_names) $(_knead_point_ids)"
            [[ $cur == *.* ]] && words=$(_knead_routine_names --points)
            ;;
        report)
            flags="--log --since --out --format --help"
            words=$(_knead_routine_names)
            ;;
        due)
            flags="--log --help"
            ;;
        validate)
            flags="--json --help"
            words=$(_knead_routine_names)
            ;;
        list)
            flags="--names --points --help"
            ;;
        config)
            flags="--help"
            ;;
        new)
            flags="--area --stdout --help"
            ;;
        where)
            flags="--json --map --help"  # the place is the user's own words
            ;;
    esac

    if [[ $cur == -* ]]; then
        _knead_reply < <(compgen -W "$flags" -- "$cur")
        return
    fi
    _knead_reply < <(compgen -W "$words" -- "$cur")
    # Routine files: validate takes any file or directory; the others a .toml path.
    if [[ $cmd == validate || ($cmd =~ ^(run|show|plan)$ && $cur == */*) ]]; then
        compopt -o filenames 2>/dev/null
        if [[ $cmd == validate ]]; then
            _knead_reply < <(compgen -f -- "$cur")
        else
            _knead_reply < <(compgen -d -- "$cur"; compgen -f -X '!*.toml' -- "$cur")
        fi
    fi
}

complete -F _knead knead
