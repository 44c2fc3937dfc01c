#include "knead/answer.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <string>

namespace knead {

namespace {

std::string_view trimmed(std::string_view line) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!line.empty() && blank(line.front())) line.remove_prefix(1);
    while (!line.empty() && blank(line.back())) line.remove_suffix(1);
    return line;
}

// The signs to stop pressing (numbness, tingling, sharp or shooting pain, dizziness), in
// the words a patient may type for them instead of "!". Not "faint": "a faint ache" is mild.
constexpr std::string_view kRedFlagWords[] = {
    "numb",    "numbness",  "tingle",   "tingles",  "tingling",   "tingly",
    "needles", "sharp",     "shooting", "shoots",   "stabbing",   "electric",
    "dizzy",   "dizziness", "vertigo",  "fainting", "lightheaded"};

}  // namespace

bool names_red_flag(std::string_view line) {
    std::string word;
    auto is_flag = [&] {
        return std::find(std::begin(kRedFlagWords), std::end(kRedFlagWords), word) !=
               std::end(kRedFlagWords);
    };
    for (char c : line) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z') {
            word += c;
            continue;
        }
        if (c == '-') continue;  // light-headed is lightheaded
        if (is_flag()) return true;
        word.clear();
    }
    return is_flag();
}

Answer parse_answer(std::string_view line) {
    line = trimmed(line);

    if (line.empty()) return {AnswerKind::same};
    if (line == "s" || line == "S") return {AnswerKind::skip};
    if (line == "q" || line == "Q") return {AnswerKind::quit};
    if (line == "!") return {AnswerKind::red_flag};
    // One or two digits: no sign, no blanks inside, nothing after.
    if (line.size() > 2 ||
        !std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {names_red_flag(line) ? AnswerKind::red_flag : AnswerKind::invalid};
    int n = -1;
    auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), n);
    if (ec != std::errc{} || end != line.data() + line.size() || n < 0 || n > 10)
        return {AnswerKind::invalid};
    return {AnswerKind::pain, n};
}

Answer parse_confirm(std::string_view line) {
    line = trimmed(line);
    if (line.empty() || line == "n" || line == "N" || line == "no") return {AnswerKind::no};
    if (line == "y" || line == "Y" || line == "yes") return {AnswerKind::yes};
    if (line == "q" || line == "Q") return {AnswerKind::quit};
    if (line == "!" || names_red_flag(line)) return {AnswerKind::red_flag};
    return {AnswerKind::invalid};
}

Answer resolve_same(Answer a, std::optional<int> last_pain) {
    if (a.kind == AnswerKind::same && last_pain) return {AnswerKind::pain, *last_pain};
    return a;
}

}  // namespace knead
