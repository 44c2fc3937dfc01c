// How a session looks: step headers, the countdown panel, prompts, feedback, summary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knead/countdown.hpp"
#include "knead/routine.hpp"
#include "knead/session.hpp"
#include "knead/step_loop.hpp"
#include "output.hpp"
#include "terminal.hpp"

namespace knead {

struct ViewOptions {
    bool bell = true;
    bool big = false;  // the step, side and time in large letters, as large as fits
};

class SessionView {
  public:
    // `caps` is the terminal's, kept by reference: a resize changes it.
    SessionView(const TerminalCaps& caps, ViewOptions o, Output& out)
        : caps_(caps), options_(o), out_(out) {}

    void notice_first_run();
    void routine_intro(const Routine& r);
    void answer_help();
    void point_intro(const Session& s);
    void step_start(const Session& s, const std::optional<Decision>& last);
    // The red-flag follow-up before a session on the same points (y/N).
    void red_flag_follow_up(const RedFlagCheck& c);
    void confirm_prompt();
    void confirm_invalid();
    void confirmed_by_flag();  // --yes answered it
    // Redraws the countdown in place on a terminal; on a pipe it draws nothing.
    void countdown(const Session& s, const Countdown& c, Duration now);
    void key_note(KeyAction a);
    void resized();
    void countdown_done();
    // The question after a step; `timeout_default` is the hands-free answer, when there is one.
    void prompt(Question q, std::optional<int> timeout_default = std::nullopt);
    // Hands-free: the seconds left before the default answer (which the prompt names).
    void answer_countdown(int seconds_left);
    void answer_timed_out(int default_answer);
    // After a run of unusable answers from a pipe.
    void too_many_invalid(int count);
    void side_skipped(const Session& s, const SkippedSide& k);
    void echo_answer(std::string_view text);
    void invalid_answer(Question q);
    // The soreness check at the start of a session (docs/history.md).
    void soreness_question(const SorenessCheck& c);
    void soreness_prompt();
    void soreness_invalid();
    void soreness_ok(int soreness);
    void soreness_eased(int soreness, const Dose& before, const Dose& after);
    void nothing_to_repeat();
    void feedback(const Session& s, const Feedback& f, const Step& ended);
    void red_flag();
    void input_ended();
    void quit();
    // `seconds` is wall-clock time; `speed` the clock's factor under --speed (1 otherwise).
    void summary(const Session& s, double seconds, double speed, std::string_view tip,
                 const std::string& log_path);
    void interrupted(int sig);

  private:
    std::string paint(std::string_view text, std::string_view sgr) const;
    void line(std::string_view text);
    void cue(std::string_view text, std::string_view first = "  ");
    void panel(const std::vector<std::string>& lines);
    void clear_panel();
    void plain_countdown(const Countdown& c);
    std::size_t wrap_width() const;
    std::vector<std::string> big_panel(const std::string& label, const std::string& time) const;

    const TerminalCaps& caps_;
    ViewOptions options_;
    Output& out_;
    std::size_t panel_lines_ = 0;            // lines of the countdown panel now on screen
    std::vector<std::size_t> panel_widths_;  // and the columns each of them takes
    bool plain_legend_ = false;              // the keys were listed for this countdown
    bool plain_paused_ = false;
    bool big_shown_ = false;  // the panel now on screen has large text
};

// What the voice says (--voice): a step with its point, side and cue; a question; the
// feedback on an answer ("" when there is none).
std::string spoken_step(const Session& s);
std::string spoken_question(Question q);
std::string spoken_feedback(const Feedback& f);

}  // namespace knead
