// "Did you mean ...?" for mistyped keys and names.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace knead {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

}  // namespace knead
