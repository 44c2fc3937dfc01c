#include "knead/log_time.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace knead {
namespace {

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;  // by hand, not from_chars: every record's time comes here
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool read_date(std::string_view s, int& y, int& m, int& d) {
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
        !digits(s, 8, 2, d))
        return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

}  // namespace

// Howard Hinnant's days_from_civil: exact for every Gregorian date.
std::int64_t days_from_civil(int year, int month, int day) {
    const std::int64_t y = year - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::optional<LogTime> parse_log_time(std::string_view s) {
    int y, mo, d, h, mi, sec;
    if (!read_date(s, y, mo, d) || s.size() < 20 || s[10] != 'T' || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return std::nullopt;
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    int offset = 0;
    std::string_view zone = s.substr(19);
    if (zone == "Z") {
        offset = 0;
    } else {
        int oh, om;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !digits(zone, 1, 2, oh) ||
            zone[3] != ':' || !digits(zone, 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    }
    LogTime t;
    t.day = days_from_civil(y, mo, d);
    t.epoch = t.day * 86400 + std::int64_t{h} * 3600 + std::int64_t{mi} * 60 + sec - offset;
    return t;
}

std::optional<LogTime> LogTimeParser::parse(std::string_view s) {
    // "YYYY-MM-DDTHH:" and the zone from byte 19 on were checked for last_: the minutes
    // and seconds at 14-18 are all that can differ.
    constexpr std::size_t kHour = 14, kZone = 19;
    int mi = 0, sec = 0;
    if (size_ > 0 && s.size() == size_ && std::memcmp(s.data(), last_.data(), kHour) == 0 &&
        std::memcmp(s.data() + kZone, last_.data() + kZone, size_ - kZone) == 0) {
        if (!digits(s, kHour, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec) || mi > 59 ||
            sec > 60)
            return std::nullopt;
        return LogTime{hour_ + std::int64_t{mi} * 60 + sec, day_};
    }
    auto t = parse_log_time(s);
    if (!t || s.size() > kMax) return t;
    digits(s, kHour, 2, mi);
    digits(s, 17, 2, sec);
    std::memcpy(last_.data(), s.data(), s.size());
    size_ = s.size();
    hour_ = t->epoch - std::int64_t{mi} * 60 - sec;
    day_ = t->day;
    return t;
}

std::optional<std::int64_t> parse_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || !read_date(s, y, m, d)) return std::nullopt;
    return days_from_civil(y, m, d);
}

std::int64_t local_day(WallTime t) {
    std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm local{};
    localtime_r(&tt, &local);
    return days_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

double day_position(std::int64_t day, std::string_view time) {
    int h = 0, m = 0, sec = 0;
    if (time.size() >= 19 && digits(time, 11, 2, h) && digits(time, 14, 2, m) &&
        digits(time, 17, 2, sec))
        return static_cast<double>(day) + std::min(h * 3600 + m * 60 + sec, 86399) / 86400.0;
    return static_cast<double>(day);
}

std::string date_string(std::int64_t day) {
    // Howard Hinnant's civil_from_days, the inverse of days_from_civil.
    const std::int64_t z = day + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(y),
                  static_cast<int>(m), static_cast<int>(d));
    return buf;
}

std::int64_t week_start(std::int64_t day) {
    // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
    std::int64_t since_monday = ((day + 3) % 7 + 7) % 7;
    return day - since_monday;
}

}  // namespace knead
