// Runs a command in a pseudo-terminal and drives it from a small script on stdin, so
// end-to-end tests can press keys, send signals and read the screen without sleeping:
//
//   expect TEXT    wait (up to 10 s) until TEXT appears in the output after the last match
//   send TEXT      type TEXT; \n, \r, \e, \xHH and \\ are understood
//   signal NAME    INT, TERM, HUP, TSTP or CONT to the command
//   exit CODE      wait for the command to end and check its exit code (128+N for signal N)
//   cooked         check the terminal is back in line mode with echo on
//
// Prints the whole output at the end; exits 1 on the first failed step.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <string>

namespace {

int g_master = -1;
pid_t g_child = -1;
std::string g_output;
std::size_t g_matched = 0;
int g_status = -1;

void pump(int timeout_ms) {
    pollfd p{g_master, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return;
    char buf[4096];
    ssize_t n = ::read(g_master, buf, sizeof buf);
    if (n > 0) g_output.append(buf, static_cast<std::size_t>(n));
}

bool reap(bool block) {
    if (g_status >= 0) return true;
    int st = 0;
    if (::waitpid(g_child, &st, block ? 0 : WNOHANG) != g_child) return false;
    g_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return true;
}

[[noreturn]] void fail(const std::string& why) {
    std::cout << g_output << "\n--- ptydrive: " << why << "\n";
    if (g_status < 0) ::kill(g_child, SIGKILL);
    std::exit(1);
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        char c = s[++i];
        if (c == 'n') out += '\n';
        else if (c == 'r') out += '\r';
        else if (c == 'e') out += '\033';
        else if (c == 'x' && i + 2 < s.size() + 1) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else out += c;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: ptydrive COMMAND [ARG...] < script\n";
        return 2;
    }
    g_master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (g_master < 0 || ::grantpt(g_master) != 0 || ::unlockpt(g_master) != 0) {
        std::perror("ptydrive: pty");
        return 2;
    }
    std::string slave = ::ptsname(g_master);
    winsize ws{};
    ws.ws_row = 30;
    ws.ws_col = 100;
    g_child = ::fork();
    if (g_child == 0) {
        ::setsid();
        int fd = ::open(slave.c_str(), O_RDWR);
        ::ioctl(fd, TIOCSCTTY, 0);
        ::ioctl(fd, TIOCSWINSZ, &ws);
        ::dup2(fd, 0);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (fd > 2) ::close(fd);
        ::close(g_master);
        ::execvp(argv[1], argv + 1);
        std::perror("ptydrive: exec");
        std::_Exit(127);
    }

    const std::map<std::string, int> signals = {
        {"INT", SIGINT}, {"TERM", SIGTERM}, {"HUP", SIGHUP}, {"TSTP", SIGTSTP}, {"CONT", SIGCONT}};
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto space = line.find(' ');
        std::string cmd = line.substr(0, space);
        std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
        if (cmd == "expect") {
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (true) {
                auto at = g_output.find(arg, g_matched);
                if (at != std::string::npos) {
                    g_matched = at + arg.size();
                    break;
                }
                if (std::chrono::steady_clock::now() > deadline) fail("timed out expecting: " + arg);
                if (reap(false)) {
                    pump(50);
                    if (g_output.find(arg, g_matched) == std::string::npos)
                        fail("exited before printing: " + arg);
                    continue;
                }
                pump(50);
            }
        } else if (cmd == "send") {
            std::string keys = unescape(arg);
            if (::write(g_master, keys.data(), keys.size()) < 0) fail("cannot write to the pty");
        } else if (cmd == "signal") {
            auto it = signals.find(arg);
            if (it == signals.end()) fail("unknown signal " + arg);
            ::kill(g_child, it->second);
        } else if (cmd == "exit") {
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (!reap(false)) {
                if (std::chrono::steady_clock::now() > deadline) fail("did not exit");
                pump(50);
            }
            pump(50);
            if (g_status != std::stoi(arg))
                fail("exit code " + std::to_string(g_status) + ", expected " + arg);
        } else if (cmd == "cooked") {
            termios t{};
            if (::tcgetattr(g_master, &t) != 0) fail("cannot read the terminal's mode");
            if (!(t.c_lflag & ICANON) || !(t.c_lflag & ECHO))
                fail("terminal left without line mode or echo");
        } else {
            fail("unknown step: " + line);
        }
    }
    while (!reap(false)) pump(50);
    for (int i = 0; i < 5; ++i) pump(10);
    std::cout << g_output;
    return 0;
}
