// Writing whole files that hold health data: private from their first byte.
#pragma once

#include <filesystem>
#include <string_view>

namespace knead {

// Writes all of `text` to `fd`, through short writes and EINTR. Returns 0 or an errno.
int write_fully(int fd, std::string_view text);

// Replaces `path` with `text`, mode 0600: written to a private temporary file beside it,
// then renamed over it, so that a failed write leaves the old file (or none), never half
// of the new one. Returns 0 or an errno.
int replace_private_file(const std::filesystem::path& path, std::string_view text);

}  // namespace knead
