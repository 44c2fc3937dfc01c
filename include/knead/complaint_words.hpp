// The words people use for what hurts that are not places: names of complaints
// ("tennis elbow", "sciatica"), lay words for places ("kneecap", "tailbone"), and symptoms
// that need a doctor's care before any self-massage ("numbness", "chest pain").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

struct Complaint {
    std::string_view phrase;   // as a person types it: "tennis elbow"
    std::string_view places;   // the places it means, '|' between them, most typical first
    std::string_view muscles;  // muscles known for it, '|' between them; may be empty
};

// The whole table, for tests and docs.
std::span<const Complaint> complaint_table();

// The complaints whose words appear in `words` (as split_body_words gives them), longest
// phrase first, each once. `rest` gets the words no complaint took, in order.
std::vector<const Complaint*> find_complaints(const std::vector<std::string>& words,
                                              std::vector<std::string>& rest);

// The '|'-separated items of a Complaint field.
std::vector<std::string_view> complaint_items(std::string_view field);

// What to do about the symptoms that `text` names which need care first, in a fixed
// order, each once; empty when it names none.
std::vector<std::string_view> care_notes(std::string_view text);

// Whether `word` (as split_body_words gives it) names a symptom rather than a place, so a
// search for places leaves it out: "numbness" in "numbness in my hand".
bool is_symptom_word(std::string_view word);

}  // namespace knead
