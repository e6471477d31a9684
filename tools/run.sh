#!/bin/sh
# The main job: build the extension, start the embedded EAS server (PHP's
# built-in web server on loopback, SQLite storage in a temporary directory)
# and run a scripted device against it over HTTP, speaking WBXML: OPTIONS,
# provisioning, Settings, FolderSync, the initial sync of contacts,
# calendar, tasks and notes, an estimate, changes in both directions, a
# fetch, a Ping that sees a change, a lost response repeated with the same
# sync key, folder changes. Once per EAS version.
#
#   tools/run.sh [--verbose] [--base64] [VERSION...]     (default: 2.5 12.1 14.1 16.0 16.1)
#
# --verbose prints every request and response as XML. EAS_RUN_KEEP=1 keeps
# the server's data and protocol logs.
set -eu
cd "$(dirname "$0")/.."
tools/install-deps.sh
module=$(tools/build-ext.sh gcc)

flags=""
versions=""
for arg in "$@"; do
    case "$arg" in
    --verbose|--base64) flags="$flags $arg" ;;
    *) versions="$versions $arg" ;;
    esac
done
versions=${versions:-"2.5 12.1 14.1 16.0 16.1"}

work=$(mktemp -d)
cleanup() {
    if [ -s "$work/server.pid" ]; then
        # The server and its workers form one process group (setsid).
        kill -TERM "-$(cat "$work/server.pid")" 2>/dev/null || true
        wait 2>/dev/null || true
    fi
    if [ "${EAS_RUN_KEEP:-0}" = 1 ]; then
        echo "== data and logs kept in $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT INT TERM

# A free loopback port.
port=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1);')
mkdir -p "$work/data" "$work/log"
cat > "$work/config.php" <<EOF
<?php return [
    'data' => '$work/data',
    'logdir' => '$work/log',
    'users' => ['demo' => 'demo'],
    'ping' => ['heartbeatmin' => 60, 'heartbeatmax' => 2700, 'heartbeatdefault' => 60, 'waitinterval' => 1],
];
EOF

echo "== embedded EAS server on http://127.0.0.1:$port/Microsoft-Server-ActiveSync"
# setsid: the server and its workers form a process group of their own,
# which cleanup() ends as a whole (the workers outlive a killed master).
EAS_SERVER_CONFIG="$work/config.php" PHP_CLI_SERVER_WORKERS=4 \
    setsid sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$work/server.pid" \
    php -d "extension=$module" -d include_path=.:/usr/share/php -d log_errors=1 -d display_errors=0 \
        -d "error_log=$work/php-errors.log" -S "127.0.0.1:$port" server/router.php \
        > "$work/server.out" 2>&1 &
i=0
until php -r 'exit(@fsockopen("127.0.0.1", (int)$argv[1]) ? 0 : 1);' "$port"; do
    i=$((i + 1))
    if [ $i -gt 100 ]; then
        echo "the server did not start:" >&2
        cat "$work/server.out" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
for version in $versions; do
    echo
    echo "== device session, EAS $version"
    # shellcheck disable=SC2086
    php -d "extension=$module" server/device-session.php --url="http://127.0.0.1:$port" \
        --data="$work/data" --version="$version" $flags || status=1
done
if [ -s "$work/php-errors.log" ]; then
    echo "== the server logged PHP errors:" >&2
    cat "$work/php-errors.log" >&2
    status=1
fi
exit $status
