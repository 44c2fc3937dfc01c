#include "knead/log_record.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ctime>

#include "knead/version.hpp"

namespace knead {
namespace {

std::string seconds_text(double s) {
    return fmt::format("{:.1f}", s);
}

// A point is logged under the routine and id it was written with, so that a point taken
// with `use` learns and trends as one.
void add_point(Fields& f, const SessionPoint& p) {
    f.emplace_back("routine", p.origin_routine());
    f.emplace_back("point", p.origin_point());
}

// Last in the record: the routine that ran a point taken with `use`.
void add_via(Fields& f, const SessionPoint& p) {
    if (p.origin_routine() != p.routine) f.emplace_back("via", p.routine);
}

}  // namespace

void record_answer(StepResult& r, const Answer& a) {
    switch (a.kind) {
        case AnswerKind::pain:
            r.pain = a.pain;
            break;
        case AnswerKind::skip:
            r.answer = "skip";
            break;
        case AnswerKind::quit:
            r.answer = "quit";
            break;
        case AnswerKind::red_flag:
            r.answer = "red-flag";
            break;
        case AnswerKind::timeout:
            r.answer = "timeout";
            break;
        default:
            r.answer = "none";
            break;
    }
}

std::string iso8601(WallTime t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm local{};
    localtime_r(&tt, &local);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &local);
    // strftime writes +0100; ISO 8601's extended form, which the rest uses, is +01:00.
    std::string_view s(buf);
    return fmt::format("{}:{}", s.substr(0, s.size() - 2), s.substr(s.size() - 2));
}

std::string make_session_id(WallTime t, unsigned salt) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&tt, &utc);  // UTC, so that ids sort by time across clock changes
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
    return fmt::format("{}-{:04x}", buf, salt & 0xFFFF);
}

Fields start_record(WallTime t, const SessionInfo& s) {
    return {{"time", iso8601(t)},
            {"session", s.id},
            {"event", "start"},
            {"routines", fmt::format("{}", fmt::join(s.routines, ","))},
            {"clock", s.virtual_clock ? "virtual" : "real"},
            {"version", std::string(kVersion)}};
}

Fields step_record(WallTime t, const SessionInfo& s, const SessionPoint& p, const StepResult& r) {
    Fields f{{"time", iso8601(t)}, {"session", s.id}};
    add_point(f, p);
    f.insert(f.end(), {{"side", std::string(to_string(r.step.side))},
                       {"rep", std::to_string(r.step.rep)},
                       {"step", std::string(to_string(r.step.phase))},
                       {"planned", std::to_string(r.step.planned)},
                       {"actual", seconds_text(r.actual)}});
    if (r.pain) f.emplace_back("pain", std::to_string(*r.pain));
    if (r.next) f.emplace_back("next", std::to_string(*r.next));
    if (!r.answer.empty()) f.emplace_back("answer", r.answer);
    if (r.paused > 0) f.emplace_back("paused", seconds_text(r.paused));
    if (r.adjusted != 0) f.emplace_back("adjusted", fmt::format("{:+d}", r.adjusted));
    if (!r.early.empty()) f.emplace_back("early", r.early);
    add_via(f, p);
    return f;
}

Fields skip_record(WallTime t, const SessionInfo& s, const SessionPoint& p, Side side,
                   SkipWhy why) {
    Fields f{{"time", iso8601(t)}, {"session", s.id}, {"event", "skip"}};
    add_point(f, p);
    f.emplace_back("side", std::string(to_string(side)));
    f.emplace_back("why", std::string(to_string(why)));
    add_via(f, p);
    return f;
}

Fields soreness_record(WallTime t, const SessionInfo& s, const std::string& routine, int soreness) {
    return {{"time", iso8601(t)},
            {"session", s.id},
            {"event", "soreness"},
            {"routine", routine},
            {"pain", std::to_string(soreness)}};
}

Fields end_record(WallTime t, const SessionInfo& s, Status status, int points_done, double seconds,
                  const Step* under_way, const SessionPoint* point) {
    Fields f{{"time", iso8601(t)},
             {"session", s.id},
             {"event", "end"},
             {"status", std::string(to_string(status))},
             {"points", std::to_string(points_done)},
             {"duration", seconds_text(seconds)}};
    if (under_way && point) {
        add_point(f, *point);
        f.emplace_back("side", std::string(to_string(under_way->side)));
        f.emplace_back("step", std::string(to_string(under_way->phase)));
        add_via(f, *point);
    }
    return f;
}

}  // namespace knead
