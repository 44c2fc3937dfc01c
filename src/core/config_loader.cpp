#include <fmt/format.h>

#include <cstdint>
#include <fstream>
#include <system_error>

#include "knead/config.hpp"
#include "knead/paths.hpp"
#include "knead/toml_document.hpp"
#include "table_reader.hpp"

namespace knead {

std::string_view Config::source_of(const std::string& key) const {
    auto it = source.find(key);
    return it == source.end() ? std::string_view("default") : std::string_view(it->second);
}

std::filesystem::path config_path() {
    return xdg_config_home() / "knead" / "config.toml";
}

ConfigResult load_config_text(std::string_view text, const std::string& display) {
    ConfigResult result;
    Config config;
    Checker c(display, result.diagnostics);
    auto doc = parse_toml(text, display, result.diagnostics);
    if (!doc) return result;

    TableReader r(c, doc->root(), Where{1, 1}, "the config file");
    auto take = [&](const std::string& key, auto value, auto& dest) {
        if (!value) return;
        dest = *value;
        config.set_source(key, fmt::format("{}:{}", display, r.at(key).line));
    };
    take("voice", r.boolean("voice"), config.voice);
    take("bell", r.boolean("bell"), config.bell);
    take("big", r.boolean("big"), config.big);
    take("hands_free", r.integer("hands_free", 0, kMaxHandsFreeSeconds, "seconds"),
         config.hands_free);
    if (auto word = r.choice("color", {"auto", "always", "never"}))
        take("color", parse_color_mode(*word), config.color);
    take("log", r.text("log", false), config.log);
    take("target_pain", r.band("target_pain"), config.target_pain);
    if (auto v = r.get("speech_command")) {
        if (v->is(TomlValue::Kind::array) && v->items().empty())
            c.error(v->where(),
                    "`speech_command` is empty: give the command and its arguments, "
                    "e.g. [\"espeak-ng\", \"{}\"]");
        else
            take("speech_command", r.texts("speech_command"), config.speech_command);
    }
    r.unknown_keys(kConfigKeys, {{"colour", "did you mean `color`?"},
                                 {"quiet", "to turn the bell off, write `bell = false`"}});
    sort_diagnostics(result.diagnostics);
    if (!c.failed()) result.config = std::move(config);
    return result;
}

ConfigResult load_config_file(const std::filesystem::path& path) {
    std::error_code ec;
    ConfigResult result;
    const auto st = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(st)) {
        // Only a file that is not there means the defaults. A broken link or a directory
        // knead may not enter is the user's config, unread: saying so keeps the log from
        // silently moving to the default place.
        std::string why;
        if (auto target = dangling_link_target(path))
            why = dangling_link_words(*target) + "; fix the link or remove it";
        else if (ec && ec != std::errc::no_such_file_or_directory &&
                 ec != std::errc::not_a_directory)
            why = "cannot be read: " + ec.message();
        if (why.empty()) return {Config{}, {}};
        result.diagnostics.push_back({path.string(), 0, 0, Severity::error, why});
        return result;
    }
    if (std::filesystem::is_directory(path, ec)) {
        result.diagnostics.push_back(
            {path.string(), 0, 0, Severity::error, "is a directory, not a config file"});
        return result;
    }
    // Never opened unless it is a regular file: a FIFO would wait for a writer for ever,
    // and /dev/zero never ends.
    if (!std::filesystem::is_regular_file(path, ec)) {
        result.diagnostics.push_back(
            {path.string(), 0, 0, Severity::error, "is not a regular file, so not a config file"});
        return result;
    }
    constexpr std::uintmax_t kMaxConfigBytes = 1 << 20;
    if (auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxConfigBytes) {
        result.diagnostics.push_back(
            {path.string(), 0, 0, Severity::error, "too large for a config file (over 1 MiB)"});
        return result;
    }
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail()) {
        result.diagnostics.push_back({path.string(), 0, 0, Severity::error, "cannot be read"});
        return result;
    }
    result = load_config_text(text, path.string());
    attach_excerpts(result.diagnostics, text);
    return result;
}

}  // namespace knead
