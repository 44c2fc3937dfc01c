// One point to run or draw, for the view's and the runner's tests.
#pragma once

#include "knead/routine.hpp"

namespace knead_test {

inline knead::Point trapezius(knead::Side side) {
    knead::Point p;
    p.id = "a";
    p.name = "Upper trapezius";
    p.muscle = "trapezius";
    p.side = side;
    p.locate_cue = "Find the ridge of the shoulder.";
    p.press_cue = "Press down.";
    p.stretch_cue = "Tilt the head.";
    return p;
}

}  // namespace knead_test
