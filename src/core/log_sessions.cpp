#include "knead/log_sessions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <functional>
#include <queue>
#include <tuple>
#include <type_traits>

#include "knead/log_time.hpp"

namespace knead {
namespace {

template <typename T>
std::optional<T> field_number(std::string_view s) {
    if constexpr (std::is_same_v<T, int>) {
        // Most are one to three digits: read those here, the rest (signs, overflow) below.
        if (!s.empty() && s.size() <= 3) {
            int v = 0;
            bool plain = true;
            for (const char c : s) {
                plain = plain && c >= '0' && c <= '9';
                v = v * 10 + (c - '0');
            }
            if (plain) return v;
        }
    }
    T v{};
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<int> pain_value(std::string_view s) {
    auto v = field_number<int>(s);
    if (!v || *v < 0 || *v > 10) return std::nullopt;
    return v;
}

LoggedPoint& point_in(LoggedSession& s, std::string_view routine, std::string_view point) {
    // A session works a handful of points, mostly in order: look from the back.
    for (auto it = s.worked.rbegin(); it != s.worked.rend(); ++it)
        if (it->point == point && it->routine == routine) return *it;
    s.worked.push_back({std::string(routine), std::string(point), 0, {}, {}, 0, {}, {}});
    return s.worked.back();
}

}  // namespace

LoggedSession* SessionAssembler::session_for(std::string_view id, std::int64_t epoch,
                                             std::int64_t day, std::string_view time,
                                             std::size_t line) {
    if (last_ && last_->id == id) return last_;
    auto it = open_.find(id);
    if (it == open_.end()) {
        auto s = std::make_unique<LoggedSession>();
        s->id = id;
        s->time = time;
        s->start = s->last = epoch;
        s->day = day;
        s->line = line;
        // A session opened can go stale: sweep by then at the latest.
        sweep_time_ = std::min(sweep_time_, epoch + kStaleSeconds);
        std::string key = s->id;
        it = open_.emplace(std::move(key), std::move(s)).first;
    }
    return last_ = it->second.get();
}

// What a session handed over at `now` can promise of those still to come: they are open
// now, or start later (less the slack).
std::int64_t SessionAssembler::settled(std::int64_t now) const {
    std::int64_t earliest = now == INT64_MAX ? now : now - kSlack;
    for (const auto& [id, s] : open_) earliest = std::min(earliest, s->start);
    return earliest;
}

void SessionAssembler::close(std::string_view id, std::int64_t now) {
    auto it = open_.find(id);
    if (it == open_.end()) return;
    if (last_ == it->second.get()) last_ = nullptr;
    LoggedSession s = std::move(*it->second);
    open_.erase(it);
    s.settled = settled(now);
    sink_(std::move(s));
}

void SessionAssembler::add(const LogRecord& r, LogProblems& problems) {
    const std::string_view time = r.get(LogKey::time);
    const std::string_view id = r.get(LogKey::session);
    auto t = times_.parse(time);
    if (!t) return problems.damage(r.line(), fmt::format("`time={}` is not a time", time));
    if (id.empty()) return problems.damage(r.line(), "the session id is empty");

    const std::string_view event = r.get(LogKey::event);
    if (event.empty()) {
        const std::string_view step = r.get(LogKey::step);
        if (step.empty()) return;  // a kind of record this version does not know
        const std::string_view routine = r.get(LogKey::routine);
        const std::string_view point = r.get(LogKey::point);
        if (routine.empty() || point.empty())
            return problems.damage(r.line(), "a step without its routine or point");
        std::optional<int> pain;
        if (r.has(LogKey::pain)) {
            pain = pain_value(r.get(LogKey::pain));
            if (!pain)
                return problems.damage(r.line(),
                                       fmt::format("`pain={}` is not 0-10", r.get(LogKey::pain)));
        }
        auto planned = field_number<int>(r.get(LogKey::planned));
        if (!planned || *planned < 0)
            return problems.damage(
                r.line(), fmt::format("`planned={}` is not seconds", r.get(LogKey::planned)));
        std::optional<int> next;
        if (r.has(LogKey::next)) {
            next = field_number<int>(r.get(LogKey::next));
            if (!next || *next < 0)
                return problems.damage(
                    r.line(), fmt::format("`next={}` is not seconds", r.get(LogKey::next)));
        }
        LoggedSession* s = session_for(id, t->epoch, t->day, time, r.line());
        s->last = std::max(s->last, t->epoch);
        if (std::find(s->routines.begin(), s->routines.end(), routine) == s->routines.end())
            s->routines.emplace_back(routine);
        LoggedPoint& p = point_in(*s, routine, point);
        if (step == "stretch" && pain) p.last_stretch_pain = pain;
        if (step == "hold" && pain) {
            if (p.holds++ == 0) {
                p.first_hold_pain = pain;
                p.first_hold = *planned;
            }
            p.last_hold_pain = pain;
            p.next_hold = next ? *next : *planned;
        }
        return;
    }

    if (event == "start") {
        if (!open_.contains(id)) drop_stale(t->epoch);
        LoggedSession* s = session_for(id, t->epoch, t->day, time, r.line());
        s->time = time;
        s->start = t->epoch;
        s->day = t->day;
        s->routines.clear();
        std::string_view list = r.get(LogKey::routines);
        while (!list.empty()) {
            auto comma = list.find(',');
            if (comma != 0) s->routines.emplace_back(list.substr(0, comma));
            if (comma == std::string_view::npos) break;
            list.remove_prefix(comma + 1);
        }
        s->virtual_clock = r.get(LogKey::clock) == "virtual";
    } else if (event == "end") {
        auto points = field_number<int>(r.get(LogKey::points));
        auto duration = field_number<double>(r.get(LogKey::duration));
        if (r.get(LogKey::status).empty() || !points || !duration)
            return problems.damage(r.line(),
                                   "an end record without its status, points or duration");
        LoggedSession* s = session_for(id, t->epoch, t->day, time, r.line());
        s->status = r.get(LogKey::status);
        s->points = *points;
        s->duration = *duration;
        s->last = std::max(s->last, t->epoch);
        close(id, t->epoch);
    } else if (event == "soreness") {
        auto pain = pain_value(r.get(LogKey::pain));
        if (r.get(LogKey::routine).empty() || !pain)
            return problems.damage(r.line(), "a soreness record without its routine or 0-10 pain");
        LoggedSession* s = session_for(id, t->epoch, t->day, time, r.line());
        s->soreness.push_back({std::string(r.get(LogKey::routine)), *pain});
    }
    // Other events come from newer versions: nothing here to learn from them.
}

void SessionAssembler::hand_over(std::vector<std::unique_ptr<LoggedSession>> left,
                                 std::int64_t now) {
    std::sort(left.begin(), left.end(), [](const auto& a, const auto& b) {
        return a->start != b->start ? a->start < b->start : a->line < b->line;
    });
    const std::int64_t later = settled(now);
    for (auto& s : left) {
        s->status = kUnfinished;
        s->points = static_cast<int>(s->worked.size());
        s->duration = static_cast<double>(s->last - s->start);
        s->settled = std::min(later, s->start);  // the rest of `left` starts no earlier
        sink_(std::move(*s));
    }
}

void SessionAssembler::drop_stale(std::int64_t now) {
    if (open_.size() < sweep_at_ && now < sweep_time_) return;
    // Sessions silent for hours were killed: they will not go on. If that is not enough
    // (a log of sessions that all began together), the longest silent go first.
    std::vector<std::unique_ptr<LoggedSession>> left;
    for (auto it = open_.begin(); it != open_.end();) {
        if (it->second->last < now - kStaleSeconds) {
            left.push_back(std::move(it->second));
            it = open_.erase(it);
        } else {
            ++it;
        }
    }
    if (open_.size() >= kMaxOpen) {
        std::vector<std::tuple<std::int64_t, std::size_t, std::string>> by_last;
        by_last.reserve(open_.size());
        for (const auto& [id, s] : open_) by_last.emplace_back(s->last, s->line, id);
        std::sort(by_last.begin(), by_last.end());
        for (std::size_t i = 0; i + kSweepAt / 2 < by_last.size(); ++i) {
            auto it = open_.find(std::get<2>(by_last[i]));
            left.push_back(std::move(it->second));
            open_.erase(it);
        }
    }
    last_ = nullptr;
    // A sweep costs the open sessions: not at every start.
    sweep_at_ = std::min(open_.size() + kSweepAt, kMaxOpen);
    std::int64_t quiet = INT64_MAX;  // the earliest that one still open can go stale
    for (const auto& [id, s] : open_) quiet = std::min(quiet, s->last);
    sweep_time_ =
        quiet == INT64_MAX ? INT64_MAX : std::max(now + kSweepEvery, quiet + kStaleSeconds);
    hand_over(std::move(left), now);
}

void SessionAssembler::finish() {
    std::vector<std::unique_ptr<LoggedSession>> left;
    left.reserve(open_.size());
    for (auto& [id, s] : open_) left.push_back(std::move(s));
    open_.clear();
    last_ = nullptr;
    hand_over(std::move(left), INT64_MAX);
}

namespace {

LogScan assemble_sessions(LogReader& reader, const SessionAssembler::Sink& sink) {
    LogScan out;
    if (!opened(reader, out)) return out;
    SessionAssembler sessions(sink);
    LogRecord r;
    while (reader.next(r)) sessions.add(r, reader.problems());
    out.error = reader.error();  // a read error part-way
    sessions.finish();
    out.problems = reader.problems();
    return out;
}

}  // namespace

LogScan scan_sessions(const std::filesystem::path& path, const SessionAssembler::Sink& sink) {
    LogReader reader(path);
    return assemble_sessions(reader, sink);
}

LogScan scan_sessions_text(std::string_view text, const SessionAssembler::Sink& sink) {
    LogReader reader(LogReader::FromText{}, text);
    return assemble_sessions(reader, sink);
}

}  // namespace knead

namespace knead {

void RecentSessions::replay(std::vector<std::pair<std::size_t, std::string>> lines) {
    std::size_t end_line = SIZE_MAX;
    SessionAssembler assembler([&](LoggedSession&& s) {
        Arrival at{end_line, s.start, s.line};
        ready_.emplace_back(std::move(s), at);
    });
    LogRecord r;
    std::string why;
    // Held latest first: the assembler takes them in the order they were written.
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        if (!r.read(it->second, it->first, why)) continue;  // cannot be: it was read before
        end_line = r.line();
        assembler.add(r, reader_.problems());
    }
    end_line = SIZE_MAX;
    assembler.finish();
}

// A session whose start record was never read (damaged, or it ran for hours) is handed
// over once the reading is far before its records.
void RecentSessions::close_stale() {
    for (auto it = held_.begin(); it != held_.end();) {
        if (it->second.earliest - reached_ <= SessionAssembler::kStaleSeconds) {
            ++it;
            continue;
        }
        auto lines = std::move(it->second.lines);
        it = held_.erase(it);
        replay(std::move(lines));
    }
}

bool RecentSessions::next(LoggedSession& s, Arrival& at) {
    LogRecord r;
    while (ready_.empty()) {
        if (!reader_.next(r)) {
            // The start of the log: what is held never had its start record read.
            for (auto& [id, held] : held_) replay(std::move(held.lines));
            held_.clear();
            if (ready_.empty()) return false;
            break;
        }
        const std::string_view id = r.get(LogKey::session);
        const auto t = times_.parse(r.get(LogKey::time));
        if (!t || id.empty()) {
            replay({{r.line(), std::string(r.text())}});  // the assembler says what is wrong
            continue;
        }
        reached_ = t->epoch;
        auto [it, fresh] = held_.try_emplace(std::string(id));
        it->second.lines.emplace_back(r.line(), std::string(r.text()));
        it->second.earliest = t->epoch;
        if (r.get(LogKey::event) == "start") {
            auto lines = std::move(it->second.lines);
            held_.erase(it);
            replay(std::move(lines));
        }
        if (!held_.empty()) close_stale();
    }
    s = std::move(ready_.back().first);
    at = ready_.back().second;
    ready_.pop_back();
    return true;
}

}  // namespace knead

namespace knead {

LogScan scan_latest_sessions(ReverseLogReader& reader, std::size_t n,
                             std::optional<std::int64_t> since_day,
                             const SessionAssembler::Sink& sink) {
    LogScan out;
    if (!opened(reader, out)) return out;
    // The starts of the latest n sessions handed over: once all that is left started
    // before the earliest of them (or before since_day), none of it can be shown.
    constexpr std::int64_t kSlack = SessionAssembler::kSlack;
    std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> latest;
    RecentSessions recent(reader);
    LoggedSession s;
    RecentSessions::Arrival at;
    while (n > 0 && recent.next(s, at)) {
        const std::int64_t start = s.start, day = s.day;
        if (since_day && day < *since_day) {
            if (recent.all_before(start - kSlack)) break;
            continue;
        }
        sink(std::move(s));
        latest.push(start);
        if (latest.size() > n) latest.pop();
        if (latest.size() == n && recent.all_before(latest.top() - kSlack)) break;
    }
    reader.settle();
    out.error = reader.error();
    out.problems = reader.problems();
    return out;
}

}  // namespace knead
