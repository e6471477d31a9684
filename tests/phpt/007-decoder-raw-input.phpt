--TEST--
WbxmlDecoder: input that is not WBXML is handed over whole
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

$mime = "From: ann@example.com\r\nSubject: hi\r\n\r\nbody\r\n";
$s = fopen('php://memory', 'w+');
fwrite($s, $mime);
rewind($s);
$d = new WbxmlDecoder($s);
var_dump($d->hasReadInput());
var_dump($d->readHeader());
echo json_encode($d->getHeader()), "\n";
$rest = $d->remainingInput();
var_dump(stream_get_contents($rest) === $mime);
var_dump($d->getToken());

$d = new WbxmlDecoder('');
var_dump($d->readHeader(), $d->getHeader()['version']);

// after some decoding, the rest is what was not decoded
$d = new WbxmlDecoder("\x03\x01\x6a\x00\x45\x01trailing");
$d->readHeader();
$d->getToken();
$d->getToken();
var_dump(stream_get_contents($d->remainingInput()));
?>
--EXPECT--
bool(false)
bool(false)
{"version":70,"publicid":null,"publicstringid":null,"charsetid":null,"stringtable":null}
bool(true)
bool(false)
bool(false)
NULL
string(8) "trailing"
