#!/usr/bin/env bash
# Builds the Debian package gimp-plugin-colorize-manga in a build root (COLORIZE_MANGA_ROOT picks
# which, see lib.sh) with `dpkg-buildpackage -b`, checks it with lintian, then installs it into a
# clean copy of the root that sees nothing of this clone, colorizes a page with it from the
# system folders (mangacolor, and the plug-in's batch procedure in gimp-console-3), removes it
# and checks that nothing is left behind (tests/package/installed.sh). The .deb stays in
# $COLORIZE_MANGA_CACHE/work/package-ROOT/. Exits non-zero when a step fails.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PROJECT_DIR"

[ "$(id -u)" = 0 ] || die "building and installing the package needs root (build root, apt)"
command -v git >/dev/null || die "the package is built from this clone's files: git is missing"
# The package is tested in a root on any host, also on Debian 13: it is installed into a clean
# copy of one.
"$PROJECT_DIR/install/build-root.sh"

out="$CACHE_DIR/work/package-$ROOT_NAME"
[ -e "$out" ] && assert_nothing_mounted_under "$out"
rm -rf --one-file-system -- "$out"
mkdir -p "$out/source" "$out/input"
# The clone's files as they are now (committed or not, but not ignored), without its build trees.
git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do [ -e "$file" ] && printf '%s\0' "$file"; done |
    tar --null -T - -cf - | tar -xf - -C "$out/source"

say "building the package in the $ROOT_NAME root (dpkg-buildpackage -b)"
start=$SECONDS
"$PROJECT_DIR/install/in-root.sh" bash -c 'cd "$1" && dpkg-buildpackage -b -uc -us' build \
    "$out/source" >"$out/build.log" 2>&1 || { tail -40 "$out/build.log"; die "the package build failed; see $out/build.log"; }
deb=$(basename "$out"/gimp-plugin-colorize-manga_*.deb) # the -dbgsym package does not match
say "built $deb in $((SECONDS - start)) s"

say "lintian"
"$PROJECT_DIR/install/in-root.sh" bash -c 'cd "$1" && lintian --fail-on error --tag-display-limit 0 *.changes' \
    lintian "$out" | tee "$out/lintian.log" || die "lintian reports errors (above)"
echo "lintian: $(grep -c '^E:' "$out/lintian.log" || true) errors," \
    "$(grep -c '^W:' "$out/lintian.log" || true) warnings"

say "installing it into a clean copy of the $ROOT_NAME root, using it, removing it"
cp "$out/$deb" samples/sample-page-gray.png tests/package/installed.sh "$out/input/"
"$PROJECT_DIR/install/in-clean-root.sh" "$out/input" bash installed.sh "$deb" sample-page-gray.png
