// Reads and validates routine files. Reports every problem, never just the first.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/diagnostic.hpp"
#include "knead/routine.hpp"

namespace knead {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::size_t kMaxRoutineBytes = 1 << 20;

struct LoadResult {
    std::optional<Routine> routine;  // set only when there are no errors
    std::vector<Diagnostic> diagnostics;
};

LoadResult load_routine_file(const std::filesystem::path& path);

// `display` names the source in diagnostics; `id` is the routine's id.
LoadResult load_routine_text(std::string_view text, const std::string& display,
                             const std::string& id);

}  // namespace knead
