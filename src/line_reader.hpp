// Reads answers one line at a time from a file descriptor, giving way to signals.
#pragma once

#include <string>
#include <string_view>

namespace knead {

class LineReader {
  public:
    explicit LineReader(int fd) : fd_(fd) {}

    enum class Result { line, eof, signal, error };

    // A line longer than kMaxLine is read to its end but kept only in part, so a runaway
    // pipe cannot grow memory; too_long() then says so, and no answer is that long.
    static constexpr std::size_t kMaxLine = 256;
    Result read_line(std::string& out);
    bool too_long() const { return too_long_; }

  private:
    void keep(std::string& out, std::string_view part);

    int fd_;
    std::string buffer_;
    bool eof_ = false;
    bool too_long_ = false;
};

}  // namespace knead
