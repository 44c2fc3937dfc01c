// The one way the CLI layer reports a failure to the user: throw an Error, which run_cli
// prints once as `knead: error: MESSAGE` and turns into its exit code. Routine and config
// diagnostics (FILE:LINE:COL) are a report of their own and keep their form.
#pragma once

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "knead/exit_codes.hpp"

namespace knead {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message, int exit = exit_code::failure)
        : std::runtime_error(message), exit_(exit) {}
    int exit_code() const { return exit_; }

  private:
    int exit_;
};

// "cannot WHAT PATH: REASON", the reason being the OS's words for `err` (an errno).
Error os_error(const std::string& what, const std::filesystem::path& path, int err,
               int exit = exit_code::failure);

// A usage error: exit 2.
Error usage_error(const std::string& message);

// Prints `knead: error: MESSAGE` to `err` (stderr, or the context's): the one place that does.
void print_error(const std::string& message, std::FILE* err = stderr);

}  // namespace knead
