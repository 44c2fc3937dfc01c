// One self-care tip to end a session with.
#pragma once

#include <string_view>

namespace knead {

std::string_view self_care_tip(unsigned pick);

}  // namespace knead
