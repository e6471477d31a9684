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

    /**
     * The translated message, or the message itself where no locale
     * directory is installed (Horde_Translation_Autodetect throws then).
     */
    public static function t($message)
    {
        try {
            return parent::t($message);
        } catch (Horde_Translation_Exception $e) {
            return $message;
        }
    }

    /** As t(), for singular and plural forms. */
    public static function ngettext($singular, $plural, $number)
    {
        try {
            return parent::ngettext($singular, $plural, $number);
        } catch (Horde_Translation_Exception $e) {
            return $number > 1 ? $plural : $singular;
        }
    }
}
