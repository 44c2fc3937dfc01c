// logfmt lines: key=value pairs, values quoted when they hold blanks, quotes or '='.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace knead {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string format_logfmt(const Fields& fields);

// Parses one line; on a malformed line returns nullopt and says why in `error`.
std::optional<Fields> parse_logfmt(std::string_view line, std::string* error = nullptr);

const std::string* find_field(const Fields& fields, std::string_view key);

}  // namespace knead
