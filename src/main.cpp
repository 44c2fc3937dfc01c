#include <csignal>

#include "cli.hpp"

int main(int argc, char** argv) {
    // Past a file size limit (ulimit -f) a write must fail with EFBIG, which knead
    // reports with the log's name, rather than kill knead with SIGXFSZ mid-session.
    std::signal(SIGXFSZ, SIG_IGN);
    // Nor may a closed pipe (stdout, the speech command) kill a session with its log open.
    std::signal(SIGPIPE, SIG_IGN);
    return knead::run_cli(argc, argv);
}
