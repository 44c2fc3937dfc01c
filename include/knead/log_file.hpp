// The append-only session log. Each record reaches the file with one write(), so a
// crash loses at most the step under way and never leaves half a line.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "knead/log_lock.hpp"

namespace knead {

// Ends a record that a crash or a failed write cut short, when the next session opens
// the log (docs/log-format.md).
inline constexpr std::string_view kCutMark = " #cut-off";

class LogError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class LogFile {
  public:
    // Creates missing directories (0700) and the file (0600, with the header line).
    // Throws LogError with a message naming the path when it cannot be written.
    explicit LogFile(std::filesystem::path path);
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    bool created() const { return created_; }
    // Permissions wider than 0600 on an existing log: worth a warning, health data.
    bool too_open() const { return too_open_; }

    void append(std::string_view line);  // adds the newline; throws LogError
    void sync();                         // flushes to stable storage; throws LogError

  private:
    std::filesystem::path path_;
    int fd_ = -1;
    bool created_ = false;
    bool too_open_ = false;
    // How long a write waits for the log's lock (log_lock.hpp). Once a wait came to
    // nothing, the lock is only tried: whoever holds it must not slow every step.
    std::chrono::milliseconds patience_ = LogLock::kPatience;
};

}  // namespace knead
