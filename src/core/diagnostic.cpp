#include "knead/diagnostic.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "knead/json.hpp"
#include "knead/utf8.hpp"

namespace knead {

std::string_view to_string(Severity s) {
    return s == Severity::error ? "error" : "warning";
}

std::string format_diagnostic(const Diagnostic& d) {
    auto kind = to_string(d.severity);
    if (d.line <= 0) return fmt::format("{}: {}: {}", d.file, kind, d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.file, d.line, std::max(d.column, 1), kind, d.message);
}

namespace {

// One character of a source line as the excerpt shows it.
struct Cell {
    std::size_t offset;  // of its first byte in the line
    std::size_t bytes;   // in the line
    std::string shown;
    std::size_t width;
};

std::vector<Cell> cells_of(std::string_view line) {
    std::vector<Cell> cells;
    std::size_t col = 0;  // display column, for the tab stops
    for (std::size_t i = 0; i < line.size();) {
        auto c = static_cast<unsigned char>(line[i]);
        std::size_t len = utf8_sequence_length(line, i);
        Cell cell{i, 0, {}, 0};
        if (c == '\t') {
            cell.width = 8 - col % 8;
            cell.shown.assign(cell.width, ' ');
            len = 1;
        } else if (len == 0 || c < 0x20 || c == 0x7F) {
            cell.shown = fmt::format("\\x{:02X}", c);
            cell.width = cell.shown.size();
            len = 1;
        } else {
            cell.shown = std::string(line.substr(i, len));
            cell.width = display_width(cell.shown);
        }
        col += cell.width;
        cell.bytes = len;
        i += len;
        cells.push_back(std::move(cell));
    }
    return cells;
}

}  // namespace

std::string render_diagnostic(const Diagnostic& d) {
    std::string out = format_diagnostic(d);
    if (!d.excerpt.empty()) out += "\n" + d.excerpt;
    return out;
}

std::string source_excerpt(std::string_view line, int line_number, int column, std::size_t width) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<Cell> cells = cells_of(line);
    const auto byte = static_cast<std::size_t>(std::max(column, 1) - 1);
    // The caret's cell: the one holding that byte, or one past the end of the line.
    std::size_t caret = 0;
    while (caret < cells.size() && cells[caret].offset + cells[caret].bytes <= byte) ++caret;
    // The window [from, to) of cells shown: all of them when they fit, else the caret
    // about a third of the way in.
    std::size_t from = 0, to = cells.size(), total = 0;
    for (const auto& c : cells) total += c.width;
    width = std::max<std::size_t>(width, 16);
    if (total > width) {
        const std::size_t room = width - 6;  // for "..." on both sides
        std::size_t used = 0;
        from = caret;
        while (from > 0 && used + cells[from - 1].width <= room / 3) used += cells[--from].width;
        to = from;
        used = 0;
        while (to < cells.size() && used + cells[to].width <= room) used += cells[to++].width;
        while (from > 0 && used + cells[from - 1].width <= room) used += cells[--from].width;
    }
    std::string text = from > 0 ? "..." : "";
    std::size_t before = text.size();  // columns before the caret
    for (std::size_t k = from; k < to; ++k) {
        if (k < caret) before += cells[k].width;
        text += cells[k].shown;
    }
    if (to < cells.size()) text += "...";
    const std::string number = std::to_string(line_number);
    const std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
    return fmt::format("{:>{}} | {}\n{} | {}^", number, gutter.size(), text, gutter,
                       std::string(before, ' '));
}

void attach_excerpts(std::vector<Diagnostic>& ds, std::string_view text) {
    // One pass over the text, in line order, for however many diagnostics there are.
    std::vector<Diagnostic*> wanted;
    for (auto& d : ds)
        if (d.line > 0) wanted.push_back(&d);
    std::stable_sort(wanted.begin(), wanted.end(),
                     [](const Diagnostic* a, const Diagnostic* b) { return a->line < b->line; });
    int line = 1;
    std::size_t start = 0;
    for (Diagnostic* d : wanted) {
        while (line < d->line && start <= text.size()) {
            std::size_t nl = text.find('\n', start);
            start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
            ++line;
        }
        if (start > text.size()) break;  // past the end: no such line
        std::string_view rest = text.substr(start);
        d->excerpt = source_excerpt(rest.substr(0, rest.find('\n')), d->line, d->column);
    }
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
