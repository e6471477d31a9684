#!/bin/sh
# Regenerates ext/*_arginfo.h from ext/*.stub.php with php-src's gen_stub.php
# (shipped by php8.2-dev) and PHP-Parser 4.15: Debian's php-parser package
# when installed, else the exact release gen_stub.php names, from Packagist.
#
#   tools/gen-arginfo.sh           regenerate
#   tools/gen-arginfo.sh --check   fail if the committed files are stale
set -eu
cd "$(dirname "$0")/.."
build_dir=$(php-config --extension-dir | sed 's,/[^/]*$,,')/$(basename "$(php-config --extension-dir)")/build
[ -f "$build_dir/gen_stub.php" ] || build_dir=$(dirname "$(command -v phpize)")/../lib/php/$(basename "$(php-config --extension-dir)")/build
gen_stub="$build_dir/gen_stub.php"
[ -f "$gen_stub" ] || { echo "gen_stub.php not found (install php8.2-dev)" >&2; exit 1; }
parser_version=$(sed -n 's/.*\$version = "\([0-9.]*\)".*/\1/p' "$gen_stub" | head -n 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$gen_stub" "$work/gen_stub.php"
if [ -f /usr/share/php/PhpParser/Parser.php ]; then
    mkdir -p "$work/PHP-Parser-$parser_version/lib"
    ln -s /usr/share/php/PhpParser "$work/PHP-Parser-$parser_version/lib/PhpParser"
else
    (cd "$work" && echo '{}' > composer.json &&
     composer require --quiet --no-interaction "nikic/php-parser:$parser_version" >/dev/null &&
     ln -s vendor/nikic/php-parser "PHP-Parser-$parser_version")
fi

for stub in ext/*.stub.php; do
    out=${stub%.stub.php}_arginfo.h
    if [ "${1:-}" = "--check" ]; then
        cp "$stub" "$work/$(basename "$stub")"
        php "$work/gen_stub.php" -f "$work/$(basename "$stub")" >/dev/null
        cmp -s "$work/$(basename "$out")" "$out" || { echo "$out is stale: run tools/gen-arginfo.sh" >&2; exit 1; }
    else
        php "$work/gen_stub.php" -f "$stub"
    fi
done
