--TEST--
WbxmlDecoder: Horde element arrays from strings and streams
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

$doc = "\x03\x01\x6a\x00\x45\x5c\x4f\x4b\x03{k}1\x00\x01\x14\x56\x47\x5d"
     . "\x00\x01\x5f\x03Ann\x00\x03 Lee\x00\x01\x01\x01\x01\x01\x01\x01";
$stream = fopen('php://memory', 'w+');
fwrite($stream, $doc);
rewind($stream);
foreach ([$doc, $stream] as $input) {
    $d = new WbxmlDecoder($input);
    var_dump($d->readHeader());
    echo json_encode($d->getHeader()), "\n";
    $out = [];
    while (($e = $d->getElement()) !== false) {
        $out[] = json_encode($e);
    }
    echo implode(' ', $out), "\n";
    var_dump($d->getElement(), $d->getOffset());
}
?>
--EXPECT--
bool(true)
{"version":3,"publicid":1,"publicstringid":null,"charsetid":106,"stringtable":""}
{"1":1,"2":"Synchronize","4":1} {"1":1,"2":"Folders","4":1} {"1":1,"2":"Folder","4":1} {"1":1,"2":"SyncKey","4":1} {"1":3,"3":"{k}1"} {"1":2} {"1":1,"2":"MoreAvailable","4":0} {"1":1,"2":"Commands","4":1} {"1":1,"2":"Add","4":1} {"1":1,"2":"Data","4":1} {"1":1,"2":"POOMCONTACTS:FirstName","4":1} {"1":3,"3":"Ann Lee"} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2}
bool(false)
int(40)
bool(true)
{"version":3,"publicid":1,"publicstringid":null,"charsetid":106,"stringtable":""}
{"1":1,"2":"Synchronize","4":1} {"1":1,"2":"Folders","4":1} {"1":1,"2":"Folder","4":1} {"1":1,"2":"SyncKey","4":1} {"1":3,"3":"{k}1"} {"1":2} {"1":1,"2":"MoreAvailable","4":0} {"1":1,"2":"Commands","4":1} {"1":1,"2":"Add","4":1} {"1":1,"2":"Data","4":1} {"1":1,"2":"POOMCONTACTS:FirstName","4":1} {"1":3,"3":"Ann Lee"} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2} {"1":2}
bool(false)
int(40)
