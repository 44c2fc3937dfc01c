// Problems found in a file, in the FILE:LINE:COL form that editors can jump to.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace knead {

enum class Severity { error, warning };
std::string_view to_string(Severity s);

struct Diagnostic {
    std::string file;
    int line = 0;  // 0 when the problem is with the file as a whole
    int column = 0;
    Severity severity = Severity::error;
    std::string message;
};

// "file:3:7: error: message", or "file: error: message" without a position.
std::string format_diagnostic(const Diagnostic& d);
// The JSON document of `knead validate --json`: {"version", "diagnostics"}, the
// diagnostics {"file", "line", "column", "severity", "message"} one a line, for editors
// and CI (docs/json.md). Bytes that are not UTF-8 (in a file name) become U+FFFD.
std::string diagnostics_json(const std::vector<Diagnostic>& ds);
bool has_errors(const std::vector<Diagnostic>& ds);
void sort_diagnostics(std::vector<Diagnostic>& ds);

}  // namespace knead
