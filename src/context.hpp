// What every command is given: the resolved settings, where to find routines and the log,
// where to write, and the time. Commands read these, never the environment or the system
// clock, so that a unit test can run them at a fixed time with its own streams.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "knead/clock.hpp"
#include "settings.hpp"

namespace knead {

struct RoutineOptions {
    std::vector<std::string> dirs;  // --routines, in order
    Dose base;                      // where a routine sets none: the config's pain band
};

struct Context {
    Settings settings;
    RoutineOptions routines;
    std::vector<std::filesystem::path> search_path;  // first match wins
    std::FILE* out = stdout;
    std::FILE* err = stderr;
    const Clock* clock = nullptr;  // "now"; run_cli gives the system's

    // The log the command reads or appends to (empty for commands that need none).
    const std::filesystem::path& log() const { return settings.log.value; }
    WallTime now() const { return clock->wall(); }
    std::int64_t now_seconds() const {
        return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
    }
};

}  // namespace knead
