// Turns routine names on the command line into loaded routines, with clear errors.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "knead/routine.hpp"

namespace knead {

// Loads each named routine. On failure prints the reasons to `err` and returns nullopt.
std::optional<std::vector<Routine>> load_named_routines(const RoutineOptions& o,
                                                        const std::vector<std::string>& names,
                                                        std::FILE* err);

}  // namespace knead
