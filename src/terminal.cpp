#include "terminal.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace knead {
namespace {

volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_suspend = 0;
volatile std::sig_atomic_t g_resize = 0;
sigset_t g_old_mask;

// What restore_now() must undo; read from signal handlers, so plain flags.
termios g_saved{};
volatile std::sig_atomic_t g_saved_valid = 0;
volatile std::sig_atomic_t g_raw = 0;
volatile std::sig_atomic_t g_cursor_hidden = 0;

constexpr int kHandled[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH};

extern "C" void on_signal(int sig) {
    if (sig == SIGTSTP)
        g_suspend = 1;
    else if (sig == SIGWINCH)
        g_resize = 1;
    else if (g_stop == 0)
        g_stop = sig;
}

// Async-signal-safe: only tcsetattr() and write().
void restore_now() {
    if (g_raw && g_saved_valid) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved);
    g_raw = 0;
    if (g_cursor_hidden) {
        constexpr char show[] = "\033[?25h";
        [[maybe_unused]] auto n = ::write(STDOUT_FILENO, show, sizeof show - 1);
        g_cursor_hidden = 0;
    }
}

// A crash must not leave the terminal without echo: put it back, then die as before.
extern "C" void on_fatal(int sig) {
    restore_now();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void install_fatal_handlers() {
    static bool done = false;
    if (done) return;
    done = true;
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) std::signal(sig, on_fatal);
    std::atexit(restore_now);
}

void write_out(std::string_view s) {
    [[maybe_unused]] auto n = ::write(STDOUT_FILENO, s.data(), s.size());
}

// pselect() lets a signal in only when it has to wait: on a descriptor that is always
// readable (a pipe from `yes`, /dev/zero, a hung-up terminal) it returns at once and
// the signal stays pending for ever. Opening the mask for a moment delivers it.
void deliver_pending() {
    sigset_t pending;
    if (::sigpending(&pending) != 0) return;
    for (int sig : kHandled) {
        if (sigismember(&pending, sig) != 1) continue;
        sigset_t mine;
        ::sigprocmask(SIG_SETMASK, &g_old_mask, &mine);  // the handler runs here
        ::sigprocmask(SIG_SETMASK, &mine, nullptr);
        return;
    }
}

bool pending_wake() {
    return g_stop || g_suspend || g_resize;
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
            if (s.find(utf8) != s.npos) caps.unicode = true;
        break;
    }
    winsize ws{};
    if (caps.out_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        caps.width = ws.ws_col;
        caps.height = ws.ws_row;
    }
    return caps;
}

SignalGuard::SignalGuard() {
    g_stop = 0;
    g_suspend = 0;
    g_resize = 0;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : kHandled) ::sigaction(sig, &sa, nullptr);
    sigset_t block;
    sigemptyset(&block);
    for (int sig : kHandled) sigaddset(&block, sig);
    ::sigprocmask(SIG_BLOCK, &block, &g_old_mask);
}

SignalGuard::~SignalGuard() {
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (int sig : kHandled) ::sigaction(sig, &sa, nullptr);
    ::sigprocmask(SIG_SETMASK, &g_old_mask, nullptr);
}

std::optional<int> SignalGuard::stop_signal() const {
    if (g_stop == 0) return std::nullopt;
    return static_cast<int>(g_stop);
}

bool SignalGuard::take_suspend() {
    bool s = g_suspend != 0;
    g_suspend = 0;
    return s;
}

bool SignalGuard::take_resize() {
    bool r = g_resize != 0;
    g_resize = 0;
    return r;
}

void hang_up() {
    if (g_stop == 0) g_stop = SIGHUP;
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

Wake wait_for(std::optional<std::chrono::nanoseconds> d, int fd) {
    deliver_pending();
    if (g_stop == SIGHUP) hang_up();
    if (pending_wake()) return Wake::signal;
    fd_set read_set;
    FD_ZERO(&read_set);
    if (fd >= 0) FD_SET(fd, &read_set);
    timespec ts{};
    if (d) {
        auto ns = d->count() < 0 ? 0 : d->count();
        ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    }
    int n = ::pselect(fd >= 0 ? fd + 1 : 0, fd >= 0 ? &read_set : nullptr, nullptr, nullptr,
                      d ? &ts : nullptr, &g_old_mask);
    const int err = errno;
    deliver_pending();
    if (g_stop == SIGHUP) hang_up();  // the terminal may be gone: stop writing to it
    if (pending_wake()) return Wake::signal;
    // A descriptor select() refuses is read anyway, so that the read reports the error
    // instead of this returning at once for ever.
    if (n > 0 || (n < 0 && err != EINTR && fd >= 0)) return Wake::input;
    return Wake::timeout;  // also EINTR from a signal knead does not handle: look again
}

Terminal::Terminal(ColorMode mode) : caps_(detect_terminal(mode)) {
    if (caps_.in_tty && tcgetattr(STDIN_FILENO, &g_saved) == 0) g_saved_valid = 1;
    install_fatal_handlers();
}

Terminal::~Terminal() {
    restore_now();
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
        restore_now();
        return;
    }
    if (caps_.in_tty && g_saved_valid && !g_raw) {
        termios raw = g_saved;
        // Keys without Enter and without echo; ISIG stays on so Ctrl-C and Ctrl-Z work.
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        // TCSANOW, not TCSAFLUSH: a key pressed as the step begins must not be lost.
        if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0) g_raw = 1;
    }
    if (caps_.cursor && !g_cursor_hidden) {
        write_out("\033[?25l");
        g_cursor_hidden = 1;
    }
}

void Terminal::suspend() {
    bool keys = keys_;
    restore_now();
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
    if (caps_.in_tty) tcgetattr(STDIN_FILENO, &g_saved);  // the shell may have changed it
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
        Wake w = wait_for(real, fd);
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
            if (n == 0 || terminal_gone(STDIN_FILENO, n, err)) hang_up();
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
        Wake w = wait_for(wait, STDIN_FILENO);
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
            hang_up();
            return {KeyAnswer::signal, {}};
        }
        for (ssize_t i = 0; i < n; ++i) {
            const char c = buf[i];
            if (ten_by) return {KeyAnswer::typed, c == '0' ? "10" : "1"};
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
