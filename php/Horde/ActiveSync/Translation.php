<?php
/**
 * Gettext domain of the ActiveSync library's user-visible strings.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class Horde_ActiveSync_Translation extends Horde_Translation_Autodetect
{
    protected static $_domain = 'Horde_ActiveSync';
    protected static $_pearDirectory = '@data_dir@';
}
