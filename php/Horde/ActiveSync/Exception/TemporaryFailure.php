<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A transient backend failure: the client may retry.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_TemporaryFailure extends Horde_ActiveSync_Exception
{
}
