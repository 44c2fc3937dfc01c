#include "knead/timeline.hpp"

namespace knead {

Timeline plan_timeline(const std::vector<SessionPoint>& points) {
    Timeline t;
    t.point_seconds.assign(points.size(), 0);
    auto add = [&](std::size_t i, Side side, int rep, Phase phase, int seconds) {
        t.steps.push_back({i, side, rep, phase, t.total, seconds});
        t.total += seconds;
    };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point& p = points[i].point;
        const Dose& d = p.dose;
        // The hold the session starts each side with; it changes only with the answers.
        const int hold = start_hold(d, points[i].learned_hold).hold;
        const int point_start = t.total;
        for (Side side : sides_to_work(p.side)) {
            const int side_start = t.total;
            for (int rep = 1; rep <= d.reps; ++rep) {
                add(i, side, rep, Phase::locate, d.locate);
                add(i, side, rep, Phase::press, d.press);
                add(i, side, rep, Phase::hold, hold);
            }
            if (!p.stretch_cue.empty()) add(i, side, d.reps, Phase::stretch, d.stretch);
            t.sides.push_back({i, side, side_start, t.total - side_start});
        }
        t.point_seconds[i] = t.total - point_start;
    }
    return t;
}

}  // namespace knead
