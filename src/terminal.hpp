// The terminal as knead uses it: what it can show, key-at-a-time input, signals and job
// control, and waiting without spinning. POSIX only (termios, pselect), so it builds on
// Linux and macOS alike.
#pragma once

#include <termios.h>

#include <chrono>
#include <csignal>
#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "knead/color_mode.hpp"
#include "knead/step_loop.hpp"

namespace knead {

// Opens /dev/null on any of file descriptors 0-2 that is closed, so that a file knead
// opens later (the log) can never become standard output or standard error.
void guard_standard_fds();

struct TerminalCaps {
    bool out_tty = false;  // a window: text is wrapped to its width
    bool cursor = false;   // and it takes cursor codes: redraw in place, ring the bell.
                           // Not when TERM is unset or dumb: plain lines, as on a pipe.
    bool in_tty = false;   // a person types answers and keys; otherwise a script pipes them
    bool color = false;
    bool unicode = false;  // block characters for bars and big digits
    int width = 80;
    int height = 24;
};

// Colour: `always` and CLICOLOR_FORCE force it, `never` and NO_COLOR turn it off, and
// otherwise it is on for a terminal whose TERM is set and not dumb. The flag beats the
// variables.
TerminalCaps detect_terminal(ColorMode mode);

// What a crash must undo on the terminal: written by Terminal, read by the guard's
// fatal-signal handler, so only plain flags beside the saved settings.
struct TerminalRestore {
    termios saved{};
    volatile std::sig_atomic_t saved_valid = 0;
    volatile std::sig_atomic_t raw = 0;
    volatile std::sig_atomic_t cursor_hidden = 0;
};

enum class Wake { timeout, input, signal };

class Terminal;

// Blocks the signals knead handles, so that they arrive only inside wait_for(), where
// pselect() unblocks them atomically: no race between checking and sleeping, no threads.
// INT, TERM and HUP stop the session; TSTP suspends it; WINCH redraws. A crash (SEGV,
// ABRT, ...) first puts `term` back as it was. The guard installs its handlers and mask
// and restores the earlier ones when it goes; one guard at a time.
class SignalGuard {
  public:
    explicit SignalGuard(const Terminal* term = nullptr);
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;

    std::optional<int> stop_signal() const;  // stays set once caught
    bool take_suspend();
    bool take_resize();

    // Waits up to `d` (forever when nullopt) for input on `fd` (none when -1) or a signal.
    // A signal that is pending counts even when `fd` is readable at once. The wait ends
    // on time to within the timer's resolution, not early and not 0.1% late.
    Wake wait_for(std::optional<std::chrono::nanoseconds> d, int fd);

    // The terminal went away (its window closed, the line dropped): from now on the
    // session ends as on SIGHUP, and output to the dead terminal is discarded instead of
    // failing.
    void hang_up();

    // What the handlers write; plain flags, as a handler may write nothing else.
    struct Caught {
        volatile std::sig_atomic_t stop = 0;
        volatile std::sig_atomic_t suspend = 0;
        volatile std::sig_atomic_t resize = 0;
        volatile std::sig_atomic_t alarm = 0;  // the timer of the current wait_for ran out
        const TerminalRestore* terminal = nullptr;
    };

    static constexpr std::size_t kSignals = 11;  // handled and fatal, in terminal.cpp

  private:
    void deliver_pending();
    bool pending_wake() const;

    Caught caught_;
    sigset_t old_mask_{};   // the mask before the guard, put back by its destructor
    sigset_t wait_mask_{};  // the mask inside a wait: every signal of ours let in
    struct sigaction old_actions_[kSignals] {};
};

// After a read of the terminal `fd` returned `got` (0 or -1 with errno `err`): whether
// the terminal is gone, as opposed to an interrupted read or Ctrl-D typed in line mode.
bool terminal_gone(int fd, long got, int err);

// Owns the terminal's state while a session runs: key-at-a-time input during countdowns,
// the hidden cursor, and their restoration on every way out, crashes included.
class Terminal {
  public:
    explicit Terminal(ColorMode mode);
    ~Terminal();
    Terminal(const Terminal&) = delete;
    Terminal& operator=(const Terminal&) = delete;

    const TerminalCaps& caps() const { return caps_; }
    void refresh_size();

    // Keys take effect without Enter and are not echoed; the cursor hides.
    void keys_mode(bool on);
    // Throws away keys typed but not yet read (a key pressed as a countdown ended), so
    // that they cannot answer the question that comes next. Call it before the question
    // is shown: a key typed after seeing it is an answer and must be kept.
    void discard_typeahead();
    // Job control: restores the terminal, stops the process, and sets it up again
    // once it is continued.
    void suspend();

    const TerminalRestore& restore_state() const { return restore_; }

  private:
    TerminalCaps caps_;
    TerminalRestore restore_;
    bool keys_ = false;
};

// The countdown's events from a real terminal: keys from stdin (when it is a terminal),
// signals, and timeouts.
class TerminalEvents final : public EventSource {
  public:
    TerminalEvents(Terminal& t, SignalGuard& s) : term_(t), signals_(s) {}
    LoopEvent wait(std::optional<Duration> real) override;
    void suspend() override { term_.suspend(); }

  private:
    Terminal& term_;
    SignalGuard& signals_;
    std::deque<char> keys_;
};

// One answer from the keyboard, a key at a time, for a person whose hands are busy: a
// digit answers at once, except 1, which waits kTenWindow for a 0 to make 10; Enter alone
// is "" (the same as last); s, q, ! and any other printable key are themselves. The
// caller drops keys typed before the question with Terminal::discard_typeahead, before it
// shows the question. With a timeout, `tick` hears the whole seconds left as they change.
inline constexpr std::chrono::milliseconds kTenWindow{600};

struct KeyAnswer {
    enum Kind { typed, timeout, ended, signal } kind = typed;
    std::string text;  // with `typed`: what a line would hold
};

KeyAnswer read_key_answer(Terminal& t, SignalGuard& signals,
                          std::optional<std::chrono::milliseconds> timeout,
                          const std::function<void(int)>& tick);

}  // namespace knead
