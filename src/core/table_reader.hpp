// Reads typed keys from a TOML table and reports every problem with its position:
// what the routine and config loaders share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knead/diagnostic.hpp"
#include "knead/routine.hpp"
#include "knead/toml_document.hpp"

namespace knead {

// Collects the diagnostics of one file.
class Checker {
  public:
    Checker(std::string file, std::vector<Diagnostic>& out) : file_(std::move(file)), out_(out) {}

    void error(Where w, std::string_view msg) { add(w, Severity::error, msg); }
    void warning(Where w, std::string_view msg) { add(w, Severity::warning, msg); }
    void file_error(std::string_view msg) { add({0, 0}, Severity::error, msg); }
    bool failed() const { return has_errors(out_); }

    // A file that is not what it should be at all would bury the first, useful problems
    // under thousands: past this many, the rest are counted on one line instead.
    static constexpr int kMaxReported = 50;

  private:
    void add(Where w, Severity s, std::string_view msg);
    std::string file_;
    std::vector<Diagnostic>& out_;
    int reported_ = 0;
    int dropped_ = 0;
    std::size_t note_ = 0;  // where in out_ the line that counts them is
};

class TableReader {
  public:
    // `context` names the table in messages ("[defaults]", "point `neck`").
    TableReader(Checker& c, TomlValue table, Where at, std::string context)
        : c_(c), table_(table), at_(at), context_(std::move(context)) {}

    std::optional<TomlValue> get(std::string_view key) const { return table_.get(key); }
    // Where `key` is written, or the table when it is missing.
    Where at(std::string_view key) const;
    void set_context(std::string context) { context_ = std::move(context); }

    // A non-blank string of plain text: no control characters.
    std::optional<std::string> text(const std::string& key, bool required);
    // An array of such strings; an empty array when the key is missing.
    std::optional<std::vector<std::string>> texts(const std::string& key);
    // A whole number within [lo, hi]; `unit` words the message ("seconds").
    std::optional<int> integer(const std::string& key, int lo, int hi, std::string_view unit);
    std::optional<bool> boolean(const std::string& key);
    // Two whole numbers [low, high] within 0..10.
    std::optional<PainBand> band(const std::string& key);
    // One of `choices`.
    std::optional<std::string> choice(const std::string& key,
                                      const std::vector<std::string>& choices);

    // Reports keys that are not in `allowed`: a hint from `hints` when it has one for
    // the key, else the nearest allowed key.
    void unknown_keys(const std::vector<std::string>& allowed,
                      const std::map<std::string, std::string>& hints = {});

  private:
    Checker& c_;
    TomlValue table_;
    Where at_;
    std::string context_;
};

}  // namespace knead
