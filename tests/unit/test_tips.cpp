// Self-care tips at the end of a session.
#include <doctest/doctest.h>

#include <climits>
#include <set>
#include <string>

#include "knead/tips.hpp"

TEST_CASE("tips: any pick gives a tip, and picks give several different tips") {
    std::set<std::string> seen;
    for (unsigned i = 0; i < 64; ++i) {
        auto tip = knead::self_care_tip(i);
        CHECK_FALSE(tip.empty());
        CHECK(tip.back() == '.');
        seen.emplace(tip);
    }
    CHECK(seen.size() > 1);
    CHECK_FALSE(knead::self_care_tip(UINT_MAX).empty());
    CHECK(knead::self_care_tip(3) == knead::self_care_tip(3));
}
