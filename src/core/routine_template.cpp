#include "knead/routine_template.hpp"

#include <fmt/format.h>

#include "knead/routine.hpp"

namespace knead {
namespace {

// The body after the header; the defaults it shows are those of struct Dose.
constexpr std::string_view kBody = R"(
# Safety notes, shown before the first point. Keep these three; add your own.
cautions = [
  "Press muscle only, not bones, joints, bruises, varicose veins or recent injuries.",
  "On blood thinners or pregnant? Ask a doctor first.",
  "Stop at once on numbness, tingling, or sharp or shooting pain.",
]

# Doses for every point. Each value is the built-in default: change it, or delete the
# line to keep the default. Durations are whole seconds.
[defaults]
locate = {locate}            # finding the spot, once a side, 1-600
press = {press}             # sinking in slowly, 1-600
hold = {hold}              # the first hold; knead then adapts it to your answers,
hold_min = {hold_min}          #   never below hold_min (1-600)
hold_max = {hold_max}          #   nor above hold_max (1-600; over 90 gets a warning)
rest = {rest}              # letting go after each hold, 1-600
reps = {reps}               # rounds of press, hold and rest per side, 1-20
stretch = {stretch}           # each round of the stretch after the reps, 1-600
stretch_reps = {stretch_reps}       # rounds of the stretch per side, with a short rest between, 1-20
target_pain = [{lo}, {hi}]   # the pain to aim for, 0-10, low first (9 or more: warning)
# stop_pain = 9        # stop pressing at this pain or more (default: the band's top + 2)

# One [[point]] table per point, worked in this order: copy this one for the next.
[[point]]
id = "first-point"     # unique in this file: lowercase letters, digits and dashes
name = "First point"   # shown in sessions
muscle = "name of the muscle"
refers_to = ["where this point sends pain", "in plain words"]  # recommended
tool = "thumb"         # optional: what to press with
side = "both"          # "both" (left, then right), "left", "right" or "center"
locate = "How to find the spot: a landmark first, then where to feel for the knot."
press = "How to press it: the position, the direction, and sinking in slowly."
stretch = "The matching stretch, gentle and slow."  # recommended: without it, no stretch
# The keys of [defaults] may be set here for this point alone. Here the lengths of the
# steps are locate_seconds, press_seconds and stretch_seconds, since locate, press and
# stretch are the cues above. For example:
# hold = 40
# stretch_seconds = 20

# A point can also come from another routine, with its cues, dose and cautions. Dose
# keys, `side` and `id` set beside `use` change it in this routine only.
# [[point]]
# use = "neck.upper-trapezius"  # ROUTINE.POINT, or ROUTINE for all its points
# reps = 1
)";

std::string in_words(std::string_view id) {
    std::string s(id);
    for (char& c : s)
        if (c == '-') c = ' ';
    return s;
}

}  // namespace

std::string toml_quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += fmt::format("\\u{:04X}", static_cast<int>(c));
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string routine_template(std::string_view id, std::string_view area) {
    std::string name = in_words(id);
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z')
        name[0] = static_cast<char>(name[0] - 32);
    const Dose d;
    std::string out = fmt::format(
        "# knead routine `{0}`, routine format v1. Every key is described in knead(1)\n"
        "# and in routine-format.md, with knead's documentation. Check this file with\n"
        "# `knead validate {0}`, see its timeline with `knead plan {0}`, and run it\n"
        "# with `knead run {0}`.\n"
        "\n"
        "schema = 1             # the format version: always 1\n"
        "name = {1}\n"
        "area = {2}\n"
        "summary = \"What this routine is for, in one sentence.\"  # optional\n",
        id, toml_quote(name), toml_quote(area.empty() ? in_words(id) : std::string(area)));
    out += fmt::format(fmt::runtime(kBody), fmt::arg("locate", d.locate),
                       fmt::arg("press", d.press), fmt::arg("hold", d.hold),
                       fmt::arg("hold_min", d.hold_min), fmt::arg("hold_max", d.hold_max),
                       fmt::arg("stretch", d.stretch), fmt::arg("reps", d.reps),
                       fmt::arg("rest", d.rest), fmt::arg("stretch_reps", d.stretch_reps),
                       fmt::arg("lo", d.target.lo), fmt::arg("hi", d.target.hi));
    return out;
}

}  // namespace knead
