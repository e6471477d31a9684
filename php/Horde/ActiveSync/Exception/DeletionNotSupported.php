<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The backend cannot delete this item; the client must not get a delete.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_DeletionNotSupported extends Horde_ActiveSync_Exception
{
}
