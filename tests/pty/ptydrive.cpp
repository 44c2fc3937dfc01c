// Runs a command in a pseudo-terminal and drives it from a small script on stdin, so
// end-to-end tests can press keys, send signals and read the screen without sleeping:
//
//   expect TEXT    wait (up to 10 s) until TEXT appears in the output after the last match;
//                  escapes as for send
//   send TEXT      type TEXT; \n, \r, \e, \xHH and \\ are understood
//   signal NAME    INT, TERM, HUP, TSTP or CONT to the command
//   exit CODE [S]  wait (up to S seconds, 10 by default) for the command to end and check
//                  its exit code (128+N for signal N)
//   cooked         check the terminal is back in line mode with echo on
//   hangup         close the terminal's master side, as closing its window does
//   cpu MAX        after exit: the command used at most MAX seconds of CPU since the
//                  hang-up (since the start where the process's CPU time cannot be read)
//   resize C R     make the terminal C columns by R rows (it starts at 100 by 30)
//   screen TEXT N  wait (up to 10 s) until exactly N rows of the screen hold TEXT (at
//                  least N with >=N); the screen is emulated from the output (cursor
//                  moves, erasing, wrapping)
//   show           print the emulated screen
//
// The terminal is 100 columns by 30 rows, or as `-s COLSxROWS` before COMMAND says.
// Prints the whole output at the end; exits 1 on the first failed step.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace {

int g_master = -1;
pid_t g_child = -1;
std::string g_output;
std::size_t g_matched = 0;
int g_status = -1;

// Just enough of a terminal to tell what is on the screen: printable text with
// wrapping at the last column, CR, LF, backspace, tab, cursor moves, erasing. Colours
// and modes are ignored. A resize keeps the text and clips it, as xterm does.
class Screen {
  public:
    Screen(int cols, int rows) { resize(cols, rows); }

    void resize(int cols, int rows) {
        cols_ = cols;
        rows_ = rows;
        while (static_cast<int>(cells_.size()) > rows_) {  // keep the cursor's row on screen
            if (row_ > 0) {
                cells_.erase(cells_.begin());
                --row_;
            } else {
                cells_.pop_back();
            }
        }
        cells_.resize(static_cast<std::size_t>(rows_));
        for (auto& r : cells_) r.resize(static_cast<std::size_t>(cols_), " ");
        row_ = std::min(row_, rows_ - 1);
        col_ = std::min(col_, cols_ - 1);
        wrap_ = false;
        last_ = nullptr;
    }

    void feed(const std::string& bytes) {
        for (char ch : bytes) put(static_cast<unsigned char>(ch));
    }

    std::vector<std::string> rows() const {
        std::vector<std::string> out;
        for (const auto& r : cells_) {
            std::string line;
            for (const auto& c : r) line += c;
            while (!line.empty() && line.back() == ' ') line.pop_back();
            out.push_back(line);
        }
        return out;
    }

  private:
    void line_feed() {
        last_ = nullptr;
        if (row_ + 1 < rows_) {
            ++row_;
            return;
        }
        cells_.erase(cells_.begin());
        cells_.emplace_back(static_cast<std::size_t>(cols_), " ");
    }

    void erase(int row, int from, int to) {
        for (int c = from; c < to; ++c) cells_[row][c] = " ";
    }

    int param(std::size_t i, int def) const {
        std::vector<int> ps;
        std::stringstream in(params_);
        std::string p;
        while (std::getline(in, p, ';')) ps.push_back(p.empty() ? 0 : std::atoi(p.c_str()));
        if (i >= ps.size() || ps[i] == 0) return def;
        return ps[i];
    }

    void csi(char final) {
        bool priv = !params_.empty() && params_[0] == '?';
        if (priv) return;  // modes: cursor visibility and the like
        switch (final) {
            case 'A':
                row_ = std::max(0, row_ - param(0, 1));
                break;
            case 'B':
                row_ = std::min(rows_ - 1, row_ + param(0, 1));
                break;
            case 'C':
                col_ = std::min(cols_ - 1, col_ + param(0, 1));
                break;
            case 'D':
                col_ = std::max(0, col_ - param(0, 1));
                break;
            case 'G':
                col_ = std::min(cols_ - 1, param(0, 1) - 1);
                break;
            case 'H':
            case 'f':
                row_ = std::min(rows_ - 1, param(0, 1) - 1);
                col_ = std::min(cols_ - 1, param(1, 1) - 1);
                break;
            case 'K': {
                int mode = param(0, 0);
                if (mode == 0) erase(row_, col_, cols_);
                if (mode == 1) erase(row_, 0, col_ + 1);
                if (mode == 2) erase(row_, 0, cols_);
                break;
            }
            case 'J': {
                int mode = param(0, 0);
                if (mode == 0) {
                    erase(row_, col_, cols_);
                    for (int r = row_ + 1; r < rows_; ++r) erase(r, 0, cols_);
                } else if (mode == 2 || mode == 3) {
                    for (int r = 0; r < rows_; ++r) erase(r, 0, cols_);
                }
                break;
            }
            default:
                break;  // colours and the rest
        }
        wrap_ = false;
    }

    void put(unsigned char b) {
        if (state_ == State::esc) {
            state_ = b == '[' ? State::csi : b == ']' ? State::osc : State::text;
            params_.clear();
            if (b == '7') saved_ = {row_, col_};
            if (b == '8') std::tie(row_, col_) = saved_;
            return;
        }
        if (state_ == State::csi) {
            if (b >= 0x40 && b <= 0x7E) {
                csi(static_cast<char>(b));
                state_ = State::text;
            } else {
                params_ += static_cast<char>(b);
            }
            return;
        }
        if (state_ == State::osc) {
            if (b == 0x07 || b == 0x1B) state_ = b == 0x1B ? State::esc : State::text;
            return;
        }
        if (b == 0x1B) {
            state_ = State::esc;
        } else if (b == '\r') {
            col_ = 0;
            wrap_ = false;
        } else if (b == '\n') {
            line_feed();
            wrap_ = false;
        } else if (b == '\b') {
            col_ = std::max(0, col_ - 1);
            wrap_ = false;
        } else if (b == '\t') {
            col_ = std::min(cols_ - 1, (col_ / 8 + 1) * 8);
        } else if (b >= 0x20 && b != 0x7F) {
            if ((b & 0xC0) == 0x80) {  // continues the character just written
                if (last_) *last_ += static_cast<char>(b);
                return;
            }
            if (wrap_) {
                col_ = 0;
                line_feed();
                wrap_ = false;
            }
            cells_[row_][col_] = std::string(1, static_cast<char>(b));
            last_ = &cells_[row_][col_];
            if (col_ + 1 < cols_)
                ++col_;
            else
                wrap_ = true;
        }
    }

    enum class State { text, esc, csi, osc };
    int cols_ = 0, rows_ = 0, row_ = 0, col_ = 0;
    bool wrap_ = false;
    std::vector<std::vector<std::string>> cells_;
    State state_ = State::text;
    std::string params_;
    std::string* last_ = nullptr;
    std::pair<int, int> saved_{0, 0};
};

Screen g_screen(100, 30);
std::size_t g_fed = 0;  // how much of g_output the screen has seen
double g_cpu_at_hangup = 0;
double g_cpu_total = -1;

// The screen as the output so far leaves it.
const Screen& screen() {
    g_screen.feed(g_output.substr(g_fed));
    g_fed = g_output.size();
    return g_screen;
}

void print_screen() {
    std::cout << "--- screen\n";
    for (const auto& r : screen().rows()) std::cout << "|" << r << "\n";
    std::cout << "---\n";
}

// CPU seconds the child has used so far, where the system tells (Linux's /proc). The
// scheduler's count in nanoseconds first: the utime and stime of /proc/PID/stat are whole
// clock ticks, cut down, which made a bound of 0.1 s up to 0.02 s tighter than it says.
double child_cpu_now() {
    std::ifstream sched("/proc/" + std::to_string(g_child) + "/schedstat");
    double ns = 0;
    if (sched >> ns) return ns / 1e9;
    std::ifstream stat("/proc/" + std::to_string(g_child) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string f;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i)
        if (i == 14 || i == 15) ticks += std::stod(f);  // utime, stime
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

void pump(int timeout_ms) {
    if (g_master < 0) {  // hung up: nothing more to read
        ::poll(nullptr, 0, timeout_ms);
        return;
    }
    pollfd p{g_master, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return;
    char buf[4096];
    ssize_t n = ::read(g_master, buf, sizeof buf);
    if (n > 0) g_output.append(buf, static_cast<std::size_t>(n));
}

bool reap(bool block) {
    if (g_status >= 0) return true;
    int st = 0;
    rusage use{};
    if (::wait4(g_child, &st, block ? 0 : WNOHANG, &use) != g_child) return false;
    g_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    auto secs = [](timeval t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    g_cpu_total = secs(use.ru_utime) + secs(use.ru_stime);
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
        if (c == 'n')
            out += '\n';
        else if (c == 'r')
            out += '\r';
        else if (c == 'e')
            out += '\033';
        else if (c == 'x' && i + 2 < s.size() + 1) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else
            out += c;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    int first = 1;
    winsize ws{};
    ws.ws_row = 30;
    ws.ws_col = 100;
    if (argc > 2 && std::string(argv[1]) == "-s") {  // -s COLSxROWS
        std::sscanf(argv[2], "%hux%hu", &ws.ws_col, &ws.ws_row);
        first = 3;
    }
    if (argc <= first) {
        std::cerr << "usage: ptydrive [-s COLSxROWS] COMMAND [ARG...] < script\n";
        return 2;
    }
    g_screen.resize(ws.ws_col, ws.ws_row);
    g_master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (g_master < 0 || ::grantpt(g_master) != 0 || ::unlockpt(g_master) != 0) {
        std::perror("ptydrive: pty");
        return 2;
    }
    std::string slave = ::ptsname(g_master);
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
        ::execvp(argv[first], argv + first);
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
            arg = unescape(arg);
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (true) {
                auto at = g_output.find(arg, g_matched);
                if (at != std::string::npos) {
                    g_matched = at + arg.size();
                    break;
                }
                if (std::chrono::steady_clock::now() > deadline)
                    fail("timed out expecting: " + arg);
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
            std::istringstream args(arg);
            int code = 0;
            double within = 10;
            args >> code >> within;
            auto deadline = std::chrono::steady_clock::now() +
                            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                std::chrono::duration<double>(within));
            while (!reap(false)) {
                if (std::chrono::steady_clock::now() > deadline)
                    fail("did not exit within " + std::to_string(within) + " s");
                pump(20);
            }
            pump(50);
            if (g_status != code)
                fail("exit code " + std::to_string(g_status) + ", expected " + arg);
        } else if (cmd == "hangup") {
            g_cpu_at_hangup = child_cpu_now();
            ::close(g_master);
            g_master = -1;
        } else if (cmd == "cpu") {
            if (g_status < 0) fail("cpu: the command has not exited");
            double used = g_cpu_total - g_cpu_at_hangup;
            if (used > std::stod(arg))
                fail("used " + std::to_string(used) + " s of CPU after the hang-up, at most " +
                     arg + " expected");
        } else if (cmd == "resize") {
            std::istringstream args(arg);
            winsize size{};
            args >> size.ws_col >> size.ws_row;
            pump(0);
            screen();  // what came before was drawn at the old size
            g_screen.resize(size.ws_col, size.ws_row);
            if (::ioctl(g_master, TIOCSWINSZ, &size) != 0) fail("cannot resize the pty");
            ::kill(g_child, SIGWINCH);
        } else if (cmd == "screen") {
            auto last = arg.rfind(' ');
            std::string text = arg.substr(0, last);
            std::string count_arg = arg.substr(last + 1);
            bool at_least = count_arg.rfind(">=", 0) == 0;  // "screen TEXT >=N"
            int want = std::stoi(count_arg.substr(at_least ? 2 : 0));
            auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (true) {
                int count = 0;
                for (const auto& r : screen().rows())
                    if (r.find(text) != std::string::npos) ++count;
                if (count == want || (at_least && count > want)) break;
                if (std::chrono::steady_clock::now() > deadline) {
                    print_screen();
                    fail(std::to_string(count) + " rows hold \"" + text + "\", expected " +
                         std::to_string(want));
                }
                pump(50);
            }
        } else if (cmd == "show") {
            pump(50);
            print_screen();
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
