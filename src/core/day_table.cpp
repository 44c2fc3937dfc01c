#include "knead/day_table.hpp"

#include <fmt/format.h>

#include <cmath>

#include "knead/log_time.hpp"

namespace knead {
namespace {

std::string clock_text(double seconds) {
    const long s = std::lround(seconds);
    return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

std::string pain_text(const DayRow& r) {
    if (r.pains == 0) return "-";
    const double p = r.pain_sum / r.pains;
    if (std::abs(p - std::round(p)) < 0.05) return fmt::format("{}", std::lround(p));
    return fmt::format("{:.1f}", p);
}

// ISO 8601 week number: the week holding the year's first Thursday is week 1.
int iso_week(std::int64_t day) {
    const std::int64_t thursday = week_start(day) + 3;
    const std::string date = date_string(thursday);
    const int year = std::stoi(date.substr(0, 4));
    return static_cast<int>((thursday - days_from_civil(year, 1, 1)) / 7 + 1);
}

const char* weekday(std::int64_t day) {
    static constexpr const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return kNames[day - week_start(day)];
}

}  // namespace

void DayTableBuilder::add(const LoggedSession& s) {
    if (s.virtual_clock || s.day < from_ || s.day > to_) return;
    auto wanted = [&](const LoggedPoint& p) {
        return subject_.empty() || subject_ == p.routine || subject_ == p.point ||
               subject_ == p.routine + "." + p.point;
    };
    bool any = subject_.empty();
    for (const auto& r : s.routines) any = any || r == subject_;
    for (const auto& p : s.worked) any = any || wanted(p);
    if (!any) return;
    std::string routines;
    for (const auto& r : s.routines) routines += (routines.empty() ? "" : ",") + r;
    auto& rows = days_[s.day];
    DayRow* row = nullptr;
    for (auto& r : rows)
        if (r.routines == routines) row = &r;
    if (!row) {
        row = &rows.emplace_back();
        row->day = s.day;
        row->routines = routines;
    }
    ++row->sessions;
    row->seconds += s.duration;
    for (const auto& p : s.worked)
        if (p.first_hold_pain && wanted(p)) {
            row->pain_sum += *p.first_hold_pain;
            ++row->pains;
        }
}

std::vector<DayRow> DayTableBuilder::rows() const {
    std::vector<DayRow> out;
    for (const auto& [day, rows] : days_) out.insert(out.end(), rows.begin(), rows.end());
    return out;
}

std::vector<std::string> render_day_table(const std::vector<DayRow>& rows, std::int64_t from,
                                          std::int64_t to) {
    std::size_t name = 8;
    for (const auto& r : rows) name = std::max(name, r.routines.size());
    std::vector<std::string> out;
    out.push_back(fmt::format("{:<4}{:<11}{:<4}{:<{}} {:>8} {:>8} {:>5} {:>8}", "Wk", "Date", "Day",
                              "Routines", name, "Sessions", "Time", "Pain", "Total"));
    out.push_back(fmt::format("{:<4}{:<11}{:<4}{:<{}} {:>8} {:>8} {:>5} {:>8}", "--", "----", "---",
                              "--------", name, "--------", "----", "----", "-----"));
    double total = 0;
    int last_week = -1;
    std::size_t i = 0;
    for (std::int64_t day = from; day <= to; ++day) {
        const int week = iso_week(day);
        std::string wk = week != last_week ? fmt::format("W{}", week) : "";
        last_week = week;
        double day_total = 0;
        std::size_t first = i;
        while (i < rows.size() && rows[i].day == day) day_total += rows[i++].seconds;
        total += day_total;
        if (first == i) {
            std::string line = fmt::format("{:<4}{:<11}{}", wk, date_string(day), weekday(day));
            out.push_back(line);
            continue;
        }
        for (std::size_t k = first; k < i; ++k) {
            const DayRow& r = rows[k];
            const bool head = k == first;
            std::string line =
                fmt::format("{:<4}{:<11}{:<4}{:<{}} {:>8} {:>8} {:>5} {:>8}", head ? wk : "",
                            head ? date_string(day) : "", head ? weekday(day) : "", r.routines,
                            name, r.sessions, clock_text(r.seconds), pain_text(r),
                            k + 1 == i ? clock_text(day_total) : "");
            while (line.ends_with(" ")) line.pop_back();
            out.push_back(line);
        }
    }
    const std::size_t width = 4 + 11 + 4 + name + 1 + 8 + 1 + 8 + 1 + 5 + 1 + 8;
    out.push_back(std::string(width - 8, ' ') + std::string(8, '-'));
    out.push_back(fmt::format("{:>{}}", clock_text(total), width));
    return out;
}

}  // namespace knead
