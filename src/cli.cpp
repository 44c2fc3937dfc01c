#include "cli.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
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
of the point, q stop, ! numbness, tingling, sharp or shooting pain, or dizziness
(those signs typed in words, "tingling" or "gone numb", are ! too).
The pain scale:
  0  nothing
  3  light pressure
  5  firm, "hurts good"
  7  strong, but you can still breathe and relax
  9  you brace or hold your breath
Pressing stops at the band's top + 2 (9 for 5-7), or the routine's stop_pain.)";

// "; did you mean `word`?" for the nearest known word, or nothing when none is near.
std::string nearest(const std::string& word, const std::vector<std::string>& known) {
    if (auto m = closest_match(word, known)) return fmt::format("; did you mean `{}`?", *m);
    return "";
}

// A number from lo to hi, checked in knead's words: "needs a number from 1 to 120, not `0`".
template <typename T>
CLI::Validator in_range(T lo, T hi) {
    return CLI::Validator(
        [lo, hi](std::string& given) {
            T value{};
            if (CLI::detail::lexical_cast(given, value) && lo <= value && value <= hi)
                return std::string();
            return fmt::format("needs {} from {} to {}, not `{}`",
                               std::is_integral_v<T> ? "a whole number" : "a number", lo, hi,
                               given);
        },
        "");
}

// An option that takes one of a few words. A wrong word is answered with the words, not
// with the values they stand for inside knead.
template <typename Value, typename Target>
CLI::Option* add_choice(CLI::App& app, const std::string& name, Target& target,
                        std::vector<std::pair<std::string, Value>> choices,
                        const std::string& help) {
    std::vector<std::string> words;
    words.reserve(choices.size());
    for (const auto& choice : choices) words.push_back(choice.first);
    auto set = [&target, choices = std::move(choices)](const std::string& given) {
        for (const auto& [word, value] : choices)
            if (CLI::detail::to_lower(given) == word) target = value;
    };
    auto known = [words](std::string& given) {
        const std::string word = CLI::detail::to_lower(given);
        if (std::find(words.begin(), words.end(), word) != words.end()) return std::string();
        std::string list = words.front();
        for (std::size_t i = 1; i < words.size(); ++i)
            list += (i + 1 == words.size() ? " or " : ", ") + words[i];
        return fmt::format("needs {}, not `{}`{}", list, given, nearest(word, words));
    };
    return app.add_option_function<std::string>(name, set, help)->check(CLI::Validator(known, ""));
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

    // The value's name and REQUIRED only: an option that excludes another says so in its
    // own words, and a range is in the text, not in CLI11's "X:FLOAT in [a - b]".
    std::string make_option_opts(const CLI::Option* opt) const override {
        if (!opt->get_option_text().empty()) return " " + opt->get_option_text();
        std::string out;
        if (opt->get_type_size() == 0) return out;
        // A positional's name already says what it is: "routine ...", not "routine TEXT ...".
        if (opt->nonpositional() && !opt->get_type_name().empty())
            out += " " + get_label(opt->get_type_name());
        if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
        if (opt->get_required()) out += " " + get_label("REQUIRED");
        return out;
    }
};

// --log: a command that reads or appends to the log can be pointed at another one.
void add_log(CLI::App& app, SettingFlags& f, const std::string& help) {
    app.add_option("--log", f.log, help)
        ->type_name("FILE")
        ->check(CLI::Validator(
            [](std::string& s) { return s.empty() ? std::string("needs a file name") : ""; }, "",
            "non-empty"));
}

// A table row: the command's options are declared into an Options of its own, which the
// returned call hands to `run`.
template <typename Options>
Command command(std::string name, std::string summary, Needs needs,
                void (*options)(CLI::App&, Options&, SettingFlags&),
                int (*run)(const Context&, const Options&)) {
    auto declare = [options, run](CLI::App& app, SettingFlags& flags) {
        auto o = std::make_shared<Options>();
        options(app, *o, flags);
        return std::function<int(const Context&)>(
            [o, run](const Context& c) { return run(c, *o); });
    };
    return {std::move(name), std::move(summary), needs, declare};
}

constexpr Needs kNothing{};
constexpr Needs kSettings{true, true};  // the config file and the log

std::vector<Command> make_table() {
    std::vector<Command> t;
    t.push_back(command<RunOptions>(
        "run", "Start a guided session; several routines make one: knead run neck upper-back",
        kSettings,
        [](CLI::App& app, RunOptions& o, SettingFlags& f) {
            app.footer(std::string(kRunFooter) + "\n\n" + kFooter);
            app.add_option("routine", o.names,
                           "Routine names or .toml files, worked in order; ROUTINE.POINT works "
                           "one point")
                ->required();
            add_log(app, f,
                    "Append the session to FILE (default: KNEAD_LOG, "
                    "else $XDG_DATA_HOME/knead/sessions.log)");
            auto* no_wait = app.add_flag("--no-wait", o.no_wait,
                                         "Run on a virtual clock: countdowns finish at once (for "
                                         "scripts and tests; not with --speed)");
            app.add_option("--speed", o.speed,
                           "Run the clock X times faster, 0.01 to 1000 (for demos)")
                ->type_name("X")
                ->check(in_range(0.01, 1000.0))
                ->excludes(no_wait);
            app.add_flag_callback(
                "--voice", [&f] { f.voice = true; },
                "Speak every step with its point, side and cue, the feedback and the "
                "questions (espeak-ng or say)");
            app.add_option_function<std::string>(
                   "--speech-command",
                   [&f](const std::string& text) {
                       f.speech_command.emplace();
                       std::istringstream words(text);
                       for (std::string w; words >> w;) f.speech_command->push_back(w);
                   },
                   "The speech command and its arguments, split at spaces; {} stands for "
                   "the text, else the text goes to its standard input")
                ->type_name("\"CMD ARGS\"");
            app.add_flag_callback(
                "--quiet", [&f] { f.bell = false; }, "No bell at step changes");
            app.add_flag_callback(
                "--big", [&f] { f.big = true; },
                "Draw the seconds left, the step and the side in large letters when there is room");
            add_choice<ColorMode>(app, "--color", f.color,
                                  {{"auto", ColorMode::automatic},
                                   {"always", ColorMode::always},
                                   {"never", ColorMode::never}},
                                  "Colour: auto, always or never")
                ->type_name("WHEN");
            // --hands-free alone waits kHandsFreeSeconds; --hands-free=N waits N seconds.
            auto waits = std::make_shared<std::vector<int>>();
            auto* hands_free =
                app.add_option(
                       "--hands-free", *waits,
                       fmt::format("On a terminal, a question that gets no key within SECONDS "
                                   "({} when not given, 1 to {}) takes your last "
                                   "answer and goes on",
                                   kHandsFreeSeconds, kMaxHandsFreeSeconds))
                    ->expected(0, 1)
                    ->type_name("[=SECONDS]")
                    ->check(in_range(1, kMaxHandsFreeSeconds));
            app.final_callback([&f, waits, hands_free] {
                if (hands_free->count() > 0)
                    f.hands_free = waits->empty() ? kHandsFreeSeconds : waits->front();
            });
            app.add_flag("--yes", o.yes,
                         "After a recent red flag on the same points, go on without asking");
            add_choice<Side>(app, "--side", o.side, {{"left", Side::left}, {"right", Side::right}},
                             "With ROUTINE.POINT: work only this side, left or right")
                ->type_name("SIDE");
            app.add_flag("--fresh", o.fresh,
                         "Ignore earlier sessions: holds start at the routine's own, no soreness "
                         "question");
        },
        run_command));

    t.push_back(command<ListOptions>(
        "list", "List the routines on the search path", kNothing,
        [](CLI::App& app, ListOptions& o, SettingFlags&) {
            app.add_flag("--names", o.names_only,
                         "Print only the routine names, one a line (for scripts and shell "
                         "completion)");
            app.add_flag("--points", o.points_only,
                         "Print every point as ROUTINE.POINT, one a line (for shell completion)");
        },
        list_command));

    t.push_back(command<ShowOptions>(
        "show", "Show a routine's points, cues, cautions, pain map and timeline", kSettings,
        [](CLI::App& app, ShowOptions& o, SettingFlags& f) {
            app.add_option("routine", o.name, "Routine name or .toml file")->required();
            add_log(app, f, "Learn the starting holds from FILE (default: where knead run logs)");
            app.add_flag("--fresh", o.fresh, "Show the routine's own holds, not learned ones");
        },
        show_command));

    t.push_back(command<HistoryOptions>(
        "history", "Past sessions, and per point the pain at each session's first hold as a trend",
        kSettings,
        [](CLI::App& app, HistoryOptions& o, SettingFlags& f) {
            app.add_option("subject", o.subject,
                           "A routine, a point id or ROUTINE.POINT: its trend, session by "
                           "session");
            add_log(app, f,
                    "Read FILE (default: where knead run logs: KNEAD_LOG, the config "
                    "file's log, else $XDG_DATA_HOME/knead/sessions.log)");
            app.add_option("--since", o.since, "Only sessions from DATE on (YYYY-MM-DD)")
                ->type_name("DATE");
            app.add_option("--last", o.last, "Only the last N sessions")
                ->type_name("N")
                ->check(in_range(1, 1000000000));
            auto* json = app.add_flag_callback(
                "--json", [&o] { o.format = HistoryFormat::json; }, "The same as --format json");
            add_choice<HistoryFormat>(app, "--format", o.format,
                                      {{"text", HistoryFormat::text},
                                       {"tsv", HistoryFormat::tsv},
                                       {"json", HistoryFormat::json}},
                                      "text (default), tsv or json")
                ->type_name("FORMAT")
                ->excludes(json);
            app.add_flag("--ascii", o.ascii,
                         "Draw trends in plain ASCII, whatever the locale says");
            auto* week = app.add_option("--week", o.week,
                                        "A table of days by routines for this week (or DATE's)")
                             ->type_name("[DATE]")
                             ->expected(0, 1);
            app.add_option("--month", o.month,
                           "A table of days by routines for this month (or DATE's)")
                ->type_name("[DATE]")
                ->expected(0, 1)
                ->excludes(week);
            app.add_flag("--plot", o.plot,
                         "Draw each point's pain at its first hold as a line chart");
        },
        history_command));

    t.push_back(command<ReportOptions>(
        "report", "Write a page with charts of the log (HTML or Markdown) to show a therapist",
        kSettings,
        [](CLI::App& app, ReportOptions& o, SettingFlags& f) {
            app.add_option("subject", o.subjects,
                           "Routines, point ids or ROUTINE.POINT to report on (default: all)");
            add_log(app, f, "Read FILE (default: where knead run logs)");
            app.add_option("--since", o.since,
                           "Only sessions from DATE on (YYYY-MM-DD), or of the last N days (30d)")
                ->type_name("DATE|Nd");
            app.add_option("--out", o.out,
                           "Write to FILE (default: knead-report.html or .md here; - for stdout)")
                ->type_name("FILE");
            add_choice<ReportFormat>(app, "--format", o.format,
                                     {{"html", ReportFormat::html}, {"md", ReportFormat::markdown}},
                                     "html (default) or md")
                ->type_name("FORMAT");
        },
        report_command));

    t.push_back(command<DueOptions>(
        "due",
        "List the routines due today by their per_day and per_week (exit 0 when one is, 1 when "
        "none is)",
        kSettings,
        [](CLI::App& app, DueOptions&, SettingFlags& f) {
            add_log(app, f, "Count sessions in FILE (default: where knead run logs)");
        },
        due_command));

    t.push_back(command<PlanOptions>(
        "plan", "Print the timeline of a session, every step with its seconds, without running it",
        kSettings,
        [](CLI::App& app, PlanOptions& o, SettingFlags& f) {
            app.add_option("routine", o.names, "Routine names or .toml files, in order")
                ->required();
            add_log(app, f, "Learn the starting holds from FILE (default: where knead run logs)");
            app.add_flag("--fresh", o.fresh, "Plan with the routines' own holds, not learned ones");
        },
        plan_command));

    t.push_back(command<ValidateOptions>(
        "validate",
        "Check routines and report every problem as FILE:LINE:COL (exit 2 if any is invalid)",
        kNothing,
        [](CLI::App& app, ValidateOptions& o, SettingFlags&) {
            app.add_option("routine", o.targets,
                           "Routine files, directories of them (every .toml inside), routine "
                           "names, or - for one routine on standard input (default: your "
                           "routines directory)");
            app.add_flag("--json", o.json,
                         "Print the problems as a JSON array of {file, line, column, severity, "
                         "message}; the count goes to stderr");
        },
        validate_command));

    t.push_back(command<NewOptions>(
        "new", "Write a commented template routine to $XDG_CONFIG_HOME/knead/routines/NAME.toml",
        kNothing,
        [](CLI::App& app, NewOptions& o, SettingFlags&) {
            app.add_option("name", o.name,
                           "The routine's name: lowercase letters, digits and dashes (like "
                           "desk-break)")
                ->required();
            app.add_option("--area", o.area, "The body area (default: the name in words)")
                ->type_name("AREA");
            app.add_flag("--stdout", o.to_stdout, "Print the template instead of writing it");
        },
        new_command));

    t.push_back(command<WhereOptions>(
        "where", "Find the points that can send pain to a place: knead where temple", kNothing,
        [](CLI::App& app, WhereOptions& o, SettingFlags&) {
            app.add_option("place", o.words,
                           "Where it hurts, in plain words: temple, \"behind the eye\". Without "
                           "it, list the places the routines know");
            app.add_flag("--json", o.json, "Print JSON, for scripts (see docs/where.md)");
            app.add_flag("--map", o.map,
                         "Also draw where the first matching points send pain on a body outline");
        },
        where_command));

    t.push_back(command<ConfigOptions>(
        "config", "Print the settings in effect and where each comes from", kSettings,
        [](CLI::App&, ConfigOptions&, SettingFlags&) {}, config_command));
    return t;
}

// The top-level parser, with each command of the table as a subcommand. `runs` gets the
// call of each, in the table's order.
struct Parser {
    CLI::App app{"knead: a terminal coach for trigger-point self-massage"};
    std::vector<std::string> routine_dirs;
    SettingFlags flags;
    std::vector<std::function<int(const Context&)>> runs;

    Parser() {
        app.formatter(std::make_shared<WrappingFormatter>());
        app.set_version_flag("--version", std::string("knead ") + KNEAD_VERSION);
        app.footer(kFooter);
        app.require_subcommand(1);
        app.fallthrough();
        // One DIR a flag: `--routines wide kubi` must leave `kubi` to the command.
        app.add_option("--routines", routine_dirs,
                       "Look for routines in DIR first (repeatable; before KNEAD_ROUTINES, "
                       "$XDG_CONFIG_HOME/knead/routines and the built-in routines)")
            ->type_name("DIR")
            ->expected(1)
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
            ->check(CLI::Validator(
                [](std::string& dir) {
                    struct stat st {};
                    if (::stat(dir.c_str(), &st) != 0) {
                        const int err = errno;
                        if (auto target = dangling_link_target(dir))
                            return fmt::format("`{}` {}", dir, dangling_link_words(*target));
                        return fmt::format("cannot read `{}`: {}", dir, std::strerror(err));
                    }
                    if (!S_ISDIR(st.st_mode)) return fmt::format("`{}` is not a directory", dir);
                    return std::string();
                },
                ""));
        for (const auto& c : command_table())
            runs.push_back(c.declare(*app.add_subcommand(c.name, c.summary), flags));
    }
};

// Long option names with dashes, then positionals by name.
std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::Option* o : app.get_options()) {
        for (const auto& l : o->get_lnames()) out.push_back("--" + l);
        for (const auto& s : o->get_snames()) out.push_back("-" + s);
        if (o->get_lnames().empty() && o->get_snames().empty()) out.push_back(o->get_name());
    }
    return out;
}

// The nearest known name, else where to find them all.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& known,
                         const std::string& where = "") {
    std::string hint = nearest(word, known);
    return hint.empty() ? fmt::format(" (see `knead{} --help`)", where) : hint;
}

// Checks the words before the command: an unknown option or command is named with the
// nearest known one, before CLI11 would call it a missing command.
void check_leading_words(const Parser& p, int argc, char** argv) {
    std::vector<std::string> commands;
    for (const auto& c : command_table()) commands.push_back(c.name);
    const std::vector<std::string> options = option_names(p.app);
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--") return;
        if (word.size() > 1 && word[0] == '-') {
            const std::string name = word.substr(0, word.find('='));
            const CLI::Option* o = p.app.get_option_no_throw(name);
            if (!o)
                throw usage_error(
                    fmt::format("unknown option `{}`{}", name, did_you_mean(name, options)));
            if (o->get_expected_min() > 0 && name == word) ++i;  // its value follows
            continue;
        }
        if (std::find(commands.begin(), commands.end(), word) == commands.end())
            throw usage_error(
                fmt::format("unknown command `{}`{}", word, did_you_mean(word, commands)));
        return;
    }
}

// CLI11's verdict in our words: the message, the command it is about, a near name.
Error parse_error(const Parser& p, const CLI::ParseError& e) {
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : p.app.get_subcommands()) sub = s;
    const std::string where = sub ? " " + sub->get_name() : "";
    const std::string help = fmt::format(" (see `knead{} --help`)", where);
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
        const auto extras = p.app.remaining(true);
        const std::string first = extras.empty() ? "" : extras.front();
        if (first.size() > 1 && first[0] == '-') {
            const std::string name = first.substr(0, first.find('='));
            auto known = option_names(p.app);
            if (sub) {
                auto own = option_names(*sub);
                known.insert(known.end(), own.begin(), own.end());
            }
            return usage_error(fmt::format("unknown option `{}` for `knead{}`{}", name, where,
                                           did_you_mean(name, known, where)));
        }
        return usage_error(
            fmt::format("unexpected argument `{}` for `knead{}`{}", first, where, help));
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) {
        // "--log: 1 required FILE missing": the option's name leads CLI11's words.
        const std::string what = e.what();
        const std::string name = what.substr(0, what.find(':'));
        const CLI::Option* o = sub ? sub->get_option_no_throw(name) : nullptr;
        if (!o) o = p.app.get_option_no_throw(name);
        if (o && !o->get_type_name().empty())
            return usage_error(
                fmt::format("{} needs a value ({}){}", name, o->get_type_name(), help));
    }
    if (!sub)
        return usage_error(
            "name a command, like `knead run neck` or `knead list` (see `knead --help`)");
    if (dynamic_cast<const CLI::RequiredError*>(&e)) {
        for (const CLI::Option* o : sub->get_options())
            if (!o->nonpositional() && o->get_required() && o->count() == 0)
                return usage_error(fmt::format(
                    "`knead{}` needs a {}{}", where, o->get_name(),
                    o->get_name() == "routine"
                        ? fmt::format(", like `knead{} neck` (`knead list` shows them)", where)
                        : help));
    }
    return usage_error(e.what() + help);
}

}  // namespace

const std::vector<Command>& command_table() {
    static const std::vector<Command> table = make_table();
    return table;
}

std::vector<CommandUsage> describe_commands() {
    Parser p;
    std::vector<CommandUsage> out;
    for (const CLI::App* sub : p.app.get_subcommands({}))
        out.push_back({sub->get_name(), option_names(*sub)});
    return out;
}

std::vector<std::string> global_options() {
    Parser p;
    return option_names(p.app);
}

namespace {

int dispatch(int argc, char** argv) {
    Parser p;
    check_leading_words(p, argc, argv);
    try {
        p.app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return p.app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return p.app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return p.app.exit(e);
    } catch (const CLI::ParseError& e) {
        throw parse_error(p, e);
    }

    const auto& table = command_table();
    std::size_t which = 0;
    while (which < table.size() && !p.app.get_subcommand(table[which].name)->parsed()) ++which;
    const Command& cmd = table.at(which);

    // A command that acts on the user's settings reads the config file first; a broken
    // one stops it before it does anything.
    Config config;
    if (cmd.needs.config) {
        auto loaded = load_user_config();
        if (!loaded) return exit_code::usage;
        config = *loaded;
    }
    auto clock = make_steady_clock();
    Context c;
    c.settings = resolve_settings(p.flags, config, process_environment(), cmd.needs.log);
    c.routines.dirs = p.routine_dirs;
    c.routines.base.target = c.settings.target_pain.value;
    c.search_path = routine_search_path(p.routine_dirs);
    c.clock = clock.get();
    return p.runs[which](c);
}

}  // namespace

int run_cli(int argc, char** argv) {
    guard_standard_fds();
    try {
        return dispatch(argc, argv);
    } catch (const Error& e) {
        print_error(e.what());
        return e.exit_code();
    } catch (const PathError& e) {  // no home directory to find the files in
        print_error(e.what());
        return exit_code::failure;
    }
}

}  // namespace knead
