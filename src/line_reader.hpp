// Reads answers one line at a time from a file descriptor, giving way to signals.
#pragma once

#include <string>
#include <string_view>

namespace knead {

class SignalGuard;

class LineReader {
  public:
    // Waits on `fd` through `signals`, whose mask lets the signals in.
    LineReader(int fd, SignalGuard& signals);

    // signal: a signal arrived, or the terminal hung up (then stop_signal() is SIGHUP).
    enum class Result { line, eof, signal, error };

    // A line longer than kMaxLine is an answer of its own, refused by too_long(), as soon
    // as that much has come: an endless line (/dev/zero) must not be read for ever, nor
    // kept. The rest of it is skipped, and every further kMaxSkip bytes without a newline
    // count as one more over-long line, so such input still yields answers to refuse.
    static constexpr std::size_t kMaxLine = 256;
    static constexpr std::size_t kMaxSkip = std::size_t{1024} * 1024;
    Result read_line(std::string& out);
    bool too_long() const { return too_long_; }
    // The errno of the read that gave `error`.
    int error() const { return error_; }

  private:
    Result fill();

    int fd_;
    SignalGuard& signals_;
    bool tty_;
    std::string buffer_;
    bool eof_ = false;
    bool too_long_ = false;
    bool skipping_ = false;  // inside a line already refused as too long
    std::size_t skipped_ = 0;
    int error_ = 0;
};

}  // namespace knead
