#include "knead/private_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace knead {

int write_fully(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

int replace_private_file(const std::filesystem::path& path, std::string_view text) {
    std::string tmp = path.string() + ".XXXXXX";
    int fd = ::mkstemp(tmp.data());  // mode 0600
    if (fd < 0) return errno;
    int err = write_fully(fd, text);
    if (err == 0 && ::fchmod(fd, 0600) != 0) err = errno;  // whatever the umask did
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) ::unlink(tmp.c_str());
    return err;
}

}  // namespace knead
