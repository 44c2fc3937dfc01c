// `knead show`: everything about one routine, and its planned timeline, without running it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>

#include "commands.hpp"
#include "knead/body_map.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/timeline.hpp"
#include "knead/utf8.hpp"
#include "knead/wrap.hpp"
#include "log_input.hpp"
#include "routine_args.hpp"
#include "terminal.hpp"

namespace knead {

int show_command(const Context& ctx, const ShowOptions& o) {
    auto loaded = load_named_routines(ctx.routines, {o.name}, ctx.err);
    if (!loaded) return exit_code::usage;
    const Routine& r = loaded->front();

    // The holds a session would start from: learned from the log, as `knead run` does.
    std::vector<SessionPoint> learned = session_points(*loaded);
    if (!o.fresh) recall_for_session(ctx.log(), learned, *loaded, ctx.now_seconds(), ctx.err);
    bool any_learned = std::any_of(learned.begin(), learned.end(), [](const SessionPoint& p) {
        return p.learned_hold.has_value();
    });

    // On a terminal the prose is wrapped to the window, continuation lines indented under
    // the text; on a pipe each item stays one line, for grep.
    const TerminalCaps caps = detect_terminal(ColorMode::never);
    const auto width = static_cast<std::size_t>(caps.out_tty ? std::max(caps.width - 1, 20) : 0);
    auto say = [&](std::string_view first, std::string_view text) {
        if (width == 0) return fmt::print(ctx.out, "{}{}\n", first, text);
        const std::string rest(display_width(first), ' ');
        for (const auto& l : wrap_text(text, width, first, rest)) fmt::print(ctx.out, "{}\n", l);
    };

    fmt::print(ctx.out, "{} - {}\n", r.name, r.area);
    if (!r.summary.empty()) say("", r.summary);
    fmt::print(ctx.out, "File: {}\n", r.path.empty() ? r.id : r.path.string());
    if (r.per_day > 0 || r.per_week > 0) {
        auto times = [](int n, std::string_view per) {
            return fmt::format("{} time{} a {}", n, n == 1 ? "" : "s", per);
        };
        std::string often = r.per_day > 0 ? times(r.per_day, "day") : "";
        if (r.per_week > 0) often += (often.empty() ? "" : ", ") + times(r.per_week, "week");
        say("Meant to be done: ", fmt::format("{} (`knead due` checks)", often));
    }
    if (!r.cautions.empty()) {
        fmt::print(ctx.out, "\nCautions:\n");
        for (const auto& c : r.cautions) say("  - ", c);
    }
    int index = 0;
    for (const auto& p : r.points) {
        const Dose& d = p.dose;
        std::string from = p.from.empty() ? "" : fmt::format(", from {}", p.from);
        std::string head = fmt::format("{}. {} ({}) [{}{}], side: {}", ++index, p.name, p.muscle,
                                       p.id, from, to_string(p.side));
        fmt::print(ctx.out, "\n");
        if (width == 0) fmt::print(ctx.out, "{}\n", head);
        for (const auto& l :
             width == 0 ? std::vector<std::string>() : wrap_text(head, width, "", "   "))
            fmt::print(ctx.out, "{}\n", l);
        if (!p.refers_to.empty())
            say("   Refers pain to: ", fmt::format("{}", fmt::join(p.refers_to, ", ")));
        if (!p.tool.empty()) say("   Tool:    ", p.tool);
        say("   Locate:  ", p.locate_cue);
        say("   Press:   ", p.press_cue);
        if (!p.stretch_cue.empty()) say("   Stretch: ", p.stretch_cue);
        std::string dose = fmt::format(
            "locate {} s, then {} x (press {} s, hold {} s within {}-{} s, rest {} s) at pain "
            "{}-{} (stop at {})",
            d.locate, d.reps, d.press, d.hold, d.hold_min, d.hold_max, d.rest, d.target.lo,
            d.target.hi, stop_threshold(d));
        if (!p.stretch_cue.empty())
            dose += fmt::format(", then {} x stretch {} s", d.stretch_reps, d.stretch);
        say("   Dose:    ", dose);
        if (auto h = learned[static_cast<std::size_t>(index - 1)].learned_hold)
            say("   Learned: ",
                fmt::format("the first hold starts at {} s, from your last session", *h));
    }

    // An outline with nothing on it would only take up the screen.
    if (std::any_of(r.points.begin(), r.points.end(),
                    [](const Point& pt) { return !pt.refers_to.empty(); })) {
        fmt::print(ctx.out, "\n");
        say("", "Where these points can send pain (each point's letter marks its areas):");
        fmt::print(ctx.out, "\n");
        const WindowMap map =
            width == 0 ? WindowMap{draw_body_map(r, 80)} : body_map_for_window(r, width);
        if (map.picture_left_out)
            say("", "(The picture needs a wider window; here is what it shows.)");
        for (const auto& line : map.lines) fmt::print(ctx.out, "{}\n", line);
    }

    fmt::print(ctx.out, "\n");
    say("", fmt::format("Planned timeline (holds at their starting length{}):",
                        any_learned ? ", learned from your last session" : ""));
    const Timeline t = plan_timeline(learned);
    for (const auto& s : t.sides) {
        const Point& p = r.points[s.point_index];
        std::string side = s.side == Side::center ? "" : fmt::format(" ({})", to_string(s.side));
        fmt::print(ctx.out, "  {:>6}  {}{}  {}\n", clock_text(s.start), p.name, side,
                   clock_text(s.seconds));
    }
    say(fmt::format("  {:>6}  ", clock_text(t.total)),
        fmt::format("end (about {} minutes, plus the time you take to answer)",
                    (t.total + 30) / 60));
    return exit_code::ok;
}

}  // namespace knead
