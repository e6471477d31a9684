--TEST--
WbxmlEncoder: multipart responses (MS-ASCMD 2.2.1.10.1)
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlEncoder;

$out = fopen('php://memory', 'w+');
$e = new WbxmlEncoder($out);
$e->startWbxml(true);
var_dump($e->isMultipart());
$e->startTag('ItemOperations:ItemOperations');
$e->startTag('ItemOperations:Status');
$e->content('1');
$e->endTag();
$e->addPart('first part');
$s = fopen('php://temp', 'w+');
fwrite($s, 'second, a stream');
$e->addPart($s);
$e->startTag('ItemOperations:Part');
$e->content((string)(count($e->getParts()) - 1));
$e->endTag();
var_dump(ftell($out));                 // nothing before the document ends
$e->endTag();
rewind($out);
$bytes = stream_get_contents($out);
$head = unpack('V7', $bytes);
echo implode(' ', $head), "\n";
echo bin2hex(substr($bytes, $head[2], $head[3])), "\n";
echo substr($bytes, $head[4], $head[5]), '|', substr($bytes, $head[6], $head[7]), "\n";
var_dump(strlen($bytes) === $head[6] + $head[7], is_resource($s));
?>
--EXPECT--
bool(true)
int(0)
3 28 18 46 10 56 16
03016a000014454d03310001510331000101
first part|second, a stream
bool(true)
bool(false)
