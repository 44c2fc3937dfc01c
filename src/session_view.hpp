// How a session looks: step headers, the countdown line, prompts, feedback, summary.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "knead/countdown.hpp"
#include "knead/routine.hpp"
#include "knead/session.hpp"
#include "terminal.hpp"

namespace knead {

class SessionView {
  public:
    SessionView(TerminalCaps caps, std::FILE* out) : caps_(caps), out_(out) {}

    void notice_first_run();
    void routine_intro(const Routine& r);
    void answer_help();
    void point_intro(const Session& s);
    void step_start(const Session& s, const std::optional<Decision>& last);
    // Redraws the countdown in place; on a pipe it draws nothing.
    void countdown(const Session& s, const Countdown& c, Duration now);
    void countdown_done(const Session& s);
    void prompt();
    void echo_answer(std::string_view line);
    void invalid_answer();
    void nothing_to_repeat();
    void feedback(const Session& s, const Feedback& f, int planned_hold);
    void red_flag();
    void input_ended();
    void quit();
    void summary(const Session& s, double seconds, std::string_view tip,
                 const std::string& log_path);
    void interrupted(int sig);

  private:
    std::string paint(std::string_view text, std::string_view sgr) const;
    void line(std::string_view text);

    TerminalCaps caps_;
    std::FILE* out_;
    bool in_place_ = false;  // the cursor is on a countdown line
};

}  // namespace knead
