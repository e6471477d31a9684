--TEST--
ChangeSet: folder hierarchy diff and PIM change-set normalisation
--EXTENSIONS--
horde_activesync
--FILE--
<?php
use Horde\ActiveSync\Native\ChangeSet;

function stat_($id, $parent, $mod, $serverid) { return ['id' => $id, 'mod' => $mod, 'parent' => $parent, 'serverid' => $serverid, 'type' => 12]; }

$saved = [stat_('F1', '0', 'Inbox', 'INBOX'), stat_('F2', 'F1', 'Lists', 'INBOX.Lists'), stat_('F4', '0', 'Old', 'Old'),
          stat_('F5', 'F4', 'Older', 'Old.Older'), stat_('@Calendar@', '0', 'Calendar', '@Calendar@')];
$current = [stat_('F9', 'F8', 'c', 'X.b.c'), stat_('F8', 'F7', 'b', 'X.b'), stat_('F7', '0', 'X', 'X'),
            stat_('F2', 'F1', 'Mailing lists', 'INBOX.Lists'), stat_('F1', '0', 'Inbox', 'INBOX'),
            ['id' => '@Calendar@', 'mod' => 'Calendar', 'parent' => 0, 'serverid' => '@Calendar@', 'type' => '8'],
            stat_(17, '0', 'numeric id', 17)];
foreach (ChangeSet::hierarchy($saved, $current) as [$kind, $index, $what]) {
    echo $kind, ' ', $kind == 'delete' ? $saved[$index]['id'] : $current[$index]['id'], ' ', $what, "\n";
}
var_dump(ChangeSet::hierarchy([], []), ChangeSet::hierarchy($saved, $saved));
try {
    ChangeSet::hierarchy(['nope'], []);
} catch (TypeError $e) {
    echo $e->getMessage(), "\n";
}

$changes = [
    'k0' => ['id' => 'a', 'type' => 'change', 'flags' => 'NewMessage'],
    'k1' => ['id' => 'a', 'type' => 'change'],
    'k2' => ['id' => 'b', 'type' => 'change', 'flags' => 'NewMessage'],
    'k3' => ['id' => 'b', 'type' => 'delete'],
    'k4' => ['id' => 'c', 'type' => 'change'],
    'k5' => ['id' => 'c', 'type' => 'softdelete'],
    'k6' => ['id' => 5, 'type' => 'change'],
    'k7' => ['id' => '5', 'type' => 'change'],
    'k8' => ['id' => 'd', 'type' => 'flags', 'flags' => ['read' => 1]],
    'k9' => 'not an array',
    'k10' => ['type' => 'delete'],
];
echo implode(',', ChangeSet::normalizePim($changes)), "\n";
var_dump(ChangeSet::normalizePim([]), ChangeSet::normalizePim([['id' => 'x', 'type' => 'delete'], ['id' => 'x', 'type' => 'delete']]));
?>
--EXPECT--
delete F5 0
delete F4 0
add 17 0
change @Calendar@ 8
add F7 0
change F2 1
add F8 0
add F9 0
array(0) {
}
array(0) {
}
Horde\ActiveSync\Native\ChangeSet::hierarchy(): Argument #1 ($saved) must hold folder stat arrays, string found
k0,k5,k6,k8,k9,k10
array(0) {
}
array(1) {
  [0]=>
  int(0)
}
