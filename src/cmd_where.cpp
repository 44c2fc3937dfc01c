// `knead where`: which points can send pain to a place, across every routine on the path.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "commands.hpp"
#include "knead/body_map.hpp"
#include "knead/body_words.hpp"
#include "knead/complaint_words.hpp"
#include "knead/exit_codes.hpp"
#include "knead/json.hpp"
#include "knead/paths.hpp"
#include "knead/refer_match.hpp"
#include "knead/routine_cache.hpp"
#include "knead/routine_library.hpp"
#include "knead/utf8.hpp"
#include "knead/wrap.hpp"
#include "terminal.hpp"

namespace knead {
namespace {

// Where the text goes, and how wide it may be: 80 columns on a pipe, where each heading
// stays one line for grep; on a terminal the window's width (80 at most), so that a narrow
// window does not break words, with every line folded.
struct Page {
    std::FILE* out;
    std::size_t width = 80;
    bool terminal = false;

    void wrapped(const std::string& text, std::string_view first, std::string_view rest) const {
        for (const auto& l : wrap_text(text, width, first, rest)) fmt::print(out, "{}\n", l);
    }
    void heading(const std::string& text, std::string_view first = "",
                 std::string_view rest = "") const {
        if (terminal)
            wrapped(text, first, rest);
        else
            fmt::print(out, "{}{}\n", first, text);
    }
};

Page page_for(std::FILE* out) {
    const TerminalCaps caps = detect_terminal(ColorMode::never);
    if (out != stdout || !caps.out_tty) return {out};
    return {out, static_cast<std::size_t>(std::clamp(caps.width - 1, 20, 80)), true};
}
// The picture of `--map` marks this many points at most: more letters would not be readable.
constexpr std::size_t kMapPoints = 8;

// What `where` searched: of each valid routine on the search path, its own points as they
// are matched (a point that a routine uses by reference is the point of the routine it
// comes from, which is on the search path too: it is listed once, there), and whole,
// without those used points, the routines with a hit.
struct Searched {
    std::vector<std::vector<ReferPoint>> points;
    std::map<std::size_t, Routine> whole;  // by index into `points`
    std::vector<ReferHit> hits;            // of the query, best first; none for a blank one
    const Routine& routine(const ReferHit& h) const { return whole.at(h.routine); }
};

// An invalid routine is skipped with a warning, so one broken file of the user's does not
// hide the rest.
Searched search_library(const Context& ctx, std::string_view query) {
    Searched out;
    std::vector<std::size_t> index;  // of each routine searched, in the library
    const bool blank = query.find_first_not_of(" \t") == std::string_view::npos;
    auto none = [](const RoutineSummary&) { return false; };
    auto pick = [&](std::vector<LibraryRoutine>& library) {
        out.points.reserve(library.size());
        index.reserve(library.size());
        for (std::size_t i = 0; i < library.size(); ++i) {
            if (!library[i].summary) continue;
            out.points.push_back(std::move(library[i].summary->refer));
            index.push_back(i);
        }
        if (!blank) out.hits = find_referrals(query, out.points);
        std::vector<bool> whole(library.size(), false);
        for (const auto& h : out.hits) whole[index[h.routine]] = true;
        return whole;
    };
    auto library =
        knead::load_library(ctx.search_path, nullptr, default_routine_cache(), none, pick);
    for (std::size_t i = 0, k = 0; i < library.size(); ++i) {
        auto& [ref, summary, routine] = library[i];
        const bool searched = k < index.size() && index[k] == i;
        if (!summary) {
            fmt::print(
                ctx.err,
                "knead: warning: skipping the invalid routine {} (run `knead validate {}`)\n",
                ref.file.string(), ref.file.string());
            if (searched) ++k;  // found, then invalid when read whole: its hits go
            continue;
        }
        if (routine) {
            std::erase_if(routine->points, [](const Point& p) { return !p.from.empty(); });
            out.whole.emplace(k, std::move(*routine));
        }
        ++k;
    }
    std::erase_if(out.hits, [&](const ReferHit& h) { return !out.whole.contains(h.routine); });
    return out;
}

void print_areas(const Page& page, const std::vector<std::vector<ReferPoint>>& routines) {
    auto areas = referral_areas(routines);
    page.heading("Places the routines can send pain to, by region:");
    for (const auto& [region, words] : group_by_region(areas)) {
        fmt::print(page.out, "\n{}\n", to_string(region));
        std::string list;
        for (const auto& w : words) list += (list.empty() ? "" : ", ") + w;
        page.wrapped(list, "  ", "  ");
    }
}

int list_areas(const Page& page, const std::vector<std::vector<ReferPoint>>& routines, bool json) {
    std::FILE* out = page.out;
    const bool none = referral_areas(routines).empty();
    if (json) {
        JsonWriter w = JsonWriter::document();
        w.key("regions").array();
        for (const auto& [region, words] : group_by_region(referral_areas(routines)))
            w.object().key("region").value(to_string(region)).key("words").strings(words).end();
        fmt::print(out, "{}", w.end().end().text());
        return none ? exit_code::failure : exit_code::ok;
    }
    if (none) {
        fmt::print(out, "No routine on the search path names where its points send pain.\n");
        return exit_code::failure;
    }
    print_areas(page, routines);
    fmt::print(out, "\n");
    page.heading("Ask about one with `knead where PLACE`, for example `knead where temple`.");
    return exit_code::ok;
}

std::string point_title(const Point& p) {
    auto lower = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    if (lower(p.name) == lower(p.muscle)) return p.name;
    return fmt::format("{} ({})", p.name, p.muscle);
}

// The symptoms in the query that need care first, before any point.
void print_care(const Page& page, const std::vector<std::string_view>& notes) {
    if (notes.empty()) return;
    fmt::print(page.out, "Take care first:\n");
    for (auto n : notes) page.wrapped(std::string(n), "  - ", "    ");
    fmt::print(page.out, "\n");
}

// The first matching points as one routine, so that the body picture can draw them.
void print_map(const Page& page, const Searched& found) {
    std::FILE* out = page.out;
    const auto& hits = found.hits;
    Routine shown;
    for (std::size_t i = 0; i < hits.size() && i < kMapPoints; ++i)
        shown.points.push_back(found.routine(hits[i]).points[hits[i].point]);
    fmt::print(out, "\n");
    page.heading(fmt::format("Where {} send pain (each one's letter marks its areas):",
                             hits.size() > kMapPoints
                                 ? fmt::format("the first {} points", kMapPoints)
                                 : std::string("these points")));
    fmt::print(out, "\n");
    const WindowMap map =
        page.terminal ? body_map_for_window(shown, page.width) : WindowMap{draw_body_map(shown)};
    if (map.picture_left_out)
        page.heading("(The picture needs a wider window; here is what it shows.)");
    for (const auto& line : map.lines) fmt::print(out, "{}\n", line);
}

std::string_view match_label(MatchKind k) {
    switch (k) {
        case MatchKind::muscle:
            return "known for";
        case MatchKind::close:
            return "close match";
        default:
            return "refers to";
    }
}

}  // namespace

int where_command(const Context& ctx, const WhereOptions& o) {
    std::string query;
    for (const auto& w : o.words) query += (query.empty() ? "" : " ") + w;

    std::FILE* out = ctx.out;
    const Page page = page_for(out);
    const Searched found = search_library(ctx, query);
    const auto& hits = found.hits;
    if (query.find_first_not_of(" \t") == std::string::npos)
        return list_areas(page, found.points, o.json);

    const auto care = care_notes(query);
    if (o.json) {
        JsonWriter w = JsonWriter::document();
        w.key("query").value(query).key("matches").array();
        for (const auto& h : hits) {
            const Routine& r = found.routine(h);
            const Point& p = r.points[h.point];
            w.object().key("routine").value(r.id).key("point").value(p.id);
            w.key("name").value(p.name).key("muscle").value(p.muscle);
            w.key("match").value(to_string(h.kind)).key("area").value(h.area);
            w.key("refers_to").strings(p.refers_to).key("locate").value(p.locate_cue);
            w.key("file").value(r.path.string()).end();
        }
        w.end().key("care").array();
        for (auto n : care) w.value(n);
        fmt::print(out, "{}", w.end().end().text());
        return hits.empty() ? exit_code::failure : exit_code::ok;
    }

    print_care(page, care);
    const std::string shown = printable(query);
    if (hits.empty()) {
        if (split_body_words(query).empty())
            fmt::print(out, "\"{}\" names no place on the body.\n\n", shown);
        else
            fmt::print(out, "No point refers pain to \"{}\".\n\n", shown);
        if (referral_areas(found.points).empty()) {
            fmt::print(out, "No routine on the search path names where its points send pain.\n");
        } else {
            print_areas(page, found.points);
        }
        return exit_code::failure;
    }

    if (hits.front().kind == MatchKind::close)
        page.heading(
            fmt::format("Nothing refers pain to \"{}\" exactly; the closest matches:", shown));
    else
        page.heading(fmt::format("Points that can send pain to \"{}\", best match first:", shown));
    for (std::size_t i = 0; i < hits.size(); ++i) {
        const auto& h = hits[i];
        const Routine& r = found.routine(h);
        const Point& p = r.points[h.point];
        if (i > 0 && h.kind == MatchKind::close && hits[i - 1].kind != MatchKind::close)
            fmt::print(out, "\nPartial and close matches:\n");
        fmt::print(out, "\n");
        page.heading(fmt::format("{}, routine {} ({}: {})", point_title(p), r.id,
                                 match_label(h.kind), h.area),
                     fmt::format("{:>2}. ", i + 1), "    ");
        page.wrapped(p.locate_cue, "    Locate: ", "    ");
        page.heading(fmt::format("knead run {}.{}", r.id, p.id), "    Work it: ", "      ");
    }
    if (o.map) print_map(page, found);
    fmt::print(out, "\n");
    page.heading(
        fmt::format("Work a whole routine with `knead run ROUTINE`, for example "
                    "`knead run {}`.",
                    found.routine(hits.front()).id));
    return exit_code::ok;
}

}  // namespace knead
