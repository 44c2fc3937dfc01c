#include "error.hpp"

#include <fmt/format.h>

#include "knead/paths.hpp"

namespace knead {

Error os_error(const std::string& what, const std::filesystem::path& path, int err, int exit) {
    return Error(fmt::format("cannot {} {}: {}", what, path.string(), os_reason(path, err)), exit);
}

Error usage_error(const std::string& message) {
    return Error(message, exit_code::usage);
}

void print_error(const std::string& message, std::FILE* err) {
    std::fflush(stdout);  // whatever came before the error stays before it
    fmt::print(err, "knead: error: {}\n", message);
}

}  // namespace knead
