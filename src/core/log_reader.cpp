#include "knead/log_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <system_error>

#include "knead/log_lock.hpp"
#include "knead/paths.hpp"
#include "knead/utf8.hpp"

namespace knead {
namespace {

// Every key knead writes is at most 8 bytes long, so its bytes as one number (its
// logfmt_key_word, which the tokenizer gives each field) name it exactly: a key is found
// by that number's place in a small table and one comparison.
constexpr std::size_t cell_of(std::uint64_t v) {
    return static_cast<std::size_t>((v * 0xFF51AFD7ED558CCDULL) >> 56);  // 256 cells
}

struct KeyTable {
    std::array<std::uint64_t, 256> key{};
    std::array<std::int8_t, 256> slot{};
};

constexpr KeyTable make_key_table() {
    KeyTable t;
    t.slot.fill(-1);
    for (std::size_t i = 0; i < kLogKeys; ++i) {
        const std::uint64_t v = logfmt_key_word(kLogKeyNames[i]);
        t.key[cell_of(v)] = v;
        t.slot[cell_of(v)] = static_cast<std::int8_t>(i);
    }
    return t;
}

constexpr KeyTable kKeyTable = make_key_table();

constexpr bool keys_fit() {
    for (std::size_t i = 0; i < kLogKeys; ++i) {
        const std::string_view k = kLogKeyNames[i];
        if (k.empty() || k.size() > 8) return false;
        if (kKeyTable.slot[cell_of(logfmt_key_word(k))] != static_cast<std::int8_t>(i))
            return false;
    }
    return true;
}
static_assert(keys_fit(), "a key is longer than 8 bytes, or two keys share a cell");

constexpr std::uint64_t kTimeWord = logfmt_key_word(key_name(LogKey::time));
constexpr std::uint64_t kSessionWord = logfmt_key_word(key_name(LogKey::session));

int slot_of(std::uint64_t word) {
    // 0 is a key longer than 8 bytes, none of ours; an empty cell holds 0 too.
    const std::size_t cell = cell_of(word);
    return word != 0 && kKeyTable.key[cell] == word ? kKeyTable.slot[cell] : -1;
}

}  // namespace

bool LogRecord::read(std::string_view line, std::size_t line_number, std::string& why) {
    line_ = line_number;
    text_ = line;
    present_ = 0;  // slots_ is not cleared: get() looks only at the keys present
    if (!tokenize_logfmt(line, scratch_, fields_, why)) return false;
    for (const auto& f : fields_) {
        const int slot = slot_of(f.word);
        if (slot < 0 || ((present_ >> slot) & 1U)) continue;  // the first of two wins
        present_ |= 1U << slot;
        slots_[static_cast<std::size_t>(slot)] = f.value;
    }
    if (fields_.size() < 2 || fields_[0].word != kTimeWord || fields_[1].word != kSessionWord) {
        why = "not a knead record: it should start with time= and session=";
        return false;
    }
    return true;
}

std::string_view LogRecord::get(std::string_view key) const {
    for (const auto& f : fields_)
        if (f.key == key) return f.value;
    return {};
}

bool LogRecord::has(std::string_view key) const {
    for (const auto& f : fields_)
        if (f.key == key) return true;
    return false;
}

void LogProblems::damage(std::size_t line, std::string_view why) {
    // The earliest line is the one named, in whichever order the lines were read.
    if (damaged++ == 0 || line < first_line) {
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

namespace {

// What both readers do with a whole line: a comment is skipped (a header above our version
// noted), a record read, a damaged line counted. True when `r` holds a record.
bool take_line(std::string_view line, std::size_t number, LogRecord& r, std::string& why,
               LogProblems& problems) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return false;
    if (line[0] == '#') {
        if (line.substr(0, kLogHeaderPrefix.size()) == kLogHeaderPrefix) {
            // A version too big for any integer is newer still.
            auto digits = line.substr(kLogHeaderPrefix.size());
            digits = digits.substr(0, digits.find_first_not_of("0123456789"));
            int v = 0;
            auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
            const bool newer =
                ec == std::errc::result_out_of_range || (ec == std::errc() && v > kLogVersion);
            if (newer && !problems.newer_version)
                problems.newer_version = std::string(digits.substr(0, 40));
        }
        return false;
    }
    if (r.read(line, number, why)) return true;
    problems.damage(number, why);
    return false;
}

// Opens a log for reading: -1 when it is missing (`missing` set) or cannot be opened
// (`error` set); a file that is no regular one is refused too (`special`): a device such as
// /dev/zero or a pipe would never end. `size` gets the file's size.
int open_log(const std::filesystem::path& path, bool& missing, bool& special, std::string& error,
             std::size_t& size) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int err = errno;
        // A link to a log whose folder is not mounted, or was moved, is not "no sessions yet".
        if ((err == ENOENT || err == ENOTDIR) && !dangling_link_target(path))
            missing = true;
        else
            error = os_reason(path, err);
        return -1;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
        special = true;
        ::close(fd);
        return -1;
    }
    {
        // The size while no session is writing: the last line it takes in is whole, or was
        // cut short for good. Appends after it are not read.
        LogLock lock(fd, LogLock::Kind::shared);
        if (lock.held()) ::fstat(fd, &st);
    }
    size = static_cast<std::size_t>(st.st_size);
    return fd;
}

}  // namespace

LogReader::LogReader(const std::filesystem::path& path) {
    fd_ = open_log(path, missing_, special_, error_, unread_);
    if (fd_ < 0) {
        eof_ = true;
        return;
    }
    capacity_ = kBufferSize;
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
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
        ssize_t n = unread_ == 0
                        ? 0
                        : ::read(fd_, buffer_.get() + end_, std::min(capacity_ - end_, unread_));
        if (n > 0) {
            end_ += static_cast<std::size_t>(n);
            unread_ -= static_cast<std::size_t>(n);
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
        if (take_line(line, line_, r, why_, problems_)) return true;
    }
}

ReverseLogReader::ReverseLogReader(const std::filesystem::path& path) {
    fd_ = open_log(path, missing_, special_, error_, size_);
    if (fd_ < 0) {
        done_ = true;
        return;
    }
    base_ = size_;
    capacity_ = LogReader::kBufferSize + kBlock;
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
}

// A text shorter than the buffer needs no more room than itself and a block: no line of it
// can be longer than the buffer, so it reads exactly as before, and a small text does
// not cost a megabyte.
ReverseLogReader::ReverseLogReader(LogReader::FromText, std::string_view text)
    : text_(text),
      capacity_(std::min(text.size(), LogReader::kBufferSize) + kBlock),
      size_(text.size()),
      base_(text.size()) {
    buffer_ = std::make_unique_for_overwrite<char[]>(capacity_);
}

ReverseLogReader::~ReverseLogReader() {
    if (fd_ >= 0) ::close(fd_);
}

bool ReverseLogReader::read_at(std::size_t offset, char* to, std::size_t n) {
    if (fd_ < 0) {
        std::memcpy(to, text_.data() + offset, n);
        return true;
    }
    while (n > 0) {
        ssize_t got = ::pread(fd_, to, n, static_cast<off_t>(offset));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            error_ = got < 0 ? std::strerror(errno) : "the log shrank while it was read";
            return false;
        }
        to += got;
        offset += static_cast<std::size_t>(got);
        n -= static_cast<std::size_t>(got);
    }
    return true;
}

bool ReverseLogReader::load() {
    if (base_ == 0 || !error_.empty()) return false;
    if (end_ + kBlock > capacity_) {
        // A line longer than the whole buffer: drop what we have, find its start.
        overlong_ = true;
        end_ = 0;
    }
    const std::size_t n = std::min(kBlock, base_);
    std::memmove(buffer_.get() + n, buffer_.get(), end_);
    if (!read_at(base_ - n, buffer_.get(), n)) return false;
    base_ -= n;
    end_ += n;
    return true;
}

bool ReverseLogReader::next(LogRecord& r) {
    while (!done_) {
        // The line that ends where the unread part ends starts after the newline before it.
        std::size_t from = end_;
        while (from > 0 && buffer_[from - 1] != '\n') --from;
        if (from == 0 && base_ > 0) {
            if (load()) continue;
            done_ = true;  // a read error: error() says which
            break;
        }
        const std::string_view line(buffer_.get() + from, end_ - from);
        const std::size_t offset = base_ + from;
        const bool tail = tail_, overlong = overlong_;
        tail_ = overlong_ = false;
        end_ = from > 0 ? from - 1 : 0;
        done_ = from == 0;
        if (overlong) {
            problems_.damage(offset + 1, "the line is far too long");
            continue;
        }
        if (tail) {
            // The last line has no newline: a write was cut short (a crash, a full disk).
            if (line.find_first_not_of(" \t\r") != std::string_view::npos)
                problems_.damage(offset + 1, "the last line is cut short (no end of line)");
            continue;
        }
        if (take_line(line, offset + 1, r, why_, problems_)) return true;
    }
    return false;
}

std::size_t ReverseLogReader::line_number(std::size_t offset) {
    std::size_t lines = 1;
    std::string block(kBlock, '\0');
    for (std::size_t at = 0; at < offset;) {
        const std::size_t n = std::min(kBlock, offset - at);
        if (!read_at(at, block.data(), n)) break;
        lines += static_cast<std::size_t>(std::count(block.data(), block.data() + n, '\n'));
        at += n;
    }
    return lines;
}

void ReverseLogReader::settle() {
    if (problems_.damaged > 0) problems_.first_line = line_number(problems_.first_line - 1);
    // The header names the version on the first line, which an early stop has not read.
    if (!done_ && size_ > 0 && error_.empty()) {
        std::string first(std::min<std::size_t>(size_, 256), '\0');
        if (read_at(0, first.data(), first.size())) {
            LogRecord unused;
            std::string why;
            LogProblems header;
            take_line(std::string_view(first).substr(0, first.find('\n')), 1, unused, why, header);
            if (!problems_.newer_version) problems_.newer_version = header.newer_version;
        }
    }
    done_ = true;
}

}  // namespace knead
