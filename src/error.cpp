#include "error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "knead/paths.hpp"

namespace knead {

Error os_error(const std::string& what, const std::filesystem::path& path, int err, int exit) {
    if (err == ENOENT || err == ENOTDIR)
        if (auto target = dangling_link_target(path))
            return Error(fmt::format("cannot {} {}: it {}", what, path.string(),
                                     dangling_link_words(*target)),
                         exit);
    return Error(fmt::format("cannot {} {}: {}", what, path.string(), std::strerror(err)), exit);
}

Error usage_error(const std::string& message) {
    return Error(message, exit_code::usage);
}

void print_error(const std::string& message, std::FILE* err) {
    std::fflush(stdout);  // whatever came before the error stays before it
    fmt::print(err, "knead: error: {}\n", message);
}

}  // namespace knead
