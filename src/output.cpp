#include "output.hpp"

#include <unistd.h>

#include <cerrno>

namespace knead {

void FdOutput::write(std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd_, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // EPIPE, EIO, a full disk: nobody will read the rest
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace knead
