#include "knead/log_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "knead/log_record.hpp"
#include "knead/paths.hpp"

namespace knead {
namespace {

[[noreturn]] void fail(const std::filesystem::path& p, std::string_view what, int err) {
    throw LogError(fmt::format("cannot {} the log {}: {}", what, p.string(), std::strerror(err)));
}

void write_all(int fd, std::string_view data, const std::filesystem::path& p) {
    // One write() is what keeps lines whole when two sessions append at once; O_APPEND
    // makes each write land at the end. A short write (a full disk) is an error.
    ssize_t n;
    do {
        n = ::write(fd, data.data(), data.size());
    } while (n < 0 && errno == EINTR);
    if (n < 0) fail(p, "write to", errno);
    if (static_cast<std::size_t>(n) != data.size()) fail(p, "write to", ENOSPC);
}

}  // namespace

LogFile::LogFile(std::filesystem::path path) : path_(std::move(path)) {
    if (auto err = create_private_dirs(path_.parent_path()))
        throw LogError(fmt::format("cannot create the log directory {}: {}",
                                   path_.parent_path().string(), std::strerror(err)));
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ >= 0) {
        created_ = true;
        write_all(fd_, std::string(kLogHeader) + "\n", path_);
        return;
    }
    if (errno != EEXIST) fail(path_, "create", errno);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd_ < 0) fail(path_, "open", errno);
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077) != 0) too_open_ = true;
}

LogFile::~LogFile() {
    if (fd_ >= 0) ::close(fd_);
}

void LogFile::append(std::string_view line) {
    std::string data(line);
    data += '\n';
    write_all(fd_, data, path_);
}

void LogFile::sync() {
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) fail(path_, "sync", errno);
}

}  // namespace knead
