#include "knead/log_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <string>

#include "knead/log_lock.hpp"
#include "knead/log_record.hpp"
#include "knead/paths.hpp"

namespace knead {
namespace {

// A link to nothing is not created through (its target may be a folder not mounted yet,
// and a new log there would hide the real one): os_reason says so.
[[noreturn]] void fail(const std::filesystem::path& p, std::string_view what, int err) {
    throw LogError(fmt::format("cannot {} the log {}: {}", what, p.string(), os_reason(p, err)));
}

std::string fifo_error(const std::filesystem::path& p) {
    return fmt::format(
        "cannot use the log {}: it is a FIFO, not a regular file; point --log "
        "at a file",
        p.string());
}

void write_all(int fd, std::string_view data, const std::filesystem::path& p) {
    // One write() is what keeps lines whole when two sessions append at once; O_APPEND
    // makes each write land at the end. A short write means the disk or the file size
    // limit was reached: writing the rest then fails and says which.
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(p, "write to", errno);
        if (n == 0) fail(p, "write to", ENOSPC);
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

// True when the log's last line has no newline: a record cut off by a crash or a failed
// write. The next record must then start on a line of its own, or it would be lost too;
// and what is left of the cut one must not pass for a whole record (pain=1 of pain=10).
bool ends_mid_line(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return false;
    struct stat st {};
    char last = '\n';
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        ::pread(fd, &last, 1, st.st_size - 1) != 1)
        last = '\n';
    ::close(fd);
    return last != '\n';
}

// The private files of creations that a kill cut short (LOG.new-PID): those of a process
// that is gone, or older than an hour, when the PID may belong to another process now.
void remove_stale_new_files(const std::filesystem::path& path) {
    const std::string prefix = path.filename().string() + ".new-";
    std::string dir = path.parent_path().empty() ? "." : path.parent_path().string();
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    const std::time_t now = std::time(nullptr);
    while (const dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name.substr(0, prefix.size()) != prefix) continue;
        std::string_view digits = name.substr(prefix.size());
        if (digits.empty() || digits.size() > 9 ||
            digits.find_first_not_of("0123456789") != std::string_view::npos)
            continue;
        auto pid = static_cast<pid_t>(std::stol(std::string(digits)));
        std::string file = dir + "/" + std::string(name);
        struct stat st {};
        if (pid == ::getpid() || ::lstat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        bool gone = ::kill(pid, 0) != 0 && errno == ESRCH;
        if (gone || now - st.st_mtime > 3600) ::unlink(file.c_str());
    }
    ::closedir(d);
}

// Creates the log with its header in one step: the header goes into a private file
// that is then hard-linked into place, which fails if the log appeared meanwhile. So no
// other session can ever append before the header. Where hard links are not supported,
// falls back to creating the file exclusively and writing the header after.
bool create_with_header(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) return false;  // the usual case: the log exists
    const std::string header = std::string(kLogHeader) + "\n";
    std::string tmp = path.string() + fmt::format(".new-{}", ::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        bool written =
            ::write(fd, header.data(), header.size()) == static_cast<ssize_t>(header.size());
        ::close(fd);
        int linked = written ? ::link(tmp.c_str(), path.c_str()) : -1;
        int err = errno;
        ::unlink(tmp.c_str());
        if (linked == 0) return true;
        if (written && err == EEXIST) return false;
        if (written && err != EPERM && err != ENOTSUP && err != EXDEV) fail(path, "create", err);
    }
    fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        fail(path, "create", errno);
    }
    write_all(fd, header, path);
    ::close(fd);
    return true;
}

}  // namespace

LogFile::LogFile(std::filesystem::path path) : path_(std::move(path)) {
    if (auto err = create_private_dirs(path_.parent_path()))
        throw LogError(fmt::format("cannot create the log directory {}: {}",
                                   path_.parent_path().string(), std::strerror(err)));
    remove_stale_new_files(path_);
    created_ = create_with_header(path_);
    // Not blocking: a FIFO in the log's place would wait for a reader forever. (A device
    // such as /dev/full is allowed: writes to it fail, or vanish, as the user chose.)
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd_ < 0 && errno == ENXIO) throw LogError(fifo_error(path_));
    if (fd_ < 0) fail(path_, "open", errno);
    struct stat kind {};
    if (::fstat(fd_, &kind) == 0 && S_ISFIFO(kind.st_mode)) {
        ::close(fd_);
        fd_ = -1;
        throw LogError(fifo_error(path_));
    }
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
    // " #" cannot follow a value in logfmt, nor end a quoted one: every reader takes the
    // marked line for damaged. Under the lock, a last line without its newline is one that
    // was cut short, not another session's record still being written.
    if (!created_) {
        LogLock lock(fd_, LogLock::Kind::exclusive, patience_);
        if (!lock.held()) patience_ = {};
        if (ends_mid_line(path_)) write_all(fd_, std::string(kCutMark) + "\n", path_);
    }
    struct stat st {};
    if (!created_ && ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077) != 0)
        too_open_ = true;
}

LogFile::~LogFile() {
    if (fd_ >= 0) ::close(fd_);
}

void LogFile::append(std::string_view line) {
    std::string data(line);
    data += '\n';
    LogLock lock(fd_, LogLock::Kind::exclusive, patience_);
    if (!lock.held()) patience_ = {};
    write_all(fd_, data, path_);
}

void LogFile::sync() {
    if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) fail(path_, "sync", errno);
}

}  // namespace knead
