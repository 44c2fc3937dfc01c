// The exit codes knead documents in README.md and --help.
#pragma once

namespace knead::exit_code {

inline constexpr int ok = 0;
inline constexpr int failure = 1;        // I/O and other failures
inline constexpr int usage = 2;          // bad usage or an invalid routine
inline constexpr int stopped = 3;        // session stopped early: q or end of input
inline constexpr int red_flag = 4;       // session stopped on a red flag
inline constexpr int interrupted = 130;  // Ctrl-C; SIGTERM gives 143, SIGHUP 129

}  // namespace knead::exit_code
