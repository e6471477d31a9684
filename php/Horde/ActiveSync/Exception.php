<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Base exception of the ActiveSync library.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Exception extends Horde_Exception_Wrapped
{
    /** No particular cause. */
    const UNSPECIFIED = 0;

    /** The client asked for something the server does not support. */
    const UNSUPPORTED = 3;
}
