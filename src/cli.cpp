#include "cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "commands.hpp"
#include "knead/exit_codes.hpp"
#include "knead/suggest.hpp"
#include "knead/wrap.hpp"
#include "terminal.hpp"
#include "user_config.hpp"

namespace knead {
namespace {

constexpr const char* kFooter = R"(Exit status:
  0    done (validate: every routine valid, warnings allowed)
  1    failure (for example, the log cannot be written; new: the file exists), or
       `where` found nothing
  2    bad usage or an invalid routine (validate: any routine invalid)
  3    session stopped early (q, or the answers ran out)
  4    session stopped on a red flag (!)
  130  interrupted by Ctrl-C (143 SIGTERM, 129 SIGHUP or the terminal closing); the
       session is logged as interrupted
  due: 0 when a routine is due, 1 when none is (or the log cannot be read)

knead is a self-care aid, not medical advice. More in knead(1): man knead.)";

constexpr const char* kRunFooter =
    R"(Answers, after every step but a rest (on a terminal one key, no Enter; 1 then 0
is 10; from a pipe one a line): 0-10, Enter for the same as last, s skip the rest
of the point, q stop, ! numbness, tingling, sharp or shooting pain, or dizziness.
The pain scale:
  0  nothing
  3  light pressure
  5  firm, "hurts good"
  7  strong, but you can still breathe and relax
  9  you brace or hold your breath
Pressing stops at the band's top + 2 (9 for 5-7), or the routine's stop_pain.)";

// A validator that checks without adding its own words to the option's help line,
// which already names the accepted values.
CLI::Validator quiet(CLI::Validator v) {
    v.description("");
    return v;
}

// An option that takes one of a few words. A wrong word is answered with the words, not
// with the values they stand for inside knead.
template <typename Value, typename Target>
CLI::Option* add_choice(CLI::App& app, const std::string& name, Target& target,
                        std::vector<std::pair<std::string, Value>> choices,
                        const std::string& help) {
    std::vector<std::string> words;
    for (const auto& choice : choices) words.push_back(choice.first);
    auto set = [&target, choices](const std::string& given) {
        for (const auto& [word, value] : choices)
            if (CLI::detail::to_lower(given) == word) target = value;
    };
    return app.add_option_function<std::string>(name, set, help)
        ->check(quiet(CLI::IsMember(words, CLI::ignore_case)));
}

// show and plan start holds where the log says the last session ended, unless --fresh.
void add_learning_options(CLI::App& app, LogOptions& o, const std::string& fresh_help) {
    app.add_option("--log", o.log,
                   "Learn the starting holds from FILE (default: where knead run logs)")
        ->type_name("FILE");
    app.add_flag("--fresh", o.fresh, fresh_help);
}

// Help wrapped to the window, each option's text continued under its own column.
class WrappingFormatter : public CLI::Formatter {
  public:
    std::string make_help(const CLI::App* app, std::string name,
                          CLI::AppFormatMode mode) const override {
        std::string help = CLI::Formatter::make_help(app, std::move(name), mode);
        const TerminalCaps caps = detect_terminal(ColorMode::never);
        if (!caps.out_tty) return help;  // a pipe keeps one line per option, for grep
        const auto width = static_cast<std::size_t>(std::max(caps.width - 1, 20));
        std::istringstream in(help);
        std::string out;
        for (std::string line; std::getline(in, line);)
            for (const auto& l : wrap_listing(line, width, get_column_width())) out += l + "\n";
        return out;
    }
};

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"knead: a terminal coach for trigger-point self-massage"};
    app.formatter(std::make_shared<WrappingFormatter>());
    app.set_version_flag("--version", std::string("knead ") + KNEAD_VERSION);
    app.footer(kFooter);
    app.require_subcommand(1);
    app.fallthrough();

    RoutineOptions routines;
    app.add_option("--routines", routines.dirs,
                   "Look for routines in DIR first (repeatable; before KNEAD_ROUTINES, "
                   "$XDG_CONFIG_HOME/knead/routines and the built-in routines)")
        ->type_name("DIR")
        ->check(quiet(CLI::ExistingDirectory));

    RunOptions run;
    auto* run_cmd = app.add_subcommand(
        "run", "Start a guided session; several routines make one: knead run neck upper-back");
    run_cmd->footer(std::string(kRunFooter) + "\n\n" + kFooter);
    run_cmd
        ->add_option("routine", run.names,
                     "Routine names or .toml files, worked in order; ROUTINE.POINT works one point")
        ->required();
    run_cmd
        ->add_option("--log", run.log,
                     "Append the session to FILE (default: KNEAD_LOG, "
                     "else $XDG_DATA_HOME/knead/sessions.log)")
        ->type_name("FILE")
        ->check(CLI::Validator(
            [](std::string& s) { return s.empty() ? std::string("needs a file name") : ""; }, "",
            "non-empty"));
    auto* no_wait = run_cmd->add_flag("--no-wait", run.no_wait,
                                      "Run on a virtual clock: countdowns finish at once (for "
                                      "scripts and tests)");
    run_cmd->add_option("--speed", run.speed, "Run the clock X times faster (for demos)")
        ->type_name("X")
        ->check(CLI::Range(0.01, 1000.0))
        ->excludes(no_wait);

    run_cmd->add_flag("--voice", run.voice,
                      "Speak every step with its point, side and cue, the feedback and the "
                      "questions (espeak-ng or say)");
    std::string speech;
    run_cmd
        ->add_option("--speech-command", speech,
                     "The speech command and its arguments, split at spaces; {} stands for "
                     "the text, else the text goes to its standard input")
        ->type_name("\"CMD ARGS\"");
    run_cmd->add_flag("--quiet", run.quiet, "No bell at step changes");
    run_cmd->add_flag("--big", run.big, "Draw the seconds left in large digits when there is room");
    add_choice<ColorMode>(*run_cmd, "--color", run.color,
                          {{"auto", ColorMode::automatic},
                           {"always", ColorMode::always},
                           {"never", ColorMode::never}},
                          "Colour: auto, always or never")
        ->type_name("WHEN");

    // --hands-free alone waits kHandsFreeSeconds; --hands-free=N waits N seconds.
    std::vector<int> hands_free;
    auto* hands_free_opt =
        run_cmd
            ->add_option("--hands-free", hands_free,
                         "A question that gets no key within SECONDS (8 when not given) takes "
                         "your last answer and goes on; on a terminal")
            ->expected(0, 1)
            ->type_name("[=SECONDS]")
            ->check(quiet(CLI::Range(1, kMaxHandsFreeSeconds)));
    run_cmd->add_flag("--yes", run.yes,
                      "After a recent red flag on the same points, go on without asking");
    add_choice<Side>(*run_cmd, "--side", run.side, {{"left", Side::left}, {"right", Side::right}},
                     "With ROUTINE.POINT: work only this side, left or right")
        ->type_name("SIDE");
    run_cmd->add_flag("--fresh", run.fresh,
                      "Ignore earlier sessions: holds start at the routine's own, no soreness "
                      "question");

    bool names_only = false;
    auto* list = app.add_subcommand("list", "List the routines on the search path");
    list->add_flag("--names", names_only,
                   "Print only the routine names, one a line (for scripts and shell completion)");
    bool points_only = false;
    list->add_flag("--points", points_only,
                   "Print every point as ROUTINE.POINT, one a line (for shell completion)");

    std::string show_name;
    auto* show = app.add_subcommand(
        "show", "Show a routine's points, cues, cautions, pain map and timeline");
    show->add_option("routine", show_name, "Routine name or .toml file")->required();
    LogOptions show_log;
    add_learning_options(*show, show_log, "Show the routine's own holds, not learned ones");

    HistoryOptions history;
    auto* history_cmd = app.add_subcommand(
        "history", "Past sessions, and per point the pain at each session's first hold as a trend");
    history_cmd->add_option(
        "subject", history.subject,
        "A routine, a point id or ROUTINE.POINT: its trend, session by session");
    history_cmd
        ->add_option("--log", history.log.log,
                     "Read FILE (default: where knead run logs: KNEAD_LOG, the config "
                     "file's log, else $XDG_DATA_HOME/knead/sessions.log)")
        ->type_name("FILE");
    history_cmd->add_option("--since", history.since, "Only sessions from DATE on (YYYY-MM-DD)")
        ->type_name("DATE");
    history_cmd->add_option("--last", history.last, "Only the last N sessions")
        ->type_name("N")
        ->check(CLI::Range(1, 1000000000));
    bool history_json = false;
    auto* json_flag = history_cmd->add_flag("--json", history_json, "The same as --format json");
    add_choice<HistoryFormat>(
        *history_cmd, "--format", history.format,
        {{"text", HistoryFormat::text}, {"tsv", HistoryFormat::tsv}, {"json", HistoryFormat::json}},
        "text (default), tsv or json")
        ->type_name("FORMAT")
        ->excludes(json_flag);
    history_cmd->add_flag("--ascii", history.ascii,
                          "Draw trends in plain ASCII, whatever the locale says");
    auto* week_opt = history_cmd
                         ->add_option("--week", history.week,
                                      "A table of days by routines for this week (or DATE's)")
                         ->type_name("[DATE]")
                         ->expected(0, 1);
    history_cmd
        ->add_option("--month", history.month,
                     "A table of days by routines for this month (or DATE's)")
        ->type_name("[DATE]")
        ->expected(0, 1)
        ->excludes(week_opt);
    history_cmd->add_flag("--plot", history.plot,
                          "Draw each point's pain at its first hold as a line chart");

    ReportOptions report;
    auto* report_cmd = app.add_subcommand(
        "report", "Write a page with charts of the log (HTML or Markdown) to show a therapist");
    report_cmd->add_option("subject", report.subjects,
                           "Routines, point ids or ROUTINE.POINT to report on (default: all)");
    report_cmd->add_option("--log", report.log.log, "Read FILE (default: where knead run logs)")
        ->type_name("FILE");
    report_cmd
        ->add_option("--since", report.since,
                     "Only sessions from DATE on (YYYY-MM-DD), or of the last N days (30d)")
        ->type_name("DATE|Nd");
    report_cmd
        ->add_option("--out", report.out,
                     "Write to FILE (default: knead-report.html or .md here; - for stdout)")
        ->type_name("FILE");
    add_choice<ReportFormat>(*report_cmd, "--format", report.format,
                             {{"html", ReportFormat::html}, {"md", ReportFormat::markdown}},
                             "html (default) or md")
        ->type_name("FORMAT");

    DueOptions due;
    auto* due_cmd = app.add_subcommand(
        "due",
        "List the routines due today by their per_day and per_week (exit 0 when one is, 1 when "
        "none is)");
    due_cmd
        ->add_option("--log", due.log.log, "Count sessions in FILE (default: where knead run logs)")
        ->type_name("FILE");

    std::vector<std::string> plan_names;
    auto* plan = app.add_subcommand(
        "plan", "Print the timeline of a session, every step with its seconds, without running it");
    plan->add_option("routine", plan_names, "Routine names or .toml files, in order")->required();
    LogOptions plan_log;
    add_learning_options(*plan, plan_log, "Plan with the routines' own holds, not learned ones");

    ValidateOptions validate_opts;
    auto* validate = app.add_subcommand(
        "validate",
        "Check routines and report every problem as FILE:LINE:COL (exit 2 if any is "
        "invalid)");
    validate
        ->add_option("routine", validate_opts.targets,
                     "Routine files, directories of them (every .toml inside), or routine names")
        ->required();
    validate->add_flag("--json", validate_opts.json,
                       "Print the problems as a JSON array of {file, line, column, severity, "
                       "message}; the count goes to stderr");

    NewOptions new_opts;
    auto* new_cmd = app.add_subcommand(
        "new", "Write a commented template routine to $XDG_CONFIG_HOME/knead/routines/NAME.toml");
    new_cmd
        ->add_option("name", new_opts.name,
                     "The routine's name: lowercase letters, digits and dashes (like desk-break)")
        ->required();
    new_cmd->add_option("--area", new_opts.area, "The body area (default: the name in words)")
        ->type_name("AREA");
    new_cmd->add_flag("--stdout", new_opts.to_stdout, "Print the template instead of writing it");

    WhereOptions where;
    auto* where_cmd = app.add_subcommand(
        "where", "Find the points that can send pain to a place: knead where temple");
    where_cmd->add_option("place", where.words,
                          "Where it hurts, in plain words: temple, \"behind the eye\". Without it, "
                          "list the places the routines know");
    where_cmd->add_flag("--json", where.json, "Print JSON, for scripts (see docs/where.md)");
    where_cmd->add_flag("--map", where.map,
                        "Also draw where the first matching points send pain on a body outline");

    auto* config =
        app.add_subcommand("config", "Print the settings in effect and where each comes from");

    guard_standard_fds();
    // CLI11 reports a mistyped command as a missing one; name it, and suggest the nearest.
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
        if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
            std::string hint;
            if (auto m = closest_match(argv[1], names)) hint = " Did you mean `" + *m + "`?";
            std::fprintf(stderr,
                         "knead: unknown command `%s`.%s Run `knead --help` for the list.\n",
                         argv[1], hint.c_str());
            return exit_code::usage;
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_code::ok : exit_code::usage;
    }

    // The commands that act on the user's settings read the config file first; a broken
    // one stops them before they do anything.
    Config settings;
    if (run_cmd->parsed() || show->parsed() || plan->parsed() || config->parsed() ||
        history_cmd->parsed() || due_cmd->parsed()) {
        auto loaded = load_user_config();
        if (!loaded) return exit_code::usage;
        settings = *loaded;
        routines.base.target = settings.target_pain;
    }

    if (report_cmd->parsed()) {
        auto loaded = load_user_config();
        if (!loaded) return exit_code::usage;
        report.routines = routines;
        report.routines.base.target = loaded->target_pain;
        report.log.configured = loaded->log;
        return report_command(report);
    }

    run.routines = routines;
    validate_opts.routines = routines;
    for (std::istringstream words(speech); words >> speech;) run.speech_command.push_back(speech);
    if (hands_free_opt->count() > 0)
        run.hands_free = hands_free.empty() ? kHandsFreeSeconds : hands_free.front();
    if (run_cmd->parsed()) return run_command(run, settings);
    show_log.configured = plan_log.configured = history.log.configured = due.log.configured =
        settings.log;
    if (show->parsed()) return show_command(routines, show_name, show_log);
    if (history_cmd->parsed()) {
        if (history_json) history.format = HistoryFormat::json;
        history.routines = routines;
        return history_command(history);
    }
    if (due_cmd->parsed()) {
        due.routines = routines;
        return due_command(due);
    }
    if (plan->parsed()) return plan_command(routines, plan_names, plan_log);
    if (validate->parsed()) return validate_command(validate_opts);
    if (new_cmd->parsed()) return new_command(routines, new_opts);
    if (config->parsed()) return config_command(routines, settings);
    if (where_cmd->parsed()) {
        where.routines = routines;
        return where_command(where);
    }
    return list_command(routines, names_only, points_only);
}

}  // namespace knead
