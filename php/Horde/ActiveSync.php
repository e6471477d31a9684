<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The ActiveSync server: its constants (tag names, protocol versions,
 * folder types, filter types, ...) and the static helpers messages and
 * handlers share.
 *
 * The request handling half of the class (handleRequest() and friends)
 * arrives with the protocol layer; the constants and static helpers here
 * are the stable contract every other class builds on.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync
{
    const CONFLICT_OVERWRITE_SERVER           = 0;
    const CONFLICT_OVERWRITE_PIM              = 1;
    const TRUNCATION_ALL                      = 0;
    const TRUNCATION_1                        = 1;
    const TRUNCATION_2                        = 2;
    const TRUNCATION_3                        = 3;
    const TRUNCATION_4                        = 4;
    const TRUNCATION_5                        = 5;
    const TRUNCATION_6                        = 6;
    const TRUNCATION_7                        = 7;
    const TRUNCATION_8                        = 8;
    const TRUNCATION_9                        = 9;
    const TRUNCATION_NONE                     = 9;
    const FOLDERHIERARCHY_FOLDERS             = 'FolderHierarchy:Folders';
    const FOLDERHIERARCHY_FOLDER              = 'FolderHierarchy:Folder';
    const FOLDERHIERARCHY_DISPLAYNAME         = 'FolderHierarchy:DisplayName';
    const FOLDERHIERARCHY_SERVERENTRYID       = 'FolderHierarchy:ServerEntryId';
    const FOLDERHIERARCHY_PARENTID            = 'FolderHierarchy:ParentId';
    const FOLDERHIERARCHY_TYPE                = 'FolderHierarchy:Type';
    const FOLDERHIERARCHY_RESPONSE            = 'FolderHierarchy:Response';
    const FOLDERHIERARCHY_STATUS              = 'FolderHierarchy:Status';
    const FOLDERHIERARCHY_CONTENTCLASS        = 'FolderHierarchy:ContentClass';
    const FOLDERHIERARCHY_CHANGES             = 'FolderHierarchy:Changes';
    const FOLDERHIERARCHY_SYNCKEY             = 'FolderHierarchy:SyncKey';
    const FOLDERHIERARCHY_FOLDERSYNC          = 'FolderHierarchy:FolderSync';
    const FOLDERHIERARCHY_COUNT               = 'FolderHierarchy:Count';
    const FOLDERHIERARCHY_VERSION             = 'FolderHierarchy:Version';
    const SYNC_SYNCHRONIZE                    = 'Synchronize';
    const SYNC_REPLIES                        = 'Replies';
    const SYNC_ADD                            = 'Add';
    const SYNC_MODIFY                         = 'Modify';
    const SYNC_REMOVE                         = 'Remove';
    const SYNC_FETCH                          = 'Fetch';
    const SYNC_SYNCKEY                        = 'SyncKey';
    const SYNC_CLIENTENTRYID                  = 'ClientEntryId';
    const SYNC_SERVERENTRYID                  = 'ServerEntryId';
    const SYNC_STATUS                         = 'Status';
    const SYNC_FOLDER                         = 'Folder';
    const SYNC_FOLDERTYPE                     = 'FolderType';
    const SYNC_VERSION                        = 'Version';
    const SYNC_FOLDERID                       = 'FolderId';
    const SYNC_GETCHANGES                     = 'GetChanges';
    const SYNC_MOREAVAILABLE                  = 'MoreAvailable';
    const SYNC_WINDOWSIZE                     = 'WindowSize';
    const SYNC_COMMANDS                       = 'Commands';
    const SYNC_OPTIONS                        = 'Options';
    const SYNC_FILTERTYPE                     = 'FilterType';
    const SYNC_TRUNCATION                     = 'Truncation';
    const SYNC_RTFTRUNCATION                  = 'RtfTruncation';
    const SYNC_CONFLICT                       = 'Conflict';
    const SYNC_FOLDERS                        = 'Folders';
    const SYNC_DATA                           = 'Data';
    const SYNC_DELETESASMOVES                 = 'DeletesAsMoves';
    const SYNC_NOTIFYGUID                     = 'NotifyGUID';
    const SYNC_SUPPORTED                      = 'Supported';
    const SYNC_SOFTDELETE                     = 'SoftDelete';
    const SYNC_MIMESUPPORT                    = 'MIMESupport';
    const SYNC_MIMETRUNCATION                 = 'MIMETruncation';
    const SYNC_NEWMESSAGE                     = 'NewMessage';
    const SYNC_PARTIAL                        = 'Partial';
    const SYNC_WAIT                           = 'Wait';
    const SYNC_LIMIT                          = 'Limit';
    const SYNC_HEARTBEATINTERVAL              = 'HeartbeatInterval';
    const SYNC_CONVERSATIONMODE               = 'ConversationMode';
    const SYNC_MAXITEMS                       = 'MaxItems';
    const SYNC_DOCUMENTLIBRARY_LINKID         = 'DocumentLibrary:LinkId';
    const SYNC_DOCUMENTLIBRARY_DISPLAYNAME    = 'DocumentLibrary:DisplayName';
    const SYNC_DOCUMENTLIBRARY_ISFOLDER       = 'DocumentLibrary:IsFolder';
    const SYNC_DOCUMENTLIBRARY_CREATIONDATE   = 'DocumentLibrary:CreationDate';
    const SYNC_DOCUMENTLIBRARY_LASTMODIFIEDDATE = 'DocumentLibrary:LastModifiedDate';
    const SYNC_DOCUMENTLIBRARY_ISHIDDEN       = 'DocumentLibrary:IsHidden';
    const SYNC_DOCUMENTLIBRARY_CONTENTLENGTH  = 'DocumentLibrary:ContentLength';
    const SYNC_DOCUMENTLIBRARY_CONTENTTYPE    = 'DocumentLibrary:ContentType';
    const AIRSYNCBASE_BODYPREFERENCE          = 'AirSyncBase:BodyPreference';
    const AIRSYNCBASE_TYPE                    = 'AirSyncBase:Type';
    const AIRSYNCBASE_TRUNCATIONSIZE          = 'AirSyncBase:TruncationSize';
    const AIRSYNCBASE_ALLORNONE               = 'AirSyncBase:AllOrNone';
    const AIRSYNCBASE_BODY                    = 'AirSyncBase:Body';
    const AIRSYNCBASE_DATA                    = 'AirSyncBase:Data';
    const AIRSYNCBASE_ESTIMATEDDATASIZE       = 'AirSyncBase:EstimatedDataSize';
    const AIRSYNCBASE_TRUNCATED               = 'AirSyncBase:Truncated';
    const AIRSYNCBASE_ATTACHMENTS             = 'AirSyncBase:Attachments';
    const AIRSYNCBASE_ATTACHMENT              = 'AirSyncBase:Attachment';
    const AIRSYNCBASE_DISPLAYNAME             = 'AirSyncBase:DisplayName';
    const AIRSYNCBASE_FILEREFERENCE           = 'AirSyncBase:FileReference';
    const AIRSYNCBASE_METHOD                  = 'AirSyncBase:Method';
    const AIRSYNCBASE_CONTENTID               = 'AirSyncBase:ContentId';
    const AIRSYNCBASE_CONTENTLOCATION         = 'AirSyncBase:ContentLocation';
    const AIRSYNCBASE_ISINLINE                = 'AirSyncBase:IsInline';
    const AIRSYNCBASE_NATIVEBODYTYPE          = 'AirSyncBase:NativeBodyType';
    const AIRSYNCBASE_CONTENTTYPE             = 'AirSyncBase:ContentType';
    const AIRSYNCBASE_LOCATION                = 'AirSyncBase:Location';
    const AIRSYNCBASE_PREVIEW                 = 'AirSyncBase:Preview';
    const AIRSYNCBASE_BODYPARTPREFERENCE      = 'AirSyncBase:BodyPartPreference';
    const AIRSYNCBASE_BODYPART                = 'AirSyncBase:BodyPart';
    const AIRSYNCBASE_STATUS                  = 'AirSyncBase:Status';
    const AIRSYNCBASE_ADD                     = 'AirSyncBase:Add';
    const AIRSYNCBASE_DELETE                  = 'AirSyncBase:Delete';
    const AIRSYNCBASE_CLIENTID                = 'AirSyncBase:ClientId';
    const AIRSYNCBASE_CONTENT                 = 'AirSyncBase:Content';
    const AIRSYNCBASE_ANNOTATION              = 'AirSyncBase:Annotation';
    const AIRSYNCBASE_STREET                  = 'AirSyncBase:Street';
    const AIRSYNCBASE_CITY                    = 'AirSyncBase:City';
    const AIRSYNCBASE_STATE                   = 'AirSyncBase:State';
    const AIRSYNCBASE_COUNTRY                 = 'AirSyncBase:Country';
    const AIRSYNCBASE_POSTALCODE              = 'AirSyncBase:PostalCode';
    const AIRSYNCBASE_LATITUDE                = 'AirSyncBase:Latitude';
    const AIRSYNCBASE_LONGITUDE               = 'AirSyncBase:Longitude';
    const AIRSYNCBASE_ACCURACY                = 'AirSyncBase:Accuracy';
    const AIRSYNCBASE_ALTITUDE                = 'AirSyncBase:Altitude';
    const AIRSYNCBASE_ALTITUDEACCURACY        = 'AirSyncBase:AltitudeAccuracy';
    const AIRSYNCBASE_LOCATIONURI             = 'AirSyncBase:LocationUri';
    const AIRSYNCBASE_INSTANCEID              = 'AirSyncBase:InstanceId';
    const BODYPREF_TYPE_PLAIN                 = 1;
    const BODYPREF_TYPE_HTML                  = 2;
    const BODYPREF_TYPE_RTF                   = 3;
    const BODYPREF_TYPE_MIME                  = 4;
    const PROVISION_PROVISION                 = 'Provision:Provision';
    const PROVISION_POLICIES                  = 'Provision:Policies';
    const PROVISION_POLICY                    = 'Provision:Policy';
    const PROVISION_POLICYTYPE                = 'Provision:PolicyType';
    const PROVISION_POLICYKEY                 = 'Provision:PolicyKey';
    const PROVISION_DATA                      = 'Provision:Data';
    const PROVISION_STATUS                    = 'Provision:Status';
    const PROVISION_REMOTEWIPE                = 'Provision:RemoteWipe';
    const PROVISION_EASPROVISIONDOC           = 'Provision:EASProvisionDoc';
    const POLICYTYPE_XML                      = 'MS-WAP-Provisioning-XML';
    const POLICYTYPE_WBXML                    = 'MS-EAS-Provisioning-WBXML';
    const FLAG_NEWMESSAGE                     = 'NewMessage';
    const FOLDER_TYPE_OTHER                   = 1;
    const FOLDER_TYPE_INBOX                   = 2;
    const FOLDER_TYPE_DRAFTS                  = 3;
    const FOLDER_TYPE_WASTEBASKET             = 4;
    const FOLDER_TYPE_SENTMAIL                = 5;
    const FOLDER_TYPE_OUTBOX                  = 6;
    const FOLDER_TYPE_TASK                    = 7;
    const FOLDER_TYPE_APPOINTMENT             = 8;
    const FOLDER_TYPE_CONTACT                 = 9;
    const FOLDER_TYPE_NOTE                    = 10;
    const FOLDER_TYPE_JOURNAL                 = 11;
    const FOLDER_TYPE_USER_MAIL               = 12;
    const FOLDER_TYPE_USER_APPOINTMENT        = 13;
    const FOLDER_TYPE_USER_CONTACT            = 14;
    const FOLDER_TYPE_USER_TASK               = 15;
    const FOLDER_TYPE_USER_JOURNAL            = 16;
    const FOLDER_TYPE_USER_NOTE               = 17;
    const FOLDER_TYPE_UNKNOWN                 = 18;
    const FOLDER_TYPE_RECIPIENT_CACHE         = 19;
    const FOLDER_TYPE_DUMMY                   = 999999;
    const CHANGE_ORIGIN_PIM                   = 0;
    const CHANGE_ORIGIN_SERVER                = 1;
    const CHANGE_ORIGIN_NA                    = 3;
    const RWSTATUS_NA                         = 0;
    const RWSTATUS_OK                         = 1;
    const RWSTATUS_PENDING                    = 2;
    const RWSTATUS_WIPED                      = 3;
    /* EAS 16.1 account-only wipe: removes this account, not the device's data. */
    const RWSTATUS_ACCOUNTONLY_PENDING        = 4;
    const RWSTATUS_ACCOUNTONLY_WIPED          = 5;
    const GAL_DISPLAYNAME                     = 'GAL:DisplayName';
    const GAL_PHONE                           = 'GAL:Phone';
    const GAL_OFFICE                          = 'GAL:Office';
    const GAL_TITLE                           = 'GAL:Title';
    const GAL_COMPANY                         = 'GAL:Company';
    const GAL_ALIAS                           = 'GAL:Alias';
    const GAL_FIRSTNAME                       = 'GAL:FirstName';
    const GAL_LASTNAME                        = 'GAL:LastName';
    const GAL_HOMEPHONE                       = 'GAL:HomePhone';
    const GAL_MOBILEPHONE                     = 'GAL:MobilePhone';
    const GAL_EMAILADDRESS                    = 'GAL:EmailAddress';
    const GAL_PICTURE                         = 'GAL:Picture';
    const GAL_STATUS                          = 'GAL:Status';
    const GAL_DATA                            = 'GAL:Data';
    const REQUEST_TYPE_SYNC                   = 'sync';
    const REQUEST_TYPE_FOLDERSYNC             = 'foldersync';
    const CHANGE_TYPE_CHANGE                  = 'change';
    const CHANGE_TYPE_DELETE                  = 'delete';
    const CHANGE_TYPE_FLAGS                   = 'flags';
    const CHANGE_TYPE_MOVE                    = 'move';
    const CHANGE_TYPE_FOLDERSYNC              = 'foldersync';
    const CHANGE_TYPE_SOFTDELETE              = 'softdelete';
    const CHANGE_TYPE_DRAFT                   = 'draft';
    const CHANGE_REPLY_STATE                  = '@--reply--@';
    const CHANGE_REPLYALL_STATE               = '@--replyall--@';
    const CHANGE_FORWARD_STATE                = '@--forward--@';
    const RM_SUPPORT                          = 'RightsManagement:RightsManagementSupport';
    const RM_TEMPLATEID                       = 'RightsManagement:TemplateId';
    const CLASS_EMAIL                         = 'Email';
    const CLASS_CONTACTS                      = 'Contacts';
    const CLASS_CALENDAR                      = 'Calendar';
    const CLASS_TASKS                         = 'Tasks';
    const CLASS_NOTES                         = 'Notes';
    const CLASS_SMS                           = 'SMS';
    const FILTERTYPE_ALL                      = 0;
    const FILTERTYPE_1DAY                     = 1;
    const FILTERTYPE_3DAYS                    = 2;
    const FILTERTYPE_1WEEK                    = 3;
    const FILTERTYPE_2WEEKS                   = 4;
    const FILTERTYPE_1MONTH                   = 5;
    const FILTERTYPE_3MONTHS                  = 6;
    const FILTERTYPE_6MONTHS                  = 7;
    const FILTERTYPE_INCOMPLETETASKS          = 8;
    const PROVISIONING_FORCE                  = true;
    const PROVISIONING_LOOSE                  = 'loose';
    const PROVISIONING_NONE                   = false;
    const FOLDER_ROOT                         = 0;
    const VERSION_TWOFIVE                     = '2.5';
    const VERSION_TWELVE                      = '12.0';
    const VERSION_TWELVEONE                   = '12.1';
    const VERSION_FOURTEEN                    = '14.0';
    const VERSION_FOURTEENONE                 = '14.1';
    const VERSION_SIXTEEN                     = '16.0';
    const VERSION_SIXTEENONE                  = '16.1';
    const MIME_SUPPORT_NONE                   = 0;
    const MIME_SUPPORT_SMIME                  = 1;
    const MIME_SUPPORT_ALL                    = 2;
    const IMAP_FLAG_REPLY                     = 'reply';
    const IMAP_FLAG_FORWARD                   = 'forward';
    const RESOLVE_RESULT_GAL                  = 1;
    const RESOLVE_RESULT_ADDRESSBOOK          = 2;
    const AUTH_REASON_USER_DENIED             = 'user';
    const AUTH_REASON_DEVICE_DENIED           = 'device';
    const AUTH_REASON_UNAVAILABLE             = 'unavailable';
    const ALL_GHOSTED                         = 'allghosted';
    const LIBRARY_VERSION                     = '0.1.0';

    /**
     * Every protocol version the engine speaks, oldest first.
     *
     * @var string[]
     */
    protected static $_supportedVersions = [
        self::VERSION_TWOFIVE,
        self::VERSION_TWELVE,
        self::VERSION_TWELVEONE,
        self::VERSION_FOURTEEN,
        self::VERSION_FOURTEENONE,
        self::VERSION_SIXTEEN,
        self::VERSION_SIXTEENONE,
    ];

    /**
     * The protocol version of the current request.
     *
     * @var string
     */
    protected static $_version;

    /**
     * The device of the current request.
     *
     * @var Horde_ActiveSync_Device
     */
    protected static $_device;

    /**
     * The logger of the current request.
     *
     * @var Horde_Log_Logger
     */
    protected static $_logger;

    /**
     * A message object for the current request's protocol version, device
     * and logger.
     *
     * @param string $message  The message type: 'Contact', 'Mail', ...
     *
     * @return Horde_ActiveSync_Message_Base
     * @throws InvalidArgumentException
     */
    public static function messageFactory($message)
    {
        $class = 'Horde_ActiveSync_Message_' . $message;
        if (!class_exists($class)) {
            throw new InvalidArgumentException(sprintf('Class %s does not exist.', $class));
        }
        return new $class([
            'logger' => self::$_logger,
            'protocolversion' => self::$_version,
            'device' => self::$_device,
        ]);
    }

    /**
     * Adapts a plain Horde_Log_Logger to the ActiveSync log levels.
     *
     * @param Horde_Log_Logger $logger
     *
     * @return Horde_ActiveSync_Log_Logger|Horde_ActiveSync_Log_Logger_Deprecated
     */
    public static function _wrapLogger(Horde_Log_Logger $logger)
    {
        return $logger instanceof Horde_ActiveSync_Log_Logger
            ? $logger
            : new Horde_ActiveSync_Log_Logger_Deprecated(null, $logger);
    }

    /**
     * Bytes of MIME data an EAS 2.5 MIMETruncation value allows.
     *
     * @param integer $truncation  A TRUNCATION_* constant.
     *
     * @return integer|boolean  The size, or false for no truncation.
     */
    public static function getMIMETruncSize($truncation)
    {
        $sizes = [0, 4096, 5120, 7168, 10240, 20480, 51200, 102400, false];
        return array_key_exists((int)$truncation, $sizes) && is_numeric($truncation)
            ? $sizes[(int)$truncation]
            : 1024;
    }

    /**
     * Bytes of body an EAS 2.5 Truncation value allows.
     *
     * @param integer $truncation  A TRUNCATION_* constant.
     *
     * @return integer|boolean  The size, or false for no truncation.
     */
    public static function getTruncSize($truncation)
    {
        $sizes = [0, 512, 1024, 2048, 5120, 10240, 20480, 51200, 102400, false];
        return array_key_exists((int)$truncation, $sizes) && is_numeric($truncation)
            ? $sizes[(int)$truncation]
            : 1024;
    }
}
