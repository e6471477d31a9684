#!/bin/bash
# Throwaway PostgreSQL or MariaDB servers on loopback, for the state tests.
#
#   tools/dbserver.sh start pgsql DIR PORT     prints a DSN line: pgsql:host=127.0.0.1;port=PORT;dbname=eas user=eas
#   tools/dbserver.sh start mariadb DIR PORT
#   tools/dbserver.sh stop pgsql|mariadb DIR
#
# Data lives in DIR (created, and removed by stop). As root the servers run
# as their Debian system users.
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -euo pipefail

action=${1:?start|stop}
kind=${2:?pgsql|mariadb}
dir=$(realpath -m "${3:?directory}")
port=${4:-}

as_user() {
    local user=$1; shift
    if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

case "$action:$kind" in
start:pgsql)
    bin=$(pg_bin)
    [ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_user postgres "$bin/initdb" -D "$dir/data" -U eas --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1
    as_user postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_user postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U eas eas
    echo "pgsql host=127.0.0.1 port=$port dbname=eas user=eas"
    ;;
stop:pgsql)
    bin=$(pg_bin)
    [ -d "$dir/data" ] && as_user postgres "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
start:mariadb)
    command -v mariadbd >/dev/null || { echo "MariaDB is not installed (apt-get install mariadb-server)" >&2; exit 1; }
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown mysql: "$dir"
    as_user mysql mariadb-install-db --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal \
        >"$dir/install.log" 2>&1
    as_user mysql mariadbd --no-defaults --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 \
        --socket="$dir/sock" --pid-file="$dir/pid" --skip-name-resolve --innodb-flush-log-at-trx-commit=0 \
        >"$dir/server.log" 2>&1 &
    for _ in $(seq 1 100); do
        [ -S "$dir/sock" ] && break
        sleep 0.1
    done
    mariadb --no-defaults --socket="$dir/sock" -uroot -e \
        "CREATE DATABASE eas; CREATE USER 'eas'@'127.0.0.1' IDENTIFIED BY 'eas'; GRANT ALL ON eas.* TO 'eas'@'127.0.0.1';"
    echo "mysql host=127.0.0.1 port=$port dbname=eas user=eas password=eas"
    ;;
stop:mariadb)
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$dir/pid" ] || break; sleep 0.1; done
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop pgsql|mariadb DIR [PORT]" >&2; exit 2 ;;
esac
