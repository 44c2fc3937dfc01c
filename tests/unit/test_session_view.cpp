// The session view on a fake terminal: what it draws at 80 and 50 columns, its prompts,
// TERM=dumb and pipes, and that each redraw of the countdown is one write.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "fake_terminal.hpp"
#include "knead/countdown.hpp"
#include "knead/session.hpp"
#include "knead/utf8.hpp"
#include "sample_point.hpp"
#include "session_view.hpp"

using namespace knead;
using namespace std::chrono_literals;
using knead_test::FakeScreen;

namespace {

Session one_point_session() {
    return Session({SessionPoint{"neck", knead_test::trapezius(Side::left), std::nullopt, false}});
}

TerminalCaps window(int width, bool cursor = true) {
    TerminalCaps caps;
    caps.out_tty = caps.in_tty = true;
    caps.cursor = cursor;
    caps.width = width;
    caps.height = 24;
    return caps;
}

// The lines of a panel write: what follows each "erase line" code.
std::vector<std::string> panel_lines(const std::string& write) {
    std::vector<std::string> out;
    for (auto at = write.find("\033[K"); at != std::string::npos;) {
        const auto next = write.find("\033[K", at + 3);
        std::string l = write.substr(at + 3, next == std::string::npos ? next : next - at - 3);
        if (!l.empty() && l.back() == '\n') l.pop_back();
        out.push_back(l);
        at = next;
    }
    return out;
}

// The countdown's first panel in a window `width` columns wide: its lines, in one write.
std::vector<std::string> first_panel(int width) {
    const TerminalCaps caps = window(width);
    FakeScreen screen;
    SessionView view(caps, {}, screen);
    Session s = one_point_session();
    Countdown c(0s, 15s);
    view.countdown(s, c, 0s);
    REQUIRE(screen.writes.size() == 1);
    const auto lines = panel_lines(screen.writes[0]);
    for (const auto& l : lines) CHECK(display_width(l) <= static_cast<std::size_t>(width - 1));
    return lines;
}

}  // namespace

TEST_CASE("view: the countdown at 80 columns is one line of status and the full legend") {
    const auto lines = first_panel(80);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("LOCATE") != std::string::npos);
    CHECK(lines[0].find("0:15") != std::string::npos);
    CHECK(lines[0].find("Upper trapezius (left side)") != std::string::npos);
    CHECK(lines[0].find(std::string(26, '-')) != std::string::npos);  // the bar: 80 / 3
    CHECK(lines[1] == "  space pause  s skip step  n next side  N next point  q stop  +/- 5 s");
}

TEST_CASE("view: at 50 columns the legend is short and every line stops short of the edge") {
    const auto lines = first_panel(50);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1] == "  pause  s skip  n/N next  q stop  +/-");
    CHECK(lines[0].find("...") != std::string::npos);  // the point's name is cut to fit
}

TEST_CASE("view: each redraw of the countdown is one write that goes back over the last") {
    const TerminalCaps caps = window(80);
    FakeScreen screen;
    SessionView view(caps, {}, screen);
    Session s = one_point_session();
    Countdown c(0s, 5s);
    for (int t = 0; t <= 5; ++t) view.countdown(s, c, std::chrono::seconds(t));
    REQUIRE(screen.writes.size() == 6);
    CHECK(screen.writes[0].starts_with("\r\033[K"));
    for (std::size_t i = 1; i < screen.writes.size(); ++i)
        CHECK(screen.writes[i].starts_with("\033[1A\r\033[K"));  // up over the legend
    CHECK(screen.writes[3].find("0:02") != std::string::npos);
}

TEST_CASE("view: a prompt keeps its hints where they fit and drops them, longest first") {
    Session s = one_point_session();
    auto prompt_at = [&](int width, std::optional<int> hands_free) {
        const TerminalCaps caps = window(width);
        FakeScreen screen;
        SessionView view(caps, {}, screen);
        view.prompt(Question::pain, hands_free);
        return screen.text();
    };
    CHECK(prompt_at(80, std::nullopt) ==
          "  Pain 0-10 (3 light, 5 good, 7 strong, 9 brace; Enter, s, q, !): ");
    CHECK(prompt_at(50, std::nullopt) == "  Pain 0-10 (Enter, s, q, !): ");
    CHECK(prompt_at(50, 6) == "  Pain 0-10 (Enter, s, q, !) [6 if no key]: ");
    CHECK(prompt_at(30, std::nullopt) == "  Pain 0-10: ");
    CHECK(prompt_at(30, 6) == "  Pain 0-10 [6 if no key]: ");
}

TEST_CASE("view: with TERM=dumb nothing is redrawn and no escape code is written") {
    const TerminalCaps caps = window(80, false);
    FakeScreen screen;
    SessionView view(caps, {}, screen);
    Session s = one_point_session();
    s.begin_step();
    view.step_start(s, std::nullopt);
    Countdown c(0s, 3s);
    for (int t = 0; t <= 3; ++t) view.countdown(s, c, std::chrono::seconds(t));
    c.pause(3s);
    view.countdown(s, c, 3s);
    view.countdown_done();
    view.prompt(Question::pain, 6);
    view.answer_countdown(5);
    view.answer_timed_out(6);
    const std::string text = screen.text();
    CHECK(text.find('\033') == std::string::npos);
    CHECK(text.find('\a') == std::string::npos);  // no bell either
    CHECK(text.find("LOCATE Upper trapezius (left side), 15 s\n") != std::string::npos);
    // The keys once, then a line for the pause: not a line a second.
    CHECK(text.find("  space pause  s skip step") != std::string::npos);
    CHECK(text.find("  space pause", text.find("  space pause") + 1) == std::string::npos);
    CHECK(text.find("  Paused: space resumes.\n") != std::string::npos);
    CHECK(text.find("6 (no key)\n") != std::string::npos);
}

TEST_CASE("view: on a pipe the countdown draws nothing and lines are never wrapped") {
    TerminalCaps caps;  // not a terminal
    caps.width = 20;
    FakeScreen screen;
    SessionView view(caps, {}, screen);
    Session s = one_point_session();
    Countdown c(0s, 3s);
    view.countdown(s, c, 0s);
    CHECK(screen.writes.empty());
    view.quit();
    CHECK(screen.text() == "Stopping the session. Every finished step is logged.\n");
}

TEST_CASE("view: on a terminal a long line wraps by words at the window's width") {
    const TerminalCaps caps = window(40);
    FakeScreen screen;
    SessionView view(caps, {}, screen);
    view.quit();
    CHECK(screen.text() == "Stopping the session. Every finished\nstep is logged.\n");
}
