#include "knead/history.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace knead {

std::uint32_t HistoryBuilder::intern(const std::string& routine, const std::string& point) {
    auto [it, added] =
        index_.try_emplace({routine, point}, static_cast<std::uint32_t>(points_.size()));
    if (added) points_.emplace_back(routine, point);
    return it->second;
}

namespace {

// Whether `a` is listed after `b`: sessions are listed by start, then by line.
template <typename S>
bool later(const S& a, const S& b) {
    return a.session.start != b.session.start ? a.session.start > b.session.start
                                              : a.session.line > b.session.line;
}

}  // namespace

void HistoryBuilder::show(Stored&& s) {
    if (since_day_ && s.session.day < *since_day_) return;
    ++shown_count_;
    shown_(s.session);
    // Trends come from real-clock sessions only: a --no-wait run is a rehearsal.
    if (s.session.virtual_clock) return;
    if (trends_.size() < points_.size()) trends_.resize(points_.size());
    bool named = false;
    for (const auto& w : s.worked) {
        if (!routine_.empty() && points_[w.point].first != routine_) continue;
        Trend& t = trends_[w.point];
        t.shown = true;
        if (!w.entry) continue;
        ++t.count;
        TrendEntry e = *w.entry;
        if (window_ == kAll) {
            // What lists an entry names its session: keep just what it says of it.
            if (!named) {
                const HistorySession& h = s.session;
                named_.push_back({});
                named_.back().id = h.id;
                named_.back().time = h.time;
                named_.back().start = h.start;
                named_.back().day = h.day;
                named_.back().line = h.line;
                named = true;
            }
            e.session = named_.size() - 1;
        }
        t.latest.push_back(e);
        if (t.latest.size() > window_) t.latest.pop_front();
    }
}

History HistoryBuilder::build_streamed() {
    std::sort(sessions_.begin(), sessions_.end(),
              [](const Stored& a, const Stored& b) { return later(b, a); });
    for (auto& s : sessions_) show(std::move(s));
    sessions_.clear();
    History out;
    if (!routine_.empty()) out.subject = Subject::routine;
    out.sessions = std::move(named_);
    for (std::size_t p = 0; p < trends_.size(); ++p) {
        if (!trends_[p].shown) continue;
        out.points.push_back({points_[p].first,
                              points_[p].second,
                              {trends_[p].latest.begin(), trends_[p].latest.end()},
                              trends_[p].count});
    }
    return out;
}

namespace {

bool lists(const std::vector<std::string>& routines, const std::string& r) {
    return std::find(routines.begin(), routines.end(), r) != routines.end();
}

}  // namespace

// Whether `s` is kept for subject_ as build() may read it: a routine, a point by its id,
// or routine.point.
bool HistoryBuilder::could_show(const Stored& s) const {
    if (lists(s.session.routines, subject_)) return true;
    const auto dot = subject_.rfind('.');
    return std::any_of(s.worked.begin(), s.worked.end(), [&](const Worked& w) {
        const auto& [routine, point] = points_[w.point];
        return point == subject_ ||
               (dot != std::string::npos && subject_.compare(0, dot, routine) == 0 &&
                subject_.compare(dot + 1, std::string::npos, point) == 0);
    });
}

void HistoryBuilder::add(LoggedSession&& s) {
    // Streamed for one routine: the sessions without it are not listed, nor their points.
    if (shown_ && !routine_.empty() && !lists(s.routines, routine_)) return;
    Stored st;
    HistorySession& h = st.session;
    h.id = std::move(s.id);
    h.time = std::move(s.time);
    h.start = s.start;
    h.day = s.day;
    h.line = s.line;
    h.routines = std::move(s.routines);
    h.virtual_clock = s.virtual_clock;
    h.status = std::move(s.status);
    h.points = s.points;
    h.duration = s.duration;
    int held = 0, first = 0, last = 0;
    st.worked.reserve(s.worked.size());
    for (const auto& p : s.worked) {
        Worked w{intern(p.routine, p.point), {}};
        if (p.first_hold_pain) {
            ++held;
            first += *p.first_hold_pain;
            last += *p.last_hold_pain;
            w.entry = TrendEntry{0,       *p.first_hold_pain, *p.last_hold_pain,
                                 p.holds, p.first_hold,       p.next_hold};
        }
        st.worked.push_back(w);
    }
    if (held > 0) {
        h.pain_first = static_cast<double>(first) / held;
        h.pain_last = static_cast<double>(last) / held;
    }
    if (shown_) {
        // A heap of the sessions waiting their turn, the earliest on top: those that start
        // before every session still to come are shown (see LoggedSession::settled).
        sessions_.push_back(std::move(st));
        std::push_heap(sessions_.begin(), sessions_.end(), later<Stored>);
        while (!sessions_.empty() &&
               (sessions_.size() > kReorder || sessions_.front().session.start < s.settled)) {
            std::pop_heap(sessions_.begin(), sessions_.end(), later<Stored>);
            show(std::move(sessions_.back()));
            sessions_.pop_back();
        }
        return;
    }
    if (!subject_.empty() && !could_show(st)) {
        routine_names_.insert(st.session.routines.begin(), st.session.routines.end());
        return;
    }
    sessions_.push_back(std::move(st));
    if (keep_last_ && sessions_.size() >= 2 * *keep_last_ + 64) prune();
}

// Keeps the latest keep_last_ sessions; amortised, as it runs once per keep_last_ + 64.
void HistoryBuilder::prune() {
    const auto keep = static_cast<std::ptrdiff_t>(*keep_last_);
    std::nth_element(sessions_.begin(), sessions_.begin() + keep, sessions_.end(), later<Stored>);
    sessions_.erase(sessions_.begin() + keep, sessions_.end());
}

History HistoryBuilder::build(const HistoryQuery& q) {
    if (shown_) return build_streamed();
    History out;
    std::vector<std::size_t> order(sessions_.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = sessions_[a].session;
        const auto& y = sessions_[b].session;
        return x.start != y.start ? x.start < y.start : x.line < y.line;
    });

    // Which points the subject names, and which sessions it keeps.
    std::vector<bool> matched(points_.size(), q.subject.empty());
    auto has_routine = [&](const Stored& s, const std::string& r) {
        return lists(s.session.routines, r);
    };
    std::optional<std::string> by_routine;
    if (q.subject.empty()) {
        out.subject = Subject::all;
    } else if (auto dot = q.subject.rfind('.');
               dot != std::string::npos &&
               index_.contains({q.subject.substr(0, dot), q.subject.substr(dot + 1)})) {
        out.subject = Subject::point;
        matched[index_.at({q.subject.substr(0, dot), q.subject.substr(dot + 1)})] = true;
    } else if (std::any_of(sessions_.begin(), sessions_.end(),
                           [&](const Stored& s) { return has_routine(s, q.subject); })) {
        out.subject = Subject::routine;
        by_routine = q.subject;
        for (std::size_t i = 0; i < points_.size(); ++i) matched[i] = points_[i].first == q.subject;
    } else {
        for (std::size_t i = 0; i < points_.size(); ++i)
            matched[i] = points_[i].second == q.subject;
        out.subject = std::find(matched.begin(), matched.end(), true) != matched.end()
                          ? Subject::point
                          : Subject::unknown;
    }
    if (out.subject == Subject::unknown) {
        std::set<std::string> names;
        for (const auto& [routine, point] : points_) {
            names.insert(routine);
            names.insert(point);
        }
        for (const auto& s : sessions_)
            names.insert(s.session.routines.begin(), s.session.routines.end());
        names.insert(routine_names_.begin(), routine_names_.end());
        out.known_names.assign(names.begin(), names.end());
        return out;
    }

    std::vector<std::size_t> kept;
    for (std::size_t i : order) {
        const Stored& s = sessions_[i];
        if (q.since_day && s.session.day < *q.since_day) continue;
        bool wanted = out.subject == Subject::all || (by_routine && has_routine(s, *by_routine)) ||
                      std::any_of(s.worked.begin(), s.worked.end(),
                                  [&](const Worked& w) { return matched[w.point]; });
        if (wanted) kept.push_back(i);
    }
    if (q.last && kept.size() > *q.last)
        kept.erase(kept.begin(), kept.end() - static_cast<std::ptrdiff_t>(*q.last));

    // Trends come from real-clock sessions only: a --no-wait run is a rehearsal.
    std::vector<bool> shown(points_.size(), false);
    for (std::size_t i : kept)
        for (const auto& w : sessions_[i].worked)
            if (matched[w.point] && !sessions_[i].session.virtual_clock) shown[w.point] = true;
    std::vector<std::size_t> slot(points_.size(), 0);
    for (std::size_t p = 0; p < points_.size(); ++p) {
        if (!shown[p]) continue;
        slot[p] = out.points.size();
        out.points.push_back({points_[p].first, points_[p].second, {}});
    }
    out.sessions.reserve(kept.size());
    for (std::size_t i : kept) {
        Stored& s = sessions_[i];
        const std::size_t at = out.sessions.size();
        out.sessions.push_back(std::move(s.session));
        if (out.sessions.back().virtual_clock) continue;
        for (const auto& w : s.worked) {
            if (!shown[w.point] || !w.entry) continue;
            TrendEntry e = *w.entry;
            e.session = at;
            out.points[slot[w.point]].entries.push_back(e);
            ++out.points[slot[w.point]].count;
        }
    }
    return out;
}

}  // namespace knead
