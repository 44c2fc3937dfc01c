#include "knead/policy.hpp"

#include <algorithm>

namespace knead {

HoldState start_hold(const Dose& d, std::optional<int> learned_hold) {
    HoldState s;
    s.hold = std::clamp(learned_hold.value_or(d.hold), d.hold_min, d.hold_max);
    return s;
}

int stop_threshold(const Dose& d) {
    if (d.stop_pain > 0) return d.stop_pain;
    return std::min(10, d.target.hi + kStopAboveBand);
}

Decision after_hold(HoldState& s, int pain, const Dose& d) {
    Decision out;
    int direction = 0;
    if (pain >= stop_threshold(d)) {
        out.advice = Advice::too_much;
    } else if (pain > d.target.hi) {
        out.advice = Advice::lighter;
        direction = -1;
    } else if (pain < d.target.lo) {
        out.advice = pain <= kReleasedAtOrBelow ? Advice::released : Advice::deeper;
        direction = +1;
    } else {
        bool falling = s.last_pain && pain < *s.last_pain;
        out.advice = falling ? Advice::releasing : Advice::keep;
    }

    if (direction != 0) {
        // A change of direction means we overshot: take smaller steps from now on.
        if (s.direction != 0 && direction != s.direction) s.step = std::max(kMinStep, s.step / 2);
        s.direction = direction;
        s.hold = std::clamp(s.hold + direction * s.step, d.hold_min, d.hold_max);
    }
    s.last_pain = pain;
    out.next_hold = s.hold;
    return out;
}

}  // namespace knead
