#include "terminal.hpp"

#include <sys/ioctl.h>
#include <sys/select.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace knead {
namespace {

volatile std::sig_atomic_t g_signal = 0;
sigset_t g_old_mask;

extern "C" void on_signal(int sig) {
    if (g_signal == 0) g_signal = sig;
}

bool env_set(const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
}

}  // namespace

TerminalCaps detect_terminal() {
    TerminalCaps caps;
    caps.out_tty = ::isatty(STDOUT_FILENO) == 1;
    caps.in_tty = ::isatty(STDIN_FILENO) == 1;
    const char* term = std::getenv("TERM");
    bool dumb = term && std::string_view(term) == "dumb";
    caps.color = caps.out_tty && !dumb && !env_set("NO_COLOR");
    for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* v = std::getenv(var);
        if (!v || !*v) continue;
        std::string_view s(v);
        caps.unicode = s.find("UTF-8") != s.npos || s.find("utf8") != s.npos ||
                       s.find("utf-8") != s.npos || s.find("UTF8") != s.npos;
        break;
    }
    winsize ws{};
    if (caps.out_tty && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        caps.width = ws.ws_col;
    return caps;
}

SignalGuard::SignalGuard() {
    g_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
    sigset_t block;
    sigemptyset(&block);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&block, sig);
    ::sigprocmask(SIG_BLOCK, &block, &g_old_mask);
}

SignalGuard::~SignalGuard() {
    struct sigaction sa {};
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
    ::sigprocmask(SIG_SETMASK, &g_old_mask, nullptr);
}

std::optional<int> SignalGuard::caught() const {
    if (g_signal == 0) return std::nullopt;
    return static_cast<int>(g_signal);
}

Wake wait_for(std::optional<std::chrono::nanoseconds> d, int fd) {
    if (g_signal != 0) return Wake::signal;
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
    if (g_signal != 0) return Wake::signal;
    if (n > 0) return Wake::input;
    return Wake::timeout;  // also EINTR from a signal we do not handle: look again
}

}  // namespace knead
