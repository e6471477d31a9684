--TEST--
wbxml_tag(), wbxml_code_pages() and wbxml_to_xml()
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use function Horde\ActiveSync\Native\{wbxml_tag, wbxml_code_pages, wbxml_to_xml};

echo json_encode(wbxml_tag('POOMCONTACTS:FirstName')), "\n";
echo json_encode(wbxml_tag(25, 0x22)), "\n";
var_dump(wbxml_tag('Nope'), wbxml_tag(26, 5), wbxml_tag(0, 64));
try {
    wbxml_tag(1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
$pages = wbxml_code_pages();
echo count($pages), ' ', implode(',', array_keys($pages)), "\n";
echo $pages[22]['horde'], ' ', $pages[22]['spec'], ' ', $pages[22]['tags'][0x15], "\n";
echo array_sum(array_map(fn($p) => count($p['tags']), $pages)), "\n";
echo wbxml_to_xml("\x03\x01\x6a\x00\x00\x19\x45\x46\x03id\x00\x01\x47\x59\x4c\x62\x61\x03" . "0\x00\x01\x01\x01\x01\x01\x01");
echo wbxml_to_xml("\x45\x03\xff\x00\x01");
try {
    wbxml_to_xml("\x45\x03\xff\x00\x01", ['validateUtf8' => true]);
} catch (Exception $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
{"name":"POOMCONTACTS:FirstName","spec":"FirstName","namespace":"Contacts","xmlns":"Contacts:","page":1,"token":31,"since":"2.5","until":null,"legacy":false}
{"name":"Find:Picture","spec":"Picture","namespace":"Find","xmlns":"Find:","page":25,"token":34,"since":"16.1","until":null,"legacy":false}
NULL
NULL
NULL
Horde\ActiveSync\Native\wbxml_tag(): Argument #2 ($token) must be given with a code page number
27 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,254
POOMMAIL2 Email2 POOMMAIL2:IsDraft
657
<?xml version="1.0" encoding="UTF-8"?>
<Find xmlns="Find:">
  <SearchId>id</SearchId>
  <ExecuteSearch>
    <GalSearchCriterion>
      <Options>
        <Picture>
          <MaxSize>0</MaxSize>
        </Picture>
      </Options>
    </GalSearchCriterion>
  </ExecuteSearch>
</Find>
<wbxml:fragment xmlns:wbxml="urn:x-horde-activesync:wbxml">
  <Sync xmlns="AirSync:" xmlns:wbxml="urn:x-horde-activesync:wbxml" wbxml:encoding="base64">/w==</Sync>
</wbxml:fragment>
WBXML: invalid UTF-8 in a string at byte 2
