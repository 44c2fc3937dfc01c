// The records of the session log (docs/log-format.md), built as logfmt fields.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knead/clock.hpp"
#include "knead/log_fields.hpp"
#include "knead/logfmt.hpp"
#include "knead/session.hpp"

namespace knead {

// ISO 8601 in local time with its UTC offset, e.g. 2026-11-25T15:40:01+01:00.
std::string iso8601(WallTime t);

// A session id that sorts by time (UTC, e.g. 20261125T063012Z-9f3a) and does not
// collide between two runs started in the same second.
std::string make_session_id(WallTime t, unsigned salt);

struct SessionInfo {
    std::string id;
    std::vector<std::string> routines;
    bool virtual_clock = false;
};

struct StepResult {
    Step step;
    double actual = 0;        // seconds, as measured
    std::optional<int> pain;  // absent when the answer was not a number
    // "skip", "quit", "red-flag", "timeout" (hands-free), "none" when not a number
    std::string answer;
    double paused = 0;        // seconds the countdown stood paused
    int adjusted = 0;         // seconds added (+) or removed (-) with the + and - keys
    std::string early;        // the key that cut the countdown short: "skip", "next", "quit"
    std::optional<int> next;  // after a hold that changed the staircase: the next hold
};

// Puts an answer into the fields of its step: a number as `pain`, anything else as
// `answer`. A hands-free timeout never claims a pain.
void record_answer(StepResult& r, const Answer& a);

Fields start_record(WallTime t, const SessionInfo& s);
Fields step_record(WallTime t, const SessionInfo& s, const SessionPoint& p, const StepResult& r);
// A side of a point that was skipped, and why ("answer": s; "next": n; "point": N).
Fields skip_record(WallTime t, const SessionInfo& s, const SessionPoint& p, Side side, SkipWhy why);
// The answer to "how sore is it still?" for an area worked in the last 48 hours.
Fields soreness_record(WallTime t, const SessionInfo& s, const std::string& routine, int soreness);
Fields end_record(WallTime t, const SessionInfo& s, Status status, int points_done, double seconds,
                  const Step* under_way = nullptr, const SessionPoint* point = nullptr);

}  // namespace knead
