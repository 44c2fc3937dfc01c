#pragma once

#include <string_view>

namespace knead {

extern const std::string_view kVersion;

}  // namespace knead
