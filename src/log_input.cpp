#include "log_input.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "error.hpp"
#include "knead/learning.hpp"

namespace knead {

namespace {

LogRead reported(const LogScan& scan, const std::filesystem::path& path, std::FILE* err) {
    for (const auto& w : log_warnings(scan.problems, path.string()))
        fmt::print(err, "knead: warning: {}\n", w);
    if (!scan.error.empty()) {
        print_error(fmt::format("cannot read the log {}: {}", path.string(), scan.error), err);
        return LogRead::failed;
    }
    return scan.missing ? LogRead::missing : LogRead::ok;
}

}  // namespace

LogRead read_log(const std::filesystem::path& path, const SessionAssembler::Sink& sink,
                 std::FILE* err) {
    return reported(scan_sessions(path, sink), path, err);
}

LogRead read_latest(const std::filesystem::path& path, std::size_t n,
                    std::optional<std::int64_t> since_day, const SessionAssembler::Sink& sink,
                    std::FILE* err) {
    ReverseLogReader reader(path);
    return reported(scan_latest_sessions(reader, n, since_day, sink), path, err);
}

SessionRecall recall_for_session(const std::filesystem::path& log,
                                 std::vector<SessionPoint>& points,
                                 const std::vector<Routine>& routines, std::int64_t now,
                                 std::FILE* err) {
    std::vector<std::string> ids;
    for (const auto& p : points)
        if (std::find(ids.begin(), ids.end(), p.origin_routine()) == ids.end())
            ids.push_back(p.origin_routine());
    // Only the latest sessions of these points matter: the log is read from its end.
    std::vector<RecallNeed> needs;
    needs.reserve(points.size());
    for (const auto& p : points)
        needs.push_back({{p.origin_routine(), p.origin_point()}, !p.point.stretch_cue.empty()});
    RecallBuilder builder(ids);
    ReverseLogReader reader(log);
    LogScan scan = recall_from_end(reader, needs, builder);
    for (const auto& w : log_warnings(scan.problems, log.string()))
        fmt::print(err, "knead: warning: {}\n", w);
    // Without a readable log the session simply starts from the routine's own holds. A
    // device as the log (/dev/null) has no history to read, and that is no news.
    if (!scan.error.empty() && !scan.special)
        fmt::print(err,
                   "knead: warning: cannot read the log {} ({}): starting from the routines' "
                   "own holds\n",
                   log.string(), scan.error);
    if (!scan.error.empty()) return {};
    const Recall& recall = builder.recall();
    SessionRecall out;
    out.red_flag = red_flag_follow_up(recall, points, now);
    for (std::size_t i = 0; i < points.size(); ++i) {
        SessionPoint& p = points[i];
        p.learned_hold = learned_hold(recall, p);
        p.gentle_stretch = learned_gentle_stretch(recall, p);
        auto when = worked_recently(recall, p, now);
        if (!when) continue;
        // One question per routine of the session, for all its points worked lately.
        const int hours = static_cast<int>((now - *when) / 3600);
        auto it = std::find_if(out.soreness.begin(), out.soreness.end(),
                               [&](const SorenessCheck& c) { return c.routine == p.routine; });
        if (it == out.soreness.end()) {
            std::string name = p.routine;
            for (const auto& r : routines)
                if (r.id == p.routine) name = r.name;
            out.soreness.push_back({p.routine, name, hours, {}});
            it = out.soreness.end() - 1;
        }
        it->hours_ago = std::min(it->hours_ago, hours);
        it->points.push_back(i);
    }
    return out;
}

}  // namespace knead
