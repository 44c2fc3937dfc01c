#!/usr/bin/env bash
# `cpack -G DEB`: a Debian package named knead that installs under /usr, depends on the
# libraries the binary needs, and works once unpacked (checked without root, by
# unpacking it into a directory with dpkg-deb -x).
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
: "${KNEAD_BUILD:?set KNEAD_BUILD to the build directory (CTest does this)}"

expect_exit 0 cpack --config "$KNEAD_BUILD/CPackConfig.cmake" -G DEB -B "$TMP/pkg"
DEB=$(find "$TMP/pkg" -maxdepth 1 -name 'knead_*.deb')
expect_match "$DEB" '/knead_[0-9.]+(-[0-9]+)?_[a-z0-9]+\.deb$' "the package file"

expect_exit 0 dpkg-deb --field "$DEB" Package Maintainer Depends
expect_contains "$OUT" "Package: knead"
expect_contains "$OUT" "Maintainer: knead authors"
# The package names, without their versions, one a line.
sed -n 's/^Depends: //p' "$OUT" | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$TMP/depends"
for dep in libc6 libfmt9 'libstdc++6'; do
    expect_regex "$TMP/depends" "^${dep//+/\\+}\$"
done

expect_exit 0 dpkg-deb --contents "$DEB"
for f in usr/bin/knead usr/share/knead/routines/neck.toml usr/share/knead/routines/desk-worker.toml \
    usr/share/man/man1/knead.1 usr/share/bash-completion/completions/knead \
    usr/share/zsh/site-functions/_knead usr/share/fish/vendor_completions.d/knead.fish \
    usr/share/doc/knead/LICENSE; do
    expect_regex "$OUT" " \\./$f\$"
done
expect_no_regex "$OUT" ' \./usr/local/'

# Unpacked, the binary under usr/bin finds the routines under usr/share.
expect_exit 0 dpkg-deb -x "$DEB" "$TMP/root"
K="$TMP/root/usr/bin/knead"
expect_exit 0 "$K" list
expect_regex "$OUT" '^neck +neck +4 +[0-9]+$'
expect_exit 0 "$K" show neck
expect_contains "$OUT" "File: $TMP/root/usr/share/knead/routines/neck.toml"
repeat_answer 200 6
expect_exit 0 "$K" run neck upper-back --no-wait --log "$TMP/deb.log" <"$ANSWERS"
expect_contains "$OUT" "Session complete: 6 of 6 points"
expect_line_count "$TMP/deb.log" 1 ' event=start routines=neck,upper-back '
expect_exit 0 "$K" --version
expect_contains "$OUT" "knead "
