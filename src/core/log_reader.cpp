#include "knead/log_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "knead/utf8.hpp"

namespace knead {
namespace {

constexpr int kLogVersion = 1;
constexpr std::string_view kHeaderPrefix = "# knead log v";

bool key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

}  // namespace

void LogProblems::damage(std::size_t line, std::string_view why) {
    if (damaged++ == 0) {
        first_line = line;
        // The reason may quote the line, and the line may hold anything: keep control
        // characters away from the terminal the warning goes to.
        first_why = printable(why);
    }
}

std::vector<std::string> log_warnings(const LogProblems& p, const std::string& file) {
    std::vector<std::string> out;
    if (p.newer_version)
        out.push_back(
            fmt::format("{} was written by a newer knead (log v{}; this one reads v{}): "
                        "showing what this version understands",
                        file, *p.newer_version, kLogVersion));
    if (p.damaged == 1)
        out.push_back(
            fmt::format("{}:{}: skipped a damaged line: {}", file, p.first_line, p.first_why));
    else if (p.damaged > 1)
        out.push_back(fmt::format("{}:{}: skipped a damaged line: {} (and {} more damaged lines)",
                                  file, p.first_line, p.first_why, p.damaged - 1));
    return out;
}

LogReader::LogReader(const std::filesystem::path& path) {
    do {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    } while (fd_ < 0 && errno == EINTR);
    if (fd_ < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            missing_ = true;
        else
            error_ = std::strerror(errno);
        eof_ = true;
        return;
    }
    // Only a regular file is a log: a device such as /dev/zero or a pipe would never end.
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        error_ = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
        special_ = true;
        eof_ = true;
        return;
    }
    capacity_ = kBufferSize;
    buffer_ = std::make_unique<char[]>(capacity_);
}

LogReader::LogReader(FromText, std::string_view text)
    : buffer_(std::make_unique<char[]>(text.size() + 1)), capacity_(text.size() + 1) {
    std::memcpy(buffer_.get(), text.data(), text.size());
    end_ = text.size();
    eof_ = true;
}

LogReader::~LogReader() {
    if (fd_ >= 0) ::close(fd_);
}

bool LogReader::fill() {
    if (eof_) return false;
    if (begin_ > 0) {
        std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    while (true) {
        ssize_t n = ::read(fd_, buffer_.get() + end_, capacity_ - end_);
        if (n > 0) {
            end_ += static_cast<std::size_t>(n);
            return true;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error_ = std::strerror(errno);
        eof_ = true;
        return false;
    }
}

bool LogReader::next(LogRecord& r) {
    bool overlong = false;  // skipping the rest of a line that did not fit the buffer
    while (true) {
        const char* start = buffer_ ? buffer_.get() + begin_ : nullptr;
        const void* nl = start ? std::memchr(start, '\n', end_ - begin_) : nullptr;
        if (!nl) {
            if (end_ - begin_ == capacity_ && capacity_ > 0) {
                // A line longer than the whole buffer: drop what we have, find its end.
                if (!overlong) problems_.damage(line_ + 1, "the line is far too long");
                overlong = true;
                begin_ = end_ = 0;
            }
            if (fill()) continue;
            if (begin_ == end_) return false;
            // The last line has no newline: a write was cut short (a crash, a full disk).
            std::string_view rest(buffer_.get() + begin_, end_ - begin_);
            begin_ = end_;
            ++line_;
            if (!overlong && rest.find_first_not_of(" \t\r") != std::string_view::npos)
                problems_.damage(line_, "the last line is cut short (no end of line)");
            return false;
        }
        const char* stop = static_cast<const char*>(nl);
        std::string_view line(start, static_cast<std::size_t>(stop - start));
        begin_ += line.size() + 1;
        ++line_;
        if (overlong) {
            overlong = false;
            continue;
        }
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        if (line[0] == '#') {
            if (line.substr(0, kHeaderPrefix.size()) == kHeaderPrefix) {
                // A version too big for any integer is newer still.
                auto digits = line.substr(kHeaderPrefix.size());
                digits = digits.substr(0, digits.find_first_not_of("0123456789"));
                int v = 0;
                auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
                bool newer =
                    ec == std::errc::result_out_of_range || (ec == std::errc() && v > kLogVersion);
                if (newer && !problems_.newer_version)
                    problems_.newer_version = std::string(digits.substr(0, 40));
            }
            continue;
        }
        if (parse(line, r)) return true;
    }
}

// logfmt, as format_logfmt writes it, parsed in place: values point into the buffer,
// or into scratch_ when they held escapes.
bool LogReader::parse(std::string_view line, LogRecord& r) {
    r.fields_.clear();
    r.line_ = line_;
    std::size_t used = 0;  // bytes of scratch_ taken by this line
    const std::size_t n = line.size();
    std::size_t i = 0;
    auto fail = [&](std::string_view why) {
        problems_.damage(line_, why);
        return false;
    };
    while (true) {
        while (i < n && line[i] == ' ') ++i;
        if (i >= n) break;
        const std::size_t k = i;
        while (i < n && key_char(line[i])) ++i;
        if (i == k) return fail(fmt::format("expected a key at column {}", i + 1));
        std::string_view key = line.substr(k, i - k);
        if (i >= n || line[i] != '=') return fail(fmt::format("expected '=' after `{}`", key));
        ++i;
        std::string_view value;
        if (i < n && line[i] == '"') {
            const std::size_t v = ++i;
            bool escaped = false;
            while (i < n && line[i] != '"') {
                if (line[i] == '\\') {
                    escaped = true;
                    ++i;
                }
                ++i;
            }
            if (i >= n) return fail(fmt::format("unterminated quoted value of `{}`", key));
            if (!escaped) {
                value = line.substr(v, i - v);
            } else {
                // Sized once per line, before any view into it is taken.
                if (used == 0 && scratch_.size() < n) scratch_.resize(n);
                const std::size_t from = used;
                for (std::size_t j = v; j < i; ++j) {
                    char c = line[j];
                    if (c == '\\' && j + 1 < i) {
                        char e = line[++j];
                        c = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                    }
                    scratch_[used++] = c;
                }
                value = std::string_view(scratch_.data() + from, used - from);
            }
            ++i;
            if (i < n && line[i] != ' ')
                return fail(fmt::format("expected a space after the value of `{}`", key));
        } else {
            const std::size_t v = i;
            const void* space = std::memchr(line.data() + i, ' ', n - i);
            i = space ? static_cast<std::size_t>(static_cast<const char*>(space) - line.data()) : n;
            value = line.substr(v, i - v);
        }
        r.fields_.push_back({key, value});
    }
    if (r.fields_.size() < 2 || r.fields_[0].key != "time" || r.fields_[1].key != "session")
        return fail("not a knead record: it should start with time= and session=");
    return true;
}

}  // namespace knead
