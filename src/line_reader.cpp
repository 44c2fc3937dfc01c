#include "line_reader.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "terminal.hpp"

namespace knead {

void LineReader::keep(std::string& out, std::string_view part) {
    std::size_t room = kMaxLine - out.size();
    if (part.size() > room) too_long_ = true;
    out.append(part.substr(0, room));
}

LineReader::Result LineReader::read_line(std::string& out) {
    out.clear();
    too_long_ = false;
    while (true) {
        auto nl = buffer_.find('\n');
        if (nl != std::string::npos || eof_) {
            // At the end of input, a last line without a newline still counts.
            if (nl == std::string::npos && buffer_.empty() && out.empty() && !too_long_)
                return Result::eof;
            std::size_t end = std::min(nl, buffer_.size());
            keep(out, std::string_view(buffer_).substr(0, end));
            buffer_.erase(0, nl == std::string::npos ? end : nl + 1);
            return Result::line;
        }
        if (buffer_.size() > kMaxLine) {
            keep(out, buffer_);
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
        buffer_.append(chunk, static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    }
}

}  // namespace knead
