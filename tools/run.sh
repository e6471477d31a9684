#!/bin/sh
# The main job, for now: build the extension and show the native WBXML codec
# at work on an EAS Sync request: XML to WBXML, WBXML to XML, and the same
# bytes again.
#
#   tools/run.sh [FILE.xml|FILE.wbxml]
set -eu
cd "$(dirname "$0")/.."
tools/install-deps.sh
module=$(tools/build-ext.sh gcc)
tool="php -d extension=$module php/bin/eas-wbxml"
input=${1:-docs/examples/sync-request.xml}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$input" in
*.xml)
    $tool encode "$input" > "$work/request.wbxml"
    ;;
*)
    cp "$input" "$work/request.wbxml"
    ;;
esac
echo "== WBXML ($(wc -c < "$work/request.wbxml") bytes)"
od -A x -t x1z -v "$work/request.wbxml" | head -n 12
echo "..."
echo "== decoded"
$tool decode "$work/request.wbxml" | tee "$work/decoded.xml"
$tool encode "$work/decoded.xml" > "$work/again.wbxml"
if cmp -s "$work/request.wbxml" "$work/again.wbxml"; then
    echo "== round trip: identical bytes"
else
    echo "== round trip: the bytes differ" >&2
    exit 1
fi
