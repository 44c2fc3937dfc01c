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

// One character of a source line as the excerpt shows it. What it shows is made only
// for the cells in the window, so a line of a megabyte costs no string per character.
struct Cell {
    std::size_t offset;  // of its first byte in the line
    std::size_t bytes;   // in the line
    std::size_t width;   // display columns
    bool escaped;        // shown as \xNN
};

// The cell starting at byte `i`, at display column `col` (for the tab stops).
Cell cell_at(std::string_view line, std::size_t i, std::size_t col) {
    auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = utf8_sequence_length(line, i);
    if (c == '\t') return {i, 1, 8 - col % 8, false};
    if (len == 0 || c < 0x20 || c == 0x7F) return {i, 1, 4, true};
    return {i, len, display_width(line.substr(i, len)), false};
}

void append_shown(std::string& out, std::string_view line, const Cell& cell) {
    if (cell.escaped)
        out += fmt::format("\\x{:02X}", static_cast<unsigned char>(line[cell.offset]));
    else if (line[cell.offset] == '\t')
        out.append(cell.width, ' ');
    else
        out += line.substr(cell.offset, cell.bytes);
}

// The cells a window of `width` columns around byte `byte` can show: at most `width` + 1
// before the caret's cell and as many from it on (a cell is at least one column wide).
// Sets `caret` to the index of the caret's cell, which may be one past the end.
std::vector<Cell> cells_near(std::string_view line, std::size_t byte, std::size_t width,
                             std::size_t& caret) {
    const std::size_t keep = width + 1;
    const auto shift = static_cast<std::ptrdiff_t>(keep);
    std::vector<Cell> cells;
    std::size_t col = 0, i = 0;
    for (; i < line.size();) {
        Cell cell = cell_at(line, i, col);
        if (cell.offset + cell.bytes > byte) break;  // the caret's cell
        col += cell.width;
        i += cell.bytes;
        cells.push_back(cell);
        if (cells.size() == 2 * keep) cells.erase(cells.begin(), cells.begin() + shift);
    }
    if (cells.size() > keep) cells.erase(cells.begin(), cells.end() - shift);
    caret = cells.size();
    for (std::size_t n = 0; i < line.size() && n < keep; ++n) {
        Cell cell = cell_at(line, i, col);
        col += cell.width;
        i += cell.bytes;
        cells.push_back(cell);
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
    width = std::max<std::size_t>(width, 16);
    const auto byte = static_cast<std::size_t>(std::max(column, 1) - 1);
    std::size_t caret = 0;
    const std::vector<Cell> cells = cells_near(line, byte, width, caret);
    // The window [from, to) of cells shown: all of them when they fit, else the caret
    // about a third of the way in. Cells left out by cells_near make the total too wide,
    // and lie outside any window, so "..." marks them as it does any cut.
    std::size_t from = 0, to = cells.size(), total = 0;
    for (const auto& c : cells) total += c.width;
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
        append_shown(text, line, cells[k]);
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
