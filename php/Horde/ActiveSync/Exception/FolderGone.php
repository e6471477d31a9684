<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The folder no longer exists on the server.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_FolderGone extends Horde_ActiveSync_Exception
{
}
