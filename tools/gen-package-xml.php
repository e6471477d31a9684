<?php
/**
 * Writes package.xml, the PECL package description, with the file list
 * taken from git: the extension's sources, its build files, the .phpt
 * tests and the documents PECL installs.
 *
 *   php tools/gen-package-xml.php          write package.xml
 *   php tools/gen-package-xml.php --check  fail if package.xml is stale
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
chdir($root);
preg_match('/#define PHP_HORDE_ACTIVESYNC_VERSION "([^"]+)"/', file_get_contents('ext/php_horde_activesync.h'), $m);
$version = $m[1];
$files = array_filter(explode("\n", shell_exec('git ls-files config.m4 config.w32 ext src tests/phpt README.md LICENSE docs/ARCHITECTURE.md')));
// files added but not committed yet count too
foreach (['README.md', 'LICENSE', 'docs/ARCHITECTURE.md'] as $f) {
    if (is_file($f) && !in_array($f, $files, true)) {
        $files[] = $f;
    }
}
sort($files);

$role = function ($file) {
    if (strncmp($file, 'tests/', 6) === 0) {
        return 'test';
    }
    if (in_array($file, ['README.md', 'LICENSE', 'docs/ARCHITECTURE.md'], true)) {
        return 'doc';
    }
    return 'src';
};
$entries = '';
foreach ($files as $file) {
    $entries .= sprintf("   <file name=\"%s\" role=\"%s\"/>\n", htmlspecialchars($file), $role($file));
}

$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0"
    xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>horde_activesync</name>
 <channel>pecl.php.net</channel>
 <summary>Native Exchange ActiveSync engine for Horde</summary>
 <description>The WBXML codec, sync-key and state engines, diff engines and KQL parser of
Exchange ActiveSync in C, behind the Horde_ActiveSync classes of the
horde/activesync-native Composer package, so Horde's rpc.php serves phones,
tablets and Outlook an order of magnitude faster.</description>
 <lead>
  <name>Horde ActiveSync native engine team</name>
  <user>horde-activesync</user>
  <email>dev@horde.org</email>
  <active>yes</active>
 </lead>
 <date>2026-11-24</date>
 <version>
  <release>{$version}</release>
  <api>{$version}</api>
 </version>
 <stability>
  <release>alpha</release>
  <api>alpha</api>
 </stability>
 <license uri="https://spdx.org/licenses/GPL-2.0-or-later.html">GPL-2.0-or-later</license>
 <notes>
- Native WBXML codec for every EAS code page (protocol versions 2.5 to 16.1)
 </notes>
 <contents>
  <dir name="/">
{$entries}  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.1.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>horde_activesync</providesextension>
 <extsrcrelease/>
</package>

XML;

if (in_array('--check', $argv, true)) {
    if (!is_file('package.xml') || file_get_contents('package.xml') !== $xml) {
        fwrite(STDERR, "package.xml is stale: run php tools/gen-package-xml.php\n");
        exit(1);
    }
    exit(0);
}
file_put_contents('package.xml', $xml);
