// Streams the session log one record at a time in constant memory: comments are skipped,
// unknown keys are kept for whoever wants them, and a damaged line is counted and skipped
// rather than stopping the read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/log_fields.hpp"
#include "knead/logfmt.hpp"

namespace knead {

// One record. Its views stay valid until it is read again, and while the line it was
// read from stays where it is.
class LogRecord {
  public:
    // Reads one line that is no comment: false, with why, when it is not a knead record.
    bool read(std::string_view line, std::size_t line_number, std::string& why);

    // The value of `key`, or an empty view when the record has no such key.
    std::string_view get(LogKey key) const {
        return has(key) ? slots_[static_cast<std::size_t>(key)] : std::string_view{};
    }
    bool has(LogKey key) const { return (present_ >> static_cast<unsigned>(key)) & 1U; }
    // Any key, also those this version does not write (slower: a scan).
    std::string_view get(std::string_view key) const;
    bool has(std::string_view key) const;
    const std::vector<LogField>& fields() const { return fields_; }
    // Its line in the log; a reader going backwards numbers lines by their byte offset + 1,
    // which keeps their order.
    std::size_t line() const { return line_; }
    std::string_view text() const { return text_; }  // the line as read

  private:
    std::string_view text_;
    std::vector<LogField> fields_;
    std::array<std::string_view, kLogKeys> slots_{};  // only those in present_ are set
    std::uint32_t present_ = 0;
    std::size_t line_ = 0;
    std::string scratch_;  // unescaped quoted values
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

    int fd_ = -1;
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;  // unread bytes are [begin_, end_)
    std::size_t end_ = 0;
    // What is left of the log as it was when opened: a record another session appends
    // while this one reads may be only half written yet, and is not read.
    std::size_t unread_ = 0;
    bool eof_ = false;
    bool missing_ = false;
    bool special_ = false;
    std::string error_;
    std::size_t line_ = 0;
    std::string why_;
    LogProblems problems_;
};

// Reads the log from its end, a block at a time, the latest record first: what needs only
// the recent past (learned holds, the last N sessions) stops early and never reads the
// rest. Lines are read as LogReader reads them, with the same problems reported, except
// that a part not read is not looked at. A record's line() is its byte offset + 1 until
// line_number() counts the lines before it.
class ReverseLogReader {
  public:
    explicit ReverseLogReader(const std::filesystem::path& path);
    ReverseLogReader(LogReader::FromText, std::string_view text);
    ~ReverseLogReader();
    ReverseLogReader(const ReverseLogReader&) = delete;
    ReverseLogReader& operator=(const ReverseLogReader&) = delete;

    // The record before the last one returned; false at the start of the log or on an error.
    bool next(LogRecord& r);

    bool missing() const { return missing_; }
    bool special() const { return special_; }
    const std::string& error() const { return error_; }
    // The problems met so far. Once reading stops, settle() turns the first damaged line's
    // offset into its line number and looks at the header on the first line.
    LogProblems& problems() { return problems_; }
    void settle();

    static constexpr std::size_t kBlock = std::size_t{64} * 1024;

  private:
    bool load();  // reads the block before the unread part; false at the start or on an error
    bool read_at(std::size_t offset, char* to, std::size_t n);
    std::size_t line_number(std::size_t offset);  // 1 + the newlines before offset

    int fd_ = -1;
    std::string text_;  // FromText: the whole log
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t size_ = 0;  // of the file when opened: what a writer appends later is not read
    std::size_t base_ = 0;  // the file offset of buffer_[0]
    std::size_t end_ = 0;   // buffer_[0, end_) is read but not yet taken
    bool tail_ = true;      // the next line taken is the last one of the file
    bool overlong_ = false;
    bool done_ = false;
    bool missing_ = false;
    bool special_ = false;
    std::string error_;
    std::string why_;
    LogProblems problems_;
};

}  // namespace knead
