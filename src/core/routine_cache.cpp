#include "knead/routine_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "knead/paths.hpp"
#include "knead/private_file.hpp"
#include "knead/version.hpp"

namespace knead {
namespace fs = std::filesystem;
namespace {

// The first line: a cache of another format or another knead is not read.
constexpr int kFormat = 4;
// Entries of files not seen in a run are kept for other search paths, up to this many.
constexpr std::size_t kMaxEntries = 50000;
// Timestamps may be this coarse (FAT keeps even seconds): a file whose mtime is not this
// much older than the moment it was checked may have changed in the same timestamp since.
constexpr std::int64_t kRacyNs = 2'000'000'000;

// How many members an aggregate has: the most initializers it takes, each of a type that
// converts to anything.
struct AnyField {
    template <typename T>
    operator T() const;  // NOLINT(google-explicit-constructor): only ever unevaluated
};
template <typename T, typename... A>
constexpr std::size_t field_count() {
    if constexpr (requires { T{A{}..., AnyField{}}; })
        return field_count<T, A..., AnyField>();
    else
        return sizeof...(A);
}
// The members of each type the cache holds, as each format number wrote them: a field
// added to one of them and not to serialize()/deserialize() would be lost, or its
// default served from the cache, without anything failing.
struct Shape {
    int format;
    std::size_t routine, point, dose, band, summary, refer;
};
constexpr Shape kShape{kFormat,
                       field_count<Routine>(),
                       field_count<Point>(),
                       field_count<Dose>(),
                       field_count<PainBand>(),
                       field_count<RoutineSummary>(),
                       field_count<ReferPoint>()};
static_assert(
    kShape.routine == 10 && kShape.point == 12 && kShape.dose == 11 && kShape.band == 2 &&
        kShape.summary == 6 && kShape.refer == 2,
    "Routine, Point, Dose, PainBand, RoutineSummary or ReferPoint changed: write and read the "
    "new field in serialize() and deserialize() (routine_cache.cpp), add it to the "
    "round trip in tests/unit/test_routine_library.cpp, bump kFormat, then update "
    "these counts");
#if defined(__GLIBCXX__) && defined(__x86_64__)
// A member whose type changes keeps the count: its size shows it (where CI builds).
static_assert(sizeof(Routine) == 272 && sizeof(Point) == 368 && sizeof(Dose) == 48,
              "Routine, Point or Dose changed: see the message above, then update these sizes");
#endif

struct Damaged : std::runtime_error {
    Damaged() : std::runtime_error("damaged routine cache") {}
};

// Strings are written as LENGTH:BYTES and numbers in decimal, each followed by a space:
// any byte may appear in a string, and reading never guesses.
class Writer {
  public:
    Writer& str(std::string_view s) {
        num(s.size());
        out_.back() = ':';
        out_ += s;
        out_ += ' ';
        return *this;
    }
    template <typename N>
    Writer& num(N n) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, n);
        out_.append(buf, r.ptr);
        out_ += ' ';
        return *this;
    }
    std::string& text() { return out_; }

  private:
    std::string out_;
};

class Reader {
  public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool done() const { return in_.empty(); }
    std::size_t left() const { return in_.size(); }
    std::string_view str() {
        auto n = num_until<std::size_t>(':');
        if (n >= in_.size() || in_[n] != ' ') throw Damaged();
        auto s = in_.substr(0, n);
        in_.remove_prefix(n + 1);
        return s;
    }
    template <typename N>
    N num() {
        return num_until<N>(' ');
    }

  private:
    template <typename N>
    N num_until(char end) {
        N n{};
        auto r = std::from_chars(in_.data(), in_.data() + in_.size(), n);
        if (r.ec != std::errc() || r.ptr == in_.data() + in_.size() || *r.ptr != end)
            throw Damaged();
        in_.remove_prefix(static_cast<std::size_t>(r.ptr - in_.data()) + 1);
        return n;
    }
    std::string_view in_;
};

void put_key(Writer& w, const RoutineCache::FileKey& k) {
    w.num(k.size).num(k.mtime_ns).num(k.ctime_ns).num(k.inode).num(k.device).num(k.hash);
}
RoutineCache::FileKey get_key(Reader& r) {
    RoutineCache::FileKey k;
    k.size = r.num<std::int64_t>();
    k.mtime_ns = r.num<std::int64_t>();
    k.ctime_ns = r.num<std::int64_t>();
    k.inode = r.num<std::int64_t>();
    k.device = r.num<std::int64_t>();
    k.hash = r.num<std::uint64_t>();
    return k;
}

void put_strings(Writer& w, const std::vector<std::string>& v) {
    w.num(v.size());
    for (const auto& s : v) w.str(s);
}

void put_dose(Writer& w, const Dose& d) {
    w.num(d.locate).num(d.press).num(d.hold).num(d.hold_min).num(d.hold_max).num(d.stretch);
    w.num(d.reps).num(d.rest).num(d.stretch_reps).num(d.stop_pain).num(d.target.lo);
    w.num(d.target.hi);
}
Dose get_dose(Reader& r) {
    Dose d;
    for (int* f : {&d.locate, &d.press, &d.hold, &d.hold_min, &d.hold_max, &d.stretch, &d.reps,
                   &d.rest, &d.stretch_reps, &d.stop_pain, &d.target.lo, &d.target.hi})
        *f = r.num<int>();
    return d;
}

std::string serialize(const Routine& r) {
    Writer w;
    // id and path are the file's, set when it is found.
    w.str(r.name).str(r.area).str(r.summary);
    put_strings(w, r.cautions);
    put_dose(w, r.defaults);
    w.num(r.per_day).num(r.per_week).num(r.points.size());
    for (const Point& p : r.points) {
        w.str(p.id).str(p.name).str(p.muscle);
        put_strings(w, p.refers_to);
        w.str(p.tool).num(static_cast<int>(p.side));
        w.str(p.locate_cue).str(p.press_cue).str(p.stretch_cue);
        put_dose(w, p.dose);
        w.str(p.from).str(p.origin);
    }
    return std::move(w.text());
}

std::vector<std::string> get_strings(Reader& rd, std::string_view text) {
    const auto n = rd.num<std::size_t>();
    if (n > text.size()) throw Damaged();  // before making room for them
    std::vector<std::string> v(n);
    for (auto& s : v) s = rd.str();
    return v;
}

std::string serialize(const std::vector<ReferPoint>& refer) {
    Writer w;
    w.num(refer.size());
    for (const ReferPoint& p : refer) {
        w.str(p.muscle);
        put_strings(w, p.refers_to);
    }
    return std::move(w.text());
}

std::vector<ReferPoint> deserialize_refer(std::string_view text) {
    Reader rd(text);
    const auto n = rd.num<std::size_t>();
    if (n > text.size()) throw Damaged();
    std::vector<ReferPoint> out(n);
    for (ReferPoint& p : out) {
        p.muscle = rd.str();
        p.refers_to = get_strings(rd, text);
    }
    if (!rd.done()) throw Damaged();
    return out;
}

Routine deserialize(std::string_view text) {
    Reader rd(text);
    auto strings = [&rd, text] { return get_strings(rd, text); };
    Routine r;
    r.name = rd.str();
    r.area = rd.str();
    r.summary = rd.str();
    r.cautions = strings();
    r.defaults = get_dose(rd);
    r.per_day = rd.num<int>();
    r.per_week = rd.num<int>();
    const auto points = rd.num<std::size_t>();
    if (points > text.size()) throw Damaged();  // before reserving for it
    r.points.resize(points);
    for (Point& p : r.points) {
        p.id = rd.str();
        p.name = rd.str();
        p.muscle = rd.str();
        p.refers_to = strings();
        p.tool = rd.str();
        const int side = rd.num<int>();
        if (side < 0 || side > static_cast<int>(Side::center)) throw Damaged();
        p.side = static_cast<Side>(side);
        p.locate_cue = rd.str();
        p.press_cue = rd.str();
        p.stretch_cue = rd.str();
        p.dose = get_dose(rd);
        p.from = rd.str();
        p.origin = rd.str();
    }
    if (!rd.done()) throw Damaged();
    return r;
}

std::int64_t ns(const struct timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void set_stat(RoutineCache::FileKey& k, const struct stat& st) {
    k.size = st.st_size;
#ifdef __APPLE__
    k.mtime_ns = ns(st.st_mtimespec);
    k.ctime_ns = ns(st.st_ctimespec);
#else
    k.mtime_ns = ns(st.st_mtim);
    k.ctime_ns = ns(st.st_ctim);
#endif
    k.inode = static_cast<std::int64_t>(st.st_ino);
    k.device = static_cast<std::int64_t>(st.st_dev);
}

bool cacheable(const struct stat& st) {
    return S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) <= kMaxRoutineBytes;
}

// Size, times and inode, or nullopt for anything that is not a regular file.
std::optional<RoutineCache::FileKey> stat_key(const std::string& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !cacheable(st)) return std::nullopt;
    RoutineCache::FileKey k;
    set_stat(k, st);
    return k;
}

// The key with a 64-bit hash of the bytes, or nullopt for anything that is not a regular
// file that can be read whole. Its stat is the open file's, taken before reading.
std::optional<RoutineCache::FileKey> hashed_key(const std::string& file) {
    int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<RoutineCache::FileKey> out;
    if (::fstat(fd, &st) == 0 && cacheable(st)) {
        RoutineCache::FileKey k;
        set_stat(k, st);
        std::uint64_t h = 14695981039346656037ULL;
        char buf[65536];
        std::int64_t total = 0;
        ssize_t n = 0;
        while ((n = ::read(fd, buf, sizeof buf)) != 0) {
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) break;
            // FNV-1a over eight bytes at a time (then the rest one by one): the same
            // spread for what this is for, an eighth of the multiplications.
            const auto len = static_cast<std::size_t>(n);
            std::size_t i = 0;
            for (; i + 8 <= len; i += 8) {
                std::uint64_t word = 0;
                std::memcpy(&word, buf + i, 8);
                h = (h ^ word) * 1099511628211ULL;
            }
            for (; i < len; ++i) h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ULL;
            total += n;
        }
        k.hash = h;
        if (n == 0 && total == k.size) out = k;  // read whole, and as long as it said
    }
    ::close(fd);
    return out;
}

// Reads `n` bytes at `at` whole, or says it could not.
bool read_at(int fd, char* to, std::size_t n, std::uint64_t at) {
    while (n > 0) {
        const ssize_t got = ::pread(fd, to, n, static_cast<off_t>(at));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        const auto k = static_cast<std::size_t>(got);
        to += k;
        n -= k;
        at += k;
    }
    return true;
}

std::int64_t wall_ns() {
    struct timespec now {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return ns(now);
}

std::string absolute_string(const fs::path& p) {
    // The common case, and a cheap one: already absolute with nothing to normalise.
    const std::string& s = p.native();
    if (!s.empty() && s[0] == '/' && s.find("//") == std::string::npos &&
        s.find("/.") == std::string::npos)
        return s;
    std::error_code ec;
    auto a = fs::absolute(p, ec);
    return (ec ? p : a).lexically_normal().string();
}

// Whether an edit after `checked_ns` could have left the file's mtime as it was.
bool racy(const RoutineCache::FileKey& k, std::int64_t checked_ns) {
    return checked_ns - k.mtime_ns < kRacyNs;
}

std::string magic() {
    return "knead-routine-cache " + std::to_string(kFormat) + " " + std::string(kVersion) + "\n";
}

}  // namespace

fs::path default_routine_cache() {
    try {
        return xdg_cache_home() / "knead" / "routines.cache";
    } catch (const PathError&) {
        return {};
    }
}

// The file: the first line, the length of the index, the index (each entry's path, keys,
// uses, summary and where its routine is), then the serialized routines one after the
// other. Only the index is read when the cache is opened; a routine is read when wanted.
RoutineCache::RoutineCache(fs::path file) : file_(std::move(file)), run_ns_(wall_ns()) {
    if (file_.empty()) return;
    fd_ = ::open(file_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) return;
    changed_ = true;  // until it is read whole: a cache that is there and unusable is replaced
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) return;
    RoutineCache::FileKey own;
    set_stat(own, st);
    saved_ns_ = own.mtime_ns;
    const auto size = static_cast<std::uint64_t>(st.st_size);
    // The head, the index's length and as much of the index as one read brings.
    text_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(size, 65536)));
    if (!read_at(fd_, text_.data(), text_.size(), 0)) return;
    const std::string head = magic();
    if (text_.compare(0, head.size(), head) != 0) return;
    try {
        Reader lead(std::string_view(text_).substr(head.size()));
        const auto index = lead.num<std::uint64_t>();
        const std::size_t start = text_.size() - lead.left();
        if (index > size - start) throw Damaged();
        const std::size_t have = text_.size();
        text_.resize(start + static_cast<std::size_t>(index));
        if (text_.size() > have && !read_at(fd_, text_.data() + have, text_.size() - have, have))
            throw Damaged();
        blobs_at_ = start + index;
        blobs_size_ = size - blobs_at_;
        Reader rd(std::string_view(text_).substr(start));
        entries_.reserve(text_.size() / 256);  // an entry takes a few hundred bytes
        while (!rd.done()) {
            const std::string_view path = rd.str();
            Entry e;
            e.key = get_key(rd);
            e.checked_ns = rd.num<std::int64_t>();
            const auto deps = rd.num<std::size_t>();
            if (deps > text_.size()) throw Damaged();
            e.deps.resize(deps);
            for (Dep& d : e.deps) {
                d.id = rd.str();
                d.from = rd.str();
                d.file = rd.str();
                d.key = get_key(rd);
            }
            e.summary.area = rd.str();
            e.summary.points = rd.num<std::size_t>();
            e.summary.planned_seconds = rd.num<int>();
            e.summary.per_day = rd.num<int>();
            e.summary.per_week = rd.num<int>();
            e.refer = rd.str();
            e.at = rd.num<std::uint64_t>();
            e.size = rd.num<std::uint64_t>();
            if (e.at > blobs_size_ || e.size > blobs_size_ - e.at) throw Damaged();
            e.in_file = true;
            entries_.insert_or_assign(path, std::move(e));
        }
        changed_ = false;
    } catch (const Damaged&) {
        entries_.clear();  // rebuilt from the files
        changed_ = true;
    }
}

RoutineCache::~RoutineCache() {
    if (fd_ >= 0) ::close(fd_);
}

const std::optional<RoutineCache::FileKey>& RoutineCache::key_of(const std::string& file,
                                                                 bool hash) {
    auto [it, fresh] = keys_.try_emplace(file);
    Seen& seen = it->second;
    if (hash && !seen.hashed) {
        seen.key = hashed_key(file);
        seen.hashed = true;
    } else if (fresh) {
        seen.key = stat_key(file);
    }
    return seen.key;
}

bool RoutineCache::unchanged(const std::string& file, const FileKey& key, std::int64_t checked_ns) {
    const auto& now = key_of(file, false);
    if (!now || !now->same_stat(key)) return false;
    if (!racy(key, checked_ns)) return true;
    const auto& hashed = key_of(file, true);
    return hashed && hashed->same_stat(key) && hashed->hash == key.hash;
}

std::optional<RoutineCache::Found> RoutineCache::find(
    const fs::path& file, const Resolver& resolver,
    const std::function<bool(const RoutineSummary&)>& want) {
    const std::string abs = absolute_string(file);
    auto it = entries_.find(abs);
    // Whatever is not served is parsed: hashed first, so that an edit made in between
    // changes the key and the next run reads the file again.
    auto stale = [&] {
        if (it != entries_.end()) {
            entries_.erase(it);
            changed_ = true;
        }
        key_of(abs, true);
        return std::nullopt;
    };
    if (it == entries_.end()) return stale();
    Entry& e = it->second;
    // The cache file's own mtime is on its filesystem's clock, which a network
    // filesystem's files share more often than they share this machine's: the earlier.
    const std::int64_t checked = saved_ns_ > 0 ? std::min(e.checked_ns, saved_ns_) : e.checked_ns;
    const bool was_racy = racy(e.key, checked);
    if (!unchanged(abs, e.key, checked)) return stale();
    for (const Dep& d : e.deps) {
        // What a name finds depends on the search path and the directory of the file
        // that names it, the same for every routine of that directory.
        auto where = d.from.substr(0, d.from.rfind('/') + 1);
        auto [at, fresh] = found_.try_emplace(d.id + '\n' + where);
        if (fresh && resolver.find)
            if (auto f = resolver.find(d.id, d.from)) at->second = absolute_string(*f);
        if (at->second != d.file) return stale();
        // A used file is keyed only once it has been still for a while (see store()), so
        // its stat alone tells.
        if (!unchanged(d.file, d.key, run_ns_)) return stale();
    }
    Found out{e.summary, std::nullopt};
    try {
        out.summary.refer = deserialize_refer(e.refer);
    } catch (const Damaged&) {
        return stale();
    }
    if (!want || want(out.summary)) {
        std::string bytes;
        std::string_view text = e.routine;
        if (e.in_file) {
            bytes.resize(static_cast<std::size_t>(e.size));
            if (!read_at(fd_, bytes.data(), bytes.size(), blobs_at_ + e.at)) return stale();
            text = bytes;
        }
        try {
            Routine r = deserialize(text);
            r.id = file.stem().string();
            r.path = file;
            out.routine = std::move(r);
        } catch (const Damaged&) {
            return stale();
        }
    }
    e.touched = true;
    // Hashed and found the same at a time its mtime is safely older than: no longer racy.
    if (was_racy && !racy(e.key, run_ns_)) {
        e.checked_ns = run_ns_;
        changed_ = true;
    }
    return out;
}

void RoutineCache::store(const fs::path& file, const Routine& r, const RoutineSummary& summary,
                         const std::vector<UsedFile>& uses) {
    const std::string abs = absolute_string(file);
    const auto& key = key_of(abs, true);  // hashed by find(), before the file was parsed
    if (!key) return;
    Entry e;
    e.key = *key;
    e.checked_ns = run_ns_;
    for (const auto& u : uses) {
        Dep d{u.id, u.from.string(), absolute_string(u.file), {}};
        // Keyed after it was read: kept only if it has been still for a while, so that
        // its stat alone tells an edit since.
        const auto& dk = key_of(d.file, false);
        if (!dk || racy(*dk, run_ns_)) return;
        d.key = *dk;
        e.deps.push_back(std::move(d));
    }
    e.summary = summary;
    e.summary.refer.clear();  // kept serialized, as the routine is
    e.refer = owned_.emplace_back(serialize(summary.refer));
    e.routine = owned_.emplace_back(serialize(r));
    e.in_file = false;
    e.touched = true;
    auto it = entries_.find(abs);
    if (it == entries_.end())
        entries_.emplace(owned_.emplace_back(abs), std::move(e));
    else
        it->second = std::move(e);
    changed_ = true;
}

int RoutineCache::save() {
    if (!changed_ || file_.empty()) return 0;
    if (entries_.size() > kMaxEntries)
        std::erase_if(entries_, [](const auto& kv) { return !kv.second.touched; });
    // The routines kept from the file as it was, read in one go; if that fails, their
    // entries go, and the next run parses those files again.
    std::string old;
    if (std::any_of(entries_.begin(), entries_.end(),
                    [](const auto& kv) { return kv.second.in_file; })) {
        old.resize(static_cast<std::size_t>(blobs_size_));
        if (fd_ < 0 || !read_at(fd_, old.data(), old.size(), blobs_at_))
            std::erase_if(entries_, [](const auto& kv) { return kv.second.in_file; });
    }
    // In order of path, so that the same entries always make the same file.
    std::vector<const std::pair<const std::string_view, Entry>*> sorted;
    sorted.reserve(entries_.size());
    for (const auto& kv : entries_) sorted.push_back(&kv);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    Writer index;
    std::string routines;
    for (const auto* kv : sorted) {
        const std::string_view path = kv->first;
        const Entry& e = kv->second;
        index.str(path);
        put_key(index, e.key);
        index.num(e.checked_ns).num(e.deps.size());
        for (const Dep& d : e.deps) {
            index.str(d.id).str(d.from).str(d.file);
            put_key(index, d.key);
        }
        const RoutineSummary& s = e.summary;
        index.str(s.area).num(s.points).num(s.planned_seconds).num(s.per_day).num(s.per_week);
        const std::string_view bytes =
            e.in_file ? std::string_view(old).substr(static_cast<std::size_t>(e.at),
                                                     static_cast<std::size_t>(e.size))
                      : e.routine;
        index.str(e.refer).num(routines.size()).num(bytes.size());
        routines += bytes;
    }
    Writer w;
    w.text() = magic();
    w.num(index.text().size());
    w.text() += index.text();
    w.text() += routines;
    if (int err = create_private_dirs(file_.parent_path())) return err;
    int err = replace_private_file(file_, w.text());
    if (err == 0) changed_ = false;
    return err;
}

}  // namespace knead
