// The command line: parses it (the only file that includes CLI11) and calls a command.
#pragma once

namespace knead {

int run_cli(int argc, char** argv);

}  // namespace knead
