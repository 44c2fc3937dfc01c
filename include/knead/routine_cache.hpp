// What each routine file yielded, kept between runs so that `where`, `list` and `due` do
// not parse thousands of unchanged files again. Never trusted: an entry is used only when
// the file's size, mtime, ctime, inode and the hash of its bytes are what they were, and
// each file that its `use` read is still the one found and unchanged too.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "knead/routine.hpp"
#include "knead/routine_loader.hpp"

namespace knead {

// $XDG_CACHE_HOME/knead/routines.cache (default ~/.cache/knead); empty when there is no
// home directory to put it in.
std::filesystem::path default_routine_cache();

class RoutineCache {
  public:
    // Reads `file`: a missing, damaged or foreign one is an empty cache.
    explicit RoutineCache(std::filesystem::path file);

    // The routine that `file` yielded before, when nothing it was read from has changed.
    std::optional<Routine> find(const std::filesystem::path& file, const Resolver& resolver);
    // Remembers a valid routine and the files its `use` read.
    void store(const std::filesystem::path& file, const Routine& r,
               const std::vector<UsedFile>& uses);
    // Writes the cache (temporary file and rename, mode 0600) when it changed. Returns 0
    // or an errno; a cache that cannot be written only costs time.
    int save();

    struct FileKey {
        std::int64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
        std::uint64_t hash = 0;  // of the file's bytes
        friend bool operator==(const FileKey&, const FileKey&) = default;
    };

  private:
    struct Dep {
        std::string id, from, file;
        FileKey key;
    };
    struct Entry {
        FileKey key;
        std::vector<Dep> deps;
        std::string routine;  // serialized, read only when used
        bool touched = false;
    };
    const std::optional<FileKey>& key_of(const std::string& file);

    std::filesystem::path file_;
    std::map<std::string, Entry> entries_;  // by absolute path
    std::map<std::string, std::optional<FileKey>> keys_;  // of this run, by absolute path
    std::map<std::string, std::string> found_;  // of this run: "ID\nDIR/" to its file, or ""
    bool changed_ = false;
};

}  // namespace knead
