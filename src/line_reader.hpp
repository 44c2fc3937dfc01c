// Reads answers one line at a time from a file descriptor, giving way to signals.
#pragma once

#include <string>

namespace knead {

class LineReader {
  public:
    explicit LineReader(int fd) : fd_(fd) {}

    enum class Result { line, eof, signal, error };

    // Lines longer than kMaxLine keep their first kMaxLine bytes; the rest is dropped, so
    // a runaway pipe cannot grow memory.
    static constexpr std::size_t kMaxLine = 256;
    Result read_line(std::string& out);

  private:
    int fd_;
    std::string buffer_;
    bool eof_ = false;
};

}  // namespace knead
