// knead history's selection: subjects, dates, the last N, and trends.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "knead/history.hpp"
#include "knead/log_time.hpp"

using knead::History;
using knead::HistoryBuilder;
using knead::HistoryQuery;
using knead::Subject;

namespace {

// A session on day `day` of November 2026 working neck's two points, with the given
// pains at the first hold of each (and one hold each).
std::string neck_session(int day, int trap, int sub, bool rehearsal = false) {
    std::string id = "S" + std::to_string(day);
    std::string t = "2026-11-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T07:";
    return "time=" + t + "30:00+01:00 session=" + id +
           " event=start routines=neck clock=" + (rehearsal ? "virtual" : "real") + "\n" +
           "time=" + t + "31:00+01:00 session=" + id +
           " routine=neck point=trap step=hold planned=30 pain=" + std::to_string(trap) + "\n" +
           "time=" + t + "32:00+01:00 session=" + id +
           " routine=neck point=sub step=hold planned=25 pain=" + std::to_string(sub) + "\n" +
           "time=" + t + "33:00+01:00 session=" + id +
           " event=end status=completed points=2 duration=180\n";
}

History build(const std::string& log, const HistoryQuery& q = {}) {
    HistoryBuilder b;
    knead::scan_sessions_text(log, [&](knead::LoggedSession&& s) { b.add(std::move(s)); });
    return b.build(q);
}

std::string log_of_ten() {
    std::string log;
    for (int d = 1; d <= 10; ++d) log += neck_session(d, 10 - d / 2, 5);
    log +=
        "time=2026-11-20T07:30:00Z session=J event=start routines=jaw clock=real\n"
        "time=2026-11-20T07:31:00Z session=J routine=jaw point=masseter step=hold planned=30 "
        "pain=4\n"
        "time=2026-11-20T07:33:00Z session=J event=end status=stopped points=1 duration=90\n";
    return log;
}

}  // namespace

TEST_CASE("every session, oldest first, with mean pain at the first and last holds") {
    auto h = build(neck_session(2, 8, 4) + neck_session(1, 6, 3));
    CHECK(h.subject == Subject::all);
    REQUIRE(h.sessions.size() == 2);
    CHECK(h.sessions[0].id == "S1");
    CHECK(h.sessions[1].id == "S2");
    CHECK(*h.sessions[1].pain_first == doctest::Approx(6.0));
    CHECK(*h.sessions[1].pain_last == doctest::Approx(6.0));
    REQUIRE(h.points.size() == 2);
    CHECK(h.points[0].point == "trap");
    REQUIRE(h.points[0].entries.size() == 2);
    CHECK(h.points[0].entries[0].first_pain == 6);
    CHECK(h.points[0].entries[1].first_pain == 8);
    CHECK(h.points[0].entries[1].session == 1);
}

TEST_CASE("a trend from a synthetic month: the first-hold pain falls") {
    auto h = build(log_of_ten(), {"neck", {}, {}});
    CHECK(h.subject == Subject::routine);
    CHECK(h.sessions.size() == 10);
    REQUIRE(h.points.size() == 2);
    const auto& trap = h.points[0];
    REQUIRE(trap.entries.size() == 10);
    CHECK(trap.entries.front().first_pain == 10);
    CHECK(trap.entries.back().first_pain == 5);
    for (std::size_t i = 1; i < trap.entries.size(); ++i)
        CHECK(trap.entries[i].first_pain <= trap.entries[i - 1].first_pain);
}

TEST_CASE("a point by its id, or as routine.point") {
    auto by_id = build(log_of_ten(), {"masseter", {}, {}});
    CHECK(by_id.subject == Subject::point);
    REQUIRE(by_id.sessions.size() == 1);
    CHECK(by_id.sessions[0].id == "J");
    REQUIRE(by_id.points.size() == 1);
    CHECK(by_id.points[0].routine == "jaw");

    auto dotted = build(log_of_ten(), {"neck.sub", {}, {}});
    CHECK(dotted.subject == Subject::point);
    CHECK(dotted.sessions.size() == 10);
    REQUIRE(dotted.points.size() == 1);
    CHECK(dotted.points[0].point == "sub");
}

TEST_CASE("an unknown subject offers the names the log knows") {
    auto h = build(log_of_ten(), {"nek", {}, {}});
    CHECK(h.subject == Subject::unknown);
    CHECK(h.sessions.empty());
    CHECK(std::find(h.known_names.begin(), h.known_names.end(), "neck") != h.known_names.end());
    CHECK(std::find(h.known_names.begin(), h.known_names.end(), "trap") != h.known_names.end());
}

TEST_CASE("--since keeps sessions from that day; --last the newest N") {
    auto since = build(log_of_ten(), {"", knead::days_from_civil(2026, 11, 8), {}});
    REQUIRE(since.sessions.size() == 4);  // 8, 9, 10 and the jaw session on the 20th
    CHECK(since.sessions[0].id == "S8");

    auto last = build(log_of_ten(), {"neck", {}, 3});
    REQUIRE(last.sessions.size() == 3);
    CHECK(last.sessions[0].id == "S8");
    CHECK(last.points[0].entries.size() == 3);
    CHECK(last.points[0].entries[0].session == 0);
}

TEST_CASE("rehearsals (--no-wait) are listed but left out of trends") {
    auto h = build(neck_session(1, 6, 3) + neck_session(2, 9, 9, true));
    CHECK(h.sessions.size() == 2);
    CHECK(h.sessions[1].virtual_clock);
    REQUIRE(h.points.size() == 2);
    CHECK(h.points[0].entries.size() == 1);

    auto only = build(neck_session(2, 9, 9, true));
    CHECK(only.sessions.size() == 1);
    CHECK(only.points.empty());
}

TEST_CASE("history of all sessions with --last N keeps only N, however long the log") {
    // 1,000 sessions over 1,000 minutes, handed over out of order as a log can.
    std::vector<knead::LoggedSession> all;
    for (int i = 0; i < 1000; ++i) {
        knead::LoggedSession s;
        s.id = "s" + std::to_string(i);
        s.start = 1'700'000'000 + i * 60;
        s.line = static_cast<std::size_t>(i) + 1;
        s.routines = {"neck"};
        s.status = "completed";
        all.push_back(std::move(s));
    }
    std::swap(all[10], all[999]);  // the newest arrives early
    HistoryBuilder b(5);
    for (auto& s : all) b.add(std::move(s));
    auto h = b.build({"", {}, 5});
    REQUIRE(h.sessions.size() == 5);
    for (int k = 0; k < 5; ++k)
        CHECK(h.sessions[static_cast<std::size_t>(k)].id == "s" + std::to_string(995 + k));
    CHECK(b.kept() <= 2 * 5 + 64);
}

TEST_CASE("streamed history of all sessions holds a bounded number, in the listed order") {
    // 20,000 sessions, each holding `trap`: pairs of them in one second, and sessions
    // that end (so arrive) up to 200 places after later ones, as open sessions do.
    auto make = [](int i) {
        knead::LoggedSession s;
        s.id = "s" + std::to_string(i);
        s.start = 1'700'000'000 + (i / 2) * 60;
        s.line = static_cast<std::size_t>(i) + 1;
        s.routines = {"neck"};
        s.status = "completed";
        s.virtual_clock = i % 7 == 0;
        s.worked.push_back({"neck", "trap", 1, i % 11, i % 11, 30, 30, {}});
        return s;
    };
    constexpr int kSessions = 20'000;
    std::vector<int> arrival;
    arrival.reserve(kSessions);
    for (int i = 0; i < kSessions; ++i) arrival.push_back(i);
    for (int i = 0; i + 200 < kSessions; i += 401) std::swap(arrival[i], arrival[i + 200]);

    std::vector<std::string> shown;
    HistoryBuilder streamed(std::nullopt, 10,
                            [&](const knead::HistorySession& s) { shown.push_back(s.id); });
    HistoryBuilder whole;
    std::size_t most = 0;
    for (int i : arrival) {
        streamed.add(make(i));
        whole.add(make(i));
        most = std::max(most, streamed.kept());
    }
    CHECK(most <= HistoryBuilder::kReorder);  // not one per session
    const History s = streamed.build({});
    const History w = whole.build({});
    CHECK(streamed.kept() == 0);
    CHECK(s.sessions.empty());
    REQUIRE(shown.size() == w.sessions.size());
    for (std::size_t k = 0; k < shown.size(); ++k) REQUIRE(shown[k] == w.sessions[k].id);
    REQUIRE(s.points.size() == 1);
    REQUIRE(w.points.size() == 1);
    CHECK(s.points[0].count == w.points[0].entries.size());
    REQUIRE(s.points[0].entries.size() == 10);  // only the window
    for (std::size_t k = 0; k < 10; ++k)
        CHECK(s.points[0].entries[k].first_pain ==
              w.points[0].entries[w.points[0].entries.size() - 10 + k].first_pain);
}

TEST_CASE("streamed history lists killed sessions in their place, and holds only a few") {
    // 6,000 sessions five minutes apart, every 100th killed (no end record): fewer are
    // open at once than a sweep by count waits for, so they must go stale by time, or
    // they would arrive thousands of places late and be listed out of order.
    std::string log;
    for (int i = 0; i < 6000; ++i) {
        const long long t = 1'700'000'000LL + 300LL * i;
        auto stamp = [](long long e) {
            const long long day = e / 86400, s = e % 86400;
            return knead::date_string(day) +
                   fmt::format("T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60);
        };
        const std::string id = "s" + std::to_string(i);
        log += "time=" + stamp(t) + " session=" + id + " event=start routines=neck clock=real\n";
        log += "time=" + stamp(t + 30) + " session=" + id +
               " routine=neck point=trap step=hold planned=30 pain=" + std::to_string(i % 11) +
               "\n";
        if (i % 100 != 7)
            log += "time=" + stamp(t + 60) + " session=" + id +
                   " event=end status=completed points=1 duration=60\n";
    }
    std::vector<std::string> shown;
    HistoryBuilder streamed(std::nullopt, 10,
                            [&](const knead::HistorySession& s) { shown.push_back(s.id); });
    HistoryBuilder whole;
    std::size_t most = 0;
    knead::scan_sessions_text(log, [&](knead::LoggedSession&& s) {
        knead::LoggedSession copy = s;
        whole.add(std::move(copy));
        streamed.add(std::move(s));
        most = std::max(most, streamed.kept());
    });
    const History s = streamed.build({});
    const History w = whole.build({});
    REQUIRE(shown.size() == 6000);
    REQUIRE(w.sessions.size() == 6000);
    for (std::size_t k = 0; k < shown.size(); ++k) REQUIRE(shown[k] == w.sessions[k].id);
    // A killed session waits about 7 hours of the log to go stale: some 90 sessions.
    CHECK(most <= 200);
}
