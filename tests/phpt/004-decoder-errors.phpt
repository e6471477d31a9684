--TEST--
WbxmlDecoder: malformed input raises an exception naming the problem and its byte offset
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlDecoder;

$h = "\x03\x01\x6a\x00";
$cases = [
    'truncated string' => $h . "\x45\x4e\x03abc",
    'open elements' => $h . "\x45\x5c\x4f",
    'unknown page' => $h . "\x00\x30\x45",
    'unknown tag' => $h . "\x45\x7f",
    'attributes' => $h . "\xc5\x01",
    'literal' => $h . "\x45\x04\x00",
    'str_t' => $h . "\x45\x83\x00",
    'mb_u_int32' => $h . "\x45\xc3\xff\xff\xff\xff\xff\x7f",
    'gigabyte' => $h . "\x45\xc3\x84\x80\x80\x80\x00xx",
    'utf-8' => $h . "\x45\x03a\xffb\x00\x01",
    'end' => $h . "\x45\x01\x01",
    'entity' => $h . "\x45\x02\x83\xb0\x00\x01",
];
foreach ($cases as $name => $doc) {
    $d = new WbxmlDecoder($doc);
    try {
        $d->readHeader();
        while ($d->getToken() !== false);
        echo "$name: no error\n";
    } catch (Exception $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
        // errors stay
        try {
            $d->getToken();
        } catch (Exception $again) {
            echo "  again: ", $again->getMessage() === $e->getMessage() ? 'same' : 'different', "\n";
        }
    }
}
?>
--EXPECT--
truncated string: Horde\ActiveSync\Native\WbxmlException: WBXML: input ends at byte 10 inside a string that started at byte 6
  again: same
open elements: Horde\ActiveSync\Native\WbxmlException: WBXML: input ends at byte 7 with 3 element(s) still open: Synchronize > Folders > Folder
  again: same
unknown page: Horde\ActiveSync\Native\WbxmlException: WBXML: SWITCH_PAGE at byte 4 selects code page 48, which EAS does not define
  again: same
unknown tag: Horde\ActiveSync\Native\WbxmlException: WBXML: unknown tag 0x3f on code page 0 (AirSync) at byte 5
  again: same
attributes: Horde\ActiveSync\Native\WbxmlException: WBXML: tag byte 0xc5 at byte 4 has the attribute flag; EAS WBXML has no attributes
  again: same
literal: Horde\ActiveSync\Native\WbxmlException: WBXML: LITERAL tag (0x04) at byte 5: EAS does not use string-table tag names
  again: same
str_t: Horde\ActiveSync\Native\WbxmlException: WBXML: STR_T at byte 5: EAS does not use string-table references
  again: same
mb_u_int32: Horde\ActiveSync\Native\WbxmlException: WBXML: the OPAQUE length at byte 6 is not a valid mb_u_int32 (more than 32 bits)
  again: same
gigabyte: Horde\ActiveSync\Native\WbxmlException: WBXML: OPAQUE at byte 5 declares 1073741824 bytes, more than the limit of 268435456
  again: same
utf-8: Horde\ActiveSync\Native\WbxmlException: WBXML: invalid UTF-8 in a string at byte 7
  again: same
end: Horde\ActiveSync\Native\WbxmlException: WBXML: END at byte 6 closes no open element
  again: same
entity: Horde\ActiveSync\Native\WbxmlException: WBXML: ENTITY at byte 5 names U+D800, which is not a character
  again: same
