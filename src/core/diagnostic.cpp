#include "knead/diagnostic.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "knead/json.hpp"

namespace knead {

std::string_view to_string(Severity s) {
    return s == Severity::error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& d) {
    auto kind = to_string(d.severity);
    if (d.line <= 0) return fmt::format("{}: {}: {}", d.file, kind, d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, std::max(d.column, 1), kind, d.message);
}

std::string diagnostics_json(const std::vector<Diagnostic>& ds) {
    JsonWriter w = JsonWriter::document();
    w.key("diagnostics").array();
    for (const Diagnostic& d : ds) {
        w.object().key("file").value(d.file).key("line").value(d.line);
        w.key("column").value(d.line > 0 ? std::max(d.column, 1) : 0);
        w.key("severity").value(to_string(d.severity)).key("message").value(d.message).end();
    }
    return w.end().end().text();
}

bool has_errors(const std::vector<Diagnostic>& ds) {
    return std::any_of(ds.begin(), ds.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(std::vector<Diagnostic>& ds) {
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
}

}  // namespace knead
