--TEST--
Protocol logging: decoded and encoded tokens reach the logger as Horde logs them
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\{WbxmlDecoder, WbxmlEncoder};

class Collect {
    public $lines = [];
    public function __call($level, $args) {
        $this->lines[] = $level . ' ' . $args[0] . (isset($args[1]) ? '|' . $args[1] : '');
    }
}
$log = new Collect();
$long = str_repeat('é', 51);
$d = new WbxmlDecoder("\x03\x01\x6a\x00\x45\x4e\x03" . $long . "\x00\x01\x14\x01\x4e");
$d->setLogger($log);
$d->readHeader();
try {
    while ($d->getToken() !== false);
} catch (Exception $e) {
}
$d->setLogger(null);
echo implode("\n", $log->lines), "\n--\n";

$log = new Collect();
$out = fopen('php://memory', 'w+');
$e = new WbxmlEncoder($out);
$e->setLogger($log, 1);       // LOG_DETAILED: everything
$e->startWbxml();
$e->startTag('Synchronize');
$e->startTag('Folders');
$e->endTag();                 // never written: never logged
$e->startTag('Status');
$e->content($long);
$e->endTag();
$e->startTag('MoreAvailable', false, true);
$e->startTag('Status');
$s = fopen('php://temp', 'w+');
fwrite($s, 'streamed');
$e->content($s);
$e->endTag();
$e->endTag();
echo implode("\n", $log->lines), "\n";
?>
--EXPECT--
client <Synchronize>|0
client <Status>|1
client [51 bytes of content]|3
client </Status>|1
client <MoreAvailable />|1
client </Synchronize>|0
client <Status>|0
err input ends at byte 114 with 1 element(s) still open: Status
--
server <Synchronize>|0
server <Status>|1
server ééééééééééééééééééééééééééééééééééééééééééééééééééé|2
server </Status>|1
server <MoreAvailable />|1
server <Status>|1
server streamed|2
server </Status>|1
server </Synchronize>|0
