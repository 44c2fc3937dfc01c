// The commands, each in its own file; cli.cpp parses the command line and calls them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knead/config.hpp"
#include "knead/routine.hpp"
#include "terminal.hpp"

namespace knead {

struct RoutineOptions {
    std::vector<std::string> dirs;  // --routines, in order
    Dose base;                      // where a routine sets none: the config's pain band
};

struct RunOptions {
    RoutineOptions routines;
    std::vector<std::string> names;
    std::optional<std::string> log;
    bool no_wait = false;
    double speed = 1.0;
    // Flags that the config file fills in when they are not given.
    bool voice = false;
    std::vector<std::string> speech_command;  // empty: the config's, else the platform's
    bool quiet = false;                       // no bell
    bool big = false;
    std::optional<ColorMode> color;
    bool fresh = false;             // ignore the log: no learned holds, no soreness question
    std::optional<int> hands_free;  // seconds; 0: off (the config's when not given)
    bool yes = false;               // answers the red-flag follow-up: go on
    std::optional<Side> side;       // with ROUTINE.POINT: only this side
};

// Where commands that look back read the log: --log, else KNEAD_LOG, else the config
// file's, else the default.
struct LogOptions {
    std::optional<std::string> log;
    std::string configured;  // the config file's `log`, if any
    bool fresh = false;      // ignore the log
};

enum class HistoryFormat { text, tsv, json };

struct HistoryOptions {
    LogOptions log;
    std::string subject;  // "", a routine, a point id, or ROUTINE.POINT
    std::optional<std::string> since;
    std::optional<int> last;
    HistoryFormat format = HistoryFormat::text;
    bool ascii = false;
    // --week [DATE] and --month [DATE]: the table of days by routines for the week or month
    // holding DATE ("" for today).
    std::optional<std::string> week;
    std::optional<std::string> month;
    bool plot = false;        // a line chart of each point's pain at its first hold
    RoutineOptions routines;  // where --plot finds a point's target band
};

struct DueOptions {
    RoutineOptions routines;
    LogOptions log;
};

struct ValidateOptions {
    RoutineOptions routines;
    std::vector<std::string> targets;  // files, directories or routine names
    bool json = false;
};

struct NewOptions {
    std::string name;
    std::optional<std::string> area;
    bool to_stdout = false;
};

enum class ReportFormat { html, markdown };

struct ReportOptions {
    RoutineOptions routines;  // where the routines worked are described
    LogOptions log;
    std::vector<std::string> subjects;  // routines, point ids or ROUTINE.POINT; none: all
    std::optional<std::string> since;   // YYYY-MM-DD or Nd
    std::string out;                    // "" for knead-report.html (.md), "-" for stdout
    ReportFormat format = ReportFormat::html;
};

int history_command(const HistoryOptions& o);
int report_command(const ReportOptions& o);
int due_command(const DueOptions& o);
int run_command(const RunOptions& o, const Config& config);
int list_command(const RoutineOptions& o, bool names_only, bool points_only = false);
int show_command(const RoutineOptions& o, const std::string& name, const LogOptions& log = {});
int plan_command(const RoutineOptions& o, const std::vector<std::string>& names,
                 const LogOptions& log = {});
int validate_command(const ValidateOptions& o);
int new_command(const RoutineOptions& o, const NewOptions& n);
int config_command(const RoutineOptions& o, const Config& config);

struct WhereOptions {
    RoutineOptions routines;
    std::vector<std::string> words;  // the place, as typed; none lists the known places
    bool json = false;
    bool map = false;  // also draw where the first matches send pain
};

int where_command(const WhereOptions& o);

}  // namespace knead
