<?php
/**
 * Debian's php-horde-activesync running the jobs of tests/oracle/message_lib.php:
 * message objects encoded to WBXML and WBXML decoded to message objects.
 *
 *   php message_codec.php JOBS.json     one JSON array of results on stdout
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

require_once 'Horde/Autoloader/Default.php';
require __DIR__ . '/message_lib.php';

// Horde 5 warns and notices in places (undefined indexes, deprecations);
// results are compared, the noise is not.
error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING);
date_default_timezone_set(getenv('EAS_ORACLE_TZ') ?: 'UTC');
echo json_encode(ml_run(json_decode(file_get_contents($argv[1]), true)), JSON_PARTIAL_OUTPUT_ON_ERROR);
