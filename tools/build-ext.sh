#!/bin/sh
# Builds the extension out of tree, warnings as errors, and prints the path
# of the module it built.
#
#   tools/build-ext.sh [gcc|clang] [extra configure arguments]
#
# The build lives in build/php-<compiler>/ (phpize works in the directory
# it is run in, so the sources are copied there first).
set -eu
cd "$(dirname "$0")/.."
cc=${1:-gcc}
[ $# -gt 0 ] && shift
dir=build/php-$cc
mkdir -p "$dir"
# copy the sources; keep the configured tree when nothing changed
for item in config.m4 config.w32 ext src; do
    rm -rf "$dir/$item"
    cp -Rp "$item" "$dir/$item"
done
cd "$dir"
# config.m4 takes its source lists from the tree: configure again when a
# source file came or went, not only when config.m4 changed
sources=$(echo src/*/*.c ext/*.c)
if [ ! -f Makefile ] || [ config.m4 -nt Makefile ] || [ "$(cat .eas-sources 2>/dev/null)" != "$sources" ]; then
    phpize >/dev/null 2>&1
    CC=$cc ./configure --enable-horde-activesync --enable-horde-activesync-werror "$@" >/dev/null
    echo "$sources" > .eas-sources
fi
make -j"$(nproc)" >make.log 2>&1 || { cat make.log >&2; exit 1; }
# -Werror stops the build on a warning; say so if make was quiet about it
if grep -E "warning:" make.log >&2; then
    exit 1
fi
# a module that builds but cannot load (an unresolved symbol) fails here,
# not later as a suite of skipped tests
php -n -d extension="$PWD/modules/horde_activesync.so" -r 'exit(extension_loaded("horde_activesync") ? 0 : 1);' ||
    { echo "the module does not load: $PWD/modules/horde_activesync.so" >&2; exit 1; }
echo "$PWD/modules/horde_activesync.so"
