--TEST--
WbxmlDecoder: large OPAQUE content as strings and as streams
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

function mbuint($n) {
    $s = chr($n & 0x7f);
    while ($n >>= 7) {
        $s = chr(0x80 | ($n & 0x7f)) . $s;
    }
    return $s;
}
$payload = str_repeat("\x00\xffpayload", 300000);   // 2.7 MB, crosses buffers
$doc = "\x03\x01\x6a\x00\x00\x15\x50\xc3" . mbuint(strlen($payload)) . $payload . "\x01";
$d = new WbxmlDecoder($doc, ['bufferSize' => 4096]);
$d->readHeader();
$d->getToken();
var_dump($d->getElementContent() === $payload);

$s = fopen('php://temp', 'w+');
fwrite($s, $doc);
rewind($s);
$d = new WbxmlDecoder($s, ['opaqueStreamThreshold' => 1000]);
$d->readHeader();
$d->getToken();
$content = $d->getElementContent();
var_dump(is_resource($content), stream_get_contents($content) === $payload);
var_dump($d->getElementEndTag()[1]);

// a lying length: the stream ends long before
$d = new WbxmlDecoder("\x03\x01\x6a\x00\x00\x15\x50\xc3" . mbuint(200000000) . "short");
try {
    $d->readHeader();
    while ($d->getToken() !== false);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
var_dump(memory_get_peak_usage() < 64 * 1024 * 1024);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(2)
WBXML: input ends at byte 17 inside an OPAQUE block that started at byte 7
bool(true)
