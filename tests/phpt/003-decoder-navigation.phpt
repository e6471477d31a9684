--TEST--
WbxmlDecoder: getElementStartTag, getElementContent, getElementEndTag, peek and unget
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

// A headerless fragment: FirstName "A" "B" (two tokens), LastName, END.
$d = new WbxmlDecoder("\x00\x01\x5f\x03A\x00\x03B\x00\x01\x29\x01");
var_dump($d->getElementStartTag('POOMCONTACTS:LastName'));   // false, stays
var_dump($d->getLastStartElement());
var_dump($d->getElementStartTag('POOMCONTACTS:FirstName')[2]);
var_dump($d->getLastStartElement()[2]);
echo json_encode($d->peek()), "\n";      // merged content, kept
var_dump($d->getElementContent());       // tokens are not merged
var_dump($d->getElementContent());
var_dump($d->getElementContent());       // not content: false, kept
var_dump($d->getElementEndTag()[1]);
echo json_encode($d->getToken()), "\n";  // LastName without content
var_dump($d->getElementEndTag()[1]);     // the fragment's own END
var_dump($d->getElementEndTag());        // end of input
$d->unget([1 => 2]);
$d->unget([1 => 3, 3 => 'x']);
echo json_encode($d->getToken()), json_encode($d->getToken()), "\n";
$d->unget(false);
var_dump($d->getToken());
?>
--EXPECT--
bool(false)
bool(false)
string(22) "POOMCONTACTS:FirstName"
string(22) "POOMCONTACTS:FirstName"
{"1":3,"3":"AB"}
string(2) "AB"
bool(false)
bool(false)
int(2)
{"1":1,"2":"POOMCONTACTS:LastName","4":0}
int(2)
bool(false)
{"1":3,"3":"x"}{"1":2}
bool(false)
