<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The state for this sync key is gone; the client must sync from scratch.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_StateGone extends Horde_ActiveSync_Exception
{
}
