// The words for where pain is felt: how two of them are compared, and which region of
// the body and which spots of the body picture each known one stands for.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace knead {

enum class Region { head_face, neck_shoulders, arms_hands, back_trunk, hips_legs, feet, other };

inline constexpr std::array kRegions = {
    Region::head_face, Region::neck_shoulders, Region::arms_hands, Region::back_trunk,
    Region::hips_legs, Region::feet,           Region::other};

// "head and face", "neck and shoulders", ..., "other".
std::string_view to_string(Region r);

// The words of a phrase as they are compared: lowercase, plurals folded to the singular
// ("temples" -> "temple", "teeth" -> "tooth"), and filler dropped ("the", "of", "my",
// "left", "pain", "sore"), so "Pain behind my left eye" gives {"behind", "eye"}.
std::vector<std::string> split_body_words(std::string_view text);

// The same words joined by single blanks: equal keys mean the same place.
std::string body_word_key(std::string_view text);

struct BodyWord {
    std::string_view phrase;  // as routines write it
    Region region;
    std::string_view spots;  // the codes of its spots on the body picture; may be empty
};

// The fixed vocabulary, head to feet.
std::span<const BodyWord> body_vocabulary();

// The vocabulary entry with the same key as `phrase`, or nullptr.
const BodyWord* find_body_word(std::string_view phrase);

// The entry's region, or Region::other for a phrase not in the vocabulary.
Region region_of(std::string_view phrase);

// `areas` sorted into regions, in the order of kRegions, leaving out empty ones. Known
// phrases come in vocabulary order (head to feet), the rest under Region::other as given.
std::vector<std::pair<Region, std::vector<std::string>>> group_by_region(
    std::span<const std::string> areas);

}  // namespace knead
