<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A folder with this name exists already.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_FolderExists extends Horde_ActiveSync_Exception
{
}
