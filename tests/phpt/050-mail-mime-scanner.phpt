--TEST--
horde_activesync: MimeScanner reads the structure of RFC 822 documents
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\MimeScanner;

$doc = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"out\"\r\n\r\npreamble\r\n"
     . "--out\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhello\r\n"
     . "--out\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n"
     . "--out--\r\n";
$r = MimeScanner::scan($doc);
var_dump(strpos($r['text'], "\r"));
foreach ($r['parts'] as $i => $p) {
    printf("%d parent=%d depth=%d kind=%d %s boundary=%s body=%s fields=%s\n", $i, $p['parent'], $p['depth'],
           $p['kind'], $p['type'], var_export($p['boundary'], true), json_encode(substr($r['text'], $p['body'], $p['length'])),
           json_encode($p['fields']));
}
var_dump(MimeScanner::split("--b\npart one\n--b\npart two\n--b--\n", 'b'));
var_dump(MimeScanner::toLf("a\r\nb\rc"));
try {
    MimeScanner::scan("Content-Type: multipart/mixed; boundary=b\n\n" . str_repeat("--b\n\nx\n", 20) . "--b--\n", true, 10, 5);
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
try {
    MimeScanner::scan('', false, 0);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
// nesting stops reading children, it is no error
$r = MimeScanner::scan(str_repeat("Content-Type: message/rfc822\n\n", 50), true, 5);
var_dump(count($r['parts']));
?>
--EXPECTF--
bool(false)
0 parent=-1 depth=0 kind=1 multipart/mixed boundary='out' body="preamble\n--out\nContent-Type: text\/plain; charset=utf-8\n\nhello\n--out\nContent-Type: message\/rfc822\n\nSubject: inner\n\ninner body\n--out--\n" fields=[["MIME-Version","1.0"],["Content-Type","multipart\/mixed; boundary=\"out\""]]
1 parent=0 depth=1 kind=0 text/plain boundary=NULL body="hello" fields=[["Content-Type","text\/plain; charset=utf-8"]]
2 parent=0 depth=1 kind=2 message/rfc822 boundary=NULL body="Subject: inner\n\ninner body" fields=[["Content-Type","message\/rfc822"]]
3 parent=2 depth=2 kind=0 text/plain boundary=NULL body="inner body" fields=[]
array(2) {
  [0]=>
  array(2) {
    [0]=>
    int(4)
    [1]=>
    int(8)
  }
  [1]=>
  array(2) {
    [0]=>
    int(17)
    [1]=>
    int(8)
  }
}
string(5) "a
b
c"
%s: Invalid MIME message: MIME structure has more than 5 parts
Horde\ActiveSync\Native\MimeScanner::scan(): Argument #3 ($maxDepth) must be between 1 and 1000
int(6)
