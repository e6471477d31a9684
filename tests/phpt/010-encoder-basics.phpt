--TEST--
WbxmlEncoder: lazy start tags, forced empty tags, content rules
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\WbxmlEncoder;

function run(callable $f) {
    $out = fopen('php://memory', 'w+');
    $e = new WbxmlEncoder($out);
    $f($e);
    $e->flush();
    rewind($out);
    return bin2hex(stream_get_contents($out));
}

echo run(function ($e) {
    $e->startWbxml();
    $e->startTag('Synchronize');
    $e->startTag('Folders');           // never gets content: never written
    $e->content('');
    $e->content("\0\0");
    $e->content(null);
    $e->content(false);
    $e->endTag();
    $e->startTag('Status');
    $e->content(1);
    $e->endTag();
    $e->startTag('MoreAvailable', false, true);
    $e->startTag('POOMCONTACTS:FirstName');
    $e->content("J\0o");
    $e->endTag();
    $e->startTag('Contacts:LastName');   // MS-ASWBXML names work too
    $e->content(1.5);
    $e->endTag();
    $e->startTag('AirSyncBase:Data');
    $e->content("\0b", true);          // OPAQUE keeps NUL bytes
    $e->endTag();
    $e->endTag();
    $e->endTag();                      // nothing open: ignored, as in Horde
}), "\n";

echo run(function ($e) {
    $e->startTag('Status');
    $s = fopen('php://temp', 'w+');
    fwrite($s, "st\0ream");
    $e->content($s);                   // read from the start, NULs dropped
    var_dump(is_resource($s));         // and closed, as Horde does
    $e->endTag();
    $e->startTag('Status');
    $s = fopen('php://temp', 'w+');
    fwrite($s, str_repeat('x', 200));
    $e->content($s, true);             // OPAQUE with its real length
    $e->endTag();
}), "\n";

foreach ([fn($e) => $e->startTag('Nope:Nope'), fn($e) => $e->startTag('Status', ['a' => 1]),
          fn($e) => $e->content([1])] as $bad) {
    try {
        run($bad);
    } catch (Throwable $t) {
        echo get_class($t), ': ', $t->getMessage(), "\n";
    }
}
?>
--EXPECT--
03016a00454e033100011400015f034a6f00016903312e35000100114bc30200620101
bool(false)
4e0373747265616d00014ec38148787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787878787801
Horde\ActiveSync\Native\WbxmlException: WBXML: unknown tag "Nope:Nope"
Horde\ActiveSync\Native\WbxmlException: WBXML: tag "Status" given attributes; EAS WBXML has none
TypeError: Horde\ActiveSync\Native\WbxmlEncoder::content(): Argument #1 ($content) must be a string, a scalar or a stream resource, array given
