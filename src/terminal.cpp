#include "terminal.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string_view>

namespace knead {
namespace {

// A signal handler reaches no object, so the live guard publishes its flags here. This is
// the one mutable variable at namespace scope in src/, and it must be one: a lock-free
// atomic is safe to read in a handler ([support.signal]); the guard sets it when it
// installs its handlers and clears it after it has restored the earlier ones.
std::atomic<SignalGuard::Caught*> g_caught{nullptr};
static_assert(std::atomic<SignalGuard::Caught*>::is_always_lock_free);

constexpr int kHandled[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH, SIGALRM};
constexpr int kFatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static_assert(std::size(kHandled) + std::size(kFatal) == SignalGuard::kSignals);
static_assert(kHandled[std::size(kHandled) - 1] == SIGALRM);

extern "C" void on_signal(int sig) {
    SignalGuard::Caught* c = g_caught.load();
    if (!c) return;
    if (sig == SIGTSTP)
        c->suspend = 1;
    else if (sig == SIGWINCH)
        c->resize = 1;
    else if (sig == SIGALRM)
        c->alarm = 1;
    else if (c->stop == 0)
        c->stop = sig;
}

// Async-signal-safe: only tcsetattr() and write().
void restore_now(const TerminalRestore& r) {
    if (r.raw && r.saved_valid) tcsetattr(STDIN_FILENO, TCSANOW, &r.saved);
    if (r.cursor_hidden) {
        constexpr char show[] = "\033[?25h";
        [[maybe_unused]] auto n = ::write(STDOUT_FILENO, show, sizeof show - 1);
    }
}

void restore_guarded() {
    const SignalGuard::Caught* c = g_caught.load();
    if (c && c->terminal) restore_now(*c->terminal);
}

// A crash must not leave the terminal without echo: put it back, then die as before.
extern "C" void on_fatal(int sig) {
    restore_guarded();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void write_out(std::string_view s) {
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, s.data(), s.size());
}

// The timer of one wait: a select-style timeout may end late by 0.1% of its length
// (Linux's timer slack for them: 1 ms on a 1 s tick), an interval timer does not. Zero
// disarms it.
void arm_timer(std::chrono::nanoseconds d) {
    itimerval t{};
    if (d > std::chrono::nanoseconds::zero()) {
        const auto us = std::max<long long>(1, (d.count() + 999) / 1000);  // never early
        t.it_value.tv_sec = static_cast<time_t>(us / 1'000'000);
        t.it_value.tv_usec = static_cast<suseconds_t>(us % 1'000'000);
    }
    ::setitimer(ITIMER_REAL, &t, nullptr);
}

}  // namespace

namespace {

void point_at_dev_null(int fd) {
    int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
    if (opened >= 0 && opened != fd) {
        ::dup2(opened, fd);
        ::close(opened);
    }
}

}  // namespace

void guard_standard_fds() {
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
        point_at_dev_null(fd);
    }
}

TerminalCaps detect_terminal(ColorMode mode) {
    TerminalCaps caps;
    caps.out_tty = ::isatty(STDOUT_FILENO) == 1;
    caps.in_tty = ::isatty(STDIN_FILENO) == 1;
    const char* term = std::getenv("TERM");
    caps.cursor = caps.out_tty && term && *term && std::string_view(term) != "dumb";
    switch (mode) {
        case ColorMode::always:
            caps.color = true;
            break;
        case ColorMode::never:
            caps.color = false;
            break;
        case ColorMode::automatic:  // NO_COLOR and CLICOLOR_FORCE are the settings' to read
            caps.color = caps.cursor;
            break;
    }
    for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* v = std::getenv(var);
        if (!v || !*v) continue;
        std::string_view s(v);
        for (std::string_view utf8 : {"UTF-8", "utf8", "utf-8", "UTF8"})
            if (s.find(utf8) != std::string_view::npos) caps.unicode = true;
        break;
    }
    winsize ws{};
    if (caps.out_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        caps.width = ws.ws_col;
        caps.height = ws.ws_row;
    }
    return caps;
}

SignalGuard::SignalGuard(const Terminal* term) {
    if (g_caught.load()) throw std::logic_error("one SignalGuard at a time");
    if (term) caught_.terminal = &term->restore_state();
    sigset_t block;
    sigemptyset(&block);
    for (int sig : kHandled) sigaddset(&block, sig);
    ::sigprocmask(SIG_BLOCK, &block, &old_mask_);
    wait_mask_ = old_mask_;
    for (int sig : kHandled) sigdelset(&wait_mask_, sig);
    g_caught.store(&caught_);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sa.sa_mask = block;  // one handler at a time: each writes its flag alone
    std::size_t i = 0;
    for (int sig : kHandled) ::sigaction(sig, &sa, &old_actions_[i++]);
    sa.sa_handler = on_fatal;
    sigemptyset(&sa.sa_mask);
    for (int sig : kFatal) ::sigaction(sig, &sa, &old_actions_[i++]);
    // exit() while a session runs skips the destructors: put the terminal back then too.
    static const bool at_exit = std::atexit(restore_guarded) == 0;
    (void)at_exit;
}

SignalGuard::~SignalGuard() {
    arm_timer(std::chrono::nanoseconds::zero());
    std::size_t i = 0;
    for (int sig : kHandled) ::sigaction(sig, &old_actions_[i++], nullptr);
    for (int sig : kFatal) ::sigaction(sig, &old_actions_[i++], nullptr);
    // A timer that ran out as the last wait ended must not reach the earlier handler:
    // ignoring a pending signal discards it.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGALRM, &ignore, nullptr);
    ::sigaction(SIGALRM, &old_actions_[std::size(kHandled) - 1], nullptr);
    ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
    g_caught.store(nullptr);
}

std::optional<int> SignalGuard::stop_signal() const {
    if (caught_.stop == 0) return std::nullopt;
    return static_cast<int>(caught_.stop);
}

bool SignalGuard::take_suspend() {
    bool s = caught_.suspend != 0;
    caught_.suspend = 0;
    return s;
}

bool SignalGuard::take_resize() {
    bool r = caught_.resize != 0;
    caught_.resize = 0;
    return r;
}

// pselect() lets a signal in only when it has to wait: on a descriptor that is always
// readable (a pipe from `yes`, /dev/zero, a hung-up terminal) it returns at once and
// the signal stays pending for ever. Opening the mask for a moment delivers it.
void SignalGuard::deliver_pending() {
    sigset_t pending;
    if (::sigpending(&pending) != 0) return;
    for (int sig : kHandled) {
        if (sigismember(&pending, sig) != 1) continue;
        sigset_t mine;
        ::sigprocmask(SIG_SETMASK, &wait_mask_, &mine);  // the handler runs here
        ::sigprocmask(SIG_SETMASK, &mine, nullptr);
        return;
    }
}

bool SignalGuard::pending_wake() const {
    return caught_.stop || caught_.suspend || caught_.resize;
}

void SignalGuard::hang_up() {
    if (caught_.stop == 0) caught_.stop = SIGHUP;
    // Writing to a hung-up terminal fails (EIO), and a stream that fails throws, maybe
    // before the session is logged. Nobody can read that text now: send it nowhere.
    for (int fd : {STDOUT_FILENO, STDERR_FILENO}) {
        termios t{};
        if (::tcgetattr(fd, &t) == 0 || errno == ENOTTY) continue;  // alive, or no terminal
        point_at_dev_null(fd);
    }
}

bool terminal_gone(int fd, long got, int err) {
    if (got < 0) return err != EINTR && err != EAGAIN;
    termios t{};
    return ::tcgetattr(fd, &t) != 0;  // a hung-up terminal refuses even this (EIO)
}

Wake SignalGuard::wait_for(std::optional<std::chrono::nanoseconds> d, int fd) {
    deliver_pending();
    caught_.alarm = 0;  // left from an earlier wait that ended another way
    if (caught_.stop == SIGHUP) hang_up();
    if (pending_wake()) return Wake::signal;
    fd_set read_set;
    FD_ZERO(&read_set);
    if (fd >= 0) FD_SET(fd, &read_set);
    // A wait that is due already only looks; any other sleeps until the timer's signal.
    const bool timed = d && *d > std::chrono::nanoseconds::zero();
    timespec zero{};
    if (timed) arm_timer(*d);
    int n = ::pselect(fd >= 0 ? fd + 1 : 0, fd >= 0 ? &read_set : nullptr, nullptr, nullptr,
                      d && !timed ? &zero : nullptr, &wait_mask_);
    const int err = errno;
    if (timed) arm_timer(std::chrono::nanoseconds::zero());
    deliver_pending();
    if (caught_.stop == SIGHUP) hang_up();  // the terminal may be gone: stop writing to it
    if (pending_wake()) return Wake::signal;
    // A descriptor select() refuses is read anyway, so that the read reports the error
    // instead of this returning at once for ever.
    if (n > 0 || (n < 0 && err != EINTR && fd >= 0)) return Wake::input;
    return Wake::timeout;  // the timer, or EINTR from a signal knead does not handle
}

Terminal::Terminal(ColorMode mode) : caps_(detect_terminal(mode)) {
    if (caps_.in_tty && tcgetattr(STDIN_FILENO, &restore_.saved) == 0) restore_.saved_valid = 1;
}

Terminal::~Terminal() {
    keys_mode(false);
}

void Terminal::refresh_size() {
    winsize ws{};
    if (caps_.out_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        caps_.width = ws.ws_col;
        caps_.height = ws.ws_row;
    }
}

void Terminal::keys_mode(bool on) {
    keys_ = on;
    if (!on) {
        restore_now(restore_);
        restore_.raw = 0;
        restore_.cursor_hidden = 0;
        return;
    }
    if (caps_.in_tty && restore_.saved_valid && !restore_.raw) {
        termios raw = restore_.saved;
        // Keys without Enter and without echo; ISIG stays on so Ctrl-C and Ctrl-Z work.
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        // TCSANOW, not TCSAFLUSH: a key pressed as the step begins must not be lost.
        if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0) restore_.raw = 1;
    }
    if (caps_.cursor && !restore_.cursor_hidden) {
        write_out("\033[?25l");
        restore_.cursor_hidden = 1;
    }
}

void Terminal::suspend() {
    bool keys = keys_;
    keys_mode(false);
    // Stop for real: take the default action of SIGTSTP, unblocked, then carry on here
    // once the shell continues us.
    struct sigaction dfl {
    }, mine{};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(SIGTSTP, &dfl, &mine);
    sigset_t tstp;
    sigemptyset(&tstp);
    sigaddset(&tstp, SIGTSTP);
    ::sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
    std::raise(SIGTSTP);
    ::sigprocmask(SIG_BLOCK, &tstp, nullptr);
    ::sigaction(SIGTSTP, &mine, nullptr);
    if (caps_.in_tty) tcgetattr(STDIN_FILENO, &restore_.saved);  // the shell may have changed it
    refresh_size();
    if (keys) keys_mode(true);
}

LoopEvent TerminalEvents::wait(std::optional<Duration> real) {
    while (true) {
        if (auto sig = signals_.stop_signal()) return {LoopEvent::interrupt, 0, *sig};
        if (signals_.take_suspend()) return {LoopEvent::suspend};
        if (signals_.take_resize()) {
            term_.refresh_size();
            return {LoopEvent::resize};
        }
        if (!keys_.empty()) {
            char k = keys_.front();
            keys_.pop_front();
            return {LoopEvent::keypress, k};
        }
        int fd = term_.caps().in_tty ? STDIN_FILENO : -1;
        Wake w = signals_.wait_for(real, fd);
        if (w == Wake::timeout) return {LoopEvent::timeout};
        if (w == Wake::input) {
            char buf[64];
            ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
            int err = errno;
            if (n > 0) {
                keys_.insert(keys_.end(), buf, buf + n);
                continue;
            }
            // Keys mode reads a byte at a time (VMIN 1): nothing at all means the terminal
            // is gone. Waiting on it again would return at once, for ever.
            if (n == 0 || terminal_gone(STDIN_FILENO, n, err)) signals_.hang_up();
        }
    }
}

void Terminal::discard_typeahead() {
    if (caps_.in_tty) tcflush(STDIN_FILENO, TCIFLUSH);
}

KeyAnswer read_key_answer(Terminal& t, SignalGuard& signals,
                          std::optional<std::chrono::milliseconds> timeout,
                          const std::function<void(int)>& tick) {
    using clock = std::chrono::steady_clock;
    t.keys_mode(true);
    const auto start = clock::now();
    std::optional<clock::time_point> ten_by;  // a 1 waits this long for its 0
    int shown = -1;
    while (true) {
        const auto now = clock::now();
        std::optional<std::chrono::nanoseconds> wait;
        if (ten_by) {
            wait = *ten_by - now;
        } else if (timeout) {
            const auto left = start + *timeout - now;
            const int secs = static_cast<int>(
                std::chrono::ceil<std::chrono::seconds>(std::max(left, clock::duration::zero()))
                    .count());
            if (left <= clock::duration::zero()) return {KeyAnswer::timeout, {}};
            if (secs != shown && tick) tick(secs);
            shown = secs;
            // Wake at the next whole second, to count down.
            wait = left - std::chrono::seconds(secs - 1);
        }
        Wake w = signals.wait_for(wait, STDIN_FILENO);
        if (w == Wake::signal) {
            if (signals.stop_signal()) return {KeyAnswer::signal, {}};
            if (signals.take_suspend()) {
                t.suspend();
                shown = -1;
            }
            if (signals.take_resize()) t.refresh_size();
            continue;
        }
        if (w == Wake::timeout) {
            if (ten_by && clock::now() >= *ten_by) return {KeyAnswer::typed, "1"};
            continue;
        }
        char buf[16];
        ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        const int err = errno;
        if (n < 0 && (err == EINTR || err == EAGAIN)) continue;
        // Keys mode reads a byte at a time (VMIN 1): nothing at all, or EIO, means the
        // terminal is gone, as in a countdown: a hang-up, not the end of the answers.
        if (n == 0 || terminal_gone(STDIN_FILENO, n, err)) {
            signals.hang_up();
            return {KeyAnswer::signal, {}};
        }
        for (ssize_t i = 0; i < n; ++i) {
            const char c = buf[i];
            // After a 1: a 0 makes 10, and a ! is the red flag, which no answer before it
            // may swallow. Any other key leaves the 1 as it was.
            if (ten_by) return {KeyAnswer::typed, c == '0' ? "10" : c == '!' ? "!" : "1"};
            if (c == '\n' || c == '\r') return {KeyAnswer::typed, ""};
            // Ctrl-D: in key mode the terminal passes it on as a byte; it still means the
            // answers end, as it does at a line prompt.
            if (c == '\x04') return {KeyAnswer::ended, {}};
            if (c == '1') {
                ten_by = clock::now() + kTenWindow;
                continue;
            }
            if (c == '\033') break;  // an arrow or function key: not an answer
            if (static_cast<unsigned char>(c) > ' ' && static_cast<unsigned char>(c) < 0x7f)
                return {KeyAnswer::typed, std::string(1, c)};
        }
    }
}

}  // namespace knead
