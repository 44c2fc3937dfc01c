// The terminal as knead uses it: what it can show, signals, and waiting without spinning.
#pragma once

#include <chrono>
#include <optional>

namespace knead {

struct TerminalCaps {
    bool out_tty = false;  // redraw in place, ring the bell
    bool in_tty = false;   // a person types answers; otherwise a script pipes them
    bool color = false;
    bool unicode = false;  // block characters for the bar
    int width = 80;
};

// Colour only on a terminal, and never when NO_COLOR is set or TERM is dumb.
TerminalCaps detect_terminal();

// Blocks SIGINT, SIGTERM and SIGHUP for its lifetime so that they are taken only inside
// wait_for(), where pselect() unblocks them atomically: no race, no threads.
class SignalGuard {
  public:
    SignalGuard();
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

    // The first signal caught, if any.
    std::optional<int> caught() const;
};

enum class Wake { timeout, input, signal };

// Waits up to `d` (forever when nullopt) for input on `fd` (none when -1) or a signal.
Wake wait_for(std::optional<std::chrono::nanoseconds> d, int fd);

}  // namespace knead
