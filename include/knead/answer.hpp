// What the user may type after a step.
#pragma once

#include <optional>
#include <string_view>

namespace knead {

enum class AnswerKind {
    pain,
    same,
    skip,
    quit,
    red_flag,
    invalid,
    timeout,  // hands-free: no key in time, the last answer goes on
    yes,      // to a yes/no question
    no,
};

struct Answer {
    AnswerKind kind = AnswerKind::invalid;
    int pain = 0;  // with AnswerKind::pain
};

// Whether `line` names a sign to stop in a patient's words ("tingling", "it's gone numb",
// "Sharp!", "light-headed"), whatever else it says. Even "no tingling" counts: a session
// stopped for nothing costs a session, a missed sign can cost far more.
bool names_red_flag(std::string_view line);

// An integer 0-10, "" (Enter: same as last), "s", "q" or "!". Surrounding blanks are
// ignored. Words that name a sign to stop are "!" too; anything else is invalid.
Answer parse_answer(std::string_view line);

// "y" or "yes" and "n", "no" or "" (Enter: the default, no), "q" and "!" (or words that
// name a sign to stop), for a yes/no question; anything else is invalid.
Answer parse_confirm(std::string_view line);

// Turns "same" into the previous pain; stays `same` when there is none to repeat.
Answer resolve_same(Answer a, std::optional<int> last_pain);

}  // namespace knead
