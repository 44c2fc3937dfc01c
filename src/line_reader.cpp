#include "line_reader.hpp"

#include <unistd.h>

#include <cerrno>

#include "terminal.hpp"

namespace knead {

LineReader::Result LineReader::read_line(std::string& out) {
    out.clear();
    bool truncated = false;
    while (true) {
        auto nl = buffer_.find('\n');
        if (nl != std::string::npos) {
            if (!truncated) out.append(buffer_, 0, std::min(nl, kMaxLine - out.size()));
            buffer_.erase(0, nl + 1);
            return Result::line;
        }
        if (eof_) {
            if (buffer_.empty() && out.empty() && !truncated) return Result::eof;
            // A last line without a newline still counts as an answer.
            if (!truncated) out.append(buffer_, 0, kMaxLine - std::min(kMaxLine, out.size()));
            buffer_.clear();
            return Result::line;
        }
        if (buffer_.size() >= kMaxLine) {
            if (!truncated) out.append(buffer_, 0, kMaxLine - std::min(kMaxLine, out.size()));
            truncated = true;
            buffer_.clear();
        }
        if (wait_for(std::nullopt, fd_) == Wake::signal) return Result::signal;
        char chunk[512];
        ssize_t n = ::read(fd_, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return Result::error;
        }
        if (n == 0) eof_ = true;
        buffer_.append(chunk, static_cast<std::size_t>(n > 0 ? n : 0));
    }
}

}  // namespace knead
