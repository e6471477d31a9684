--TEST--
horde_activesync: MailText line endings, truncation and charsets
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\MailText;

var_dump(bin2hex(MailText::crlf("a\nb\r\nc\rd\r")));
var_dump(MailText::crlf(''));
var_dump(MailText::truncateUtf8("h\u{E9}llo \u{1F600}!", 7), MailText::truncateUtf8("abc", 0), MailText::truncateUtf8("abc", 10));
var_dump(MailText::isUtf8("caf\u{E9}"), MailText::isUtf8("caf\xE9"), MailText::isUtf8(''));
var_dump(MailText::toUtf8("caf\xE9", 'ISO-8859-1'), MailText::toUtf8("\x80\x81", 'windows-1252'), MailText::toUtf8("plain", 'US-ASCII'));
var_dump(MailText::toUtf8("caf\xE9", 'utf-8'), MailText::toUtf8("x", 'koi8-r'), MailText::toUtf8('', 'iso-8859-1'));
try {
    MailText::truncateUtf8('x', -1);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
string(20) "610d0a620d0a630d0a64"
string(0) ""
string(11) "héllo 😀"
string(0) ""
string(3) "abc"
bool(true)
bool(false)
bool(true)
string(5) "café"
string(5) "€"
string(5) "plain"
NULL
NULL
string(0) ""
Horde\ActiveSync\Native\MailText::truncateUtf8(): Argument #2 ($chars) must be greater than or equal to 0
