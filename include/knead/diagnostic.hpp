// Problems found in a file, in the FILE:LINE:COL form that editors can jump to.
#pragma once

#include <cstddef>
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
    // The source line at `line` with a caret under `column` (see source_excerpt), set by
    // the loader that read the text; empty when there is none. Not in the JSON. The `= {}`
    // lets Diagnostic{...} leave it out without g++'s -Wmissing-field-initializers.
    std::string excerpt = {};  // NOLINT(readability-redundant-member-init): g++ -Wextra needs it
};

// "file:3:7: error: message", or "file: error: message" without a position.
std::string format_diagnostic(const Diagnostic& d);
// The message line, then the excerpt when there is one: what `validate`, `run` and `show`
// print for a routine they refuse. Reports of one line each (a routine skipped on the
// search path, the first problem of a routine that `use` names) use format_diagnostic.
std::string render_diagnostic(const Diagnostic& d);

// Two lines, as compilers show them: the source line behind its number, and a caret
// under byte column `column` (1-based) of it:
//     12 | hold = 3O
//        |        ^
// Tabs become spaces (to stops of 8), control characters and bytes that are not UTF-8
// \xNN, wide characters take two columns; a line wider than `width` columns is cut
// around the caret, with "..." where it was cut.
std::string source_excerpt(std::string_view line, int line_number, int column,
                           std::size_t width = 72);

// Sets the excerpt of each diagnostic whose line is in `text`, the file they are about.
void attach_excerpts(std::vector<Diagnostic>& ds, std::string_view text);

// The JSON document of `knead validate --json`: {"version", "diagnostics"}, the
// diagnostics {"file", "line", "column", "severity", "message"} one a line, for editors
// and CI (docs/json.md). Bytes that are not UTF-8 (in a file name) become U+FFFD.
std::string diagnostics_json(const std::vector<Diagnostic>& ds);
bool has_errors(const std::vector<Diagnostic>& ds);
void sort_diagnostics(std::vector<Diagnostic>& ds);

}  // namespace knead
