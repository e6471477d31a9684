<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A folder in FolderSync responses (MS-ASCMD FolderHierarchy).
 *
 * @property string  $serverid     The folder's id on the server.
 * @property string  $displayname  The folder's name.
 * @property integer $type         A Horde_ActiveSync::FOLDER_TYPE_* constant.
 * @property string  $_serverid    The backend's id (not sent).
 * @property string  $_parentid    The backend's id of the parent (not sent).
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Folder extends Horde_ActiveSync_Message_Base
{
    /**
     * The parent's server id; '0' for the root.
     *
     * @var string|boolean
     */
    public $parentid = false;

    protected $_mapping = array(
        Horde_ActiveSync::FOLDERHIERARCHY_SERVERENTRYID => array(self::KEY_ATTRIBUTE => 'serverid'),
        Horde_ActiveSync::FOLDERHIERARCHY_PARENTID      => array(self::KEY_ATTRIBUTE => 'parentid'),
        Horde_ActiveSync::FOLDERHIERARCHY_DISPLAYNAME   => array(self::KEY_ATTRIBUTE => 'displayname'),
        Horde_ActiveSync::FOLDERHIERARCHY_TYPE          => array(self::KEY_ATTRIBUTE => 'type'),
    );

    protected $_properties = array(
        'serverid'    => false,
        '_serverid'   => false,
        '_parentid'   => false,
        'displayname' => false,
        'type'        => false,
    );

    /**
     * @return string  The collection class: 'Folders'.
     */
    public function getClass()
    {
        return 'Folders';
    }
}
