#include "line_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "terminal.hpp"

namespace knead {

LineReader::LineReader(int fd, SignalGuard& signals)
    : fd_(fd), signals_(signals), tty_(::isatty(fd) == 1) {}

LineReader::Result LineReader::read_line(std::string& out) {
    out.clear();
    too_long_ = false;
    while (true) {
        const auto nl = buffer_.find('\n');
        const std::size_t len = std::min(nl, buffer_.size());
        if (skipping_) {
            buffer_.erase(0, nl == std::string::npos ? nl : nl + 1);
            skipped_ += len;
            if (nl != std::string::npos) {
                skipping_ = false;
                continue;
            }
            if (skipped_ >= kMaxSkip) {
                skipped_ = 0;
                too_long_ = true;
                return Result::line;
            }
            if (eof_) return Result::eof;
        } else if (len > kMaxLine) {
            out = buffer_.substr(0, kMaxLine);
            too_long_ = true;
            skipping_ = nl == std::string::npos;
            skipped_ = 0;
            buffer_.erase(0, nl == std::string::npos ? nl : nl + 1);
            return Result::line;
        } else if (nl != std::string::npos) {
            out = buffer_.substr(0, nl);
            buffer_.erase(0, nl + 1);
            return Result::line;
        } else if (eof_) {
            // At the end of input, a last line without a newline still counts.
            if (buffer_.empty()) return Result::eof;
            out = std::move(buffer_);
            buffer_.clear();
            return Result::line;
        }
        if (Result r = fill(); r != Result::line) return r;
    }
}

// Reads what is there into the buffer; `line` means "look again".
LineReader::Result LineReader::fill() {
    if (signals_.wait_for(std::nullopt, fd_) == Wake::signal) return Result::signal;
    char chunk[4096];
    ssize_t n = ::read(fd_, chunk, sizeof chunk);
    int err = errno;
    if (n > 0) {
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return Result::line;
    }
    if (n < 0 && (err == EINTR || err == EAGAIN)) return Result::line;
    // A terminal that hung up reads as end of file or EIO, again and again: that is a
    // hang-up, not the end of the answers.
    if (tty_ && terminal_gone(fd_, n, err)) {
        signals_.hang_up();
        return Result::signal;
    }
    if (n < 0) {
        error_ = err;
        return Result::error;
    }
    eof_ = true;
    return Result::line;
}

}  // namespace knead
