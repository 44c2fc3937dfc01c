#include "speech.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;  // NOLINT(readability-redundant-declaration): not in macOS's unistd.h

namespace knead {

std::vector<std::string> default_speech_command() {
#ifdef __APPLE__
    return {"say", "{}"};
#else
    return {"espeak-ng", "{}"};
#endif
}

// The last cue is left to finish on its own: cutting off "stop now" would be worse than
// a speech process that outlives knead by a second.
Speaker::~Speaker() {
    reap(false);
}

void Speaker::reap(bool stop) {
    if (child_ <= 0) return;
    if (stop) ::kill(child_, SIGTERM);
    int status = 0;
    pid_t r = ::waitpid(child_, &status, stop ? 0 : WNOHANG);
    if (r == child_ || (r < 0 && errno == ECHILD)) {
        if (r == child_ && !stop && WIFEXITED(status) && WEXITSTATUS(status) == 127 && !reported_) {
            reported_ = true;
            fmt::print(stderr, "knead: the speech command `{}` could not run; voice cues are off\n",
                       command_.front());
        }
        child_ = -1;
    }
}

void Speaker::say(std::string_view text) {
    if (command_.empty() || reported_) return;
    reap(false);
    if (child_ > 0) reap(true);

    bool on_stdin = true;
    std::vector<std::string> args;
    for (const auto& a : command_) {
        if (a == "{}") {
            args.emplace_back(text);
            on_stdin = false;
        } else {
            args.push_back(a);
        }
    }
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    int in[2] = {-1, -1};
    if (on_stdin && ::pipe(in) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    // The child must not draw on our terminal or read our answers.
    if (on_stdin) {
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_addclose(&actions, in[1]);
    } else {
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    }
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // Our blocked signals must not stay blocked in the child.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);  // knead ignores these; the child should not
    sigaddset(&defaults, SIGXFSZ);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    int err = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (on_stdin) {
        ::close(in[0]);
        if (err == 0) {
            // A cue is far shorter than a pipe's buffer, so this write does not block.
            [[maybe_unused]] auto n = ::write(in[1], text.data(), text.size());
        }
        ::close(in[1]);
    }
    if (err != 0) {
        reported_ = true;
        fmt::print(stderr, "knead: cannot run the speech command `{}`: {}; voice cues are off\n",
                   command_.front(), std::strerror(err));
        return;
    }
    child_ = pid;
}

}  // namespace knead
