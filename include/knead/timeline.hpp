// The planned timeline of a session: every step with its length and start, as the
// session machine will run them when no answer changes a hold.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "knead/session.hpp"

namespace knead {

struct PlannedStep {
    std::size_t point_index = 0;
    Side side = Side::center;
    int rep = 1;  // as in the log: a hold's repetition, a stretch's round
    Phase phase = Phase::locate;
    int start = 0;  // seconds from the start of the session
    int seconds = 0;
};

// One side of one point: what `knead show` lists.
struct PlannedSide {
    std::size_t point_index = 0;
    Side side = Side::center;
    int start = 0;
    int seconds = 0;
};

struct Timeline {
    std::vector<PlannedStep> steps;
    std::vector<PlannedSide> sides;
    std::vector<int> point_seconds;  // by point index
    int total = 0;                   // seconds
};

// Holds at their starting length (a learned hold when the point has one); the time
// spent answering is not counted.
Timeline plan_timeline(const std::vector<SessionPoint>& points);

// The planned seconds of a whole routine: what `knead list` shows in minutes.
int planned_seconds(const Routine& r);

// Seconds as M:SS (75 is 1:15), as plans and countdowns show them.
std::string clock_text(int seconds);

}  // namespace knead
