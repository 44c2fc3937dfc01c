// Reads the session log for the commands that look back at it, and says on `err` (the
// context's) what was wrong with it: one warning per kind of problem, never one per line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "knead/log_sessions.hpp"
#include "knead/session.hpp"

namespace knead {

enum class LogRead { ok, missing, failed };

// Hands each session of the log to `sink`. A log that exists but cannot be read is
// reported on `err` and gives `failed`.
LogRead read_log(const std::filesystem::path& path, const SessionAssembler::Sink& sink,
                 std::FILE* err);

// The same for the latest `n` sessions (started on or after `since_day`), reading the log
// from its end only as far back as they go.
LogRead read_latest(const std::filesystem::path& path, std::size_t n,
                    std::optional<std::int64_t> since_day, const SessionAssembler::Sink& sink,
                    std::FILE* err);

// What the log asks of a session before its first step.
struct SessionRecall {
    std::optional<RedFlagCheck> red_flag;  // a red flag on its points not yet followed up
    std::vector<SorenessCheck> soreness;   // its routines whose points were worked < 48 h ago
};

// For a session about to start: sets each point's learned hold and stretch from the log,
// and says what to ask first. `routines` names the routines the points come from; `now`
// is in seconds since the epoch.
SessionRecall recall_for_session(const std::filesystem::path& log,
                                 std::vector<SessionPoint>& points,
                                 const std::vector<Routine>& routines, std::int64_t now,
                                 std::FILE* err);

}  // namespace knead
