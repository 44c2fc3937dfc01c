// The floor for `knead validate` inside toml11 (bench/routines): toml11 parsing every
// .toml file of a directory, once each, in one thread, called as knead calls it (its own
// buffer, comments discarded, a short source name), and nothing else: no checks, no
// routine read out of the tree, no diagnostics. knead's parse can cost no less per file.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <toml.hpp>
#include <vector>

using Value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: toml11_floor DIR\n");
        return 2;
    }
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(argv[1]))
        if (e.path().extension() == ".toml") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::size_t keys = 0;
    for (const auto& p : paths) {
        std::ifstream in(p, std::ios::binary);
        std::vector<char> text((std::istreambuf_iterator<char>(in)), {});
        if (text.empty() || text.back() != '\n') text.push_back('\n');
        toml::detail::location loc("routine", std::move(text));
        auto data = toml::detail::parse_toml_file<Value>(loc);
        if (!data) {
            std::fprintf(stderr, "toml11_floor: %s: not valid TOML\n", p.c_str());
            return 1;
        }
        keys += data.unwrap().as_table().size();
    }
    std::printf("%zu files, %zu top-level keys\n", paths.size(), keys);
    return 0;
}
