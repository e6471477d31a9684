<?php
/**
 * The whole server, side by side: the embedded EAS server in a `php -S`
 * process (opcache on) running Debian's pure-PHP php-horde-activesync, then
 * this project's engine, with the same SQLite driver and front controller;
 * one device speaking WBXML over loopback HTTP runs a realistic mix:
 *
 *   - Ping that finds a change waiting (returns at once),
 *   - incremental Sync of 100 changed contacts,
 *   - initial Sync of 1,000 contacts (SyncKey 0, then windows: the device
 *     asks for 512, Horde's default global window of 100 applies; 11
 *     requests).
 *
 *   php -d extension=build/php-gcc/modules/horde_activesync.so bench/server.php [ROUNDS] [CONTACTS] [--against=DIR] [--preload]
 *
 * With --against=DIR the other side is not Debian's engine but this
 * engine from another checkout (DIR, e.g. a `git worktree` of an older
 * commit), with that checkout's own build of the extension when it has one
 * (DIR/build/php-gcc/modules/horde_activesync.so): whether a change pays
 * shows in one paired run, where this machine's speed drifts by up to 30%
 * between separate runs.
 *
 * With --preload both servers start with their engine preloaded by opcache
 * (opcache.preload): server/preload.php for this project's engine, for
 * Debian's the classes its requests load (tests/phpunit/Support/
 * preload-horde.php), as a tuned production PHP would run them.
 *
 * Both engines get the same windows (no per-response cap), the same
 * logging (none), the same PHP settings and the same extension loaded (the
 * driver's statements are kept per worker on both sides). Requests per second of the mix
 * and each kind's latency are printed, with the ratio; then what a Sync
 * window costs apart from its messages and what each message adds (the
 * same initial sync in windows of 10 and of 100 contacts).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require dirname(__DIR__) . '/tests/phpunit/bootstrap.php';

use Horde\ActiveSync\Embedded\Session;
use Horde\ActiveSync\Embedded\Store;
use Horde\ActiveSync\Test\Support\HttpServer;

$against = null;
$preload = false;
$args = [];
foreach (array_slice($argv, 1) as $arg) {
    if (strncmp($arg, '--against=', 10) === 0) {
        $against = rtrim(substr($arg, 10), '/');
    } elseif ($arg === '--preload') {
        $preload = true;
    } else {
        $args[] = $arg;
    }
}
$rounds = (int)($args[0] ?? 8);
$contacts = (int)($args[1] ?? 1000);
$changed = 100;

if ($against !== null && !is_file("$against/server/router.php")) {
    fwrite(STDERR, "$against is not a checkout of this project (no server/router.php).\n");
    exit(1);
}
if ($preload && $against !== null && !is_file("$against/server/preload.php")) {
    fwrite(STDERR, "$against has no server/preload.php to preload with.\n");
    exit(1);
}
if ($against === null && !is_file('/usr/share/php/Horde/ActiveSync.php')) {
    fwrite(STDERR, "Debian's php-horde-activesync is not installed.\n");
    exit(1);
}
if (!getenv('EAS_HTTP_PORT')) {
    putenv('EAS_HTTP_PORT=10650');
}

/**
 * A server of one engine with its store seeded and a provisioned device.
 */
$setup = function ($engine, $router = null, $extension = null, $preloadScript = null) use ($contacts, $changed) {
    $ini = ['opcache.enable' => 1, 'opcache.enable_cli' => 1, 'opcache.file_update_protection' => 0,
            'opcache.validate_timestamps' => 0, 'error_reporting' => E_ALL & ~E_DEPRECATED];
    if ($preloadScript !== null) {
        $ini += HttpServer::preloadIni($preloadScript);
    }
    $server = new HttpServer($engine, [
        'logdir' => '',
        'version' => '16.0',
        'sync' => ['streaming' => true, 'maxmessagesperresponse' => 0],
        'ping' => ['heartbeatmin' => 60, 'heartbeatmax' => 2700, 'heartbeatdefault' => 60, 'waitinterval' => 1],
    ], $ini, $router, $extension);
    $store = $server->store();
    $store->transaction(function () use ($store, $contacts) {
        for ($i = 0; $i < $contacts; $i++) {
            $store->add('demo', Store::CONTACTS, [
                'firstname' => "First$i", 'lastname' => "Last$i", 'fileas' => "Last$i, First$i",
                'companyname' => 'Company ' . ($i % 37), 'jobtitle' => 'Engineer',
                'email1address' => "user$i@example.com", 'mobilephonenumber' => '+1 555 ' . sprintf('%04d', $i),
                'businessphonenumber' => '+1 555 9' . sprintf('%03d', $i % 1000),
                'businessstreet' => "$i Main Street", 'businesscity' => 'Springfield',
                'categories' => ['Work'], 'body' => "Notes about contact $i.",
            ]);
        }
    });
    $client = $server->client('14.1', 'BENCH' . strtoupper($engine));
    $client->timeout = 300;
    $session = new Session($client, $store);
    $session->provision();
    $session->folderSync();
    // A calendar change the pings find waiting.
    $session->sync(Store::CALENDAR, ['getchanges' => false]);
    $session->sync(Store::CALENDAR);
    $store->add('demo', Store::CALENDAR, ['subject' => 'Waiting', 'starttime' => 1893751200, 'endtime' => 1893754800]);
    $ctx = (object)[
        'engine' => $engine, 'server' => $server, 'store' => $store, 'client' => $client, 'session' => $session,
        'uids' => array_slice(array_keys($store->items('demo', Store::CONTACTS)), 0, $changed),
        'times' => ['ping' => [0.0, 0, 0, 0.0, 0.0], 'incremental' => [0.0, 0, 0, 0.0, 0.0],
                    'initial' => [0.0, 0, 0, 0.0, 0.0]],
        'elapsed' => 0.0,
        'ping' => ['Ping:Ping', [['Ping:HeartbeatInterval', '60'], ['Ping:Folders', [
            ['Ping:Folder', [['Ping:ServerEntryId', $session->collections[Store::CONTACTS][0]], ['Ping:FolderType', 'Contacts']]],
            ['Ping:Folder', [['Ping:ServerEntryId', $session->collections[Store::CALENDAR][0]], ['Ping:FolderType', 'Calendar']]],
        ]]]],
    ];
    return $ctx;
};

/**
 * An initial sync of the contacts: SyncKey 0, then windows of $size (at
 * most $maxWindows), checked to deliver every contact.
 *
 * @return array  [seconds of the SyncKey 0 exchange, seconds of each
 *                window's exchange].
 */
$initialSync = function ($ctx, $size, $maxWindows) use ($contacts) {
    $session = $ctx->session;
    $session->collections[Store::CONTACTS][1] = '0';
    $first = $session->sync(Store::CONTACTS, ['getchanges' => false])->elapsed;
    $windows = [];
    $seen = 0;
    do {
        $response = $session->sync(Store::CONTACTS, ['windowsize' => $size]);
        $windows[] = $response->elapsed;
        $folder = $response->tree()->find('Folders/Folder');
        $commands = $folder ? $folder->child('Commands') : null;
        $seen += $commands ? count($commands->children('Add')) : 0;
    } while ($folder && $folder->child('MoreAvailable') && count($windows) < $maxWindows);
    if ($seen !== $contacts) {
        throw new RuntimeException("$ctx->engine: initial sync delivered $seen of $contacts contacts");
    }
    return [$first, $windows];
};

/**
 * The mix's initial sync: windows of 512 asked for.
 *
 * @return integer  Requests made.
 */
$initial = function ($ctx) use ($initialSync) {
    [$first, $windows] = $initialSync($ctx, 512, 19);
    $ctx->elapsed = $first + array_sum($windows);
    return 1 + count($windows);
};

/**
 * One round of the mix: five Pings, an incremental Sync, an initial Sync.
 */
$round = function ($ctx, $round, $measure = true) use ($initial) {
    // kind => [seconds with the client's work, requests, times run, seconds
    // of the HTTP exchanges, CPU seconds of the server's processes]
    $cpu = $ctx->server->cpuSeconds();
    $add = function ($kind, $wall, $requests, $exchange) use ($ctx, $measure, &$cpu) {
        $now = $ctx->server->cpuSeconds();
        if ($measure) {
            $ctx->times[$kind][0] += $wall;
            $ctx->times[$kind][1] += $requests;
            $ctx->times[$kind][2]++;
            $ctx->times[$kind][3] += $exchange;
            $ctx->times[$kind][4] += $now - $cpu;
        }
        $cpu = $now;
    };
    for ($i = 0; $i < 5; $i++) {
        $t = microtime(true);
        $response = $ctx->client->send('Ping', $ctx->ping);
        $add('ping', microtime(true) - $t, 1, $response->elapsed);
        if ($response->value('Ping:Status') !== '2') {
            throw new RuntimeException("$ctx->engine: Ping did not report the change: " . $response->xml());
        }
    }
    $store = $ctx->store;
    $uids = $ctx->uids;
    $store->transaction(function () use ($store, $uids, $round) {
        foreach ($uids as $uid) {
            $item = $store->get('demo', Store::CONTACTS, $uid);
            unset($item['_uid'], $item['_modseq']);
            $item['jobtitle'] = "Engineer, round $round";
            $store->change('demo', Store::CONTACTS, $uid, $item);
        }
    });
    $t = microtime(true);
    $response = $ctx->session->sync(Store::CONTACTS, ['windowsize' => 512]);
    $add('incremental', microtime(true) - $t, 1, $response->elapsed);
    $commands = $response->tree()->find('Folders/Folder/Commands');
    if (!$commands || count($commands->children('Modify')) !== count($uids)) {
        throw new RuntimeException("$ctx->engine: the incremental sync did not deliver the changes");
    }
    $t = microtime(true);
    $requests = $initial($ctx);
    $add('initial', microtime(true) - $t, $requests, $ctx->elapsed);
};

// Both servers run side by side and the rounds alternate, so that load
// from elsewhere on the machine weighs on both alike.
// The other side's server loads its classes from its own checkout (the
// front controller's directory), and its own build of the extension when
// the checkout has one; else both load the extension given to php.
$otherExtension = $against !== null && is_file("$against/build/php-gcc/modules/horde_activesync.so")
    ? "$against/build/php-gcc/modules/horde_activesync.so" : null;
// Debian's engine runs with the extension loaded too: the driver they
// share then keeps its SQLite statements for the worker on both sides, and
// Debian's engine uses nothing else of it (Embedded\Server::isNative()).
$sides = ['horde' => $against === null
              ? $setup('horde', null, EAS_EXTENSION_PATH,
                  $preload ? EAS_TEST_ROOT . '/tests/phpunit/Support/preload-horde.php' : null)
              : $setup('native', "$against/server/router.php", $otherExtension,
                  $preload ? "$against/server/preload.php" : null),
          'native' => $setup('native', null, null, $preload ? EAS_TEST_ROOT . '/server/preload.php' : null)];
try {
    foreach ($sides as $ctx) {
        $initial($ctx);
        $round($ctx, -1, false);
    }
    for ($r = 0; $r < $rounds; $r++) {
        foreach ($sides as $ctx) {
            $round($ctx, $r);
        }
    }
    // Where a window's time goes: the same initial sync in windows of 10
    // and of 100 contacts, twice per side, alternating. A window costs
    // fixed + size x per message; the medians of both sizes give both.
    // (Full windows of 100 need a few hundred contacts.)
    $split = ['horde' => [10 => [], 100 => []], 'native' => [10 => [], 100 => []]];
    for ($r = 0; $r < ($contacts >= 200 ? 2 : 0); $r++) {
        foreach ([10, 100] as $size) {
            foreach ($sides as $name => $ctx) {
                $split[$name][$size] = array_merge($split[$name][$size], $initialSync($ctx, $size, 2000)[1]);
            }
        }
    }
    $errors = $sides['native']->server->errors();
    if ($errors !== '') {
        throw new RuntimeException("the server wrote errors:\n$errors");
    }
} finally {
    foreach ($sides as $ctx) {
        $ctx->server->stop();
    }
}
$horde = $sides['horde']->times;
$native = $sides['native']->times;

printf("Embedded EAS server through php -S (opcache on%s), same SQLite driver, EAS 14.1, %d rounds\n",
    $preload ? ', both engines preloaded' : '', $rounds);
if ($against !== null) {
    printf("other checkout: %s, with %s\n", $against, $otherExtension ?? 'the same extension');
}
$labels = [
    'ping' => 'Ping, change waiting',
    'incremental' => "Sync, $changed changes",
    'initial' => sprintf('Initial Sync, %s contacts', number_format($contacts)),
];
// The HTTP exchange (connect to last response byte) is what the server
// costs; the device's own encoding and decoding comes on top in the
// second table, alike for both engines (the same client code).
foreach ([3 => 'HTTP exchange: connect to last response byte', 0 => "with the test device's own work (request encoding, response decoding)"] as $col => $title) {
    printf("\n%s\n%-34s %14s %14s %8s\n", $title, '', $against === null ? 'Horde (PHP)' : 'other checkout',
        'native', 'ratio');
    foreach ($labels as $kind => $label) {
        $h = $horde[$kind][$col] / $horde[$kind][2];
        $n = $native[$kind][$col] / $native[$kind][2];
        printf("%-34s %11.1f ms %11.1f ms %7.1fx\n", $label, $h * 1000, $n * 1000, $h / $n);
    }
    $rate = function (array $times) use ($col) {
        return array_sum(array_column($times, 1)) / array_sum(array_column($times, $col));
    };
    printf("%-34s %10.1f r/s %10.1f r/s %7.1fx\n", 'Mix (requests per second)', $rate($horde), $rate($native),
        $rate($native) / $rate($horde));
}
// What the server's processes spent on CPU (user and system, from Linux's
// schedstat): a host's capacity, the requests per second it can serve to
// many devices at once, is this per request; it does not wait on the
// device or on the scheduler as one device's exchanges do.
if (array_sum(array_column($native, 4)) > 0 && array_sum(array_column($horde, 4)) > 0) {
    printf("\n%s\n%-34s %14s %14s %8s\n", "server CPU per request (php -S and its workers, user + system)", '',
        $against === null ? 'Horde (PHP)' : 'other checkout', 'native', 'ratio');
    foreach ($labels as $kind => $label) {
        $h = $horde[$kind][4] / $horde[$kind][1];
        $n = $native[$kind][4] / $native[$kind][1];
        printf("%-34s %11.2f ms %11.2f ms %7.1fx\n", $label, $h * 1000, $n * 1000, $h / $n);
    }
    $capacity = function (array $times) {
        return array_sum(array_column($times, 1)) / array_sum(array_column($times, 4));
    };
    printf("%-34s %8.0f r/cpu-s %8.0f r/cpu-s %6.1fx\n", 'Mix (requests per CPU-second)', $capacity($horde),
        $capacity($native), $capacity($native) / $capacity($horde));
}

// The fixed cost of a Sync request (everything but its messages: HTTP,
// start-up, authentication, device, sync cache, state load and save, their
// SQLite transactions) against the cost of one message, from the medians.
$median = function (array $values) {
    sort($values);
    return $values[intdiv(count($values), 2)];
};
if ($contacts < 200) {
    exit(0);
}
printf("\n%s\n%-34s %14s %14s %8s\n", 'one Sync window = fixed cost + messages x cost per message (medians of windows of 10 and 100)',
    '', $against === null ? 'Horde (PHP)' : 'other checkout', 'native', 'ratio');
$parts = [];
foreach ($split as $name => $bySize) {
    $perMessage = ($median($bySize[100]) - $median($bySize[10])) / 90;
    $parts[$name] = ['fixed' => $median($bySize[10]) - 10 * $perMessage, 'message' => $perMessage];
}
foreach (['fixed' => 'Fixed cost of a Sync request', 'message' => 'Cost of one message'] as $part => $label) {
    printf("%-34s %11.3f ms %11.3f ms %7.1fx\n", $label, $parts['horde'][$part] * 1000, $parts['native'][$part] * 1000,
        $parts['horde'][$part] / max($parts['native'][$part], 1e-9));
}
