// `knead history`: past sessions and per-point trends, as text, TSV or JSON.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "commands.hpp"
#include "error.hpp"
#include "knead/day_table.hpp"
#include "knead/exit_codes.hpp"
#include "knead/history.hpp"
#include "knead/json.hpp"
#include "knead/log_time.hpp"
#include "knead/paths.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_loader.hpp"
#include "knead/sparkline.hpp"
#include "knead/suggest.hpp"
#include "knead/text_plot.hpp"
#include "knead/utf8.hpp"
#include "log_input.hpp"
#include "terminal.hpp"

namespace knead {
namespace {

// At most `n` bytes, marking a cut with "..." (ids are ASCII in practice).
std::string fit_bytes(std::string s, std::size_t n) {
    if (s.size() <= n) return s;
    std::size_t cut = n - 3;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "...";
}

std::string date_text(const std::string& time) {
    return time.size() >= 16 ? time.substr(0, 10) + " " + time.substr(11, 5) : time;
}

std::string duration_text(double seconds) {
    long s = std::lround(seconds);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

// A mean pain: whole when it is whole, else one decimal.
std::string pain_text(double p) {
    if (std::abs(p - std::round(p)) < 0.05) return fmt::format("{}", std::lround(p));
    return fmt::format("{:.1f}", p);
}

std::string pains(const HistorySession& s) {
    if (!s.pain_first) return "-";
    return pain_text(*s.pain_first) + " -> " + pain_text(*s.pain_last);
}

// The JSON document in three parts, so that the sessions can be written as they come.
JsonWriter json_head(const std::string& log) {
    JsonWriter w = JsonWriter::document();
    w.key("log").value(log).key("sessions").array();
    return w;
}

void json_session(JsonWriter& w, const HistorySession& s) {
    w.object().key("session").value(s.id).key("time").value(s.time);
    w.key("routines").strings(s.routines);
    w.key("clock").value(s.virtual_clock ? "virtual" : "real");
    w.key("status").value(s.status).key("points").value(s.points);
    w.key("duration").number(s.duration, 1);
    w.key("pain_first").number(s.pain_first, 1).key("pain_last").number(s.pain_last, 1).end();
}

// The points and the end of the document; their entries name sessions in h.sessions.
void json_points(JsonWriter& w, const History& h) {
    w.end().key("points").array();
    for (const auto& p : h.points) {
        w.object().key("routine").value(p.routine).key("point").value(p.point);
        w.key("sessions").array();
        for (const auto& e : p.entries) {
            const auto& s = h.sessions[e.session];
            w.object().key("session").value(s.id).key("time").value(s.time);
            w.key("pain_first").value(e.first_pain).key("pain_last").value(e.last_pain);
            w.key("holds").value(e.holds).key("planned_first").value(e.first_hold);
            w.key("next").value(e.next_hold).end();
        }
        w.end().end();
    }
    w.end().end();
}

void print_json(std::FILE* out, const History& h, const std::string& log) {
    JsonWriter w = json_head(log);
    for (const auto& s : h.sessions) json_session(w, s);
    json_points(w, h);
    fmt::print(out, "{}", w.take());
}

void print_tsv_header(std::FILE* out) {
    fmt::print(out,
               "time\tsession\troutines\tclock\tstatus\tpoints\tduration\tpain_first\tpain_last\n");
}

// One row built in one string and written at once: the whole log's sessions can be many.
void print_tsv_session(std::FILE* out, const HistorySession& s) {
    std::string row;
    row.reserve(128);
    auto it = std::back_inserter(row);
    auto pain = [&](std::optional<double> v) {
        if (v) fmt::format_to(it, "{:.1f}", *v);
    };
    append_printable(row, s.time);
    row += '\t';
    append_printable(row, s.id);
    row += '\t';
    for (std::size_t i = 0; i < s.routines.size(); ++i) {
        if (i > 0) row += ',';
        append_printable(row, s.routines[i]);
    }
    fmt::format_to(it, "\t{}\t", s.virtual_clock ? "virtual" : "real");
    append_printable(row, s.status);
    fmt::format_to(it, "\t{}\t{:.1f}\t", s.points, s.duration);
    pain(s.pain_first);
    row += '\t';
    pain(s.pain_last);
    row += '\n';
    std::fwrite(row.data(), 1, row.size(), out);
}

void print_tsv(std::FILE* out, const History& h) {
    if (h.subject == Subject::all) {
        print_tsv_header(out);
        for (const auto& s : h.sessions) print_tsv_session(out, s);
        return;
    }
    fmt::print(
        out, "time\tsession\troutine\tpoint\tpain_first\tpain_last\tholds\tplanned_first\tnext\n");
    for (const auto& p : h.points)
        for (const auto& e : p.entries) {
            const auto& s = h.sessions[e.session];
            fmt::print(out, "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n", printable(s.time),
                       printable(s.id), printable(p.routine), printable(p.point), e.first_pain,
                       e.last_pain, e.holds, e.first_hold,
                       e.next_hold ? std::to_string(*e.next_hold) : "");
        }
}

// The session list, a line at a time: the heading before the first.
class SessionLines {
  public:
    explicit SessionLines(std::FILE* out) : out_(out) {}
    void add(const HistorySession& s) {
        if (count_++ == 0)
            fmt::print(out_, "{:<16}  {:<16} {:>6} {:>7}  {:<12} {}\n", "DATE", "ROUTINES",
                       "POINTS", "TIME", "STATUS", "PAIN");
        rehearsal_ = rehearsal_ || s.virtual_clock;
        std::string status = printable(s.status) + (s.virtual_clock ? "*" : "");
        fmt::print(out_, "{:<16}  {:<16} {:>6} {:>7}  {:<12} {}\n", printable(date_text(s.time)),
                   fit_bytes(printable(fmt::format("{}", fmt::join(s.routines, ","))), 16),
                   s.points, duration_text(s.duration), status, pains(s));
    }
    void finish() const {
        if (rehearsal_)
            fmt::print(out_,
                       "* run with --no-wait: a rehearsal, left out of trends and learning\n");
    }
    std::size_t count() const { return count_; }

  private:
    std::FILE* out_;
    std::size_t count_ = 0;
    bool rehearsal_ = false;
};

void print_sessions(std::FILE* out, const History& h) {
    SessionLines lines(out);
    for (const auto& s : h.sessions) lines.add(s);
    lines.finish();
}

// How many sessions a trend line shows at this width.
std::size_t trend_room(int width) {
    return static_cast<std::size_t>(std::max(10, width - 1 - 36));
}

// One line per point: a bar per session, oldest to newest, as many as fit the width.
void print_trends(std::FILE* out, const History& h, int width, bool ascii) {
    constexpr std::size_t kName = 22;
    const std::size_t room = trend_room(width);
    std::size_t longest = 0;
    bool cut = false;
    for (const auto& p : h.points) {
        longest = std::max(longest, std::min(room, p.entries.size()));
        cut = cut || p.count > room;
    }
    if (longest == 0) return;
    fmt::print(out, "\nPain at the first hold, a bar per session, oldest to newest{}:\n",
               cut ? fmt::format(" (the last {})", room) : "");
    std::string routine;
    for (const auto& p : h.points) {
        if (p.routine != routine && h.subject != Subject::point) {
            routine = p.routine;
            fmt::print(out, "{}\n", printable(routine));
        }
        std::string name = h.subject == Subject::point ? p.routine + "." + p.point : p.point;
        if (p.entries.empty()) {
            fmt::print(out, "  {:<{}}  (no holds)\n", fit_bytes(printable(name), kName), kName);
            continue;
        }
        std::vector<int> values;
        std::size_t from = p.entries.size() > room ? p.entries.size() - room : 0;
        for (std::size_t i = from; i < p.entries.size(); ++i)
            values.push_back(p.entries[i].first_pain);
        std::string bars = sparkline(values, ascii);
        std::string pad(longest - values.size(), ' ');
        fmt::print(out, "  {:<{}}  {}{}  {} -> {}\n", fit_bytes(printable(name), kName), kName,
                   bars, pad, values.front(), values.back());
    }
}

// For one point: a row per session.
void print_point_table(std::FILE* out, const History& h) {
    for (const auto& p : h.points) {
        fmt::print(out, "\n{}.{}: {} session{} with holds\n", printable(p.routine),
                   printable(p.point), p.entries.size(), p.entries.size() == 1 ? "" : "s");
        if (p.entries.empty()) continue;
        fmt::print(out, "{:<16}  {:>10}  {:<9} {:>5}  {}\n", "DATE", "FIRST HOLD", "PAIN", "HOLDS",
                   "NEXT START");
        for (const auto& e : p.entries) {
            fmt::print(out, "{:<16}  {:>8} s  {:<9} {:>5}  {}\n",
                       printable(date_text(h.sessions[e.session].time)), e.first_hold,
                       fmt::format("{} -> {}", e.first_pain, e.last_pain), e.holds,
                       e.next_hold ? fmt::format("{} s", *e.next_hold) : "-");
        }
    }
}

// --week and --month: the days of the period holding the date given (or today).
int print_day_table(const Context& ctx, const HistoryOptions& o) {
    const std::string& given = o.week ? *o.week : *o.month;
    std::int64_t day = local_day(ctx.now());
    if (!given.empty()) {
        auto d = parse_date(given);
        if (!d)
            throw usage_error(
                fmt::format("{} wants a date as YYYY-MM-DD (like 2026-11-01), not `{}`",
                            o.week ? "--week" : "--month", printable(given)));
        day = *d;
    }
    std::int64_t from = week_start(day), to = from + 6;
    if (o.month) {
        const std::string date = date_string(day);
        const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2));
        from = days_from_civil(y, m, 1);
        to = (m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1)) - 1;
    }
    const std::string path = ctx.log().string();
    DayTableBuilder table(from, to, o.subject);
    if (read_log(
            path, [&](LoggedSession&& s) { table.add(s); }, ctx.err) == LogRead::failed)
        return exit_code::failure;
    for (const auto& line : render_day_table(table.rows(), from, to))
        fmt::print(ctx.out, "{}\n", printable(line));
    return exit_code::ok;
}

// The target band of a point, from its routine when that is on the search path.
PainBand band_of(const RoutineOptions& o, const std::string& routine, const std::string& point) {
    const auto dirs = routine_search_path(o.dirs);
    if (auto file = find_routine(routine, dirs)) {
        auto loaded = load_routine_file(*file, search_path_resolver(dirs), o.base);
        if (loaded.routine)
            for (const auto& p : loaded.routine->points)
                if (p.id == point) return p.dose.target;
    }
    return o.base.target;
}

// Braille needs a terminal that draws it: a dumb one gets ASCII.
bool plot_ascii(bool ascii) {
    const char* term = std::getenv("TERM");
    return ascii || (term && std::string_view(term) == "dumb");
}

// --plot: a chart per point of the pain at its first hold, sized to the window.
void print_plots(std::FILE* out, const History& h, const RoutineOptions& o,
                 const TerminalCaps& caps, bool ascii) {
    for (const auto& p : h.points) {
        const PainBand band = band_of(o, p.routine, p.point);
        fmt::print(out, "\n{}.{}: pain at the first hold, {} session{} (shaded: target {}-{})\n",
                   printable(p.routine), printable(p.point), p.entries.size(),
                   p.entries.size() == 1 ? "" : "s", band.lo, band.hi);
        if (p.entries.empty()) continue;
        TextPlot plot;
        for (const auto& e : p.entries) {
            const auto& s = h.sessions[e.session];
            plot.points.emplace_back(day_position(s.day, s.time), e.first_pain);
        }
        plot.band = band;
        plot.width = caps.out_tty ? caps.width : 80;
        plot.height = std::clamp((caps.out_tty ? caps.height : 24) - 8, 4, 20);
        plot.ascii = ascii;
        for (const auto& line : render_text_plot(plot)) fmt::print(out, "{}\n", line);
    }
}

// What the text says when no session is shown.
int no_sessions(const Context& ctx, const HistoryOptions& o, LogRead read,
                const std::string& path) {
    if (read == LogRead::missing)
        fmt::print(ctx.out,
                   "No sessions yet: there is no log at {}. Start one with `knead run neck`.\n",
                   path);
    else if (o.since)
        fmt::print(ctx.out, "No sessions in {} since {}.\n", path, *o.since);
    else
        fmt::print(ctx.out, "No sessions in {} yet. Start one with `knead run neck`.\n", path);
    return exit_code::ok;
}

// What is printed for a History built whole (a point, a routine.point, --last N).
int print_held(const Context& ctx, const HistoryOptions& o, const History& h, LogRead read,
               const std::string& path) {
    if (o.format == HistoryFormat::json) {
        print_json(ctx.out, h, path);
    } else if (o.format == HistoryFormat::tsv) {
        print_tsv(ctx.out, h);
    }
    if (h.subject == Subject::unknown) {
        std::string hint;
        if (auto m = closest_match(o.subject, h.known_names))
            hint = fmt::format(" Did you mean `{}`?", *m);
        fmt::print(o.format == HistoryFormat::text ? ctx.out : ctx.err,
                   "No sessions of `{}` in {}.{}\n", printable(o.subject), path, hint);
        return exit_code::ok;
    }
    if (o.format != HistoryFormat::text) return exit_code::ok;

    if (h.sessions.empty()) return no_sessions(ctx, o, read, path);
    const TerminalCaps caps = detect_terminal(ColorMode::never);
    const bool ascii = o.ascii || !caps.unicode;
    if (o.plot) {
        print_plots(ctx.out, h, ctx.routines, caps, plot_ascii(ascii));
        return exit_code::ok;
    }
    if (h.subject == Subject::point) {
        print_point_table(ctx.out, h);
    } else {
        print_sessions(ctx.out, h);
    }
    print_trends(ctx.out, h, caps.out_tty ? caps.width : 80, ascii);
    return exit_code::ok;
}

// All sessions, or those of one routine, printed as they come (the list as text, TSV or
// JSON), keeping for what follows (trends, entries, plots) only what it shows. Until a
// session of the routine is read, the subject could still name a point: the sessions that
// could be shown for that are held, and are what is printed if none ever is.
int stream_history(const Context& ctx, const HistoryOptions& o, const HistoryQuery& q,
                   const std::string& path) {
    const TerminalCaps caps = detect_terminal(ColorMode::never);
    const int width = caps.out_tty ? caps.width : 80;
    const bool all = q.subject.empty();
    const bool text = o.format == HistoryFormat::text;
    const bool plot = text && o.plot;
    // What lists every entry (JSON, a routine's TSV, a plot) keeps them; text its trends'.
    const bool every_entry =
        plot || o.format == HistoryFormat::json || (!all && o.format == HistoryFormat::tsv);
    SessionLines lines(ctx.out);
    JsonWriter json = json_head(path);
    std::size_t rows = 0;
    auto shown = [&](const HistorySession& s) {
        if (plot) return;
        if (text) return lines.add(s);
        if (o.format == HistoryFormat::json) {
            json_session(json, s);
            constexpr std::size_t kFlushEvery = 256;
            if (++rows % kFlushEvery == 0) fmt::print(ctx.out, "{}", json.take());
            return;
        }
        if (!all) return;  // a routine's TSV lists its points' entries, at the end
        if (rows++ == 0) print_tsv_header(ctx.out);
        print_tsv_session(ctx.out, s);
    };
    HistoryBuilder builder(q.since_day, every_entry ? HistoryBuilder::kAll : trend_room(width),
                           shown, q.subject);
    HistoryBuilder held(std::nullopt, q.subject);
    bool routine = all;
    const LogRead read = read_log(
        path,
        [&](LoggedSession&& s) {
            if (!routine &&
                std::find(s.routines.begin(), s.routines.end(), q.subject) != s.routines.end()) {
                routine = true;
                held = HistoryBuilder();
            }
            if (routine) return builder.add(std::move(s));
            held.add(std::move(s));
        },
        ctx.err);
    if (read == LogRead::failed) return exit_code::failure;
    if (!routine) return print_held(ctx, o, held.build(q), read, path);
    History h = builder.build(q);
    if (o.format == HistoryFormat::json) {
        json_points(json, h);
        fmt::print(ctx.out, "{}", json.take());
        return exit_code::ok;
    }
    if (o.format == HistoryFormat::tsv) {
        if (!all) print_tsv(ctx.out, h);
        if (all && rows == 0) print_tsv_header(ctx.out);
        return exit_code::ok;
    }
    if (builder.shown() == 0) return no_sessions(ctx, o, read, path);
    const bool ascii = o.ascii || !caps.unicode;
    if (plot) {
        print_plots(ctx.out, h, ctx.routines, caps, plot_ascii(ascii));
        return exit_code::ok;
    }
    lines.finish();
    print_trends(ctx.out, h, width, ascii);
    return exit_code::ok;
}

}  // namespace

int history_command(const Context& ctx, const HistoryOptions& o) {
    if (o.week || o.month) return print_day_table(ctx, o);
    HistoryQuery q;
    q.subject = o.subject;
    if (o.since) {
        q.since_day = parse_date(*o.since);
        if (!q.since_day)
            throw usage_error(
                fmt::format("--since wants a date as YYYY-MM-DD (like 2026-11-01), not `{}`",
                            printable(*o.since)));
    }
    if (o.last) q.last = static_cast<std::size_t>(*o.last);

    const std::string path = ctx.log().string();
    // A subject with no dot is a routine as soon as a session of it is read: streamed.
    if (!q.last && q.subject.find('.') == std::string::npos) return stream_history(ctx, o, q, path);
    // Of all sessions, only the last N are shown: only they need keeping.
    HistoryBuilder builder(q.subject.empty() ? q.last : std::nullopt, q.subject);
    auto add = [&](LoggedSession&& s) { builder.add(std::move(s)); };
    // The last N of all sessions are at the end of the log: read only that far back.
    LogRead read = q.subject.empty() && q.last
                       ? read_latest(path, *q.last, q.since_day, add, ctx.err)
                       : read_log(path, add, ctx.err);
    if (read == LogRead::failed) return exit_code::failure;
    return print_held(ctx, o, builder.build(q), read, path);
}

}  // namespace knead
