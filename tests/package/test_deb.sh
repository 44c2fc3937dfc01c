#!/usr/bin/env bash
# `cpack -G DEB`: a Debian package named knead that installs under /usr, depends on the
# libraries the binary needs, follows Debian's policy (lintian: no error, no warning; a
# hardened binary), and works once unpacked (checked without root, by unpacking it into a
# directory with dpkg-deb -x).
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/../e2e/lib.sh"
: "${KNEAD_BUILD:?set KNEAD_BUILD to the build directory (CTest does this)}"

expect_exit 0 cpack --config "$KNEAD_BUILD/CPackConfig.cmake" -G DEB -B "$TMP/pkg"
DEB=$(find "$TMP/pkg" -maxdepth 1 -name 'knead_*.deb')
expect_match "$DEB" '/knead_[0-9.]+(-[0-9]+)?_[a-z0-9]+\.deb$' "the package file"

expect_exit 0 dpkg-deb --field "$DEB" Package Maintainer Depends
expect_contains "$OUT" "Package: knead"
expect_regex "$OUT" '^Maintainer: knead authors <[^ @<>]+@[^ @<>]+\.[a-z]+>$'
# The package names, without their versions, one a line.
sed -n 's/^Depends: //p' "$OUT" | tr ',' '\n' | sed 's/^ *//; s/ .*//' >"$TMP/depends"
for dep in libc6 libfmt9 'libstdc++6'; do
    expect_regex "$TMP/depends" "^${dep//+/\\+}\$"
done

expect_exit 0 dpkg-deb --contents "$DEB"
for f in usr/bin/knead usr/share/knead/routines/neck.toml usr/share/knead/routines/desk-worker.toml \
    usr/share/man/man1/knead.1.gz usr/share/bash-completion/completions/knead \
    usr/share/zsh/vendor-completions/_knead usr/share/fish/vendor_completions.d/knead.fish \
    usr/share/doc/knead/LICENSE usr/share/doc/knead/copyright usr/share/doc/knead/changelog.gz; do
    expect_regex "$OUT" " \\./$f\$"
done
expect_no_regex "$OUT" ' \./usr/local/'
# Debian's zsh reads vendor-completions, not site-functions, under /usr.
expect_no_regex "$OUT" ' \./usr/share/zsh/site-functions'
expect_no_regex "$OUT" ' \./usr/share/man/.*\.[1-9]$'

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

# The copyright file is in Debian's machine-readable format; the changelog is Debian's.
C="$TMP/root/usr/share/doc/knead"
expect_regex "$C/copyright" '^Format: https://www\.debian\.org/doc/packaging-manuals/copyright-format/1\.0/$'
expect_regex "$C/copyright" '^License: Expat$'
gzip -dc "$C/changelog.gz" >"$TMP/changelog"
expect_regex "$TMP/changelog" "^knead \\($("$K" --version | sed 's/^knead //')\\) unstable; urgency=medium\$"
gzip -dc "$TMP/root/usr/share/man/man1/knead.1.gz" >"$TMP/knead.1"
expect_same_file "$TMP/knead.1" "$KNEAD_SOURCE/man/knead.1"

# Hardened as Debian builds packages: position-independent, read-only relocations bound
# at start-up, the stack protector and fortified libc calls.
expect_exit 0 readelf -hldW --dyn-syms "$K"
expect_regex "$OUT" '^ +Type: +DYN '
expect_regex "$OUT" '^ +GNU_RELRO '
expect_regex "$OUT" '\(FLAGS(_1)?\) .*NOW'
expect_regex "$OUT" ' __stack_chk_fail(@|$)'
expect_regex "$OUT" ' __[a-z]+_chk(@|$)'
if command -v hardening-check >/dev/null; then
    expect_exit 0 hardening-check "$K"
fi

# lintian: no error and no warning, and none of its hardening tags (those are "info").
command -v lintian >/dev/null ||
    fail "lintian is not installed (KNEAD_TEST_TOOLS=1 scripts/setup installs it)"
expect_exit 0 lintian --info --fail-on error,warning "$DEB"
expect_no_regex "$OUT" '^[EW]: '
expect_no_regex "$OUT" ' hardening-no-'
