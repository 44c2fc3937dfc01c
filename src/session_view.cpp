#include "session_view.hpp"

#include "knead/big_digits.hpp"
#include "knead/timeline.hpp"
#include "knead/utf8.hpp"
#include "knead/wrap.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace knead {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string side_text(Side s) {
    return s == Side::center ? std::string() : fmt::format(" ({} side)", to_string(s));
}

// Cuts `s` to at most `n` columns on a character boundary, marking the cut.
std::string fit(const std::string& s, int n) {
    if (n <= 3) return std::string();
    std::size_t cut = static_cast<std::size_t>(n - 3);
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "...";
}

std::string legend(int width, bool paused) {
    std::string_view pause = paused ? "space resume" : "space pause";
    if (width >= 72)
        return fmt::format("  {}  s skip step  n next side  N next point  q stop  +/- 5 s", pause);
    return fmt::format("  {}  s skip  n/N next  q stop  +/-", pause.substr(6));
}

std::string_view phase_color(Phase p) {
    switch (p) {
        case Phase::locate:
            return "36";  // cyan
        case Phase::press:
            return "33";  // yellow
        case Phase::hold:
            return "1;31";  // bold red: the step that matters
        case Phase::rest:
            return "34";  // blue
        case Phase::stretch:
            return "32";  // green
    }
    return "0";
}

// The pain scale, anchored (docs/routines.md): what each number feels like.
constexpr std::string_view kPainScale[] = {
    "0 nothing",
    "3 light pressure",
    "5 firm, \"hurts good\"",
    "7 strong, but you can still breathe and relax",
    "9 you brace or hold your breath",
};

std::string_view question_text(Question q) {
    switch (q) {
        case Question::tenderness:
            return "Tenderness 0-10";
        case Question::pain:
            return "Pain 0-10";
        case Question::hold:
            return "Hold pain 0-10";
        case Question::stretch:
            return "Stretch 0-10";
        case Question::soreness:
            return "How sore is it still, 0 (not at all) to 10";
        case Question::go_on:
            return "Go on with this session? y/N";
        case Question::none:
            break;
    }
    return "";
}

}  // namespace

std::string SessionView::paint(std::string_view text, std::string_view sgr) const {
    if (!caps_.color) return std::string(text);
    return fmt::format("\033[{}m{}\033[0m", sgr, text);
}

// On a terminal a line too wide for the window (or 100 columns, for the eye's sake) is
// wrapped by words, its leading blanks kept as a hanging indent; on a pipe it stays one
// line, for grep.
void SessionView::line(std::string_view text) {
    clear_panel();
    std::string out;
    if (caps_.out_tty && display_width(text) > wrap_width()) {
        const std::string indent(text.substr(0, text.find_first_not_of(' ')));
        for (const auto& l : wrap_text(text, wrap_width(), indent, indent)) out += l + "\n";
    } else {
        out = std::string(text) + "\n";
    }
    out_.write(out);
}

std::size_t SessionView::wrap_width() const {
    return static_cast<std::size_t>(std::max(std::min(caps_.width, 100) - 1, 20));
}

// Rewrites the panel in place: back to its first line, each line cleared and redrawn.
// Lines are cut short of the last column, so the terminal never wraps them and the count
// of lines to go back up stays right, however narrow the window.
void SessionView::panel(const std::vector<std::string>& lines) {
    std::string out;
    if (panel_lines_ > 1) out += fmt::format("\033[{}A", panel_lines_ - 1);
    out += "\r";
    const auto room = static_cast<std::size_t>(std::max(caps_.width - 1, 0));
    panel_widths_.clear();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) out += "\n";
        std::string fitted = fit_width(lines[i], room);
        panel_widths_.push_back(display_width(fitted));
        out += "\033[K" + fitted;
    }
    for (std::size_t i = lines.size(); i < panel_lines_; ++i) out += "\n\033[K";
    if (panel_lines_ > lines.size()) out += fmt::format("\033[{}A", panel_lines_ - lines.size());
    panel_lines_ = lines.size();
    out_.write(out);
}

// Wrapped as line() does, with the continuation lines indented under the text.
void SessionView::cue(std::string_view text, std::string_view first) {
    if (!caps_.out_tty) return line(fmt::format("{}{}", first, text));
    const std::string rest(display_width(first), ' ');
    for (const auto& l : wrap_text(text, wrap_width(), first, rest)) line(l);
}

void SessionView::resized() {
    // Erase the panel where it is now and draw it afresh there. Most terminals reflow
    // on a resize: a line wider than the new width now takes more rows, and the cursor
    // is on the last of them. (One that clips instead, like xterm, loses a line or two
    // above the panel: better than a frozen copy of it.)
    if (panel_lines_ == 0) return;
    const auto width = static_cast<std::size_t>(std::max(caps_.width, 1));
    std::size_t rows = 0;
    for (std::size_t w : panel_widths_) rows += std::max<std::size_t>(1, (w + width - 1) / width);
    std::string out;
    if (rows > 1) out += fmt::format("\033[{}A", rows - 1);
    out += "\r\033[J";
    out_.write(out);
    panel_lines_ = 0;
}

void SessionView::notice_first_run() {
    line(
        "knead is a self-care aid, not medical advice. Stop at once on numbness, tingling, "
        "or sharp or shooting pain, and see a doctor or physiotherapist if it persists.");
    line("(This note is shown once.)");
    line("");
}

void SessionView::routine_intro(const Routine& r) {
    line(paint(r.name, "1") + (r.area.empty() ? "" : fmt::format(" ({})", r.area)));
    if (!r.summary.empty()) line(r.summary);
    if (!r.cautions.empty()) {
        line(paint("Cautions:", "1;33"));
        for (const auto& c : r.cautions) cue(c, "  - ");
    }
    line("");
}

void SessionView::answer_help() {
    if (caps_.in_tty)
        line(
            "After each step, press how much it hurts, 0-10 (1 then 0 for 10; no Enter needed). "
            "Enter alone repeats your last answer; s skips the rest of a point; q stops; ! means "
            "numbness, tingling, sharp or shooting pain, or dizziness, and ends the session.");
    else
        line(
            "After each step, type how much it hurts, 0-10, and Enter. Enter alone repeats your "
            "last answer; s skips the rest of a point; q stops; ! means numbness, tingling, sharp "
            "or shooting pain, or dizziness, and ends the session.");
    line("The pain scale:");
    for (auto anchor : kPainScale) line(fmt::format("  {}", anchor));
    line("No question after a rest: let go, breathe, and the next step starts by itself.");
    line("");
}

void SessionView::point_intro(const Session& s) {
    const Step& st = s.current();
    const Point& p = s.current_point().point;
    line("");
    line(paint(fmt::format("Point {}/{}: {}{} - {}", st.point_index + 1, s.point_count(), p.name,
                           side_text(st.side), p.muscle),
               "1"));
    if (!p.refers_to.empty())
        cue(fmt::format("{}", fmt::join(p.refers_to, ", ")), "  Refers pain to: ");
    if (!p.tool.empty()) line("  Tool: " + p.tool);
    if (auto learned = s.current_point().learned_hold)
        line(fmt::format("  {}: starting at {} s, from your last session.", p.name, *learned));
}

void SessionView::step_start(const Session& s, const std::optional<Decision>& last) {
    const Step& st = s.current();
    const Point& p = s.current_point().point;
    const Dose& d = p.dose;
    // The bell: a cue for someone who is not looking.
    if (caps_.cursor && options_.bell) out_.write("\a");
    std::string label = paint(upper(to_string(st.phase)), phase_color(st.phase));
    std::string reps;
    if (st.phase == Phase::stretch && d.stretch_reps > 1)
        reps = fmt::format(", round {}/{}", st.rep, d.stretch_reps);
    else if ((st.phase == Phase::press || st.phase == Phase::hold) && d.reps > 1)
        reps = fmt::format(", rep {}/{}", st.rep, d.reps);
    line(fmt::format("{} {}{}{}, {} s", label, p.name, side_text(st.side), reps, st.planned));
    switch (st.phase) {
        case Phase::locate:
            cue(p.locate_cue);
            break;
        case Phase::press:
            cue(p.press_cue);
            if (st.lighter)
                line("  The spot is very tender: start lighter than usual, and sink in slowly.");
            line(fmt::format("  Sink in slowly until it hurts good: {}-{} of 10.", d.target.lo,
                             d.target.hi));
            break;
        case Phase::hold: {
            std::string how = "Hold steady and breathe out slowly.";
            if (last && last->advice == Advice::lighter)
                how = "Ease the pressure a little, then hold.";
            if (last && last->advice == Advice::deeper) how = "Press slightly deeper, then hold.";
            if (st.lighter) how = "Ease off now, before you hold.";
            line(fmt::format("  {} Aim for {}-{} of 10.", how, d.target.lo, d.target.hi));
            break;
        }
        case Phase::rest:
            line("  Let go and breathe. The next step starts by itself.");
            break;
        case Phase::stretch:
            cue(p.stretch_cue);
            if (st.gentle) line("  Gentler this time: ease in only to a mild pull.");
            break;
    }
}

void SessionView::countdown(const Session& s, const Countdown& c, Duration now) {
    if (!caps_.cursor) return plain_countdown(c);
    const Step& st = s.current();
    const int left = c.seconds_left(now);
    const bool paused = c.paused();

    const int bar_width = std::clamp(caps_.width / 3, 10, 30);
    const int filled = static_cast<int>(std::lround(c.progress(now) * bar_width));
    std::string bar;
    for (int i = 0; i < bar_width; ++i)
        bar += i < filled ? (caps_.unicode ? "\u2588" : "#") : (caps_.unicode ? "\u2591" : "-");

    // The point's name gets what is left of the width after the fixed parts.
    std::string name = s.current_point().point.name + side_text(st.side);
    const int fixed = 2 + 7 + 1 + 5 + 2 + bar_width + 2;
    const int room = std::max(0, caps_.width - 1 - fixed);
    if (static_cast<int>(name.size()) > room) name = fit(name, room);

    std::string label =
        paused ? paint(fmt::format("{:<7}", "PAUSED"), "7;33")
               : paint(fmt::format("{:<7}", upper(to_string(st.phase))), phase_color(st.phase));
    std::vector<std::string> lines;
    lines.push_back(fmt::format("  {} {}  {}  {}", label, paint(clock_text(left), "1"), bar, name));
    big_shown_ = false;
    if (options_.big) {
        std::string big_label = paused ? "PAUSED" : upper(to_string(st.phase));
        if (st.side != Side::center) big_label += " " + upper(to_string(st.side));
        for (auto& row : big_panel(big_label, time_text(left))) {
            lines.push_back(row.empty() || paused ? row : paint(row, phase_color(st.phase)));
            big_shown_ = true;
        }
    }
    if (caps_.in_tty) lines.push_back(legend(caps_.width, paused));
    panel(lines);
}

// --big: the time as tall as the window allows, the step and side above it about half
// as tall, each from big_min_rows() up. Room is kept for the status line, the legend, a
// line of context and the question. Nothing when even the smallest does not fit.
std::vector<std::string> SessionView::big_panel(const std::string& label,
                                                const std::string& time) const {
    const bool ascii = !caps_.unicode;
    const int least = big_min_rows(ascii);
    const int budget = caps_.height - 4;
    const int room = caps_.width - 3;
    auto fits = [&](const std::string& text, int rows) {
        return big_text_width(text, rows) <= room;
    };
    for (int rows = budget; rows >= least; --rows) {
        if (!fits(time, rows)) continue;
        int label_rows = std::max(least, rows / 2);
        while (label_rows >= least && (!fits(label, label_rows) || rows + 1 + label_rows > budget))
            --label_rows;
        // Smaller time to make room for the label, if that can; else the time alone.
        if (label_rows < least && fits(label, least) && budget - 1 - least >= least) continue;
        std::vector<std::string> out;
        if (label_rows >= least) {
            for (auto& r : big_text(label, label_rows, ascii)) out.push_back("  " + r);
            out.emplace_back();
        }
        for (auto& r : big_text(time, rows, ascii)) out.push_back("  " + r);
        return out;
    }
    return {};
}

void SessionView::key_note(KeyAction a) {
    switch (a) {
        case KeyAction::skip_step:
            line("  Step skipped.");
            break;
        case KeyAction::next_point:
            line("  On to the next side (n again at once: the whole point).");
            break;
        case KeyAction::whole_point:
            line("  On to the next point.");
            break;
        default:
            break;  // pause and +/- show in the panel itself
    }
}

// Without cursor codes (TERM=dumb) nothing is redrawn: the keys, once, and the pauses.
void SessionView::plain_countdown(const Countdown& c) {
    if (!caps_.out_tty || !caps_.in_tty) return;
    if (!plain_legend_) {
        plain_legend_ = true;
        plain_paused_ = false;
        line(legend(caps_.width, false));
    }
    if (c.paused() != plain_paused_) {
        plain_paused_ = c.paused();
        line(plain_paused_ ? "  Paused: space resumes." : "  Resumed.");
    }
}

void SessionView::countdown_done() {
    plain_legend_ = false;
    clear_panel();
}

void SessionView::clear_panel() {
    if (big_shown_ && panel_lines_ > 0) {
        // The large step, side and time stay on screen for the question, which takes
        // the place of the keys' legend below them.
        out_.write(caps_.in_tty ? "\r\033[K" : "\n");
        panel_lines_ = 0;
        big_shown_ = false;
        return;
    }
    if (panel_lines_ == 0) return;
    std::string out;
    if (panel_lines_ > 1) out += fmt::format("\033[{}A", panel_lines_ - 1);
    out += "\r\033[J";  // clear from the panel's first line to the end of the screen
    panel_lines_ = 0;
    out_.write(out);
}

void SessionView::prompt(Question q, std::optional<int> timeout_default) {
    countdown_done();
    // The pain scale's anchors, short, and the keys that are not numbers.
    std::string keys;
    if (q == Question::soreness) keys = " (q stop)";
    if (q == Question::tenderness || q == Question::pain || q == Question::hold ||
        q == Question::stretch)
        keys = timeout_default ? " (Enter, s, q, !)"
                               : " (3 light, 5 good, 7 strong, 9 brace; Enter, s, q, !)";
    std::string wait = timeout_default ? fmt::format(" [{} if no key]", *timeout_default) : "";
    // A prompt that would wrap mid-word in a narrow window gives up its hints, longest first:
    // the answer goes on the prompt's own line.
    auto text = [&] { return fmt::format("  {}{}{}: ", question_text(q), keys, wait); };
    if (caps_.out_tty && display_width(text()) + 3 > wrap_width() && keys.size() > 20)
        keys = " (Enter, s, q, !)";
    if (caps_.out_tty && display_width(text()) + 3 > wrap_width()) keys.clear();
    const std::string shown = text();
    out_.write(shown);
}

void SessionView::answer_countdown(int seconds_left) {
    // On the prompt's own line: a short count that a glance can read. It needs cursor
    // codes; without them (a pipe, TERM=dumb) the prompt's "[N if no key]" has to do.
    if (!caps_.cursor) return;
    const std::string count = fmt::format("\0337\033[K{}s\0338", seconds_left);
    out_.write(count);
}

void SessionView::answer_timed_out(int default_answer) {
    if (caps_.cursor) out_.write("\033[K");
    line(fmt::format("{} (no key)", default_answer));
}

void SessionView::too_many_invalid(int count) {
    line("");
    line(fmt::format("{} answers in a row were not answers: stopping here. Check what is piped",
                     count));
    line(
        "in: one answer a line, 0-10, empty for the same, s, q or !. Every finished step is "
        "logged.");
}

void SessionView::side_skipped(const Session& s, const SkippedSide& k) {
    const Point& p = s.point(k.point_index).point;
    line(fmt::format("  Skipped: {}{}.", p.name, side_text(k.side)));
}

void SessionView::red_flag_follow_up(const RedFlagCheck& c) {
    std::string when = c.hours_ago < 1    ? "less than an hour ago"
                       : c.hours_ago == 1 ? "an hour ago"
                       : c.hours_ago < 48 ? fmt::format("{} hours ago", c.hours_ago)
                                          : fmt::format("{} days ago", c.hours_ago / 24);
    line(paint("Your last session on these points stopped on a red flag", "1;31") +
         fmt::format(" ({}, {}):", when, c.time.substr(0, 16)));
    line(fmt::format("  {}.", fmt::join(c.points, ", ")));
    cue("Numbness, tingling, sharp or shooting pain, or dizziness are signs to stop. If it "
        "came back, or has not settled, see a doctor or physiotherapist before you massage "
        "this area again. If it settled at once and has not come back, you may go on gently.");
}

void SessionView::confirm_prompt() {
    prompt(Question::go_on);
}

void SessionView::confirm_invalid() {
    line("  Please answer y to go on, or n (or Enter) to stop here.");
}

void SessionView::confirmed_by_flag() {
    line("  Going on: --yes answered it.");
}

void SessionView::echo_answer(std::string_view text) {
    // On a pipe nothing echoes the answer; print it so a transcript reads like a dialogue.
    std::string shown;
    for (char c : text) shown += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
    out_.write(shown + "\n");
}

void SessionView::invalid_answer(Question q) {
    if (q == Question::soreness) return soreness_invalid();
    line(
        "  Please type a number from 0 to 10, Enter for the same as last time, s to skip this "
        "point, q to stop, or ! for numbness, tingling, sharp or shooting pain, or dizziness.");
}

void SessionView::soreness_question(const SorenessCheck& c) {
    std::string when = c.hours_ago < 1    ? "less than an hour ago"
                       : c.hours_ago == 1 ? "an hour ago"
                                          : fmt::format("{} hours ago", c.hours_ago);
    line(fmt::format("You worked {} {}.", c.name, when));
}

void SessionView::soreness_prompt() {
    prompt(Question::soreness);
}

void SessionView::soreness_invalid() {
    line("  Please type how sore the area still is, from 0 (not at all) to 10, or q to stop.");
}

void SessionView::soreness_ok(int soreness) {
    line(soreness == 0 ? "  Not sore: the session goes as planned."
                       : "  A little soreness is normal: the session goes as planned.");
    line("");
}

void SessionView::soreness_eased(int soreness, const Dose& before, const Dose& after) {
    line(
        fmt::format("  Still sore ({}/10). Soreness after deep pressure should fade within a day "
                    "or two; when it lingers, go lighter and give the tissue time.",
                    soreness));
    std::string reps = after.reps == before.reps
                           ? std::string()
                           : fmt::format(", and {} rep{} instead of {}", after.reps,
                                         after.reps == 1 ? "" : "s", before.reps);
    line(fmt::format("  Today: aim for pain {}-{} instead of {}-{}{}.", after.target.lo,
                     after.target.hi, before.target.lo, before.target.hi, reps));
    line("");
}

void SessionView::nothing_to_repeat() {
    line("  There is no earlier answer to repeat yet: type a number from 0 to 10.");
}

void SessionView::feedback(const Session& s, const Feedback& f, const Step& ended) {
    if (f.outcome == Outcome::point_skipped && !f.skipped.empty() &&
        f.skipped.front().why == SkipWhy::answer) {
        line("  Skipping the rest of this point.");
        return;
    }
    switch (f.hint) {
        case Hint::not_tender:
            line("  No tender spot here: move a little, or s to skip. Locate again.");
            return;
        case Hint::still_not_tender:
            line("  Still no tender spot: press gently where you are, or s to skip.");
            return;
        case Hint::start_lighter:
            line("  Very tender: start the press lighter.");
            return;
        case Hint::ease_off:
            line("  Above your band: ease off now, before the hold starts.");
            return;
        case Hint::gentler_stretch:
            line("  A strong stretch: the next one goes gentler.");
            return;
        default:
            break;
    }
    if (!f.decision) return;
    const Decision& d = *f.decision;
    // Say the next hold only when another hold of the same point and side follows.
    bool more = !s.finished() && s.current().phase == Phase::rest &&
                s.current().point_index == ended.point_index && s.current().side == ended.side &&
                ended.rep < s.point(ended.point_index).point.dose.reps && !d.stop_pressing();
    std::string next = more ? fmt::format(" Next hold {} s.", d.next_hold) : std::string();
    std::string change =
        more && d.next_hold != ended.planned
            ? fmt::format(" Next hold {} s (was {} s).", d.next_hold, ended.planned)
            : next;
    switch (d.advice) {
        case Advice::keep:
            line("  Right in your band: keep this pressure." + next);
            break;
        case Advice::releasing:
            line("  Less than last time: the knot is releasing. Keep going." + next);
            break;
        case Advice::lighter:
            line("  Above your band: ease off a little next time." + change);
            break;
        case Advice::deeper:
            line("  Below your band: press slightly deeper next time." + change);
            break;
        case Advice::released:
            line("  Released: this side is done, on to the stretch.");
            break;
        case Advice::too_much:
            line(fmt::format("  That is too much (stop at {}): stop pressing this side, let go.",
                             stop_threshold(s.point(ended.point_index).point.dose)));
            break;
    }
}

void SessionView::red_flag() {
    line("");
    line(paint("Stop now.", "1;31") +
         " Numbness, tingling, sharp or shooting pain, or dizziness are signs to stop pressing. "
         "Rest. If it does not settle within a few minutes, or it comes back, see a doctor or "
         "physiotherapist before you massage this area again.");
}

void SessionView::input_ended() {
    line("");
    line("Input ended before the session did: stopping here. Every finished step is logged.");
}

void SessionView::quit() {
    line("Stopping the session. Every finished step is logged.");
}

void SessionView::interrupted(int sig) {
    line("");
    line(fmt::format("Interrupted ({}): the session is logged as interrupted.", sig == 2 ? "Ctrl-C"
                                                                                : sig == 15
                                                                                    ? "terminated"
                                                                                    : "hang-up"));
}

void SessionView::summary(const Session& s, double seconds, double speed, std::string_view tip,
                          const std::string& log_path) {
    line("");
    std::string what = s.status() == Status::completed ? "Session complete" : "Session ended";
    // Done: worked to its end, not skipped. A point is done when one of its sides is.
    int sides_done = 0;
    std::vector<bool> point_done(s.point_count(), false);
    for (const auto& side : s.sides()) {
        if (!side.finished || side.skipped) continue;
        ++sides_done;
        point_done[side.point_index] = true;
    }
    const auto points_done = std::count(point_done.begin(), point_done.end(), true);
    std::string time = clock_text(static_cast<int>(std::lround(seconds)));
    if (speed != 1.0) time += fmt::format(" of real time (the clock ran {}x)", speed);
    line(paint(fmt::format("{}: {} of {} points, {} of {} sides, {}.", what, points_done,
                           s.point_count(), sides_done, s.sides().size(), time),
               "1"));
    for (const auto& side : s.sides()) {
        std::string name = side.name + side_text(side.side);
        std::string how;
        if (side.skipped)
            how = side.skipped == SkipWhy::answer      ? "skipped (s)"
                  : side.skipped == SkipWhy::next_side ? "skipped (n)"
                                                       : "skipped (whole point)";
        else if (side.stopped_at)
            how = fmt::format("stopped at {}", *side.stopped_at);
        else if (side.released)
            how = "released";
        else if (side.finished)
            how = "done";
        else if (side.started)
            how = "not finished";
        else
            how = "not reached";
        std::string holds = fmt::format("{} hold{}", side.holds, side.holds == 1 ? "" : "s");
        if (side.first_hold_pain)
            holds += fmt::format(", pain {} -> {}", *side.first_hold_pain, *side.last_hold_pain);
        if (!side.started && !side.skipped) holds.clear();
        line(fmt::format("  {:<34} {:<22} {}", name, how, holds));
    }
    line("");
    cue(tip, "Tip: ");
    line(fmt::format("Logged to {}", log_path));
}

// What the voice says. Short, so that one cue is over before the next is due.
std::string spoken_step(const Session& s) {
    const Step& st = s.current();
    const Point& p = s.current_point().point;
    std::string step =
        upper(to_string(st.phase)).substr(0, 1) + std::string(to_string(st.phase)).substr(1);
    std::string where =
        st.side == Side::center ? p.name : fmt::format("{}, {} side", p.name, to_string(st.side));
    std::string out = fmt::format("{}. {}.", step, where);
    const Dose& d = p.dose;
    switch (st.phase) {
        case Phase::locate:
            out += " " + p.locate_cue;
            break;
        case Phase::press:
            if (st.lighter) out += " Start lighter.";
            out += fmt::format(" {} Aim for {} to {}.", p.press_cue, d.target.lo, d.target.hi);
            break;
        case Phase::hold:
            out += st.lighter ? " Ease off now, then hold." : " Breathe out slowly.";
            out += fmt::format(" Aim for {} to {}.", d.target.lo, d.target.hi);
            break;
        case Phase::rest:
            out += " Let go and breathe.";
            break;
        case Phase::stretch:
            if (st.gentle) out += " Gentler this time.";
            out += " " + p.stretch_cue;
            break;
    }
    return out;
}

std::string spoken_question(Question q) {
    switch (q) {
        case Question::tenderness:
            return "How tender is it?";
        case Question::pain:
        case Question::hold:
            return "How much does it hurt?";
        case Question::stretch:
            return "How strong was the stretch?";
        case Question::soreness:
            return "How sore is it still?";
        case Question::go_on:
            return "Go on with this session? Yes or no.";
        case Question::none:
            break;
    }
    return "";
}

std::string spoken_feedback(const Feedback& f) {
    switch (f.hint) {
        case Hint::not_tender:
            return "No tender spot here. Move a little.";
        case Hint::still_not_tender:
            return "Press gently where you are.";
        case Hint::start_lighter:
            return "Very tender. Start lighter.";
        case Hint::ease_off:
            return "Ease off now.";
        case Hint::gentler_stretch:
            return "Next stretch gentler.";
        default:
            break;
    }
    if (!f.decision) return "";
    switch (f.decision->advice) {
        case Advice::keep:
            return "Keep this pressure.";
        case Advice::releasing:
            return "Releasing. Keep going.";
        case Advice::lighter:
            return "Ease off a little.";
        case Advice::deeper:
            return "Press a little deeper.";
        case Advice::released:
            return "Released.";
        case Advice::too_much:
            return "Too much. Stop pressing.";
    }
    return "";
}

}  // namespace knead
