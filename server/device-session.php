<?php
/**
 * A scripted device session against an EAS server (the embedded one by
 * default): provisioning, folder sync, initial and incremental sync of
 * every collection in both directions, a fetch, an estimate, a ping that
 * sees a change, a lost response, folder changes.
 *
 *   php -d extension=horde_activesync.so server/device-session.php \
 *       --url=http://127.0.0.1:8080 --data=DIR [--version=14.1] [--base64] [--verbose]
 *
 * --data names the server's data directory: the session seeds sample data
 * into its store and makes the server-side changes there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

$root = dirname(__DIR__);
spl_autoload_register(function ($class) use ($root) {
    if (strncmp($class, 'Horde\\ActiveSync\\Embedded\\', 26) === 0) {
        require $root . '/php/' . str_replace('\\', '/', $class) . '.php';
    }
});

$options = getopt('', ['url:', 'data:', 'version:', 'user:', 'password:', 'device:', 'base64', 'verbose']);
if (empty($options['url']) || empty($options['data'])) {
    fwrite(STDERR, "usage: device-session.php --url=http://HOST:PORT --data=DIR [--version=V] [--base64] [--verbose]\n");
    exit(2);
}
if (!extension_loaded('horde_activesync')) {
    fwrite(STDERR, "the horde_activesync extension is not loaded (the client encodes WBXML with it)\n");
    exit(2);
}
$version = $options['version'] ?? '14.1';
$client = new Horde\ActiveSync\Embedded\Client($options['url'], $options['user'] ?? 'demo',
    $options['password'] ?? 'demo', [
        'device' => $options['device'] ?? 'SESSION' . str_replace('.', '', $version),
        'type' => 'SmartPhone', 'version' => $version, 'base64' => isset($options['base64']),
    ]);
if (!is_dir($options['data'])) {
    mkdir($options['data'], 0700, true);
}
$store = new Horde\ActiveSync\Embedded\Store($options['data'] . '/store.sqlite');
Horde\ActiveSync\Embedded\Session::seed($store, $client->user);
$session = new Horde\ActiveSync\Embedded\Session($client, $store);
$verbose = isset($options['verbose']);
$session->printer = function (array $entry) use ($verbose) {
    printf("%-52s %-16s HTTP %d  %6d bytes\n", $entry['title'], $entry['command'], $entry['status'], $entry['bytes']);
    if ($verbose) {
        echo $entry['request'] === '' ? '' : preg_replace('/^/m', '    > ', rtrim($entry['request'])) . "\n";
        echo $entry['response'] === '' ? '' : preg_replace('/^/m', '    < ', rtrim($entry['response'])) . "\n";
    }
};
try {
    $session->run();
} catch (Throwable $e) {
    fwrite(STDERR, "\nSESSION FAILED: " . $e->getMessage() . "\n");
    exit(1);
}
printf("\nEAS %s session complete: %d exchanges.\n", $version, count($session->transcript()));
