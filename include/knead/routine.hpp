// The routine model: what a routine file describes once it has been validated.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

enum class Side { both, left, right, center };
std::string_view to_string(Side s);
std::optional<Side> parse_side(std::string_view s);

struct PainBand {
    int lo = 5;
    int hi = 7;
    bool contains(int pain) const { return pain >= lo && pain <= hi; }
    friend bool operator==(const PainBand&, const PainBand&) = default;
};

// Durations in seconds and repetitions: the routine's [defaults], then per point.
struct Dose {
    int locate = 15;
    int press = 10;
    int hold = 30;
    int hold_min = 20;
    int hold_max = 60;
    int stretch = 30;
    int reps = 2;
    int rest = 10;         // let go and breathe after each hold
    int stretch_reps = 2;  // rounds of the stretch per side
    int stop_pain = 0;     // stop pressing at this pain or more; 0: the band's top + 2
    PainBand target;
};

struct Point {
    std::string id;
    std::string name;
    std::string muscle;
    std::vector<std::string> refers_to;
    std::string tool;
    Side side = Side::both;
    std::string locate_cue;
    std::string press_cue;
    std::string stretch_cue;  // empty: the point has no stretch step
    Dose dose;
    std::string from;  // the routine a `use` took this point from; empty for its own points
    // Where a point taken with `use` was first written, as "routine.point", through every
    // level of `use`; empty for a routine's own points. Learning and history key by it.
    std::string origin;
};

struct Routine {
    std::string id;  // the file name without .toml: what `knead run` takes
    std::filesystem::path path;
    std::string name;
    std::string area;
    std::string summary;
    std::vector<std::string> cautions;
    Dose defaults;
    std::vector<Point> points;
    int per_day = 0;   // how many sessions a day it is meant for; 0 when it does not say
    int per_week = 0;  // the same per week
};

// Lowercase letters and digits in dash-separated words, like `upper-trapezius`: what
// point ids and the names of new routines must be.
bool is_slug(std::string_view s);

// The sides a point is worked on, in order.
std::vector<Side> sides_to_work(Side s);

}  // namespace knead
