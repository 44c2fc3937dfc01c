#include "knead/body_words.hpp"

#include <algorithm>

namespace knead {
namespace {

using enum Region;

// Spot codes are the letters and digits of the template in body_map.cpp; a code may
// appear in both views (the side of the neck shows from the front and from the back).
constexpr BodyWord kVocabulary[] = {
    {"forehead", head_face, "f"},
    {"temple", head_face, "t"},
    {"eyebrow", head_face, "b"},
    {"eye", head_face, "y"},
    {"behind the eye", head_face, "y"},
    {"ear", head_face, "e"},
    {"behind the ear", head_face, "r"},
    {"cheek", head_face, "c"},
    {"upper teeth", head_face, "m"},
    {"lower teeth", head_face, "n"},
    {"teeth", head_face, "mn"},
    {"mouth", head_face, "mn"},
    {"jaw", head_face, "j"},
    {"chin", head_face, "j"},
    {"face", head_face, "ftbycj"},
    {"side of the head", head_face, "z"},
    {"top of the head", head_face, "o"},
    {"back of the head", head_face, "q"},
    {"head", head_face, "ftzoq"},

    {"side of the neck", neck_shoulders, "s"},
    {"front of the neck", neck_shoulders, "h"},
    {"throat", neck_shoulders, "h"},
    {"back of the neck", neck_shoulders, "v"},
    {"base of the neck", neck_shoulders, "N"},
    {"neck", neck_shoulders, "shvN"},
    {"collarbone", neck_shoulders, ""},
    {"top of the shoulder", neck_shoulders, "X"},
    {"front of the shoulder", neck_shoulders, "p"},
    {"back of the shoulder", neck_shoulders, "W"},
    {"shoulder", neck_shoulders, "pXW"},

    {"upper arm", arms_hands, "uU"},
    {"inner arm", arms_hands, "u"},
    {"back of the arm", arms_hands, "U"},
    {"arm", arms_hands, "uUidF1"},
    {"inner elbow", arms_hands, "i"},
    {"outer elbow", arms_hands, "1"},
    {"elbow", arms_hands, "i1"},
    {"forearm", arms_hands, "dF"},
    {"front of the wrist", arms_hands, "w"},
    {"back of the wrist", arms_hands, "2"},
    {"wrist", arms_hands, "w2"},
    {"palm", arms_hands, "l"},
    {"back of the hand", arms_hands, "3"},
    {"web of the thumb", arms_hands, "3"},
    {"thumb", arms_hands, "3"},
    {"thumb side of the hand", arms_hands, "3"},
    {"hand", arms_hands, "l3"},
    {"finger", arms_hands, "x5"},

    {"shoulder blade", back_trunk, "B"},
    {"between the shoulder blades", back_trunk, "M"},
    {"upper back", back_trunk, "MB"},
    {"middle of the back", back_trunk, "J"},
    {"mid back", back_trunk, "J"},
    {"lower back", back_trunk, "L6"},
    {"sacroiliac joint", back_trunk, "6"},
    {"tailbone", back_trunk, "7"},
    {"back", back_trunk, "MBJL67"},
    {"chest", back_trunk, "k40"},
    {"breastbone", back_trunk, "4"},
    {"side of the chest", back_trunk, "0"},
    {"breast", back_trunk, "k"},
    {"rib", back_trunk, "0"},
    {"belly", back_trunk, "a"},
    {"stomach", back_trunk, "a"},
    {"abdomen", back_trunk, "a"},

    {"side of the hip", hips_legs, "H"},
    {"hip", hips_legs, "H"},
    {"buttock", hips_legs, "Y"},
    {"back of the hip", hips_legs, "Y"},
    {"groin", hips_legs, "g"},
    {"front of the thigh", hips_legs, "T"},
    {"inner thigh", hips_legs, "I"},
    {"outer thigh", hips_legs, "O"},
    {"back of the thigh", hips_legs, "G"},
    {"thigh", hips_legs, "TIOG"},
    {"front of the knee", hips_legs, "K"},
    {"inner knee", hips_legs, "9"},
    {"outer knee", hips_legs, "Q"},
    {"back of the knee", hips_legs, "P"},
    {"knee", hips_legs, "KQP9"},
    {"shin", hips_legs, "S"},
    {"calf", hips_legs, "C"},
    {"leg", hips_legs, "TOGKSC"},
    {"ankle", hips_legs, "ADV"},
    {"front of the ankle", hips_legs, "A"},
    {"outer ankle", hips_legs, "V"},
    {"back of the ankle", hips_legs, "D"},

    {"heel", feet, "E"},
    {"arch of the foot", feet, "R"},
    {"ball of the foot", feet, "Z"},
    {"sole", feet, "RZ"},
    {"top of the foot", feet, "8"},
    {"toe", feet, "Z"},
    {"big toe", feet, "Z"},
    {"foot", feet, "ZRE8"},
};

// Words that say nothing about where: articles, "my", sides, and words for pain itself.
constexpr std::string_view kFiller[] = {
    "a",    "an",   "the",     "of",     "my",      "in",      "on",      "at",    "to",
    "and",  "or",   "both",    "left",   "right",   "pain",    "painful", "ache",  "aching",
    "sore", "hurt", "hurting", "tender", "after",   "with",    "when",    "since", "from",
    "for",  "very", "bad",     "really", "feel",    "feeling", "like",    "have",  "get",
    "got",  "is",   "am",      "been",   "problem", "trouble", "tight"};

bool word_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// English plurals of body words: a few irregular ones, then the regular endings.
std::string singular(std::string w) {
    if (w == "teeth") return "tooth";
    if (w == "feet") return "foot";
    if (w == "calves") return "calf";
    if (w.size() < 4) return w;  // "abs", "its": too short to tell
    if (ends_with(w, "ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
    // "arches", "boxes", "glasses", "sinuses" lose "es"; "aches", "noses", "bases" only "s".
    if (!ends_with(w, "aches"))
        for (std::string_view tail : {"ches", "shes", "xes", "sses", "uses"})
            if (ends_with(w, tail)) return w.substr(0, w.size() - 2);
    // "pelvis", "gluteus", "press": not plurals.
    if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "is") && !ends_with(w, "us"))
        w.pop_back();
    return w;
}

}  // namespace

std::string_view to_string(Region r) {
    switch (r) {
        case head_face:
            return "head and face";
        case neck_shoulders:
            return "neck and shoulders";
        case arms_hands:
            return "arms and hands";
        case back_trunk:
            return "back and trunk";
        case hips_legs:
            return "hips and legs";
        case feet:
            return "feet";
        case other:
            return "other";
    }
    return "other";
}

std::vector<std::string> split_body_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !word_char(static_cast<unsigned char>(text[i]))) ++i;
        std::string w;
        for (; i < text.size() && word_char(static_cast<unsigned char>(text[i])); ++i) {
            char c = text[i];
            w += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        // One letter is the "s" of "hand's", never a body word.
        if (w.size() < 2) continue;
        w = singular(std::move(w));
        if (w == "low") w = "lower";  // "low back" is the lower back
        if (std::find(std::begin(kFiller), std::end(kFiller), w) != std::end(kFiller)) continue;
        words.push_back(std::move(w));
    }
    return words;
}

std::string body_word_key(std::string_view text) {
    std::string key;
    for (const auto& w : split_body_words(text)) {
        if (!key.empty()) key += ' ';
        key += w;
    }
    return key;
}

std::span<const BodyWord> body_vocabulary() {
    return kVocabulary;
}

const BodyWord* find_body_word(std::string_view phrase) {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (const auto& w : kVocabulary) out.push_back(body_word_key(w.phrase));
        return out;
    }();
    const std::string key = body_word_key(phrase);
    if (key.empty()) return nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return &kVocabulary[i];
    return nullptr;
}

Region region_of(std::string_view phrase) {
    const BodyWord* w = find_body_word(phrase);
    return w ? w->region : Region::other;
}

std::vector<std::pair<Region, std::vector<std::string>>> group_by_region(
    std::span<const std::string> areas) {
    std::vector<std::pair<const BodyWord*, std::string>> known;
    std::vector<std::string> others;
    for (const auto& a : areas) {
        if (const BodyWord* w = find_body_word(a))
            known.emplace_back(w, a);
        else
            others.push_back(a);
    }
    // The vocabulary is an array, so entry addresses run head to feet.
    std::stable_sort(known.begin(), known.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::pair<Region, std::vector<std::string>>> groups;
    for (Region r : kRegions) {
        std::vector<std::string> words;
        if (r == Region::other)
            words = others;
        else
            for (const auto& [w, a] : known)
                if (w->region == r) words.push_back(a);
        if (!words.empty()) groups.emplace_back(r, std::move(words));
    }
    return groups;
}

}  // namespace knead
