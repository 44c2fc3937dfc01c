#include "knead/log_record.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <ctime>

#include "knead/version.hpp"

namespace knead {
namespace {

std::pair<std::string, std::string> kv(LogKey key, std::string value) {
    return {std::string(key_name(key)), std::move(value)};
}

std::string seconds_text(double s) {
    return fmt::format("{:.1f}", s);
}

// A point is logged under the routine and id it was written with, so that a point taken
// with `use` learns and trends as one.
void add_point(Fields& f, const SessionPoint& p) {
    f.push_back(kv(LogKey::routine, p.origin_routine()));
    f.push_back(kv(LogKey::point, p.origin_point()));
}

// Last in the record: the routine that ran a point taken with `use`.
void add_via(Fields& f, const SessionPoint& p) {
    if (p.origin_routine() != p.routine) f.push_back(kv(LogKey::via, p.routine));
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
    return {kv(LogKey::time, iso8601(t)),
            kv(LogKey::session, s.id),
            kv(LogKey::event, "start"),
            kv(LogKey::routines, fmt::format("{}", fmt::join(s.routines, ","))),
            kv(LogKey::clock, s.virtual_clock ? "virtual" : "real"),
            kv(LogKey::version, std::string(kVersion))};
}

Fields step_record(WallTime t, const SessionInfo& s, const SessionPoint& p, const StepResult& r) {
    Fields f{kv(LogKey::time, iso8601(t)), kv(LogKey::session, s.id)};
    add_point(f, p);
    f.insert(f.end(), {kv(LogKey::side, std::string(to_string(r.step.side))),
                       kv(LogKey::rep, std::to_string(r.step.rep)),
                       kv(LogKey::step, std::string(to_string(r.step.phase))),
                       kv(LogKey::planned, std::to_string(r.step.planned)),
                       kv(LogKey::actual, seconds_text(r.actual))});
    if (r.pain) f.push_back(kv(LogKey::pain, std::to_string(*r.pain)));
    if (r.next) f.push_back(kv(LogKey::next, std::to_string(*r.next)));
    if (!r.answer.empty()) f.push_back(kv(LogKey::answer, r.answer));
    if (r.paused > 0) f.push_back(kv(LogKey::paused, seconds_text(r.paused)));
    if (r.adjusted != 0) f.push_back(kv(LogKey::adjusted, fmt::format("{:+d}", r.adjusted)));
    if (!r.early.empty()) f.push_back(kv(LogKey::early, r.early));
    add_via(f, p);
    return f;
}

Fields skip_record(WallTime t, const SessionInfo& s, const SessionPoint& p, Side side,
                   SkipWhy why) {
    Fields f{kv(LogKey::time, iso8601(t)), kv(LogKey::session, s.id), kv(LogKey::event, "skip")};
    add_point(f, p);
    f.push_back(kv(LogKey::side, std::string(to_string(side))));
    f.push_back(kv(LogKey::why, std::string(to_string(why))));
    add_via(f, p);
    return f;
}

Fields soreness_record(WallTime t, const SessionInfo& s, const std::string& routine, int soreness) {
    return {kv(LogKey::time, iso8601(t)),
            kv(LogKey::session, s.id),
            kv(LogKey::event, "soreness"),
            kv(LogKey::routine, routine),
            kv(LogKey::pain, std::to_string(soreness))};
}

Fields end_record(WallTime t, const SessionInfo& s, Status status, int points_done, double seconds,
                  const Step* under_way, const SessionPoint* point) {
    Fields f{kv(LogKey::time, iso8601(t)),
             kv(LogKey::session, s.id),
             kv(LogKey::event, "end"),
             kv(LogKey::status, std::string(to_string(status))),
             kv(LogKey::points, std::to_string(points_done)),
             kv(LogKey::duration, seconds_text(seconds))};
    if (under_way && point) {
        add_point(f, *point);
        f.push_back(kv(LogKey::side, std::string(to_string(under_way->side))));
        f.push_back(kv(LogKey::step, std::string(to_string(under_way->phase))));
        add_via(f, *point);
    }
    return f;
}

}  // namespace knead
