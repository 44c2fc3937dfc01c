#!/usr/bin/env bash
# `cmake --install` under any prefix: every file in its usual place, and an installed
# knead that finds its built-in routines relative to itself, even after a move.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
: "${KNEAD_BUILD:?set KNEAD_BUILD to the build directory (CTest does this)}"

P="$TMP/prefix"
expect_exit 0 cmake --install "$KNEAD_BUILD" --prefix "$P"
for f in bin/knead share/man/man1/knead.1 share/bash-completion/completions/knead \
    share/zsh/site-functions/_knead share/fish/vendor_completions.d/knead.fish \
    share/doc/knead/README.md share/doc/knead/LICENSE share/doc/knead/routine-format.md \
    share/doc/knead/scripting.md; do
    expect_exists "$P/$f"
done
N=$(find "$KNEAD_SOURCE/routines" -maxdepth 1 -name '*.toml' | wc -l)
expect_eq "$(find "$P/share/knead/routines" -name '*.toml' | wc -l)" "$N" "built-in routines installed"
expect_same_file "$P/share/bash-completion/completions/knead" "$KNEAD_SOURCE/completions/knead.bash"

# check_installed BIN ROUTINES: the installed binary lists, shows and runs the routines
# installed beside it, not those of the source tree.
check_installed() {
    local bin=$1 dir=$2
    expect_exit 0 "$bin" list --names
    expect_eq "$(wc -l <"$OUT")" "$N" "routines listed by the installed knead"
    expect_exit 0 "$bin" show neck
    expect_contains "$OUT" "File: $dir/neck.toml"
    expect_exit 0 "$bin" validate desk-worker
    repeat_answer 60 6
    expect_exit 0 "$bin" run chest --no-wait --log "$TMP/installed.log" <"$ANSWERS"
    expect_contains "$OUT" "Session complete: $(builtin_points chest) of $(builtin_points chest) points"
}
check_installed "$P/bin/knead" "$P/share/knead/routines"

# Moved elsewhere as a whole, it still finds them.
mv "$P" "$TMP/moved"
check_installed "$TMP/moved/bin/knead" "$TMP/moved/share/knead/routines"
# Called through a symbolic link from another directory, too.
mkdir -p "$TMP/elsewhere"
ln -s "$TMP/moved/bin/knead" "$TMP/elsewhere/knead"
check_installed "$TMP/elsewhere/knead" "$TMP/moved/share/knead/routines"

# The installed man page renders without warnings, where man-db is there to say so.
if command -v man >/dev/null && man --help 2>&1 | grep -q -- '--warnings'; then
    MANWIDTH=80 expect_exit 0 man --warnings -l "$TMP/moved/share/man/man1/knead.1"
    expect_empty "$ERR"
    for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES; do
        expect_regex "$OUT" "^$section\$"
    done
fi
