--TEST--
Query: plain and base64 MS-ASHTTP query values become Horde's GET variables; malformed ones are refused
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\Query;

var_dump(Query::MAX_LENGTH);
var_dump(Query::parse(''), Query::form(''));
print_r(Query::parse('Cmd=Sync&User=a%40b.example&DeviceId=v140Device&DeviceType=SmartPhone&Cmd=Ping'));
echo Query::form('Cmd=Sync'), "\n";
print_r(Query::parse('jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l'));
echo Query::form('jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l'), "\n";
// 16.1 SendMail, policy key 1, options SaveInSent
$raw = pack('CCvCa2CVCa3', 161, 1, 1031, 2, "\x01\xff", 4, 1, 3, 'WP8') . "\x07\x01\x01" . "\x08\x03bob";
var_dump(Query::parse(base64_encode($raw)));
foreach (['Cmd=../x', 'DeviceId=a/b', 'User=%zz', 'jAAJ', base64_encode("\x8d\x07\x09\x04\x01a\x00\x00"),
          str_repeat('a', Query::MAX_LENGTH + 1)] as $bad) {
    try {
        Query::parse($bad);
        echo "accepted\n";
    } catch (Throwable $e) {
        echo $e->getMessage(), "\n";
    }
}
try {
    Query::parse([]);
} catch (TypeError $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
int(4096)
array(0) {
}
string(5) "empty"
Array
(
    [Cmd] => Ping
    [User] => a@b.example
    [DeviceId] => v140Device
    [DeviceType] => SmartPhone
)
plain
Array
(
    [ProtVer] => 14.0
    [Cmd] => Sync
    [Locale] => 1033
    [DeviceId] => 76313430446576696365
    [DeviceType] => SmartPhone
)
base64
array(9) {
  ["ProtVer"]=>
  string(4) "16.1"
  ["Cmd"]=>
  string(8) "SendMail"
  ["Locale"]=>
  string(4) "1031"
  ["DeviceId"]=>
  string(4) "01ff"
  ["PolicyKey"]=>
  string(1) "1"
  ["DeviceType"]=>
  string(3) "WP8"
  ["SaveInSent"]=>
  bool(true)
  ["AcceptMultiPart"]=>
  bool(false)
  ["User"]=>
  string(3) "bob"
}
Invalid query: Cmd may only hold letters (at byte 4)
Invalid query: DeviceId may only hold letters, digits, '-', '_' and '.' (at byte 10)
Invalid query: invalid percent escape (at byte 5)
Invalid query: base64 query value ends inside the locale (at byte 2)
Invalid query: unknown command code 7 (at byte 1)
Invalid query: query of 4097 bytes exceeds the limit of 4096 (at byte 4096)
TypeError
