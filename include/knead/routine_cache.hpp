// What each routine file yielded, kept between runs so that `where`, `list` and `due` do
// not parse thousands of unchanged files again. Never trusted: an entry is used only when
// the file's size, mtime, ctime, inode and device are what they were, and each file that
// its `use` read is still the one found and unchanged too. As git does for its index, a
// file whose mtime was not safely older than the moment it was last checked ("racily
// clean": an edit in the same timestamp would not show) is also hashed and compared.
#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "knead/routine.hpp"
#include "knead/routine_library.hpp"
#include "knead/routine_loader.hpp"

namespace knead {

// $XDG_CACHE_HOME/knead/routines.cache (default ~/.cache/knead); empty when there is no
// home directory to put it in.
std::filesystem::path default_routine_cache();

class RoutineCache {
  public:
    // Reads `file`: a missing, damaged or foreign one is an empty cache.
    explicit RoutineCache(std::filesystem::path file);
    ~RoutineCache();
    RoutineCache(const RoutineCache&) = delete;
    RoutineCache& operator=(const RoutineCache&) = delete;

    // What `file` yielded before, when nothing it was read from has changed: its summary,
    // and the routine itself when `want` says so of the summary (or is empty).
    struct Found {
        RoutineSummary summary;
        std::optional<Routine> routine;
    };
    std::optional<Found> find(const std::filesystem::path& file, const Resolver& resolver,
                              const std::function<bool(const RoutineSummary&)>& want = {});
    // Remembers a valid routine, its summary and the files its `use` read.
    void store(const std::filesystem::path& file, const Routine& r, const RoutineSummary& summary,
               const std::vector<UsedFile>& uses);
    // Writes the cache (temporary file and rename, mode 0600) when it changed. Returns 0
    // or an errno; a cache that cannot be written only costs time.
    int save();

    // What stat() says of a file, and the hash of its bytes when they were read.
    struct FileKey {
        std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
        std::uint64_t hash = 0;
        bool same_stat(const FileKey& o) const {
            return size == o.size && mtime_ns == o.mtime_ns && ctime_ns == o.ctime_ns &&
                   inode == o.inode && device == o.device;
        }
    };

  private:
    struct Dep {
        std::string id, from, file;
        FileKey key;
    };
    struct Entry {
        FileKey key;
        // The wall time, in ns, when the key was last known to describe the file's bytes:
        // a file with an mtime this close to it may have changed since without showing.
        std::int64_t checked_ns = 0;
        std::vector<Dep> deps;
        RoutineSummary summary;  // without its `refer`, which is kept serialized:
        std::string_view refer;  // read back in find()
        // Serialized, read only when wanted: in owned_ when stored in this run, else at
        // `at` (`size` bytes) in the file's routines.
        std::string_view routine;
        std::uint64_t at = 0, size = 0;
        bool in_file = false;
        bool touched = false;
    };
    struct Seen {
        std::optional<FileKey> key;  // nullopt: not a regular file that can be read
        bool hashed = false;
    };
    // The file's key in this run; with `hash`, its bytes hashed too (nullopt when they
    // cannot be read whole).
    const std::optional<FileKey>& key_of(const std::string& file, bool hash);
    // Whether the file still is what `key` describes, hashing it when `checked_ns` is too
    // close to its mtime to trust the stat alone.
    bool unchanged(const std::string& file, const FileKey& key, std::int64_t checked_ns);

    std::filesystem::path file_;
    int fd_ = -1;                 // the cache file as opened, for its routines
    std::uint64_t blobs_at_ = 0;  // where its routines begin, and their length
    std::uint64_t blobs_size_ = 0;
    std::string text_;               // the cache file's index as read: entries point into it
    std::deque<std::string> owned_;  // what this run added, which entries point into
    std::int64_t run_ns_ = 0;        // when this run began: before any file was looked at
    std::int64_t saved_ns_ = 0;      // the cache file's own mtime (its filesystem's clock)
    std::unordered_map<std::string_view, Entry> entries_;  // by absolute path
    std::map<std::string, Seen> keys_;                     // of this run, by absolute path
    std::map<std::string, std::string> found_;  // of this run: "ID\nDIR/" to its file, or ""
    bool changed_ = false;
};

}  // namespace knead
