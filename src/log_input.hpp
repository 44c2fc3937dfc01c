// Reads the session log for the commands that look back at it, and says on stderr what
// was wrong with it: one warning per kind of problem, never one per line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "knead/log_sessions.hpp"
#include "knead/session.hpp"

namespace knead {

enum class LogRead { ok, missing, failed };

// Hands each session of the log to `sink`. A log that exists but cannot be read is
// reported on stderr and gives `failed`.
LogRead read_log(const std::filesystem::path& path, const SessionAssembler::Sink& sink);

struct RecentArea {
    std::string routine;
    int hours_ago = 0;
};

// For a session about to start: sets each point's learned hold from the log, and returns
// the routines worked less than 48 hours before `now` (seconds since the epoch).
std::vector<RecentArea> recall_for_session(const std::filesystem::path& log,
                                           std::vector<SessionPoint>& points, std::int64_t now);

}  // namespace knead
