#!/bin/sh
# Runs every test: generated files, the C core (gcc, clang, ASan/UBSan),
# the extension built with -Werror by gcc and clang, the .phpt suite (also
# under valgrind), PHPUnit with the differential tests against Debian's
# php-horde-activesync and libwbxml, and a bounded libFuzzer run.
#
#   tools/test.sh               everything (FUZZ_SECONDS=30 by default)
#   FUZZ_SECONDS=0 tools/test.sh   replay the fuzz seeds only
set -eu
cd "$(dirname "$0")/.."
root=$PWD
step() { printf '\n== %s\n' "$*"; }

step "dependencies"
tools/install-deps.sh

step "generated files are current"
make -s -C tests/c check-generated
make -s -C tests/c check-kql-lexer
tools/gen-arginfo.sh --check
php tools/gen-package-xml.php --check
composer validate --no-check-publish --quiet

step "C core: gcc, clang, ASan+UBSan"
make -s -C tests/c CC=gcc
make -s -C tests/c CC=clang
make -s -C tests/c CC=clang SAN=1

step "extension: gcc and clang, warnings as errors"
module=$(tools/build-ext.sh gcc)
tools/build-ext.sh clang >/dev/null
export EAS_EXTENSION="$module"

step "the PECL package builds"
pkg=$(mktemp -d)
pecl package package.xml >/dev/null
mv horde_activesync-*.tgz "$pkg/"
(cd "$pkg" && tar xzf horde_activesync-*.tgz && cd horde_activesync-*/ && phpize >/dev/null 2>&1 &&
    ./configure --enable-horde-activesync-werror >/dev/null && make -j"$(nproc)" >/dev/null &&
    php -n -d extension="$PWD/modules/horde_activesync.so" -r 'exit(extension_loaded("horde_activesync") ? 0 : 1);')
rm -rf "$pkg"

step "phpt (make test)"
rm -f tests/phpt/*.diff tests/phpt/*.out tests/phpt/*.mem
# make test runs PHP without php.ini and with extension_dir set to the
# build's modules/: PDO and PDO_SQLITE (shared on Debian) are named here.
phpt_ext=""
for ext in pdo pdo_sqlite; do
    php -n -m | grep -qix "$ext" || phpt_ext="$phpt_ext -d extension=$(php-config --extension-dir)/$ext.so"
done
status=0
make -s -C build/php-gcc test TESTS="$root/tests/phpt" TEST_PHP_ARGS="-q --show-diff$phpt_ext" >build/phpt.log 2>&1 || status=$?
cat build/phpt.log
[ "$status" -eq 0 ] || exit "$status"
# run-tests.php exits 0 when it skips a test; every test here must run
if grep -q "SKIP" build/phpt.log; then
    echo "phpt tests were skipped" >&2
    exit 1
fi

step "phpt under valgrind"
VALGRIND_OPTS="--suppressions=$root/tests/valgrind.supp" \
    make -s -C build/php-gcc test TESTS="$root/tests/phpt" TEST_PHP_ARGS="-q -m --show-diff$phpt_ext"
if ls tests/phpt/*.mem >/dev/null 2>&1; then
    cat tests/phpt/*.mem
    echo "valgrind found leaks or memory errors" >&2
    exit 1
fi

step "PHPUnit (state tests also on PostgreSQL and MariaDB, mail on Dovecot)"
# Servers on loopback; the ports can be moved (EAS_*_PORT) so that several
# checkouts can run their tests side by side.
pg_port=${EAS_PGSQL_PORT:-10532} my_port=${EAS_MYSQL_PORT:-10533} imap_port=${EAS_IMAP_PORT:-10143}
dbdir=$(mktemp -d /tmp/eas-db.XXXXXX) && chmod 755 "$dbdir"
trap 'tools/dbserver.sh stop pgsql "$dbdir/pg"; tools/dbserver.sh stop mariadb "$dbdir/my"; tools/dovecot.sh stop "$dbdir/imap"; rm -rf "$dbdir"' EXIT
tools/dbserver.sh start pgsql "$dbdir/pg" "$pg_port" >/dev/null
tools/dbserver.sh start mariadb "$dbdir/my" "$my_port" >/dev/null
tools/dovecot.sh start "$dbdir/imap" "$imap_port" eas:secret eas2:secret >/dev/null
EAS_TEST_PGSQL="host=127.0.0.1 port=$pg_port dbname=eas username=eas" \
EAS_TEST_MYSQL="host=127.0.0.1 port=$my_port dbname=eas username=eas password=eas" \
EAS_TEST_IMAP="host=127.0.0.1 port=$imap_port lmtp=$((imap_port + 1)) username=eas password=secret" \
EAS_REQUIRE_DB=1 php -d extension="$module" /usr/bin/phpunit --configuration phpunit.xml.dist

step "fuzzing (${FUZZ_SECONDS:-30}s per target)"
make -s -C tests/fuzz regress
if [ "${FUZZ_SECONDS:-30}" -gt 0 ]; then
    make -s -C tests/fuzz run SECONDS="${FUZZ_SECONDS:-30}"
fi
ls tests/fuzz/crash-* tests/fuzz/leak-* tests/fuzz/timeout-* 2>/dev/null && exit 1

step "all tests passed"
