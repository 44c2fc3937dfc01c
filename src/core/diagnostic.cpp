#include "knead/diagnostic.hpp"

#include <fmt/format.h>
#include <algorithm>

namespace knead {

std::string format_diagnostic(const Diagnostic& d) {
    auto kind = d.severity == Severity::error ? "error" : "warning";
    if (d.line <= 0) return fmt::format("{}: {}: {}", d.file, kind, d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, std::max(d.column, 1), kind, d.message);
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
