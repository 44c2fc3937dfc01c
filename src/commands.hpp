// The commands, each in its own file (cmd_NAME.cpp): its options, parsed by the command
// table in cli.cpp, and its function, which gets the Context of the run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "knead/routine.hpp"

namespace knead {

// Settings such as --voice, --color or --log are not here: they reach a command through
// the Context's resolved settings.
struct RunOptions {
    std::vector<std::string> names;
    bool no_wait = false;
    double speed = 1.0;
    bool fresh = false;        // ignore the log: no learned holds, no soreness question
    bool yes = false;          // answers the red-flag follow-up: go on
    std::optional<Side> side;  // with ROUTINE.POINT: only this side
};

struct ListOptions {
    bool names_only = false;
    bool points_only = false;  // every point as ROUTINE.POINT, for shell completion
};

struct ShowOptions {
    std::string name;
    bool fresh = false;  // the routine's own holds, not learned ones
};

struct PlanOptions {
    std::vector<std::string> names;
    bool fresh = false;
};

enum class HistoryFormat { text, tsv, json };

struct HistoryOptions {
    std::string subject;  // "", a routine, a point id, or ROUTINE.POINT
    std::optional<std::string> since;
    std::optional<int> last;
    HistoryFormat format = HistoryFormat::text;
    bool ascii = false;
    // --week [DATE] and --month [DATE]: the table of days by routines for the week or month
    // holding DATE ("" for today).
    std::optional<std::string> week;
    std::optional<std::string> month;
    bool plot = false;  // a line chart of each point's pain at its first hold
};

struct DueOptions {};

struct ValidateOptions {
    std::vector<std::string> targets;  // files, directories, routine names, or - for stdin
    bool json = false;
};

struct NewOptions {
    std::string name;
    std::optional<std::string> area;
    bool to_stdout = false;
};

enum class ReportFormat { html, markdown };

struct ReportOptions {
    std::vector<std::string> subjects;  // routines, point ids or ROUTINE.POINT; none: all
    std::optional<std::string> since;   // YYYY-MM-DD or Nd
    std::string out;                    // "" for knead-report.html (.md), "-" for stdout
    ReportFormat format = ReportFormat::html;
};

struct WhereOptions {
    std::vector<std::string> words;  // the place, as typed; none lists the known places
    bool json = false;
    bool map = false;  // also draw where the first matches send pain
};

struct ConfigOptions {};

int run_command(const Context& ctx, const RunOptions& o);
int list_command(const Context& ctx, const ListOptions& o);
int show_command(const Context& ctx, const ShowOptions& o);
int plan_command(const Context& ctx, const PlanOptions& o);
int history_command(const Context& ctx, const HistoryOptions& o);
int report_command(const Context& ctx, const ReportOptions& o);
int due_command(const Context& ctx, const DueOptions& o);
int validate_command(const Context& ctx, const ValidateOptions& o);
int new_command(const Context& ctx, const NewOptions& n);
int where_command(const Context& ctx, const WhereOptions& o);
int config_command(const Context& ctx, const ConfigOptions& o);

}  // namespace knead
