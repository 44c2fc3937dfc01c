#include "knead/paths.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <system_error>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

namespace knead {
namespace fs = std::filesystem;
namespace {

fs::path xdg(const char* var, const char* fallback) {
    const char* v = std::getenv(var);
    if (v && *v == '/') return v;
    return home_dir() / fallback;
}

std::optional<fs::path> executable_path() {
#ifdef __APPLE__
    char buf[4096];
    uint32_t size = sizeof buf;
    if (_NSGetExecutablePath(buf, &size) == 0) return fs::weakly_canonical(buf);
    return std::nullopt;
#else
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return std::nullopt;
    return p;
#endif
}

}  // namespace

fs::path home_dir() {
    const char* h = std::getenv("HOME");
    if (h && *h == '/') return h;
    if (h && *h)
        throw PathError("HOME is a relative path (" + std::string(h) +
                        "): set it to your home directory's absolute path");
    // Unset or empty: the password database knows, as it does for a login shell.
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_dir && *pw->pw_dir == '/')
        return pw->pw_dir;
    throw PathError("HOME is not set and user id " + std::to_string(::getuid()) +
                    " has no home directory in the password database: set HOME");
}

fs::path config_file_path(std::string_view value, const fs::path& config_dir) {
    if (value == "~") return home_dir();
    if (value.substr(0, 2) == "~/") return home_dir() / value.substr(2);
    fs::path p(value);
    return p.is_relative() ? config_dir / p : p;
}

fs::path xdg_config_home() {
    return xdg("XDG_CONFIG_HOME", ".config");
}
fs::path xdg_data_home() {
    return xdg("XDG_DATA_HOME", ".local/share");
}
fs::path xdg_state_home() {
    return xdg("XDG_STATE_HOME", ".local/state");
}

fs::path xdg_cache_home() {
    return xdg("XDG_CACHE_HOME", ".cache");
}

int create_private_dirs(const fs::path& dir) {
    // The home directory is the system's to make: a HOME that does not exist is a
    // mistake to report, not a directory to create (nor its parents).
    fs::path home;
    try {
        home = home_dir();
    } catch (const PathError&) {
        home.clear();  // unknown: there is no home directory to leave alone
    }
    home = home.lexically_normal();
    if (!home.has_filename()) home = home.parent_path();  // "/home/me/"
    struct stat st {};
    if (!home.empty()) {
        auto [h, d] = std::mismatch(home.begin(), home.end(), dir.begin(), dir.end());
        if (h == home.end() && ::stat(home.c_str(), &st) != 0) return errno;
    }
    fs::path partial;
    for (const auto& part : dir) {
        partial /= part;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) return errno;
    }
    return 0;
}

fs::path builtin_routines_dir() {
    std::error_code ec;
    // An installed knead (or one unpacked from a package anywhere) finds its routines
    // relative to itself; a knead run from the build tree uses the source tree's.
    if (auto exe = executable_path()) {
        fs::path beside = exe->parent_path() / KNEAD_RELATIVE_ROUTINES;
        if (fs::is_directory(beside, ec)) return beside.lexically_normal();
    }
    if (fs::is_directory(KNEAD_INSTALL_ROUTINES, ec)) return KNEAD_INSTALL_ROUTINES;
    return KNEAD_SOURCE_ROUTINES;
}

std::vector<fs::path> routine_search_path(const std::vector<std::string>& flags) {
    std::vector<fs::path> dirs(flags.begin(), flags.end());
    if (const char* env = std::getenv("KNEAD_ROUTINES")) {
        std::string_view rest = env;
        while (!rest.empty()) {
            auto colon = rest.find(':');
            auto part = rest.substr(0, colon);
            if (!part.empty()) dirs.emplace_back(part);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    dirs.push_back(xdg_config_home() / "knead" / "routines");
    dirs.push_back(builtin_routines_dir());
    return dirs;
}

std::optional<std::filesystem::path> dangling_link_target(const std::filesystem::path& p) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return std::nullopt;
    if (::stat(p.c_str(), &st) == 0 || (errno != ENOENT && errno != ENOTDIR)) return std::nullopt;
    std::error_code ec;
    auto target = std::filesystem::read_symlink(p, ec);
    if (ec) return std::nullopt;
    return target;
}

std::string dangling_link_words(const std::filesystem::path& target) {
    return "is a symbolic link to " + target.string() + ", which does not exist";
}

std::string os_reason(const std::filesystem::path& p, int err) {
    if (err == ENOENT || err == ENOTDIR)
        if (auto target = dangling_link_target(p))
            return dangling_link_words(*target) + " (create it, or fix the link)";
    return std::strerror(err);
}

}  // namespace knead
