// Text from the log made safe for the report's formats: it can never become markup.
#pragma once

#include <string>
#include <string_view>

namespace knead {

// For HTML and SVG (XML) text and attribute values: & < > " ' become entities, control
// characters become '?', and bytes that are not valid UTF-8 become U+FFFD.
std::string xml_text(std::string_view s);

// For a Markdown table cell or line: the characters Markdown would read as syntax are
// backslash-escaped, control characters become '?' and invalid UTF-8 becomes U+FFFD.
std::string markdown_text(std::string_view s);

}  // namespace knead
