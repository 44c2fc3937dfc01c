// Problems found in a file, in the FILE:LINE:COL form that editors can jump to.
#pragma once

#include <string>
#include <vector>

namespace knead {

enum class Severity { error, warning };

struct Diagnostic {
    std::string file;
    int line = 0;  // 0 when the problem is with the file as a whole
    int column = 0;
    Severity severity = Severity::error;
    std::string message;
};

// "file:3:7: error: message", or "file: error: message" without a position.
std::string format_diagnostic(const Diagnostic& d);
bool has_errors(const std::vector<Diagnostic>& ds);
void sort_diagnostics(std::vector<Diagnostic>& ds);

}  // namespace knead
