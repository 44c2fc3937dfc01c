// The commands, each in its own file; cli.cpp parses the command line and calls them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "terminal.hpp"

namespace knead {

struct RoutineOptions {
    std::vector<std::string> dirs;  // --routines, in order
};

struct RunOptions {
    RoutineOptions routines;
    std::vector<std::string> names;
    std::optional<std::string> log;
    bool no_wait = false;
    double speed = 1.0;
    bool voice = false;
    std::vector<std::string> speech_command;  // empty: the platform's default
    bool quiet = false;                       // no bell
    bool big = false;
    ColorMode color = ColorMode::automatic;
    bool fresh = false;  // ignore the log: no learned holds, no soreness question
};

// Where commands that look back read the log: --log, else KNEAD_LOG, else the default.
struct LogOptions {
    std::optional<std::string> log;
    bool fresh = false;  // ignore the log
};

enum class HistoryFormat { text, tsv, json };

struct HistoryOptions {
    std::optional<std::string> log;
    std::string subject;  // "", a routine, a point id, or ROUTINE.POINT
    std::optional<std::string> since;
    std::optional<int> last;
    HistoryFormat format = HistoryFormat::text;
    bool ascii = false;
};

struct DueOptions {
    RoutineOptions routines;
    std::optional<std::string> log;
};

int history_command(const HistoryOptions& o);
int due_command(const DueOptions& o);
int run_command(const RunOptions& o);
int list_command(const RoutineOptions& o);
int show_command(const RoutineOptions& o, const std::string& name, const LogOptions& log = {});
int validate_command(const std::vector<std::string>& files);

}  // namespace knead
