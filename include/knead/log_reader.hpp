// Streams the session log one record at a time in constant memory: comments are skipped,
// unknown keys are kept for whoever wants them, and a damaged line is counted and skipped
// rather than stopping the read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

struct LogField {
    std::string_view key;
    std::string_view value;  // unquoted and unescaped
};

// One record. Its views stay valid until the reader's next call to next().
class LogRecord {
  public:
    // The value of `key`, or an empty view when the record has no such key.
    std::string_view get(std::string_view key) const {
        for (const auto& f : fields_)
            if (f.key == key) return f.value;
        return {};
    }
    bool has(std::string_view key) const {
        for (const auto& f : fields_)
            if (f.key == key) return true;
        return false;
    }
    const std::vector<LogField>& fields() const { return fields_; }
    std::size_t line() const { return line_; }

  private:
    friend class LogReader;
    std::vector<LogField> fields_;
    std::size_t line_ = 0;
};

// What a reader met that a user should hear about: reported once, not per line.
struct LogProblems {
    std::size_t damaged = 0;  // lines skipped
    std::size_t first_line = 0;
    std::string first_why;
    // From a "# knead log vN" header above ours: N's digits, however many.
    std::optional<std::string> newer_version;

    void damage(std::size_t line, std::string_view why);
    bool any() const { return damaged > 0 || newer_version.has_value(); }
};

// The warnings a command prints on stderr for `p`, each a line without "knead: ".
std::vector<std::string> log_warnings(const LogProblems& p, const std::string& file);

class LogReader {
  public:
    // Opens the log at `path`. A missing log reads as empty; see missing() and error().
    explicit LogReader(const std::filesystem::path& path);
    // Reads `text` as if it were a log file (for tests).
    struct FromText {};
    LogReader(FromText, std::string_view text);
    ~LogReader();
    LogReader(const LogReader&) = delete;
    LogReader& operator=(const LogReader&) = delete;

    // The next record; false at the end of the log or on a read error.
    bool next(LogRecord& r);

    bool missing() const { return missing_; }
    // Not a regular file (a directory, a device, a pipe): not read at all.
    bool special() const { return special_; }
    // Why the log could not be read ("" when it could): a directory, a device, an errno.
    const std::string& error() const { return error_; }
    LogProblems& problems() { return problems_; }
    const LogProblems& problems() const { return problems_; }

    // Lines longer than this are damaged: no record comes near it.
    static constexpr std::size_t kBufferSize = 1 << 20;

  private:
    bool fill();  // reads more; false at the end of the input or on an error
    bool parse(std::string_view line, LogRecord& r);

    int fd_ = -1;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;  // unread bytes are [begin_, end_)
    std::size_t end_ = 0;
    bool eof_ = false;
    bool missing_ = false;
    bool special_ = false;
    std::string error_;
    std::size_t line_ = 0;
    std::string scratch_;  // unescaped quoted values of the current line
    LogProblems problems_;
};

}  // namespace knead
