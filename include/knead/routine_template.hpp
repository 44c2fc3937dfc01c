// The commented routine that `knead new` writes: every key, explained, with its default.
#pragma once

#include <string>
#include <string_view>

namespace knead {

// `id` must be a slug (is_slug); an empty `area` becomes the id in words. The result is
// a valid routine with no warnings, so that it can be run as written.
std::string routine_template(std::string_view id, std::string_view area = {});

// A TOML basic string: quoted, with quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view s);

}  // namespace knead
