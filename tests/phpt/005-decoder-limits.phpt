--TEST--
WbxmlDecoder: limits and options
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

$h = "\x03\x01\x6a\x00";
// 100k nested elements stop at the depth limit
$d = new WbxmlDecoder($h . str_repeat("\x4f", 100000));
try {
    $d->readHeader();
    while ($d->getToken() !== false);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
$d = new WbxmlDecoder($h . "\x45\x45\x45\x01\x01\x01", ['maxDepth' => 2]);
try {
    $d->readHeader();
    while ($d->getToken() !== false);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
$d = new WbxmlDecoder($h . "\x45\x03" . str_repeat('a', 100) . "\x00\x01", ['maxStringLength' => 99]);
try {
    $d->readHeader();
    while ($d->getToken() !== false);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
$d = new WbxmlDecoder($h . "\x45\xc3\x64" . str_repeat('b', 100) . "\x01", ['maxOpaqueLength' => 99]);
try {
    $d->readHeader();
    while ($d->getToken() !== false);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
// invalid UTF-8 passes when asked
$d = new WbxmlDecoder($h . "\x45\x03a\xffb\x00\x01", ['validateUtf8' => false]);
$d->readHeader();
$d->getToken();
var_dump(bin2hex($d->getElementContent()));
foreach ([['maxDepth' => 0], ['maxStringLength' => -1], ['bufferSize' => 'x']] as $bad) {
    try {
        new WbxmlDecoder('', $bad);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    new WbxmlDecoder(42);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
WBXML: element Folder at byte 260 nests deeper than the limit of 256
WBXML: element Synchronize at byte 6 nests deeper than the limit of 2
WBXML: string at byte 5 is longer than the limit of 99 bytes
WBXML: OPAQUE at byte 5 declares 100 bytes, more than the limit of 99
string(6) "61ff62"
ValueError: Option "maxDepth" must be between 1 and 100000
ValueError: Option "maxStringLength" must be a non-negative integer
ValueError: Option "bufferSize" must be a non-negative integer
TypeError: Horde\ActiveSync\Native\WbxmlDecoder::__construct(): Argument #1 ($input) must be a stream resource, int given
