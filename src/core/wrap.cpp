#include "knead/wrap.hpp"

#include "knead/utf8.hpp"

namespace knead {

std::vector<std::string> wrap_text(std::string_view text, std::size_t width, std::string_view first,
                                   std::string_view rest) {
    std::vector<std::string> lines;
    std::string line(first);
    std::size_t columns = display_width(first);
    bool empty = true;  // no word on `line` yet
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) ++i;
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n') ++j;
        if (j == i) break;
        std::string_view word = text.substr(i, j - i);
        i = j;
        const std::size_t word_columns = display_width(word);
        if (!empty && columns + 1 + word_columns > width) {
            lines.push_back(std::move(line));
            line = std::string(rest);
            columns = display_width(rest);
            empty = true;
        }
        if (!empty) {
            line += ' ';
            ++columns;
        }
        line += word;
        columns += word_columns;
        empty = false;
    }
    if (!empty || lines.empty()) lines.push_back(std::move(line));
    return lines;
}

std::vector<std::string> wrap_listing(std::string_view line, std::size_t width,
                                      std::size_t column) {
    if (display_width(line) <= width) return {std::string(line)};
    const std::size_t lead = line.find_first_not_of(' ');
    if (lead == std::string_view::npos) return {std::string(line)};
    std::size_t text = lead;
    const std::size_t gap = line.find("  ", lead);
    if (column > lead && column < line.size() && line[column - 1] == ' ' && line[column] != ' ')
        text = column;  // a label that filled its column, with one blank after it
    else if (gap != std::string_view::npos &&
             line.find_first_not_of(' ', gap) != std::string_view::npos)
        text = line.find_first_not_of(' ', gap);
    // Narrower than the label itself: only a hanging indent of the leading blanks is left.
    std::string_view label = line.substr(0, text);
    if (display_width(label) + 10 > width) label = line.substr(0, lead);
    const std::string rest(display_width(label), ' ');
    return wrap_text(line.substr(label.size()), width, label, rest);
}

}  // namespace knead
