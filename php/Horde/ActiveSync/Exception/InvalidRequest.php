<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The client's request is malformed or not allowed in its context.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception_InvalidRequest extends Horde_ActiveSync_Exception
{
}
