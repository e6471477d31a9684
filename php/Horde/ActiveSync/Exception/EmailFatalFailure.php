<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Sending mail failed in a way retrying cannot fix.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_EmailFatalFailure extends Horde_ActiveSync_Exception
{
}
