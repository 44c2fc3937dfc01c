// The commands that look at the log, run on a Context: a fixed time, the test's own
// routines and log, and output captured from the context's streams.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>

#include "commands.hpp"
#include "test_support.hpp"

using namespace knead;
using knead_test::EnvVar;
using knead_test::TempDir;
using knead_test::write_file;

namespace {

// 2026-03-10 12:00:00 UTC, a Tuesday.
const WallTime kTuesdayNoon = WallTime(std::chrono::seconds(1773144000));

struct Ran {
    int code = -1;
    std::string out, err;
};

std::string drain(std::FILE* f) {
    std::string s = "(cannot read back the scratch file)";
    if (std::fseek(f, 0, SEEK_SET) == 0) {
        s.clear();
        char buf[4096];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) s.append(buf, n);
    }
    std::fclose(f);
    return s;
}

// A one-point routine, done `often` (e.g. "per_day = 1").
void routine_file(const std::filesystem::path& file, const std::string& often) {
    write_file(file, R"(schema = 1
name = "Tiny"
area = "test area"
summary = "A one-point routine."
)" + often + R"(
cautions = ["Stop on tingling."]

[[point]]
id = "tiny-point"
name = "Tiny point"
muscle = "tiny muscle"
side = "right"
reps = 1
locate = "Find the spot."
press = "Press the spot."
)");
}

// A finished session of `routine` at `time`, whose hold says the next one starts at `next`.
std::string session_lines(const std::string& time, const std::string& id,
                          const std::string& routine, int next = 0) {
    std::string s = "time=" + time + " session=" + id + " event=start routines=" + routine +
                    " clock=real version=0.1.0\n";
    if (next > 0)
        s += "time=" + time + " session=" + id + " routine=" + routine +
             " point=tiny-point side=right rep=1 step=hold planned=30 actual=30.0 pain=5 next=" +
             std::to_string(next) + "\n";
    s += "time=" + time + " session=" + id + " event=end status=completed points=1 duration=60.0\n";
    return s;
}

struct Fixture {
    TempDir tmp;
    EnvVar tz{"TZ", "UTC"};
    VirtualClock clock{kTuesdayNoon};
    Context ctx;

    Fixture() {
        ::tzset();
        std::filesystem::create_directories(tmp / "routines");
        ctx.search_path = {tmp / "routines"};
        ctx.routines.dirs = {(tmp / "routines").string()};
        ctx.settings.log.value = tmp / "sessions.log";
        ctx.clock = &clock;
    }
    ~Fixture() { ::tzset(); }

    template <typename Options>
    Ran run(int (*command)(const Context&, const Options&), const Options& o) {
        ctx.out = std::tmpfile();
        ctx.err = std::tmpfile();
        REQUIRE(ctx.out);
        REQUIRE(ctx.err);
        Ran r;
        r.code = command(ctx, o);
        r.out = drain(ctx.out);
        r.err = drain(ctx.err);
        ctx.out = stdout;
        ctx.err = stderr;
        return r;
    }
};

}  // namespace

TEST_CASE("context: due counts today's sessions by the context's clock, not the system's") {
    Fixture f;
    routine_file(f.tmp / "routines/tiny.toml", "per_day = 1");
    write_file(f.ctx.log(), session_lines("2026-03-10T08:00:00+00:00", "a", "tiny"));

    SUBCASE("the same day: done") {
        auto r = f.run(due_command, DueOptions{});
        CHECK(r.code == 1);
        CHECK(r.out == "Nothing is due.\n");
    }
    SUBCASE("the next day: due again") {
        f.clock.advance(std::chrono::hours(24));
        auto r = f.run(due_command, DueOptions{});
        CHECK(r.code == 0);
        CHECK(r.out.find("tiny") == 0);
        CHECK(r.out.find("0 of 1 today") != std::string::npos);
    }
}

TEST_CASE("context: history --week shows the week of the context's day") {
    Fixture f;
    routine_file(f.tmp / "routines/tiny.toml", "");
    write_file(f.ctx.log(), session_lines("2026-03-09T08:00:00+00:00", "a", "tiny"));
    HistoryOptions o;
    o.week = "";
    auto r = f.run(history_command, o);
    CHECK(r.code == 0);
    CHECK(r.out.find("2026-03-09") != std::string::npos);  // Monday of that week
    CHECK(r.out.find("2026-03-15") != std::string::npos);  // its Sunday
    CHECK(r.out.find("tiny") != std::string::npos);

    f.clock.advance(std::chrono::hours(24 * 7));  // a week on: another week, not that session
    r = f.run(history_command, o);
    CHECK(r.out.find("2026-03-16") != std::string::npos);
    CHECK(r.out.find("2026-03-09") == std::string::npos);
}

TEST_CASE("context: history says where it looked when there is no log") {
    Fixture f;
    auto r = f.run(history_command, HistoryOptions{});
    CHECK(r.code == 0);
    CHECK(r.out == "No sessions yet: there is no log at " + f.ctx.log().string() +
                       ". Start one with `knead run neck`.\n");
}

TEST_CASE("context: show and plan learn holds from the context's log") {
    Fixture f;
    routine_file(f.tmp / "routines/tiny.toml", "");
    write_file(f.ctx.log(), session_lines("2026-03-09T08:00:00+00:00", "a", "tiny", 42));

    ShowOptions show;
    show.name = "tiny";
    auto r = f.run(show_command, show);
    CHECK(r.code == 0);
    CHECK(r.out.find("Tiny - test area\n") == 0);
    CHECK(r.out.find("Learned: the first hold starts at 42 s") != std::string::npos);

    PlanOptions plan;
    plan.names = {"tiny"};
    r = f.run(plan_command, plan);
    CHECK(r.code == 0);
    CHECK(r.out.find("Plan for tiny: 1 point, ") == 0);
    CHECK(r.out.find("The first hold starts at 42 s, from your last session.") !=
          std::string::npos);

    plan.fresh = true;
    r = f.run(plan_command, plan);
    CHECK(r.out.find("42 s") == std::string::npos);
}

namespace {

// Runs a command on the fixture's streams while the process's own stdout and stderr point
// at scratch files, and says what reached those: nothing should.
template <typename Options>
Ran run_only_through_context(Fixture& f, int (*command)(const Context&, const Options&),
                             const Options& o, std::string& leaked) {
    std::fflush(stdout);
    std::fflush(stderr);
    std::FILE* spill = std::tmpfile();
    REQUIRE(spill);
    const int saved_out = ::dup(STDOUT_FILENO), saved_err = ::dup(STDERR_FILENO);
    ::dup2(::fileno(spill), STDOUT_FILENO);
    ::dup2(::fileno(spill), STDERR_FILENO);
    Ran r = f.run(command, o);
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(saved_out, STDOUT_FILENO);
    ::dup2(saved_err, STDERR_FILENO);
    ::close(saved_out);
    ::close(saved_err);
    leaked = drain(spill);
    return r;
}

void referring_routine(const std::filesystem::path& file) {
    write_file(file, R"(schema = 1
name = "Temples"
area = "head"

[[point]]
id = "temporalis"
name = "Temporalis"
muscle = "temporalis"
refers_to = ["temple"]
reps = 1
locate = "Find the muscle above the ear."
press = "Press it with two fingers."
)");
}

}  // namespace

TEST_CASE("context: list writes its table and its warnings to the context's streams") {
    Fixture f;
    EnvVar cache("XDG_CACHE_HOME", (f.tmp / "cache").c_str());
    routine_file(f.tmp / "routines/tiny.toml", "per_day = 1");
    write_file(f.tmp / "routines/broken.toml", "schema = 1\nname = \n");
    std::string leaked;
    for (int run = 0; run < 2; ++run) {  // the second from the cache: the same output
        auto r = run_only_through_context(f, list_command, ListOptions{}, leaked);
        CHECK(r.code == 0);
        const std::string broken_file = (f.tmp / "routines/broken.toml").string();
        CHECK(r.out ==
              "ROUTINE          AREA                     POINTS  MINUTES\n"
              "broken           (invalid: run `knead validate " +
                  broken_file +
                  "`)\n"
                  "tiny             test area                     1        1\n");
        CHECK(r.err == "knead: 1 routine could not be loaded\n");
        CHECK(leaked.empty());
    }
    ListOptions points;
    points.points_only = true;
    auto r = run_only_through_context(f, list_command, points, leaked);
    CHECK(r.out == "tiny.tiny-point\n");
    CHECK(r.err.find("knead: broken is invalid") == 0);
    CHECK(leaked.empty());
}

TEST_CASE("context: where writes its matches to the context's stream") {
    Fixture f;
    EnvVar cache("XDG_CACHE_HOME", (f.tmp / "cache").c_str());
    referring_routine(f.tmp / "routines/temples.toml");
    write_file(f.tmp / "routines/broken.toml", "schema = 1\nname = \n");
    WhereOptions o;
    o.words = {"temple"};
    std::string leaked;
    auto r = run_only_through_context(f, where_command, o, leaked);
    CHECK(r.code == 0);
    CHECK(r.out ==
          "Points that can send pain to \"temple\", best match first:\n"
          "\n"
          " 1. Temporalis, routine temples (refers to: temple)\n"
          "    Locate: Find the muscle above the ear.\n"
          "    Work it: knead run temples.temporalis\n"
          "\n"
          "Work a whole routine with `knead run ROUTINE`, for example `knead run temples`.\n");
    CHECK(r.err.find("knead: warning: skipping the invalid routine") == 0);
    CHECK(leaked.empty());

    o.words = {"elbow"};
    r = run_only_through_context(f, where_command, o, leaked);
    CHECK(r.code == 1);
    CHECK(r.out.find("No point refers pain to \"elbow\".\n") == 0);
    CHECK(leaked.empty());
}

TEST_CASE("context: history writes sessions, TSV and warnings to the context's streams") {
    Fixture f;
    routine_file(f.tmp / "routines/tiny.toml", "");
    write_file(f.ctx.log(), session_lines("2026-03-09T08:00:00+00:00", "a", "tiny", 42) +
                                "this line is damaged\n" +
                                session_lines("2026-03-10T09:30:00+00:00", "b", "tiny", 40));
    std::string leaked;
    auto r = run_only_through_context(f, history_command, HistoryOptions{}, leaked);
    CHECK(r.code == 0);
    CHECK(r.out.find("DATE              ROUTINES         POINTS    TIME  STATUS       PAIN\n"
                     "2026-03-09 08:00  tiny                  1    1:00  completed    5 -> 5\n"
                     "2026-03-10 09:30  tiny                  1    1:00  completed    5 -> 5\n") ==
          0);
    CHECK(r.out.find("tiny-point") != std::string::npos);  // its trend line
    CHECK(r.err.find("knead: warning: ") == 0);
    CHECK(r.err.find("sessions.log:4: skipped a damaged line") != std::string::npos);
    CHECK(leaked.empty());

    HistoryOptions tsv;
    tsv.format = HistoryFormat::tsv;
    r = run_only_through_context(f, history_command, tsv, leaked);
    CHECK(r.out ==
          "time\tsession\troutines\tclock\tstatus\tpoints\tduration\tpain_first\tpain_last\n"
          "2026-03-09T08:00:00+00:00\ta\ttiny\treal\tcompleted\t1\t60.0\t5.0\t5.0\n"
          "2026-03-10T09:30:00+00:00\tb\ttiny\treal\tcompleted\t1\t60.0\t5.0\t5.0\n");
    CHECK(leaked.empty());

    HistoryOptions point;
    point.subject = "tiny-point";
    r = run_only_through_context(f, history_command, point, leaked);
    CHECK(r.out.find("\ntiny.tiny-point: 2 sessions with holds\n") == 0);
    CHECK(leaked.empty());
}
