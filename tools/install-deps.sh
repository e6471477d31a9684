#!/bin/sh
# Installs what building and testing need on Debian 12 (PHP 8.2 from
# Debian). Does nothing when everything is there already.
set -eu
packages="
    build-essential autoconf pkg-config libsqlite3-dev
    php8.2-cli php8.2-dev php8.2-mbstring php8.2-xml php8.2-sqlite3 php8.2-pgsql php8.2-mysql php-pear
    phpunit composer php-parser
    php-horde-activesync php-horde-core php-horde-db php-horde-imap-client php-horde-smtp
    postgresql mariadb-server
    libwbxml2-utils dovecot-imapd dovecot-lmtpd
    clang libclang-rt-14-dev llvm re2c valgrind
"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null; then
    sudo=sudo
else
    echo "need root (or sudo) to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
