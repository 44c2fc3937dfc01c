#include "knead/tips.hpp"

#include <array>

namespace knead {

namespace {

// General self-care advice only; nothing here names a product or a drug.
constexpr std::array<std::string_view, 5> kTips = {
    "Get up and move for a minute or two every half hour of sitting.",
    "Check your screen: its top edge at eye level keeps your neck from leaning forward.",
    "Stretch the muscles you worked once more later today, gently, 20 to 30 seconds each.",
    "Let your shoulders drop and breathe out slowly: tension often creeps back unnoticed.",
    "Some soreness tomorrow is normal; if it lasts more than two days, go lighter next time.",
};

}  // namespace

std::string_view self_care_tip(unsigned pick) {
    return kTips[pick % kTips.size()];
}

}  // namespace knead
