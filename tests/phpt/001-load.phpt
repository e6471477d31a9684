--TEST--
horde_activesync: the extension registers its classes and functions
--EXTENSIONS--
horde_activesync
--FILE--
<?php
var_dump(extension_loaded('horde_activesync'));
foreach (['WbxmlDecoder', 'WbxmlEncoder', 'WbxmlException'] as $c) {
    var_dump(class_exists("Horde\\ActiveSync\\Native\\$c"));
}
var_dump(is_subclass_of('Horde\ActiveSync\Native\WbxmlException', RuntimeException::class));
foreach (['wbxml_to_xml', 'wbxml_tag', 'wbxml_code_pages'] as $f) {
    var_dump(function_exists("Horde\\ActiveSync\\Native\\$f"));
}
var_dump((new ReflectionClass('Horde\ActiveSync\Native\WbxmlDecoder'))->isFinal());
try {
    clone new Horde\ActiveSync\Native\WbxmlDecoder('');
} catch (Error $e) {
    echo get_class($e), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
Error
