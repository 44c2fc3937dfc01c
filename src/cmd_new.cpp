// `knead new`: starts a routine of your own from a commented template.
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "commands.hpp"
#include "error.hpp"
#include "knead/exit_codes.hpp"
#include "knead/paths.hpp"
#include "knead/private_file.hpp"
#include "knead/routine.hpp"
#include "knead/routine_finder.hpp"
#include "knead/routine_template.hpp"

namespace knead {
namespace {

constexpr std::size_t kMaxNameLength = 64;

// Creates `path` only if it does not exist yet (O_EXCL: no race with another writer)
// and writes all of `text`. Returns 0 or an errno.
int write_new_file(const std::filesystem::path& path, std::string_view text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return errno;
    int err = write_fully(fd, text);
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) ::unlink(path.c_str());  // no half-written routine left behind
    return err;
}

}  // namespace

int new_command(const Context& ctx, const NewOptions& n) {
    if (!is_slug(n.name) || n.name.size() > kMaxNameLength)
        throw usage_error(fmt::format(
            "`{}` cannot name a routine: use lowercase letters, digits and dashes, at most {} "
            "characters (like `desk-break`)",
            n.name, kMaxNameLength));
    if (n.area && n.area->find_first_not_of(" \t") == std::string::npos)
        throw usage_error("--area is empty: name the body area, like \"upper back\"");
    // The loader refuses control characters in routine texts; so does the template.
    if (n.area && std::any_of(n.area->begin(), n.area->end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        }))
        throw usage_error("--area must be plain text on one line");
    const std::string text = routine_template(n.name, n.area.value_or(""));
    if (n.to_stdout) {
        fmt::print(ctx.out, "{}", text);
        return exit_code::ok;
    }

    const auto dir = xdg_config_home() / "knead" / "routines";
    const auto path = dir / (n.name + ".toml");
    if (int err = create_private_dirs(dir)) throw os_error("create", dir, err);
    // Which routine `knead run NAME` runs today: if it is elsewhere on the search path,
    // the new file will hide it (or, from --routines, be hidden by it).
    auto before = find_routine(n.name, ctx.search_path);
    if (int err = write_new_file(path, text)) {
        if (err == EEXIST)
            throw Error(fmt::format(
                "{} already exists; knead does not overwrite it. Edit it, or remove it first.",
                path.string()));
        throw os_error("write", path, err);
    }
    fmt::print(ctx.out, "{}\n", path.string());
    auto after = find_routine(n.name, ctx.search_path);
    if (before && after && *after == path)
        fmt::print(ctx.err, "knead: note: this hides the routine `{}` in {}\n", n.name,
                   before->parent_path().string());
    else if (after && *after != path)
        fmt::print(ctx.err,
                   "knead: note: `knead run {}` still runs {}, found first on the search path\n",
                   n.name, after->string());
    fmt::print(ctx.err, "knead: edit it, then check it with: knead validate {}\n", n.name);
    return exit_code::ok;
}

}  // namespace knead
