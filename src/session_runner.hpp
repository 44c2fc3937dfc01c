// Runs one session, step by step, to its end (see session_runner.cpp).
#pragma once

#include <vector>

#include "knead/clock.hpp"
#include "knead/log_file.hpp"
#include "knead/log_record.hpp"
#include "knead/routine.hpp"
#include "knead/session.hpp"
#include "session_input.hpp"
#include "session_view.hpp"
#include "speech.hpp"

namespace knead {

struct RunnerOptions {
    int hands_free = 0;  // seconds; 0: off
    bool yes = false;    // --yes: go on after a red flag without asking
    double speed = 1.0;
};

// Logs every step as it ends and returns the exit code (docs: exit codes). `speaker` may
// be null (no --voice).
int run_session(Session& s, SessionView& v, Clock& c, LogFile& log, SessionInfo info,
                SessionInput& input, Speaker* speaker, RunnerOptions o,
                const std::vector<Routine>& routines);

}  // namespace knead
