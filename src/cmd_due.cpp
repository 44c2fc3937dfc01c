// `knead due`: the routines still to do today or this week, by their per_day and
// per_week and the sessions in the log. Exits 0 when one is due and 1 when none is, so
// that `knead due && ...` reads naturally in a shell prompt or a cron job.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "commands.hpp"
#include "knead/due.hpp"
#include "knead/exit_codes.hpp"
#include "knead/learning.hpp"
#include "knead/log_time.hpp"
#include "knead/paths.hpp"
#include "knead/routine_cache.hpp"
#include "knead/routine_library.hpp"
#include "log_input.hpp"

namespace knead {

int due_command(const Context& ctx, const DueOptions&) {
    // Of each routine, only its id and how often it is meant to be done, from its summary:
    // its points are read only if a recent red flag needs them.
    std::vector<Routine> scheduled;
    int broken = 0;
    std::vector<Diagnostic> unreadable;
    auto often = [](const RoutineSummary& s) { return s.per_day > 0 || s.per_week > 0; };
    auto none = [](const RoutineSummary&) { return false; };
    const auto cache = default_routine_cache();
    auto library = load_library(ctx.search_path, &unreadable, cache, none);
    for (const auto& d : unreadable) fmt::print(ctx.err, "{}\n", format_diagnostic(d));
    for (const auto& [ref, summary, routine] : library) {
        if (!summary) {
            ++broken;
            continue;
        }
        if (!often(*summary)) continue;
        Routine& r = scheduled.emplace_back();
        r.id = ref.id;
        r.per_day = summary->per_day;
        r.per_week = summary->per_week;
    }
    if (broken > 0)
        fmt::print(ctx.err,
                   "knead: warning: {} routine{} could not be loaded: `knead list` names them\n",
                   broken, broken == 1 ? "" : "s");
    if (scheduled.empty()) {
        fmt::print(ctx.out,
                   "No routine says how often it is meant to be done: add per_day or per_week to "
                   "one (see docs/routine-format.md).\n");
        return exit_code::failure;
    }

    const auto now = ctx.now();
    DueCounter counter(local_day(now));
    RecallBuilder recall({});  // red flags on any routine's points
    const auto& log = ctx.log();
    if (read_log(
            log,
            [&](LoggedSession&& s) {
                counter.add(s);
                recall.add(s);
            },
            ctx.err) == LogRead::failed)
        return exit_code::failure;
    // After a red flag, the routines that touch its points rest for 48 hours.
    const auto epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
    const bool flagged = std::any_of(
        recall.recall().red_flags.begin(), recall.recall().red_flags.end(), [&](const auto& f) {
            return epoch.count() - f.end < std::int64_t{kSorenessWindowHours} * 3600;
        });
    if (flagged) {
        // The points of the scheduled routines, read whole this once.
        std::map<std::string, std::vector<Point>> points;
        for (auto& [ref, summary, routine] : load_library(ctx.search_path, nullptr, cache, often))
            if (routine) points[ref.id] = std::move(routine->points);
        for (Routine& r : scheduled)
            if (auto it = points.find(r.id); it != points.end()) r.points = std::move(it->second);
    }
    std::vector<std::string> resting;
    std::erase_if(scheduled, [&](const Routine& r) {
        if (!red_flag_recently(recall.recall(), r, epoch.count())) return false;
        resting.push_back(r.id);
        return true;
    });
    for (const auto& id : resting)
        fmt::print(ctx.err,
                   "knead: {} is left out: a session on its points stopped on a red flag in the "
                   "last {} hours\n",
                   id, kSorenessWindowHours);
    const auto items = due_items(scheduled, counter);
    if (items.empty()) {
        fmt::print(ctx.out, "Nothing is due.\n");
        return exit_code::failure;
    }
    for (const auto& d : items)
        fmt::print(ctx.out, "{:<16} {} of {} {}\n", d.routine, d.done, d.wanted,
                   d.weekly ? "this week" : "today");
    return exit_code::ok;
}

}  // namespace knead
