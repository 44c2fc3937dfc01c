#include "knead/version.hpp"

namespace knead {

const std::string_view kVersion = KNEAD_VERSION;

}  // namespace knead
