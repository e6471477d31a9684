<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Ops;

use RuntimeException;

/**
 * The state database the monitor was pointed at cannot be read (eas-ops
 * exits with 2).
 *
 * @package ActiveSync
 */
final class Unavailable extends RuntimeException
{
}
