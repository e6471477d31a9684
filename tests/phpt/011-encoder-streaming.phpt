--TEST--
WbxmlEncoder: keep-alives, flushing and swapped output streams (Horde 6 streamed Sync)
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlEncoder;
use Horde\ActiveSync\Native\WbxmlDecoder;

$main = fopen('php://memory', 'w+');
$e = new WbxmlEncoder($main);
$e->keepAlive();                       // the header goes first, once
$e->startWbxml();
$e->startTag('Synchronize');
$e->startTag('Status');
$e->keepAlive();
$e->content('1');
$e->endTag();
$e->keepAlive();
$e->endTag();
rewind($main);
$bytes = stream_get_contents($main);
echo bin2hex($bytes), "\n";
$d = new WbxmlDecoder($bytes);
$d->readHeader();
while (($el = $d->getElement()) !== false) {
    echo json_encode($el), ' ';
}
echo "\n";

// Output reaches the stream when the document completes, or on flush().
$main = fopen('php://memory', 'w+');
$e = new WbxmlEncoder($main);
$e->startWbxml();
$e->startTag('Synchronize');
$e->startTag('Status');
$e->content('1');
var_dump(ftell($main));
$e->flush();
var_dump(ftell($main));

$buffer = fopen('php://memory', 'w+');
$previous = $e->swapOutputStream($buffer);
var_dump($previous === $main);
$e->endTag();
$e->startTag('Commands');
$e->startTag('Add', false, true);
$e->endTag();
$e->swapOutputStream($previous);
rewind($buffer);
echo bin2hex(stream_get_contents($buffer)), "\n";
$e->appendOutputStream($buffer);
$e->endTag();
var_dump($e->getDepth());
rewind($main);
echo bin2hex(stream_get_contents($main)), "\n";
?>
--EXPECT--
03016a0000000000454e03310001000001
{"1":1,"2":"Synchronize","4":1} {"1":1,"2":"Status","4":1} {"1":3,"3":"1"} {"1":2} {"1":2} 
int(0)
int(9)
bool(true)
01560701
int(0)
03016a00454e0331000156070101
