#include <csignal>
#include <cstdio>

#include "cli.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"

int main(int argc, char** argv) {
    // Past a file size limit (ulimit -f) a write must fail with EFBIG, which knead
    // reports with the log's name, rather than kill knead with SIGXFSZ mid-session.
    std::signal(SIGXFSZ, SIG_IGN);
    // Nor may a closed pipe (stdout, the speech command) kill a session with its log open.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        return knead::run_cli(argc, argv);
    } catch (const knead::PathError& e) {  // no home directory to find the files in
        std::fprintf(stderr, "knead: error: %s\n", e.what());
        return knead::exit_code::failure;
    }
}
