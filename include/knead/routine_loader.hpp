// Reads and validates routine files. Reports every problem, never just the first.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/diagnostic.hpp"
#include "knead/routine.hpp"

namespace knead {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::size_t kMaxRoutineBytes = 1 << 20;
inline constexpr int kMaxUseDepth = 16;  // routines using routines using routines...

// Thresholds of the warnings: legal values that are probably not what was meant.
inline constexpr int kLongHoldSeconds = 90;
inline constexpr std::size_t kLongCueChars = 120;

struct LoadResult;

// How the loader finds the routines that a `use` names, so that it does no path lookups
// of its own (routine_finder.hpp makes one from the search path).
struct Resolver {
    // The file of routine `id`; `from` is the file that names it.
    std::function<std::optional<std::filesystem::path>(std::string_view id,
                                                       const std::filesystem::path& from)>
        find;
    // Every routine id it could find, for "did you mean"; may be empty.
    std::function<std::vector<std::string>(const std::filesystem::path& from)> known;
    // Optional, not owned: the used routines read so far, by canonical path, kept across
    // loads. Only for files that do not change in between (the fuzz target's built-ins).
    std::map<std::filesystem::path, LoadResult>* used = nullptr;
};

// A routine file that a `use` read: what the resolver gave for `id`, named in `from`.
struct UsedFile {
    std::string id;
    std::filesystem::path from;
    std::filesystem::path file;
};

struct LoadResult {
    std::optional<Routine> routine;  // set only when there are no errors
    std::vector<Diagnostic> diagnostics;
    std::vector<UsedFile> uses;  // every file it used, through every level of `use`
};

// Without a resolver, a routine that uses another one is an error. `base` is the dose
// where the routine sets none: the built-in one, or with the user's default pain band.
LoadResult load_routine_file(const std::filesystem::path& path, const Resolver& resolver = {},
                             const Dose& base = Dose{});

// Loads each file as load_routine_file does, reading each file once however many of
// them `use` it: what one file's `use` read serves the others. With `threads` above 1
// (0: one per CPU), that many threads read and parse the files ahead, and the results
// are the same as with one, in the same order.
struct LoadedFiles {
    std::vector<LoadResult> results;  // one per path, in order
    int files_read = 0;               // files parsed, the used ones included
};
LoadedFiles load_routine_files(const std::vector<std::filesystem::path>& paths,
                               const Resolver& resolver = {}, const Dose& base = Dose{},
                               unsigned threads = 0);

// `display` names the source in diagnostics; `id` is the routine's id.
LoadResult load_routine_text(std::string_view text, const std::string& display,
                             const std::string& id, const Resolver& resolver = {},
                             const Dose& base = Dose{});

}  // namespace knead
