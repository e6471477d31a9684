<?php
/**
 * Front controller of the preload tests: server/router.php, and at
 * /preload-status what opcache preloaded, as JSON (the classes asked for in
 * ?class[]=, whether each is preloaded and from which file).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

if (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) === '/preload-status') {
    $status = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
    $preloaded = array_flip($status['preload_statistics']['classes'] ?? []);
    $classes = [];
    foreach ((array)($_GET['class'] ?? []) as $class) {
        $classes[$class] = isset($preloaded[$class])
            ? (new ReflectionClass($class))->getFileName() : null;
    }
    header('Content-Type: application/json');
    echo json_encode(['count' => count($preloaded), 'classes' => $classes]);
    return true;
}
return require dirname(__DIR__, 3) . '/server/router.php';
