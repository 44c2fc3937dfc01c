// per_day and per_week in routines, and the records the learning features write.
#include <doctest/doctest.h>

#include <string>

#include "knead/log_record.hpp"
#include "knead/routine_loader.hpp"

namespace {

const char* kBase = R"(schema = 1
name = "Neck"
area = "neck"
)";

const char* kSchedulePoint = R"(
[[point]]
id = "trap"
name = "Trap"
muscle = "upper trapezius"
locate = "Find it."
press = "Press it."
)";

knead::LoadResult load_schedule(const std::string& top) {
    return knead::load_routine_text(std::string(kBase) + top + kSchedulePoint, "neck.toml", "neck");
}

// The errors only: a minimal point also draws warnings (no stretch, no refers_to).
std::string messages(const knead::LoadResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics)
        if (d.severity == knead::Severity::error) out += knead::format_diagnostic(d) + "\n";
    return out;
}

}  // namespace

TEST_CASE("per_day and per_week are read; without them a routine has no schedule") {
    auto none = load_schedule("");
    REQUIRE(none.routine);
    CHECK(none.routine->per_day == 0);
    CHECK(none.routine->per_week == 0);

    auto both = load_schedule("per_day = 2\nper_week = 10\n");
    REQUIRE(both.routine);
    CHECK(both.routine->per_day == 2);
    CHECK(both.routine->per_week == 10);
}

TEST_CASE("per_day and per_week must be whole numbers in range") {
    auto zero = load_schedule("per_day = 0\n");
    CHECK_FALSE(zero.routine);
    CHECK(messages(zero) == "neck.toml:4:11: error: `per_day` = 0 must be from 1 to 10\n");

    auto text = load_schedule("per_week = \"3\"\n");
    CHECK_FALSE(text.routine);
    CHECK(messages(text).find("`per_week` must be a whole number of sessions, not a string") !=
          std::string::npos);

    auto typo = load_schedule("per_days = 2\n");
    CHECK_FALSE(typo.routine);
    CHECK(messages(typo).find("did you mean `per_day`?") != std::string::npos);
}

TEST_CASE("a soreness record, and a hold record with where the staircase goes next") {
    knead::SessionInfo info{"S", {"neck"}, false};
    auto t = std::chrono::system_clock::now();
    auto sore = knead::format_logfmt(knead::soreness_record(t, info, "neck", 6));
    CHECK(sore.find(" session=S event=soreness routine=neck pain=6") != std::string::npos);
    CHECK(sore.substr(sore.size() - 6) == "pain=6");

    knead::SessionPoint p{"neck", {}, std::nullopt};
    p.point.id = "trap";
    knead::StepResult r;
    r.step.phase = knead::Phase::hold;
    r.step.planned = 30;
    r.actual = 30;
    r.pain = 8;
    r.next = 20;
    auto hold = knead::format_logfmt(knead::step_record(t, info, p, r));
    CHECK(hold.find(" step=hold planned=30 actual=30.0 pain=8 next=20") != std::string::npos);
    r.next.reset();
    hold = knead::format_logfmt(knead::step_record(t, info, p, r));
    CHECK(hold.find("next=") == std::string::npos);
}
