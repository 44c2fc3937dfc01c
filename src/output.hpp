// Where the session's text goes: the terminal's file descriptor, or in the tests a fake
// terminal that keeps what was written.
#pragma once

#include <string_view>

namespace knead {

class Output {
  public:
    virtual ~Output() = default;
    // Writes all of `text` now. One call is one write(): a redraw built as one string
    // reaches the terminal whole, so it never shows half drawn.
    virtual void write(std::string_view text) = 0;
};

// Straight to a file descriptor, unbuffered. A failed write is dropped, not thrown: the
// terminal may just have gone away, and the session must still get to logging how it
// ended (a hang-up sends the descriptor to /dev/null).
class FdOutput final : public Output {
  public:
    explicit FdOutput(int fd) : fd_(fd) {}
    void write(std::string_view text) override;

  private:
    int fd_;
};

}  // namespace knead
