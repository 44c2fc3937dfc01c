#include "log_input.hpp"

#include <fmt/format.h>

#include "knead/learning.hpp"

namespace knead {

LogRead read_log(const std::filesystem::path& path, const SessionAssembler::Sink& sink) {
    LogScan scan = scan_sessions(path, sink);
    for (const auto& w : log_warnings(scan.problems, path.string()))
        fmt::print(stderr, "knead: warning: {}\n", w);
    if (!scan.error.empty()) {
        fmt::print(stderr, "knead: cannot read the log {}: {}\n", path.string(), scan.error);
        return LogRead::failed;
    }
    return scan.missing ? LogRead::missing : LogRead::ok;
}

std::vector<RecentArea> recall_for_session(const std::filesystem::path& log,
                                           std::vector<SessionPoint>& points, std::int64_t now) {
    std::vector<std::string> ids;
    for (const auto& p : points)
        if (ids.empty() || ids.back() != p.routine) ids.push_back(p.routine);
    RecallBuilder builder(ids);
    LogScan scan = scan_sessions(log, [&](LoggedSession&& s) { builder.add(s); });
    for (const auto& w : log_warnings(scan.problems, log.string()))
        fmt::print(stderr, "knead: warning: {}\n", w);
    // Without a readable log the session simply starts from the routine's own holds. A
    // device as the log (/dev/null) has no history to read, and that is no news.
    if (!scan.error.empty() && !scan.special)
        fmt::print(stderr,
                   "knead: warning: cannot read the log {} ({}): starting from the routines' "
                   "own holds\n",
                   log.string(), scan.error);
    if (!scan.error.empty()) return {};
    const Recall& recall = builder.recall();
    for (auto& p : points) p.learned_hold = learned_hold(recall, p.routine, p.point);
    std::vector<RecentArea> recent;
    for (const auto& id : ids) {
        if (auto when = worked_recently(recall, id, now)) {
            bool seen = false;
            for (const auto& r : recent) seen = seen || r.routine == id;
            if (!seen) recent.push_back({id, static_cast<int>((now - *when) / 3600)});
        }
    }
    return recent;
}

}  // namespace knead
