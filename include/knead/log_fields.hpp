// The names the session log is written and read with (docs/log-format.md), and its
// version: one definition, shared by the writer (log_record) and the reader (log_reader).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace knead {

// The log format version this knead writes and reads, and the header that names it.
inline constexpr int kLogVersion = 1;
inline constexpr std::string_view kLogHeaderPrefix = "# knead log v";
inline const std::string kLogHeader = std::string(kLogHeaderPrefix) + std::to_string(kLogVersion);

// The keys knead writes. The reader finds each of them in one step (LogRecord::get).
enum class LogKey : std::uint8_t {
    time,
    session,
    event,
    routines,
    clock,
    version,
    routine,
    point,
    side,
    rep,
    step,
    planned,
    actual,
    pain,
    next,
    answer,
    paused,
    adjusted,
    early,
    via,
    why,
    status,
    points,
    duration,
};
inline constexpr std::size_t kLogKeys = static_cast<std::size_t>(LogKey::duration) + 1;

inline constexpr std::array<std::string_view, kLogKeys> kLogKeyNames = {
    "time",    "session", "event", "routines", "clock",  "version", "routine", "point",
    "side",    "rep",     "step",  "planned",  "actual", "pain",    "next",    "answer",
    "paused",  "adjusted", "early", "via",     "why",    "status",  "points",  "duration",
};

constexpr std::string_view key_name(LogKey k) {
    return kLogKeyNames[static_cast<std::size_t>(k)];
}

}  // namespace knead
