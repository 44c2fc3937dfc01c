#include "knead/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "knead/log_time.hpp"

namespace knead {
namespace {

std::optional<double> non_negative(std::string_view s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}

// Appends one session's mark, merging it into the last mark while that holds fewer than
// `per_mark` sessions; past kMaxMarks, neighbours merge in pairs and marks hold twice as
// many. A long period thus draws as a line of means, in bounded memory.
template <typename Mark>
void add_mark(std::vector<Mark>& marks, int& per_mark, const Mark& m) {
    if (!marks.empty() && marks.back().sessions < per_mark) {
        marks.back().merge(m);
        return;
    }
    marks.push_back(m);
    if (marks.size() <= kMaxMarks) return;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < marks.size(); i += 2) {
        Mark merged = marks[i];
        if (i + 1 < marks.size()) merged.merge(marks[i + 1]);
        marks[kept++] = merged;
    }
    marks.resize(kept);
    per_mark *= 2;
}

bool subject_matches(std::string_view subject, std::string_view routine, std::string_view point) {
    if (subject == routine || (!point.empty() && subject == point)) return true;
    return !point.empty() && subject.size() == routine.size() + 1 + point.size() &&
           subject.starts_with(routine) && subject[routine.size()] == '.' &&
           subject.ends_with(point);
}

double weighted(double a, int na, double b, int nb) {
    return (a * na + b * nb) / (na + nb);
}

}  // namespace

void PainMark::merge(const PainMark& o) {
    x = weighted(x, sessions, o.x, o.sessions);
    first = weighted(first, sessions, o.first, o.sessions);
    last = weighted(last, sessions, o.last, o.sessions);
    sessions += o.sessions;
}

void DoseMark::merge(const DoseMark& o) {
    x = weighted(x, sessions, o.x, o.sessions);
    planned = weighted(planned, sessions, o.planned, o.sessions);
    done = weighted(done, sessions, o.done, o.sessions);
    sessions += o.sessions;
}

ReportBuilder::ReportBuilder(ReportQuery q)
    : q_(std::move(q)),
      sessions_([this](LoggedSession&& s) { session(std::move(s)); }),
      matched_(q_.subjects.size(), false) {}

bool ReportBuilder::matches(std::string_view routine, std::string_view point) const {
    if (q_.subjects.empty()) return true;
    for (const auto& s : q_.subjects)
        if (subject_matches(s, routine, point)) return true;
    return false;
}

bool ReportBuilder::matches(const LoggedSession& s, const Open* o) const {
    if (q_.subjects.empty()) return true;
    for (const auto& r : s.routines)
        if (matches(r, "")) return true;
    if (o)
        for (const auto& side : o->sides)
            if (matches(side.routine, side.point)) return true;
    return false;
}

void ReportBuilder::add(const LogRecord& r, LogProblems& problems) {
    const std::size_t damaged = problems.damaged;
    current_ = &r;
    sessions_.add(r, problems);  // an end record hands its session to session() here
    current_ = nullptr;
    if (problems.damaged != damaged) return;
    if (r.get(LogKey::event) == "skip") return skipped_side(r, open_[std::string(r.get(LogKey::session))]);
    if (!r.get(LogKey::event).empty() || r.get(LogKey::step).empty()) return;
    // A step the assembler took: the details a report shows and a session summary lacks.
    step(r, open_[std::string(r.get(LogKey::session))]);
}

void ReportBuilder::count_skip(Open& o, const LogRecord& r, std::string_view step,
                               std::string why) {
    const std::string_view routine = r.get(LogKey::routine);
    const std::string_view point = r.get(LogKey::point);
    const std::string_view side = r.get(LogKey::side);
    auto it = std::find_if(o.skips.begin(), o.skips.end(), [&](const SkipCount& k) {
        return k.routine == routine && k.point == point && k.side == side && k.step == step &&
               k.why == why;
    });
    if (it == o.skips.end())
        o.skips.push_back({std::string(routine), std::string(point), std::string(side),
                           std::string(step), why, 1, std::string(r.get(LogKey::time))});
    else
        ++it->times;
}

void ReportBuilder::skipped_side(const LogRecord& r, Open& o) {
    const std::string_view why = r.get(LogKey::why);
    std::string text = why == "answer"  ? "side skipped: answered s"
                       : why == "next"  ? "side skipped with n"
                       : why == "point" ? "side skipped with the whole point (N)"
                                        : fmt::format("side skipped ({})", why);
    count_skip(o, r, "", std::move(text));
}

void ReportBuilder::step(const LogRecord& r, Open& o) {
    const std::string_view routine = r.get(LogKey::routine);
    const std::string_view point = r.get(LogKey::point);
    const std::string_view side = r.get(LogKey::side);
    const std::string_view step = r.get(LogKey::step);
    for (std::size_t i = 0; i < q_.subjects.size(); ++i)
        if (!matched_[i] && subject_matches(q_.subjects[i], routine, point)) matched_[i] = true;

    const std::string_view answer = r.get(LogKey::answer);
    if (answer == "red-flag")
        o.flag = RedFlagStop{std::string(r.get(LogKey::time)), std::string(routine), std::string(point),
                             std::string(side), std::string(step)};

    // What the step itself says; a side skipped whole also has a record of its own
    // (skipped_side), which logs written before that record existed lack.
    if (answer == "skip")
        count_skip(o, r, step, "answered s (skip)");
    else if (r.get(LogKey::early) == "skip")
        count_skip(o, r, step, "cut short with s");
    else if (r.get(LogKey::early) == "next")
        count_skip(o, r, step, "rest of the point skipped with n");

    if (step != "hold") return;
    auto it = std::find_if(o.sides.rbegin(), o.sides.rend(), [&](const Side& s) {
        return s.point == point && s.side == side && s.routine == routine;
    });
    Side* s = nullptr;
    if (it == o.sides.rend()) {
        s = &o.sides.emplace_back();
        s->routine = routine;
        s->point = point;
        s->side = side;
    } else {
        s = &*it;
    }
    s->planned += non_negative(r.get(LogKey::planned)).value_or(0);
    s->done += non_negative(r.get(LogKey::actual)).value_or(0);
    if (r.has(LogKey::pain)) {
        const int pain = static_cast<int>(non_negative(r.get(LogKey::pain)).value_or(0));
        if (s->holds++ == 0) s->first = pain;
        s->last = pain;
    }
}

void ReportBuilder::session(LoggedSession&& s) {
    Open o;
    if (auto it = open_.find(s.id); it != open_.end()) {
        o = std::move(it->second);
        open_.erase(it);
    }
    if (q_.since_day && s.day < *q_.since_day) return;
    if (!matches(s, &o)) return;
    for (std::size_t i = 0; i < q_.subjects.size(); ++i)
        for (const auto& r : s.routines) matched_[i] = matched_[i] || q_.subjects[i] == r;
    if (s.virtual_clock) {
        ++out_.rehearsals;
        return;
    }

    ++out_.sessions;
    if (s.status == kUnfinished) ++out_.unfinished;
    out_.first_day = std::min(out_.first_day.value_or(s.day), s.day);
    out_.last_day = std::max(out_.last_day.value_or(s.day), s.day);
    for (const auto& r : s.routines) {
        bool wanted = matches(r, "");
        for (const auto& side : o.sides)
            wanted = wanted || (side.routine == r && matches(side.routine, side.point));
        if (wanted &&
            std::find(out_.routines.begin(), out_.routines.end(), r) == out_.routines.end())
            out_.routines.push_back(r);
    }

    DayWork& d = days_[s.day];
    d.day = s.day;
    ++d.sessions;
    d.minutes += s.duration / 60;
    // Only the calendar's span is kept: 53 weeks back from the newest day.
    while (days_.size() > 1 && days_.begin()->first < days_.rbegin()->first - kCalendarDays)
        days_.erase(days_.begin());

    const double x = day_position(s.day, s.time);
    DoseMark dose{x, 0, 0, 1};
    for (const auto& side : o.sides) {
        if (!matches(side.routine, side.point)) continue;
        dose.planned += side.planned;
        dose.done += side.done;
        if (side.holds == 0) continue;
        auto it = std::find_if(out_.series.begin(), out_.series.end(), [&](const PainSeries& p) {
            return p.point == side.point && p.side == side.side && p.routine == side.routine;
        });
        if (it == out_.series.end()) {
            PainSeries fresh;
            fresh.routine = side.routine;
            fresh.point = side.point;
            fresh.side = side.side;
            out_.series.push_back(std::move(fresh));
            it = out_.series.end() - 1;
            it->first_pain = side.first;
            it->first_day = s.day;
        }
        add_mark(it->marks, it->per_mark,
                 PainMark{x, static_cast<double>(side.first), static_cast<double>(side.last), 1});
        ++it->sessions;
        it->holds += side.holds;
        it->latest_pain = side.first;
        it->last_day = s.day;
        it->first_sum += side.first;
        it->last_sum += side.last;
    }
    if (!o.sides.empty()) add_mark(out_.dose, out_.dose_per_mark, dose);

    for (const auto& sore : s.soreness) {
        if (!matches(sore.routine, "") && !q_.subjects.empty()) {
            bool worked = false;  // a point subject: the soreness of the routine it was in
            for (const auto& side : o.sides)
                worked =
                    worked || (side.routine == sore.routine && matches(side.routine, side.point));
            if (!worked) continue;
        }
        out_.soreness.push_back({s.time, sore.routine, sore.pain});
        if (out_.soreness.size() > kMaxListed) {
            out_.soreness.pop_front();
            ++out_.soreness_more;
        }
    }

    if (s.status == "red-flag") {
        RedFlagStop stop;
        if (o.flag) {
            stop = *o.flag;
        } else if (current_) {  // the end record names the step under way, if there was one
            stop = {std::string(current_->get("time")), std::string(current_->get("routine")),
                    std::string(current_->get("point")), std::string(current_->get("side")),
                    std::string(current_->get("step"))};
        }
        if (stop.time.empty()) stop.time = s.time;
        out_.red_flags.push_back(std::move(stop));
        if (out_.red_flags.size() > kMaxListed) {
            out_.red_flags.pop_front();
            ++out_.red_flags_more;
        }
    }

    for (auto& k : o.skips) {
        if (!matches(k.routine, k.point)) continue;
        auto it = std::find_if(out_.skips.begin(), out_.skips.end(), [&](const SkipCount& e) {
            return e.routine == k.routine && e.point == k.point && e.side == k.side &&
                   e.step == k.step && e.why == k.why;
        });
        if (it != out_.skips.end()) {
            it->times += k.times;
            it->last_time = k.last_time;
        } else if (out_.skips.size() < kMaxListed) {
            out_.skips.push_back(std::move(k));
        }
    }
}

Report ReportBuilder::finish() {
    sessions_.finish();
    open_.clear();
    const std::int64_t last = std::max(q_.today, out_.last_day.value_or(q_.today));
    out_.period_from = std::min(q_.since_day.value_or(out_.first_day.value_or(last)), last);
    const std::int64_t from = std::max(out_.period_from, last - kCalendarDays + 1);
    out_.calendar_from = from;
    out_.calendar_to = last;
    for (const auto& [day, work] : days_)
        if (day >= from && day <= last) out_.days.push_back(work);
    for (std::size_t i = 0; i < q_.subjects.size(); ++i)
        if (!matched_[i]) out_.unmatched.push_back(q_.subjects[i]);
    return std::move(out_);
}

namespace {

LogScan build_report(LogReader& reader, const ReportQuery& q, Report& out) {
    LogScan scan;
    scan.missing = reader.missing();
    scan.special = reader.special();
    ReportBuilder builder(q);
    if (!reader.error().empty() && !reader.missing()) {
        scan.error = reader.error();
    } else {
        LogRecord r;
        while (reader.next(r)) builder.add(r, reader.problems());
        scan.error = reader.error();  // a read error part-way
    }
    out = builder.finish();
    scan.problems = reader.problems();
    return scan;
}

std::string pain_words(double v) {
    if (std::abs(v - std::round(v)) < 0.05) return fmt::format("{}", std::lround(v));
    return fmt::format("{:.1f}", v);
}

}  // namespace

LogScan read_report(const std::filesystem::path& path, const ReportQuery& q, Report& out) {
    LogReader reader(path);
    return build_report(reader, q, out);
}

LogScan read_report_text(std::string_view text, const ReportQuery& q, Report& out) {
    LogReader reader(LogReader::FromText{}, text);
    return build_report(reader, q, out);
}

std::string series_summary(const PainSeries& s) {
    if (s.sessions == 0) return "no answered holds";
    const double first = s.first_sum / s.sessions;
    const double last = s.last_sum / s.sessions;
    std::string within =
        first > last ? fmt::format("within a session it eased from {} to {} on average",
                                   pain_words(first), pain_words(last))
        : first < last
            ? fmt::format("within a session it rose from {} to {} on average", pain_words(first),
                          pain_words(last))
            : fmt::format("within a session it stayed at {} on average", pain_words(first));
    if (s.sessions == 1)
        return fmt::format("pain at first hold was {} in its one session, {} at its last hold",
                           s.first_pain, pain_words(last));
    const std::string trend = s.latest_pain < s.first_pain
                                  ? fmt::format("fell from {} to {}", s.first_pain, s.latest_pain)
                              : s.latest_pain > s.first_pain
                                  ? fmt::format("rose from {} to {}", s.first_pain, s.latest_pain)
                                  : fmt::format("stayed at {}", s.first_pain);
    return fmt::format("pain at first hold {} over {} sessions; {}", trend, s.sessions, within);
}

}  // namespace knead
