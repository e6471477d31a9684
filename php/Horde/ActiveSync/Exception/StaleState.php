<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The client's sync key is older than the state the server holds.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_StaleState extends Horde_ActiveSync_Exception
{
}
