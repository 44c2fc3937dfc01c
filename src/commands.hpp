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

int run_command(const RunOptions& o, const Config& config);
int list_command(const RoutineOptions& o, bool names_only);
int show_command(const RoutineOptions& o, const std::string& name);
int plan_command(const RoutineOptions& o, const std::vector<std::string>& names);
int validate_command(const ValidateOptions& o);
int new_command(const RoutineOptions& o, const NewOptions& n);
int config_command(const RoutineOptions& o, const Config& config);

struct WhereOptions {
    RoutineOptions routines;
    std::vector<std::string> words;  // the place, as typed; none lists the known places
    bool json = false;
};

int where_command(const WhereOptions& o);

}  // namespace knead
