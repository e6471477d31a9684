<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * The ActiveSync server: its constants (tag names, protocol versions,
 * folder types, filter types, ...), the static helpers messages and
 * handlers share, and the front door of every request: query parsing,
 * authentication, version negotiation, device checks, provisioning
 * enforcement and dispatch to a Horde_ActiveSync_Request_* handler
 * (handleRequest()).
 *
 * Besides Horde's behaviour, handleRequest() sets the HTTP status of its
 * refusals itself (400, 401 with a realm, 403, 449, 503 with Retry-After)
 * before it throws Horde's exceptions, so any HTTP layer, Horde_Rpc's or
 * a plain front controller, answers as MS-ASHTTP says.
 *
 * @property-read Horde_ActiveSync_Wbxml_Encoder $encoder  The encoder.
 * @property-read Horde_ActiveSync_Wbxml_Decoder $decoder  The decoder.
 * @property-read Horde_ActiveSync_State_Base $state       The state object.
 * @property-read Horde_Controller_Request_Http $request   The HTTP request.
 * @property-read Horde_ActiveSync_Driver_Base $driver     The backend driver.
 * @property-read boolean|string $provisioning  True, false or 'loose'.
 * @property-read boolean $multipart   Whether the client accepts multipart.
 * @property-read string $certPath     Local path to the certificate bundle.
 * @property-read Horde_ActiveSync_Device $device   The current device.
 * @property-read Horde_ActiveSync_Log_Logger $logger  The logger.
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

    /* ---- the server --------------------------------------------------- */

    /** Realm of the Basic challenge sent with HTTP 401. */
    const AUTH_REALM = 'Horde ActiveSync';

    /** Seconds a client is asked to wait after HTTP 503. */
    const RETRY_AFTER = 60;

    /**
     * @var Horde_ActiveSync_Driver_Base
     */
    protected $_driver;

    /**
     * @var Horde_ActiveSync_Wbxml_Decoder
     */
    protected $_decoder;

    /**
     * @var Horde_ActiveSync_Wbxml_Encoder
     */
    protected $_encoder;

    /**
     * @var Horde_ActiveSync_State_Base
     */
    protected $_state;

    /**
     * @var Horde_Controller_Request_Http
     */
    protected $_request;

    /**
     * @var Horde_ActiveSync_Interface_LoggerFactory
     */
    protected $_loggerFactory;

    /**
     * Provisioning support: PROVISIONING_FORCE, _LOOSE or _NONE.
     *
     * @var boolean|string
     */
    protected $_provisioning;

    /**
     * The highest version offered (the ceiling).
     *
     * @var string
     */
    protected $_maxVersion = self::VERSION_SIXTEENONE;

    /**
     * Whether the client accepts multipart responses.
     *
     * @var boolean
     */
    protected $_multipart = false;

    /**
     * @var boolean
     */
    protected $_compression = false;

    /**
     * The request's query parameters, decoded once.
     *
     * @var array|null
     */
    protected $_get;

    /**
     * @var string
     */
    protected $_certPath;

    /**
     * @var Horde_ActiveSync_Collections
     */
    protected $_collectionsObj;

    /**
     * A Horde_ActiveSync_Status code the handlers report in-band (EAS 14.0
     * and later), or 0.
     *
     * @var integer
     */
    protected $_globalError = 0;

    /**
     * @var integer
     */
    protected $_procid;

    /**
     * Whether to announce newer versions with X-MS-RP.
     *
     * @var boolean
     */
    protected $_needMsRp = false;

    /**
     * @var string|integer
     */
    protected $_policykey;

    /**
     * Limits concurrent requests; null: no limit.
     *
     * @var Horde_ActiveSync_Throttle|null
     */
    protected $_throttle;

    /**
     * The throttle slot this request holds.
     *
     * @var mixed
     */
    protected $_slot;

    /**
     * @param Horde_ActiveSync_Driver_Base $driver     The backend driver.
     * @param Horde_ActiveSync_Wbxml_Decoder $decoder  The request body.
     * @param Horde_ActiveSync_Wbxml_Encoder $encoder  The response body.
     * @param Horde_ActiveSync_State_Base $state       The state driver.
     * @param Horde_Controller_Request_Http $request   The HTTP request.
     */
    public function __construct(
        Horde_ActiveSync_Driver_Base $driver,
        Horde_ActiveSync_Wbxml_Decoder $decoder,
        Horde_ActiveSync_Wbxml_Encoder $encoder,
        Horde_ActiveSync_State_Base $state,
        Horde_Controller_Request_Http $request)
    {
        // One server object serves one request; a process that builds
        // another (tests, workers) must not inherit the last one's.
        self::$_version = null;
        self::$_device = null;
        if (empty(self::$_logger)) {
            self::$_logger = new Horde_ActiveSync_Log_Logger(new Horde_Log_Handler_Null());
        }
        $this->_request = $request;
        $this->_driver = $driver;
        $this->_state = $state;
        $this->_encoder = $encoder;
        $this->_decoder = $decoder;
        $this->_procid = getmypid();
        try {
            $this->_driver->setProtocolVersion($this->getProtocolVersion());
        } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
            // A malformed query: handleRequest() reports it.
        }
    }

    /**
     * @return Horde_ActiveSync_Collections  The request's collections.
     */
    public function getCollectionsObject()
    {
        if (empty($this->_collectionsObj)) {
            $this->_collectionsObj = new Horde_ActiveSync_Collections($this->getSyncCache(), $this);
        }
        return $this->_collectionsObj;
    }

    /**
     * @return Horde_ActiveSync_SyncCache  A fresh cache of the current device.
     */
    public function getSyncCache()
    {
        return new Horde_ActiveSync_SyncCache(
            $this->_state, self::$_device->id, self::$_device->user, self::$_logger);
    }

    /**
     * @return Horde_ActiveSync_Connector_Importer
     */
    public function getImporter()
    {
        $importer = new Horde_ActiveSync_Connector_Importer($this);
        $importer->setLogger(self::$_logger);
        return $importer;
    }

    /**
     * Authenticates to the backend; a policy refusal (user or device denied,
     * backend unavailable) still authenticates but leaves a global error.
     *
     * @param Horde_ActiveSync_Credentials $credentials
     *
     * @return boolean  Whether the credentials were accepted.
     */
    public function authenticate(Horde_ActiveSync_Credentials $credentials)
    {
        if (!$credentials->username) {
            self::$_logger->notice('Client did not provide authentication data.');
            return false;
        }
        $user = (string)$this->_driver->getUsernameFromEmail($credentials->username);
        $domain = null;
        if (($pos = strrpos($user, '\\')) !== false) {
            $domain = substr($user, 0, $pos);
            $user = substr($user, $pos + 1);
        }
        $result = $this->_driver->authenticate($user, $credentials->password, $domain);
        if (!$result) {
            return false;
        }
        if ($result === self::AUTH_REASON_USER_DENIED) {
            $this->_globalError = Horde_ActiveSync_Status::SYNC_NOT_ALLOWED;
        } elseif ($result === self::AUTH_REASON_DEVICE_DENIED) {
            $this->_globalError = Horde_ActiveSync_Status::DEVICE_BLOCKED_FOR_USER;
        } elseif ($result === self::AUTH_REASON_UNAVAILABLE) {
            $this->_globalError = Horde_ActiveSync_Status::SERVER_ERROR_RETRY;
            if ($this->getProtocolVersion() < self::VERSION_FOURTEEN) {
                // Status 111 exists from 14.0 on; older clients get HTTP 503.
                return false;
            }
        } elseif ($result !== true) {
            $this->_globalError = Horde_ActiveSync_Status::DENIED;
        }
        return (bool)$this->_driver->setup($user);
    }

    /**
     * Sets the highest version offered. Drivers call it from
     * versionCallback() for per-user and per-device ceilings.
     *
     * @param string $version  A VERSION_* constant.
     */
    public function setSupportedVersion($version)
    {
        $this->_maxVersion = $version;
    }

    /**
     * @param string $path  Local path to the root certificate bundle.
     */
    public function setRootCertificatePath($path)
    {
        $this->_certPath = $path;
    }

    /**
     * Refuses requests with HTTP 503 and Retry-After while $throttle has no
     * free slot (overload protection; Horde has none).
     *
     * @param Horde_ActiveSync_Throttle|null $throttle
     */
    public function setThrottle(Horde_ActiveSync_Throttle $throttle = null)
    {
        $this->_throttle = $throttle;
    }

    /**
     * @param string $property
     *
     * @return mixed
     * @throws InvalidArgumentException
     */
    public function __get($property)
    {
        switch ($property) {
        case 'encoder':
        case 'decoder':
        case 'state':
        case 'request':
        case 'driver':
        case 'provisioning':
        case 'multipart':
        case 'certPath':
            $property = '_' . $property;
            return $this->$property;
        case 'logger':
            return self::$_logger;
        case 'device':
            return self::$_device;
        }
        throw new InvalidArgumentException(sprintf('The property %s does not exist', $property));
    }

    /**
     * @param Horde_ActiveSync_Interface_LoggerFactory $logger
     */
    public function setLogger(Horde_ActiveSync_Interface_LoggerFactory $logger)
    {
        $this->_loggerFactory = $logger;
    }

    /**
     * Creates the request's logger (per device, per request, ...) and hands
     * it to every collaborator.
     *
     * @param array $options  The GET variables (DeviceId, Cmd).
     */
    protected function _setLogger(array $options)
    {
        if (empty($this->_loggerFactory)) {
            return;
        }
        self::$_logger = self::_wrapLogger($this->_loggerFactory->create($options));
        $this->_encoder->setLogger(self::$_logger);
        $this->_decoder->setLogger(self::$_logger);
        $this->_driver->setLogger(self::$_logger);
        $this->_state->setLogger(self::$_logger);
    }

    /**
     * @param boolean|string $provision  PROVISIONING_FORCE, _LOOSE or _NONE.
     */
    public function setProvisioning($provision)
    {
        $this->_provisioning = $provision;
    }

    /**
     * Sends HTTP 449 and the headers a client needs to provision.
     */
    public function provisioningRequired()
    {
        $this->provisionHeader();
        $this->activeSyncHeader();
        $this->versionHeader();
        $this->commandsHeader();
        header('Cache-Control: private');
    }

    /**
     * Handles one request: the command's response goes to the encoder.
     *
     * @param string $cmd    The command, or empty to take it from the query.
     * @param string $devId  The device id, or empty to take it from the query.
     *
     * @return string|boolean  true when the response is WBXML (or there is
     *                         none), a content type otherwise; false on a
     *                         failure the handler could not report.
     * @throws Horde_ActiveSync_Exception_InvalidRequest  (HTTP 400 set)
     * @throws Horde_Exception_AuthenticationFailure      (HTTP 401, 403 or 503 set)
     * @throws Horde_ActiveSync_Exception
     */
    public function handleRequest($cmd, $devId)
    {
        try {
            return $this->_dispatch($cmd, $devId);
        } catch (Horde_ActiveSync_Exception_InvalidRequest $e) {
            self::$_logger->err('Invalid request: ' . $e->getMessage());
            $this->_httpStatus(400, 'Bad Request');
            throw $e;
        } catch (Horde_Exception_AuthenticationFailure $e) {
            $this->_sendRefusal($e->getCode());
            throw $e;
        } catch (Horde_ActiveSync_Exception $e) {
            // A body the WBXML decoder cannot read is the client's error
            // (HTTP 400), not the server's (Horde: HTTP 500).
            if (!($e instanceof Horde_ActiveSync_Exception_InvalidRequest)
                && (substr(str_replace('\\', '/', $e->getFile()), -18) === '/Wbxml/Decoder.php'
                    || strncmp($e->getMessage(), 'WBXML: ', 7) === 0)) {
                self::$_logger->err('Malformed request body: ' . $e->getMessage());
                $this->_httpStatus(400, 'Bad Request');
                throw new Horde_ActiveSync_Exception_InvalidRequest($e->getMessage(), 0, $e);
            }
            throw $e;
        } finally {
            if ($this->_slot !== null) {
                $this->_throttle->release($this->_slot);
                $this->_slot = null;
            }
        }
    }

    /**
     * The steps of handleRequest(), in Horde's order.
     */
    protected function _dispatch($cmd, $devId)
    {
        $get = $this->getGetVars();
        if (empty($cmd)) {
            $cmd = isset($get['Cmd']) ? $get['Cmd'] : '';
        }
        $devId = empty($devId) ? (empty($get['DeviceId']) ? null : $get['DeviceId']) : $devId;
        if ($devId !== null) {
            $devId = strtoupper((string)$devId);
            if (!preg_match('/^[A-Z0-9_-][A-Z0-9._-]{0,127}$/D', $devId)) {
                throw new Horde_ActiveSync_Exception_InvalidRequest('Invalid device id.');
            }
            $get['DeviceId'] = $devId;
        }
        if (!preg_match('/^[A-Za-z]{0,32}$/D', (string)$cmd)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Invalid command.');
        }
        $this->_setLogger($get);

        // Per-user and per-device ceilings: the driver may lower or raise
        // the ceiling for this request.
        if (is_callable([$this->_driver, 'versionCallback'])) {
            $this->_driver->versionCallback($this);
        }

        if ($cmd == 'Autodiscover') {
            $request = new Horde_ActiveSync_Request_Autodiscover($this, new Horde_ActiveSync_Device($this->_state));
            $request->setLogger(self::$_logger);
            $result = $request->handle($this->_request);
            $this->_driver->clearAuthentication();
            return $result;
        }

        if ($this->_throttle && ($this->_slot = $this->_throttle->acquire()) === null) {
            self::$_logger->warn(sprintf('Refusing %s: %s', $cmd, $this->_throttle->reason()));
            throw new Horde_Exception_AuthenticationFailure(
                'Server busy: ' . $this->_throttle->reason(), Horde_ActiveSync_Status::SERVER_ERROR_RETRY);
        }

        if (!$this->authenticate(new Horde_ActiveSync_Credentials($this))) {
            $this->activeSyncHeader();
            $this->versionHeader();
            $this->commandsHeader();
            throw new Horde_Exception_AuthenticationFailure('', $this->_globalError);
        }

        self::$_logger->info(sprintf(
            '%s%s request received for user %s', str_repeat('-', 10), strtoupper($cmd), $this->_driver->getUser()));

        if ($cmd == 'FolderDelete' || $cmd == 'FolderUpdate') {
            $cmd = 'FolderCreate';
        } elseif (in_array($cmd, ['CreateCollection', 'DeleteCollection', 'MoveCollection'], true)) {
            $cmd = 'LegacyCollection';
        }

        if (empty($devId)) {
            if ($cmd == 'Options') {
                $this->_handleOptionsRequest();
                $this->_driver->clearAuthentication();
                return true;
            }
            $this->_driver->clearAuthentication();
            throw new Horde_ActiveSync_Exception_InvalidRequest('Device failed to send device id.');
        }

        $version = $this->getProtocolVersion();
        if ($cmd != 'Options' && !$this->_versionAllowed($version)) {
            $this->activeSyncHeader();
            $this->versionHeader();
            $this->commandsHeader();
            $this->_driver->clearAuthentication();
            throw new Horde_ActiveSync_Exception_InvalidRequest(sprintf(
                'Protocol version %s is not offered (%s).', $version, $this->getSupportedVersions()));
        }

        $this->_handleDevice($devId);

        // Clients before 14.0 read no status codes: a refused user or
        // device is an HTTP refusal for them (Horde lets them run on).
        if ($this->_globalError && $version <= self::VERSION_TWELVEONE && $cmd != 'Options') {
            $this->_driver->clearAuthentication();
            throw new Horde_Exception_AuthenticationFailure(
                sprintf('Refused with status %d.', $this->_globalError), $this->_globalError);
        }

        if ($cmd == 'Options') {
            $this->_handleOptionsRequest();
            $this->_driver->clearAuthentication();
            return true;
        }

        $this->setProvisioning($this->_driver->getProvisioning(self::$_device));

        $this->_decoder->readWbxmlHeader();

        $multipart = $this->_request->getHeader('MS-ASAcceptMultiPart');
        if ((!empty($multipart) && strtoupper($multipart) == 'T') || !empty($get['AcceptMultiPart'])) {
            $this->_multipart = true;
            self::$_logger->info('Requesting multipart data.');
        }

        // Headers go out before the handler runs: some handlers (GetAttachment,
        // streamed Sync) start their output early.
        $this->activeSyncHeader();
        if ($cmd != 'GetAttachment') {
            $this->contentTypeHeader();
        }
        if (!empty($this->_needMsRp)) {
            self::$_logger->info('Announcing X-MS-RP to client.');
            header('X-MS-RP: ' . $this->getSupportedVersions());
        }

        $this->_driver->setDevice(self::$_device);
        $class = 'Horde_ActiveSync_Request_' . $cmd;
        if ($cmd === '' || $cmd == 'Options' || !class_exists($class)
            || !is_subclass_of($class, 'Horde_ActiveSync_Request_Base')) {
            $this->_driver->clearAuthentication();
            throw new Horde_ActiveSync_Exception_InvalidRequest($cmd . ' not supported.');
        }
        $request = new $class($this);
        $request->setLogger(self::$_logger);
        $result = $request->handle();
        self::$_logger->info(sprintf(
            'Maximum memory usage for ActiveSync request: %d bytes.', memory_get_peak_usage(true)));
        return $result;
    }

    /**
     * Whether a version may be used for this request: one the engine speaks,
     * not above the ceiling.
     */
    protected function _versionAllowed($version)
    {
        $position = array_search((string)$version, self::$_supportedVersions, true);
        $ceiling = array_search((string)$this->_maxVersion, self::$_supportedVersions, true);
        return $position !== false && $ceiling !== false && $position <= $ceiling;
    }

    /**
     * Loads or creates the device, applies the driver's device callbacks and
     * the block flag.
     *
     * @param string $devId  The (upper-case) device id.
     *
     * @return boolean  false when a status is left for the handler to report
     *                  in-band (EAS 14.0 and later).
     * @throws Horde_Exception_AuthenticationFailure  when the device is
     *         refused and the client cannot read an in-band status.
     */
    protected function _handleDevice($devId)
    {
        $get = $this->getGetVars();
        $version = $this->getProtocolVersion();
        $user = $this->_driver->getUser();

        if (!$this->_state->deviceExists($devId, $user)) {
            // Known device, new account on it; or a new device.
            self::$_device = $this->_state->deviceExists($devId)
                ? $this->_state->loadDeviceInfo($devId)
                : new Horde_ActiveSync_Device($this->_state);
            self::$_device->policykey = 0;
            self::$_device->userAgent = $this->_request->getHeader('User-Agent');
            self::$_device->deviceType = !empty($get['DeviceType']) ? $get['DeviceType'] : '';
            self::$_device->rwstatus = self::RWSTATUS_NA;
            self::$_device->user = $user;
            self::$_device->id = $devId;
            self::$_device->needsVersionUpdate($this->getSupportedVersions());
            self::$_device->version = $version;
            if (is_callable([$this->_driver, 'createDeviceCallback'])) {
                $allowed = $this->_driver->createDeviceCallback(self::$_device);
                if ($allowed !== true) {
                    $msg = sprintf('The device %s was disallowed for user %s per policy settings.',
                        self::$_device->id, self::$_device->user);
                    self::$_logger->err($msg);
                    // No version is stored yet: always an HTTP refusal.
                    throw new Horde_Exception_AuthenticationFailure($msg, $allowed);
                }
                if (is_callable([$this->_driver, 'modifyDeviceCallback'])) {
                    self::$_device = $this->_driver->modifyDeviceCallback(self::$_device);
                }
            }
        } else {
            self::$_device = $this->_state->loadDeviceInfo($devId, $user);
            // A device whose stored properties were lost: userAgent is always
            // there for a device that synced.
            if (empty(self::$_device->userAgent)) {
                self::$_device->userAgent = $this->_request->getHeader('User-Agent');
                self::$_device->deviceType = !empty($get['DeviceType']) ? $get['DeviceType'] : '';
                self::$_device->user = $user;
            }
            if (empty(self::$_device->version)) {
                self::$_device->version = $version;
            }
            if (self::$_device->version < $this->_maxVersion
                && self::$_device->needsVersionUpdate($this->getSupportedVersions())) {
                $this->_needMsRp = true;
            }
            if (is_callable([$this->_driver, 'modifyDeviceCallback'])) {
                self::$_device = $this->_driver->modifyDeviceCallback(self::$_device);
            }
        }
        if (empty(self::$_device->user)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('Unable to resolve device user for this request.');
        }
        // The version this request speaks, for the handlers and messages.
        if (self::$_device->version != $version) {
            self::$_device->version = $version;
        }

        self::$_device->save();
        if (is_callable([$this->_driver, 'deviceCallback'])) {
            $allowed = $this->_driver->deviceCallback(self::$_device);
            if ($allowed !== true) {
                $msg = sprintf('The device %s was disallowed for user %s per policy settings.',
                    self::$_device->id, self::$_device->user);
                self::$_logger->err($msg);
                if ($version > self::VERSION_TWELVEONE) {
                    $this->_globalError = $allowed;
                    return false;
                }
                throw new Horde_Exception_AuthenticationFailure($msg, $allowed);
            }
        }

        if (self::$_device->blocked) {
            $msg = sprintf('The device %s was blocked.', self::$_device->id);
            self::$_logger->err($msg);
            if ($version > self::VERSION_TWELVEONE) {
                $this->_globalError = Horde_ActiveSync_Status::DEVICE_BLOCKED_FOR_USER;
                return false;
            }
            // MS-ASHTTP: 403 for clients without in-band status codes
            // (Horde throws a plain exception, which becomes HTTP 500).
            throw new Horde_Exception_AuthenticationFailure($msg, Horde_ActiveSync_Status::DEVICE_BLOCKED_FOR_USER);
        }
        return true;
    }

    /**
     * Sends the headers every response carries.
     *
     * @return string[]  The headers sent.
     */
    public function activeSyncHeader()
    {
        $headers = [
            'Allow: OPTIONS,POST',
            sprintf('Server: Horde_ActiveSync Library v%s', self::LIBRARY_VERSION),
            'Public: OPTIONS,POST',
        ];
        $serverVersions = [
            self::VERSION_TWOFIVE => '6.5.7638.1',
            self::VERSION_TWELVE => '12.0',
            self::VERSION_TWELVEONE => '12.1',
            self::VERSION_FOURTEEN => '14.0',
            self::VERSION_FOURTEENONE => '14.1',
            self::VERSION_SIXTEEN => '16.0',
            self::VERSION_SIXTEENONE => '16.1',
        ];
        if (isset($serverVersions[$this->_maxVersion])) {
            $headers[] = 'MS-Server-ActiveSync: ' . $serverVersions[$this->_maxVersion];
        }
        foreach ($headers as $header) {
            header($header);
        }
        return $headers;
    }

    /**
     * @return string  The MS-ASProtocolVersions header sent.
     */
    public function versionHeader()
    {
        $header = sprintf('MS-ASProtocolVersions: %s', $this->getSupportedVersions());
        header($header);
        return $header;
    }

    /**
     * @return string  Every version up to the ceiling, comma-separated.
     */
    public function getSupportedVersions()
    {
        $ceiling = array_search((string)$this->_maxVersion, self::$_supportedVersions, true);
        if ($ceiling === false) {
            $ceiling = count(self::$_supportedVersions) - 1;
        }
        return implode(',', array_slice(self::$_supportedVersions, 0, $ceiling + 1));
    }

    /**
     * @return string  The MS-ASProtocolCommands header sent.
     */
    public function commandsHeader()
    {
        $header = sprintf('MS-ASProtocolCommands: %s', $this->getSupportedCommands());
        header($header);
        return $header;
    }

    /**
     * @return string  The commands offered at the ceiling, comma-separated.
     */
    public function getSupportedCommands()
    {
        if ($this->_maxVersion == self::VERSION_TWOFIVE) {
            return 'Sync,SendMail,SmartForward,SmartReply,GetAttachment,GetHierarchy,CreateCollection,'
                . 'DeleteCollection,MoveCollection,FolderSync,FolderCreate,FolderDelete,FolderUpdate,MoveItems,'
                . 'GetItemEstimate,MeetingResponse,ResolveRecipients,ValidateCert,Provision,Search,Ping';
        }
        $commands = 'Sync,SendMail,SmartForward,SmartReply,GetAttachment,GetHierarchy,CreateCollection,'
            . 'DeleteCollection,MoveCollection,FolderSync,FolderCreate,FolderDelete,FolderUpdate,MoveItems,'
            . 'GetItemEstimate,MeetingResponse,Search,Settings,Ping,ItemOperations,Provision,ResolveRecipients,'
            . 'ValidateCert';
        // Find is an EAS 16 command (MS-ASCMD 2.2.1.2).
        if ($this->_maxVersion >= self::VERSION_SIXTEEN) {
            $commands .= ',Find';
        }
        return $commands;
    }

    /**
     * Sends HTTP 449: the client must provision first.
     */
    public function provisionHeader()
    {
        header('HTTP/1.1 449 Retry after sending a PROVISION command');
    }

    /**
     * @return string|integer  The client's policy key, 0 when none.
     */
    public function getPolicyKey()
    {
        $this->_policykey = $this->_request->getHeader('X-MS-PolicyKey');
        if (empty($this->_policykey)) {
            $get = $this->getGetVars();
            $this->_policykey = !empty($get['PolicyKey']) ? $get['PolicyKey'] : 0;
        }
        return $this->_policykey;
    }

    /**
     * @return string  The version the client speaks in this request ('1.0'
     *                 when it says none).
     */
    public function getProtocolVersion()
    {
        if (!isset(self::$_version)) {
            self::$_version = $this->_request->getHeader('MS-ASProtocolVersion');
            if (empty(self::$_version)) {
                $get = $this->getGetVars();
                self::$_version = empty($get['ProtVer']) ? '1.0' : $get['ProtVer'];
            }
        }
        return self::$_version;
    }

    /**
     * The query parameters, from the plain or the base64 form (read by the
     * native parser, which refuses malformed queries).
     *
     * @return array  Parameter => value.
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    public function getGetVars()
    {
        if ($this->_get !== null) {
            return $this->_get;
        }
        $server = $this->_request->getServerVars();
        if (isset($server['QUERY_STRING']) && class_exists('Horde\ActiveSync\Native\Query', false)) {
            $vars = Horde\ActiveSync\Native\Query::parse((string)$server['QUERY_STRING']);
            $base64 = isset($vars['ProtVer']) && !isset($this->_request->getGetVars()['Cmd']);
        } else {
            $vars = $this->_request->getGetVars();
            $base64 = false;
        }
        if ($base64 && isset($vars['DeviceType'])) {
            // Horde's names for the short forms of the binary query.
            $names = ['PPC' => 'PocketPC', 'SP' => 'SmartPhone', 'WP' => 'WindowsPhone',
                      'WP8' => 'WindowsPhone', 'android40' => 'android'];
            if (isset($names[$vars['DeviceType']])) {
                $vars['DeviceType'] = $names[$vars['DeviceType']];
            }
        }
        return $this->_get = $vars;
    }

    /**
     * @return integer  A Horde_ActiveSync_Status code the handlers must
     *                  report, or 0.
     */
    public function checkGlobalError()
    {
        return $this->_globalError;
    }

    /**
     * @param string $content_type  A content type; default: WBXML or
     *                              multipart as the client accepts.
     */
    public function contentTypeHeader($content_type = null)
    {
        if (!empty($content_type)) {
            header('Content-Type: ' . $content_type);
            return;
        }
        header($this->_multipart
            ? 'Content-Type: application/vnd.ms-sync.multipart'
            : 'Content-Type: application/vnd.ms-sync.wbxml');
    }

    /**
     * The OPTIONS response: versions and commands (MS-ASHTTP 2.2.3).
     */
    protected function _handleOptionsRequest()
    {
        $headers = implode("\r\n", $this->activeSyncHeader());
        $versions = $this->versionHeader();
        $commands = $this->commandsHeader();
        self::$_logger->meta(sprintf("Returning OPTIONS response:\r\n%s\r\n%s\r\n%s", $headers, $versions, $commands));
    }

    /**
     * Sets the HTTP status of a refusal: 401 with a Basic challenge, 403 for
     * a user or device that may not sync, 503 with Retry-After when the
     * backend or the server is busy.
     *
     * @param integer $code  The Horde_ActiveSync_Status code of the refusal.
     */
    protected function _sendRefusal($code)
    {
        switch ($code) {
        case Horde_ActiveSync_Status::SYNC_NOT_ALLOWED:
        case Horde_ActiveSync_Status::DEVICE_BLOCKED_FOR_USER:
        case Horde_ActiveSync_Status::DENIED:
        case Horde_ActiveSync_Status::MAXIMUM_DEVICES_REACHED:
            $this->_httpStatus(403, 'Forbidden');
            break;
        case Horde_ActiveSync_Status::SERVER_ERROR_RETRY:
            $this->_httpStatus(503, 'Service Unavailable');
            header('Retry-After: ' . ($this->_throttle ? $this->_throttle->retryAfter() : self::RETRY_AFTER));
            if ($this->_throttle) {
                header('X-MS-ASThrottle: ' . $this->_throttle->reason());
            }
            break;
        default:
            $this->_httpStatus(401, 'Unauthorized');
            header('WWW-Authenticate: Basic realm="' . self::AUTH_REALM . '"');
        }
    }

    /**
     * @param integer $code
     * @param string $reason
     */
    protected function _httpStatus($code, $reason)
    {
        if (!headers_sent()) {
            header(sprintf('HTTP/1.1 %d %s', $code, $reason), true, $code);
        }
    }
}
