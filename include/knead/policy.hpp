// How the next hold follows the pain the user reports: a small staircase.
#pragma once

#include <optional>

#include "knead/routine.hpp"

namespace knead {

inline constexpr int kFirstStep = 10;  // seconds
inline constexpr int kMinStep = 2;
inline constexpr int kReleasedAtOrBelow = 2;
// A band whose top reaches this leaves no room to stop before 10 (the loader warns).
inline constexpr int kTooMuchAtOrAbove = 9;
// Unless a routine sets stop_pain, pressing stops this far above the band's top.
inline constexpr int kStopAboveBand = 2;
// A stretch felt this strongly or more makes the next one of that point gentler.
inline constexpr int kStrongStretch = 7;
// A tenderness this low after locate means the spot is not a tender one.
inline constexpr int kNotTenderAtOrBelow = 1;

enum class Advice {
    keep,       // within the band: same hold, same pressure
    releasing,  // within the band and lower than last time: the tissue is letting go
    lighter,    // above the band: shorter hold, ease the pressure
    deeper,     // below the band: longer hold, press a little deeper
    released,   // 2 or less after a hold: done with this point, go to the stretch
    too_much,   // at or above the stop threshold: stop pressing this point
};

// The pain at which pressing stops: the point's stop_pain, else the band's top + 2
// (9 for a 5-7 band, 7 for 3-5), never above 10.
int stop_threshold(const Dose& d);

// The staircase of one point on one side. The step starts at 10 s and halves on each
// change of direction, so the hold homes in on the length the tissue tolerates.
struct HoldState {
    int hold = 30;
    int step = kFirstStep;
    int direction = 0;  // -1 shorter, +1 longer, 0 none yet
    std::optional<int> last_pain;
};

struct Decision {
    Advice advice = Advice::keep;
    int next_hold = 0;
    bool stop_pressing() const { return advice == Advice::released || advice == Advice::too_much; }
};

HoldState start_hold(const Dose& d, std::optional<int> learned_hold = std::nullopt);

// The answer after a hold: decides the next hold and updates the staircase.
Decision after_hold(HoldState& s, int pain, const Dose& d);

}  // namespace knead
