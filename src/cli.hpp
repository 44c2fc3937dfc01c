// The command line: the table of commands, and the parser that dispatches to them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "context.hpp"

namespace CLI {
class App;
}

namespace knead {

// What a command needs before it runs (as ninja's Tool::when): the config file read and
// the settings resolved with it, and the log's path.
struct Needs {
    bool config = false;
    bool log = false;
};

// One row of the table. `declare` adds the command's options to its subcommand, binding
// the settings flags it takes to `flags`, and returns the call that runs the command with
// what was parsed.
struct Command {
    std::string name;
    std::string summary;
    Needs needs;
    std::function<std::function<int(const Context&)>(CLI::App&, SettingFlags&)> declare;
};

// Every command, in the order --help lists them.
const std::vector<Command>& command_table();

// Each command's name and options (long names with their dashes, then positionals by
// name), as the parser knows them: for the tests that check completions and the man page.
struct CommandUsage {
    std::string name;
    std::vector<std::string> options;
};
std::vector<CommandUsage> describe_commands();
std::vector<std::string> global_options();

int run_cli(int argc, char** argv);

}  // namespace knead
