#include "knead/timeline.hpp"

#include <fmt/format.h>

namespace knead {

Timeline plan_timeline(const std::vector<SessionPoint>& points) {
    Timeline t;
    t.point_seconds.assign(points.size(), 0);
    // The session machine itself decides the steps: run it with answers that change
    // nothing, and write down what it does.
    Session s(points);
    while (!s.finished()) {
        const Step& st = s.current();
        if (t.sides.empty() || t.sides.back().point_index != st.point_index ||
            t.sides.back().side != st.side)
            t.sides.push_back({st.point_index, st.side, t.total, 0});
        t.steps.push_back({st.point_index, st.side, st.rep, st.phase, t.total, st.planned});
        t.total += st.planned;
        t.sides.back().seconds += st.planned;
        t.point_seconds[st.point_index] += st.planned;
        if (st.asks())
            s.answer(s.steady_answer());
        else
            s.advance();
    }
    return t;
}

int planned_seconds(const Routine& r) {
    return plan_timeline(session_points({r})).total;
}

std::string clock_text(int seconds) {
    return fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

}  // namespace knead
