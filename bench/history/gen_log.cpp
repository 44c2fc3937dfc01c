// Writes a realistic session log of at least N records (default 1,000,000) to stdout:
// years of daily sessions of the built-in routines, with the occasional stopped,
// interrupted or killed session, rehearsals and soreness answers. Deterministic: the same
// N always gives the same bytes, on any machine.
//
//   c++ -O2 -std=c++20 gen_log.cpp -o gen_log && ./gen_log 1000000 > sessions.log
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// xorshift64*: small, fast and the same everywhere (std:: distributions are not).
struct Random {
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    std::uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 0x2545F4914F6CDD1Dull;
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

struct Routine {
    const char* id;
    std::vector<const char*> points;
    bool both_sides;
};

const std::vector<Routine> kRoutines = {
    {"neck", {"upper-trapezius", "levator-scapulae", "suboccipitals", "sternocleidomastoid"}, true},
    {"jaw", {"masseter", "temporalis", "lateral-pterygoid"}, true},
    {"lower-back", {"quadratus-lumborum", "gluteus-medius", "piriformis", "iliopsoas"}, true},
    {"forearm", {"extensor-carpi-radialis", "brachioradialis", "extensor-digitorum"}, false},
    {"calf", {"gastrocnemius", "soleus", "tibialis-anterior"}, true},
    {"shoulder", {"infraspinatus", "teres-minor", "supraspinatus", "subscapularis"}, true},
};

// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
void civil(std::int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

class Writer {
  public:
    explicit Writer(long target) : target_(target) {}
    bool done() const { return written_ >= target_; }

    // Local time `secs` after midnight of `day`, with a summer offset from April to October.
    std::string time(std::int64_t day, long secs) {
        day += secs / 86400;
        secs %= 86400;
        int y, m, d;
        civil(day, y, m, d);
        char buf[40];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02ld:%02ld:%02ld+0%d:00", y, m, d,
                      secs / 3600, secs / 60 % 60, secs % 60, m >= 4 && m <= 10 ? 2 : 1);
        return buf;
    }
    void line(const std::string& s) {
        std::fputs(s.c_str(), stdout);
        std::fputc('\n', stdout);
        ++written_;
    }

  private:
    long target_;
    long written_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    const long target = argc > 1 ? std::atol(argv[1]) : 1000000;
    Random rnd;
    Writer out(target);
    std::puts("# knead log v1");
    std::int64_t day = 10592;  // 1999-01-01
    std::vector<std::int64_t> last_day(kRoutines.size(), -10);
    // Each point's pain at the first hold drifts down as the knots release over the years.
    std::vector<std::vector<int>> tension(kRoutines.size());
    for (std::size_t r = 0; r < kRoutines.size(); ++r)
        tension[r].assign(kRoutines[r].points.size(), 80);

    while (!out.done()) {
        const int sessions = 1 + rnd.below(3);
        for (int n = 0; n < sessions && !out.done(); ++n) {
            long t = 7 * 3600 + n * 5 * 3600 + rnd.below(3600);
            const long start = t;
            std::vector<std::size_t> worked = {static_cast<std::size_t>(rnd.below(6))};
            if (rnd.chance(15)) worked.push_back((worked[0] + 1 + rnd.below(5)) % 6);
            char id[40];
            std::snprintf(id, sizeof id, "%s-%04x",
                          out.time(day, t).substr(0, 19).c_str(), rnd.below(0x10000));
            std::string sid = id;
            sid.erase(std::remove_if(sid.begin(), sid.end(), [](char c) { return c == '-' || c == ':'; }),
                      sid.end());
            sid.insert(sid.size() - 4, "-");
            const std::string head = " session=" + sid;
            std::string routines;
            for (auto r : worked) routines += (routines.empty() ? "" : ",") + std::string(kRoutines[r].id);
            const bool rehearsal = rnd.chance(2);
            out.line("time=" + out.time(day, t) + head + " event=start routines=" + routines +
                     (rehearsal ? " clock=virtual" : " clock=real") + " version=0.1.0");
            for (auto r : worked)
                if (day - last_day[r] < 2 && rnd.chance(40))
                    out.line("time=" + out.time(day, t) + head + " event=soreness routine=" +
                             kRoutines[r].id + " pain=" + std::to_string(rnd.below(8)));

            // How it ends: mostly completed; sometimes q, a signal, or a kill part-way.
            const int fate = rnd.below(100);
            const int cut = fate < 90 ? -1 : rnd.below(20);
            int steps = 0, points = 0;
            std::string under_way;
            for (auto r : worked) {
                last_day[r] = day;
                const Routine& routine = kRoutines[r];
                for (std::size_t p = 0; p < routine.points.size() && steps != cut; ++p) {
                    ++points;
                    const char* sides[] = {"left", "right"};
                    for (int s = 0; s < (routine.both_sides ? 2 : 1) && steps != cut; ++s) {
                        const std::string where = " routine=" + std::string(routine.id) +
                                                  " point=" + routine.points[p] + " side=" +
                                                  (routine.both_sides ? sides[s] : "right");
                        int hold = 30;
                        for (int rep = 1; rep <= 2 && steps != cut; ++rep) {
                            struct Step {
                                const char* name;
                                int planned;
                            };
                            for (Step st : {Step{"locate", 15}, Step{"press", 10}, Step{"hold", hold}}) {
                                if (steps == cut) {
                                    under_way = where + " step=" + st.name;
                                    break;
                                }
                                t += st.planned + 3 + rnd.below(8);
                                int& ten = tension[r][p];
                                int pain = std::clamp(ten / 10 - (rep - 1) + rnd.below(3) - 1, 0, 10);
                                std::string rec = "time=" + out.time(day, t) + head + where +
                                                  " rep=" + std::to_string(rep) + " step=" +
                                                  st.name + " planned=" + std::to_string(st.planned) +
                                                  " actual=" + std::to_string(st.planned) + ".0 pain=" +
                                                  std::to_string(pain);
                                if (std::string(st.name) == "hold") {
                                    int next = pain > 7 ? hold - 10 : pain < 5 ? hold + 10 : hold;
                                    next = std::clamp(next, 20, 60);
                                    if (next != hold) rec += " next=" + std::to_string(next);
                                    hold = next;
                                    if (rep == 1 && ten > 25 && rnd.chance(3)) --ten;
                                }
                                out.line(rec);
                                ++steps;
                            }
                        }
                        if (steps == cut) break;
                        t += 33 + rnd.below(8);
                        out.line("time=" + out.time(day, t) + head + where +
                                 " rep=2 step=stretch planned=30 actual=30.0 pain=" +
                                 std::to_string(rnd.below(4)));
                        ++steps;
                    }
                }
            }
            char duration[32];
            std::snprintf(duration, sizeof duration, "%ld.%d", t - start, rnd.below(10));
            const std::string end = "time=" + out.time(day, t) + head + " event=end";
            if (fate < 90 || steps != cut)
                out.line(end + " status=completed points=" + std::to_string(points) +
                         " duration=" + duration);
            else if (fate < 96)
                out.line(end + " status=stopped points=" + std::to_string(points) +
                         " duration=" + duration);
            else if (fate < 99)
                out.line(end + " status=interrupted points=" + std::to_string(points) +
                         " duration=" + duration + under_way);
            // else: killed, no end record
        }
        ++day;
    }
    return 0;
}
