// Reading the log from its end gives a session what reading it all from the start gives:
// the same learned holds and stretches, the same soreness question and the same red-flag
// follow-up, over generated logs with damaged lines, cut last lines, cut-off marks and
// sessions that ran at the same time.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "knead/learning.hpp"
#include "knead/log_file.hpp"
#include "knead/log_reader.hpp"
#include "knead/log_sessions.hpp"
#include "knead/log_time.hpp"
#include "knead/session.hpp"

using namespace knead;

namespace {

// 2026-01-01T00:00:00Z
constexpr std::int64_t kEpoch = 1767225600;

std::string stamp(std::int64_t t) {
    const std::int64_t day = t / 86400, s = t % 86400;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", date_string(day).c_str(),
                  static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60),
                  static_cast<int>(s % 60));
    return buf;
}

struct Line {
    std::int64_t t;
    std::string text;
};

const std::vector<std::pair<std::string, std::string>> kPoints = {
    {"neck", "trap"}, {"neck", "sub"}, {"jaw", "masseter"}, {"jaw", "temporalis"}};

// A log of `sessions` sessions, some overlapping, with damage as `rng` decides.
std::string generate(std::mt19937& rng, int sessions) {
    auto chance = [&](int percent) {
        return std::uniform_int_distribution<int>(0, 99)(rng) < percent;
    };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<Line> lines;
    std::int64_t t = kEpoch;
    for (int i = 0; i < sessions; ++i) {
        // Mostly hours or days apart; sometimes a second session starts while one runs.
        t += chance(25) ? pick(0, 120) : pick(3600, 4 * 86400);
        const std::string id = "S" + std::to_string(i);
        const bool rehearsal = chance(10);
        std::int64_t at = t;
        auto add = [&](const std::string& rest) {
            lines.push_back({at, "time=" + stamp(at)});
            lines.back().text.append(" session=").append(id).append(" ").append(rest);
            at += pick(0, 40);
        };
        add(std::string("event=start routines=neck,jaw clock=") +
            (rehearsal ? "virtual" : "real"));
        if (chance(20)) add("event=soreness routine=neck pain=" + std::to_string(pick(0, 10)));
        int worked = 0;
        for (const auto& [routine, point] : kPoints) {
            if (!chance(60)) continue;
            ++worked;
            std::string where = "routine=" + routine;
            where.append(" point=").append(point);
            for (int rep = 1; rep <= pick(1, 3); ++rep) {
                std::string hold = where + " side=left rep=" + std::to_string(rep) +
                                   " step=hold planned=" + std::to_string(pick(20, 60));
                if (chance(80))
                    hold += " pain=" + std::to_string(pick(0, 10));
                else
                    hold += " answer=skip";
                if (chance(50)) hold += " next=" + std::to_string(pick(20, 60));
                add(hold);
            }
            if (point != "temporalis" && chance(70))
                add(where + " side=left rep=1 step=stretch planned=30 pain=" +
                    std::to_string(pick(0, 10)));
        }
        if (chance(85)) {
            static const char* kStatus[] = {"completed", "stopped", "red-flag", "interrupted"};
            add(std::string("event=end status=") + kStatus[pick(0, 3)] +
                " points=" + std::to_string(worked) + " duration=" + std::to_string(at - t) + ".0");
        }
    }
    // Sessions that ran together interleave their lines, in the order they were written.
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line& a, const Line& b) { return a.t < b.t; });
    std::string text = std::string(kLogHeader) + "\n";
    for (auto& l : lines) {
        if (chance(3)) {
            text += "garbage \"never closed\n";  // damaged
        } else if (chance(2)) {
            // A record a crash cut short, marked when the next session opened the log.
            text += l.text.substr(0, static_cast<std::size_t>(pick(1, 30))) +
                    std::string(kCutMark) + "\n";
        } else if (chance(2)) {
            text += l.text + " pain=11\n";  // read, but its pain is refused
        } else {
            text += l.text + "\n";
        }
    }
    if (chance(30)) text.resize(text.size() - static_cast<std::size_t>(pick(2, 25)));  // cut
    return text;
}

struct Answers {
    std::vector<std::optional<int>> holds;
    std::vector<bool> gentle;
    std::vector<std::optional<std::int64_t>> worked;
    std::optional<RedFlagCheck> flag;
    std::vector<std::string> warnings;
};

std::vector<SessionPoint> points_of(const std::vector<std::string>& routines) {
    std::vector<SessionPoint> out;
    for (const auto& [routine, id] : kPoints) {
        if (std::find(routines.begin(), routines.end(), routine) == routines.end()) continue;
        Point p;
        p.id = id;
        p.name = id;
        if (id != "temporalis") p.stretch_cue = "Stretch.";
        out.push_back({routine, p, std::nullopt, false});
    }
    return out;
}

Answers answers(const Recall& r, const std::vector<SessionPoint>& points, std::int64_t now,
                const LogProblems& problems) {
    Answers a;
    for (const auto& p : points) {
        a.holds.push_back(learned_hold(r, p));
        a.gentle.push_back(learned_gentle_stretch(r, p));
        a.worked.push_back(worked_recently(r, p, now));
    }
    a.flag = red_flag_follow_up(r, points, now);
    a.warnings = log_warnings(problems, "log");
    return a;
}

void check_same(const Answers& forward, const Answers& backward, bool warnings) {
    CHECK(forward.holds == backward.holds);
    CHECK(forward.gentle == backward.gentle);
    CHECK(forward.worked == backward.worked);
    REQUIRE(forward.flag.has_value() == backward.flag.has_value());
    if (forward.flag) {
        CHECK(forward.flag->time == backward.flag->time);
        CHECK(forward.flag->hours_ago == backward.flag->hours_ago);
        CHECK(forward.flag->points == backward.flag->points);
    }
    if (warnings) CHECK(forward.warnings == backward.warnings);
}

std::vector<RecallNeed> needs_of(const std::vector<SessionPoint>& points) {
    std::vector<RecallNeed> out;
    out.reserve(points.size());
    for (const auto& p : points)
        out.push_back({{p.origin_routine(), p.origin_point()}, !p.point.stretch_cue.empty()});
    return out;
}

}  // namespace

TEST_CASE("reading the log backwards learns what reading it forwards does") {
    int flags = 0, holds = 0, recent = 0, damaged = 0;
    for (unsigned seed = 1; seed <= 400; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        const std::string text = generate(rng, static_cast<int>(seed % 40) + 1);
        const std::vector<std::string> routines =
            seed % 3 == 0 ? std::vector<std::string>{"neck"} : std::vector<std::string>{"neck", "jaw"};
        const auto points = points_of(routines);
        // Soon after the last session, and two days on.
        const std::int64_t last = parse_log_time(text.substr(text.rfind("time=") + 5, 20))
                                      .value_or(LogTime{})
                                      .epoch;
        // The scans do not depend on the time: read each way once, answer at both times.
        RecallBuilder forward(routines);
        LogScan fs = scan_sessions_text(text, [&](LoggedSession&& s) { forward.add(s); });
        RecallBuilder early(routines);
        ReverseLogReader reader(LogReader::FromText{}, text);
        LogScan es = recall_from_end(reader, needs_of(points), early);
        // Read back to its start, the warnings are the same too.
        RecallBuilder whole(routines);
        ReverseLogReader all(LogReader::FromText{}, text);
        LogScan ws = recall_from_end(all, needs_of(points), whole, true);
        for (std::int64_t now : {last + 3600, last + std::int64_t{47} * 3600}) {
            CAPTURE(now);
            const Answers want = answers(forward.recall(), points, now, fs.problems);
            check_same(want, answers(early.recall(), points, now, es.problems), false);
            check_same(want, answers(whole.recall(), points, now, ws.problems), true);

            flags += want.flag ? 1 : 0;
            holds += static_cast<int>(std::count_if(want.holds.begin(), want.holds.end(),
                                                    [](auto h) { return h.has_value(); }));
            recent += static_cast<int>(std::count_if(want.worked.begin(), want.worked.end(),
                                                     [](auto w) { return w.has_value(); }));
            damaged += fs.problems.damaged > 0 ? 1 : 0;
        }
    }
    // The generated logs reach every kind of answer.
    CHECK(flags > 20);
    CHECK(holds > 200);
    CHECK(recent > 50);
    CHECK(damaged > 200);
}

TEST_CASE("reading backwards stops at the latest sessions it needs") {
    // A damaged line near the start, then many sessions of the point: reading forwards
    // sees the damage; reading backwards stops long before it, with the same hold.
    std::string text = std::string(kLogHeader) + "\nnot a record\n";
    for (int i = 0; i < 200; ++i) {
        const std::int64_t t = kEpoch + std::int64_t{i} * 86400;
        const std::string id = " session=S" + std::to_string(i) + " ";
        text += "time=" + stamp(t) + id + "event=start routines=neck clock=real\n";
        text += "time=" + stamp(t + 60) + id +
                "routine=neck point=trap side=left rep=1 step=hold planned=30 pain=5 next=" +
                std::to_string(20 + i % 40) + "\n";
        text += "time=" + stamp(t + 120) + id + "event=end status=completed points=1 duration=120.0\n";
    }
    Point p;
    p.id = "trap";
    p.name = "Trap";
    const std::vector<SessionPoint> points{{"neck", p, std::nullopt, false}};
    RecallBuilder forward({"neck"});
    LogScan fs = scan_sessions_text(text, [&](LoggedSession&& s) { forward.add(s); });
    RecallBuilder backward({"neck"});
    ReverseLogReader reader(LogReader::FromText{}, text);
    LogScan bs = recall_from_end(reader, needs_of(points), backward);
    CHECK(fs.problems.damaged == 1);
    CHECK(fs.problems.first_line == 2);
    CHECK(bs.problems.damaged == 0);
    REQUIRE(learned_hold(backward.recall(), points[0]).has_value());
    CHECK(learned_hold(backward.recall(), points[0]) == learned_hold(forward.recall(), points[0]));
    CHECK(*learned_hold(backward.recall(), points[0]) == 20 + 199 % 40);
}

TEST_CASE("reading backwards: a cut last line and a damaged one are reported by line") {
    const std::string text = std::string(kLogHeader) +
                             "\n"
                             "time=2026-01-01T00:00:00Z session=A event=start routines=neck\n"
                             "junk\n"
                             "time=2026-01-01T00:00:10Z session=A event=end status=completed "
                             "points=0 duration=10.0\n"
                             "time=2026-01-01T00:01:00Z session=B event=st";
    ReverseLogReader reader(LogReader::FromText{}, text);
    LogRecord r;
    std::vector<std::string> ids;
    while (reader.next(r)) ids.emplace_back(r.get(LogKey::session));
    reader.settle();
    CHECK(ids == std::vector<std::string>{"A", "A"});
    CHECK(reader.problems().damaged == 2);
    CHECK(reader.problems().first_line == 3);
    CHECK(reader.problems().first_why.find("expected '='") != std::string::npos);
}
