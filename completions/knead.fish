# fish completion for knead: commands, flags, routine names and points. The names come
# from `knead list --names` and the points from `knead list --points`, run with the
# --routines directories already on the line, so they follow the same search path as the
# command will.

# __knead_routine_names [--points]: the routine names, or every ROUTINE.POINT.
function __knead_routine_names
    set -l tokens (commandline -opc)
    set -l dirs
    for i in (seq 2 (count $tokens))
        if test "$tokens[$i]" = --routines; and test $i -lt (count $tokens)
            set -a dirs --routines $tokens[(math $i + 1)]
        else if string match -q -- '--routines=*' $tokens[$i]
            set -a dirs $tokens[$i]
        end
    end
    set -q argv[1]; or set argv --names
    $tokens[1] $dirs list $argv 2>/dev/null
end

# The point ids alone, each once: what `history POINT` takes.
function __knead_point_ids
    __knead_routine_names --points | string replace -r '^[^.]*\.' '' | sort -u
end

# A dot typed: ROUTINE.POINT is wanted (all points at once would drown the names).
function __knead_dot_typed
    string match -q -- '*.*' (commandline -ct)
end

function __knead_path_typed
    string match -q -- '*/*' (commandline -ct)
end

set -l commands run list show plan history report due validate new where config
set -l no_command "not __fish_seen_subcommand_from $commands"

complete -c knead -f
complete -c knead -n $no_command -l routines -x -a '(__fish_complete_directories)' -d 'Look for routines in DIR first'
complete -c knead -n $no_command -l help -d 'Show the usage'
complete -c knead -n $no_command -l version -d 'Show the version'

complete -c knead -n $no_command -a run -d 'Start a guided session'
complete -c knead -n $no_command -a list -d 'List the routines on the search path'
complete -c knead -n $no_command -a show -d 'Show the points, cues, cautions and timeline of a routine'
complete -c knead -n $no_command -a plan -d 'Print the timeline of a session without running it'
complete -c knead -n $no_command -a history -d "Past sessions and each point's pain trend"
complete -c knead -n $no_command -a report -d "Write a page with charts of the log"
complete -c knead -n $no_command -a due -d 'The routines due today by their per_day and per_week'
complete -c knead -n $no_command -a validate -d 'Check routines and report every problem'
complete -c knead -n $no_command -a new -d 'Write a commented template routine'
complete -c knead -n $no_command -a where -d 'Find the points that can send pain to a place'
complete -c knead -n $no_command -a config -d 'Print the settings in effect and where each comes from'

complete -c knead -n "__fish_seen_subcommand_from run show plan history report validate" -a '(__knead_routine_names)' -d Routine
complete -c knead -n "__fish_seen_subcommand_from run history; and __knead_dot_typed" -a '(__knead_routine_names --points)' -d Point
complete -c knead -n "__fish_seen_subcommand_from history" -a '(__knead_point_ids)' -d Point
complete -c knead -n "__fish_seen_subcommand_from run show plan; and __knead_path_typed" -F
complete -c knead -n "__fish_seen_subcommand_from validate" -F
complete -c knead -n "__fish_seen_subcommand_from $commands" -l help -d 'Show the usage'

complete -c knead -n "__fish_seen_subcommand_from run" -l log -r -F -d 'Append the session to FILE'
complete -c knead -n "__fish_seen_subcommand_from run" -l no-wait -d 'Virtual clock: countdowns finish at once'
complete -c knead -n "__fish_seen_subcommand_from run" -l speed -x -d 'Run the real clock X times faster'
complete -c knead -n "__fish_seen_subcommand_from run" -l voice -d "Speak each step's cue and the last seconds"
complete -c knead -n "__fish_seen_subcommand_from run" -l speech-command -x -d 'The command that speaks'
complete -c knead -n "__fish_seen_subcommand_from run" -l quiet -d 'No bell at step changes'
complete -c knead -n "__fish_seen_subcommand_from run" -l big -d 'Large letters for the time, step and side'
complete -c knead -n "__fish_seen_subcommand_from run" -l color -x -a 'auto always never' -d 'When to use colour'
complete -c knead -n "__fish_seen_subcommand_from run" -l hands-free -d 'No key within SECONDS (default 8) takes the last answer'
complete -c knead -n "__fish_seen_subcommand_from run" -l yes -d 'Go on after a recent red flag without asking'
complete -c knead -n "__fish_seen_subcommand_from run" -l side -x -a 'left right' -d 'With ROUTINE.POINT: only this side'
complete -c knead -n "__fish_seen_subcommand_from run show plan" -l fresh -d 'Ignore the log: the routine\'s own holds'
complete -c knead -n "__fish_seen_subcommand_from show plan history due" -l log -r -F -d 'The log to read'

complete -c knead -n "__fish_seen_subcommand_from history" -l since -x -d 'Sessions from DATE (YYYY-MM-DD) on'
complete -c knead -n "__fish_seen_subcommand_from history" -l last -x -d 'The last N sessions'
complete -c knead -n "__fish_seen_subcommand_from history" -l json -d 'The same as --format json'
complete -c knead -n "__fish_seen_subcommand_from history" -l format -x -a 'text tsv json' -d 'The output format'
complete -c knead -n "__fish_seen_subcommand_from history" -l ascii -d 'Plain ASCII trend bars'
complete -c knead -n "__fish_seen_subcommand_from history" -l week -d 'Days by routines for this week (or DATE)'
complete -c knead -n "__fish_seen_subcommand_from history" -l month -d 'Days by routines for this month (or DATE)'
complete -c knead -n "__fish_seen_subcommand_from history" -l plot -d 'A line chart of each point'\''s pain at its first hold'
complete -c knead -n "__fish_seen_subcommand_from report" -l log -r -F -d 'The log to read'
complete -c knead -n "__fish_seen_subcommand_from report" -l since -x -d 'Sessions from DATE (YYYY-MM-DD) or of the last N days (30d)'
complete -c knead -n "__fish_seen_subcommand_from report" -l out -r -F -d 'The file to write (- for stdout)'
complete -c knead -n "__fish_seen_subcommand_from report" -l format -x -a 'html md' -d 'The page format'

complete -c knead -n "__fish_seen_subcommand_from list" -l names -d 'Print only the routine names'
complete -c knead -n "__fish_seen_subcommand_from list" -l points -d 'Print every point as ROUTINE.POINT'
complete -c knead -n "__fish_seen_subcommand_from validate" -l json -d 'Print the problems as a JSON array'
complete -c knead -n "__fish_seen_subcommand_from where" -l json -d 'Print JSON, for scripts'
complete -c knead -n "__fish_seen_subcommand_from where" -l map -d 'Also draw the matching points on a body outline'
complete -c knead -n "__fish_seen_subcommand_from new" -l area -x -d 'The body area the routine works'
complete -c knead -n "__fish_seen_subcommand_from new" -l stdout -d 'Print the template instead of writing it'
