<?php
/**
 * The opcache preload of Debian's php-horde-activesync for the benchmark
 * (bench/server.php --preload): what server/preload.php is for this
 * project's engine. Debian's tree cannot be preloaded whole (a class of it
 * is not declarable: Request_GetHierarchy leaves an abstract method
 * unimplemented), so its side gets the classes its Provision, FolderSync,
 * Sync and Ping requests of the embedded server load, recorded from them,
 * through the same class loader. A server of this project's engine
 * (EAS_ENGINE unset) preloads nothing from here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

if (getenv('EAS_ENGINE') !== 'horde') {
    return;
}
require dirname(__DIR__, 3) . '/server/autoload.php';

foreach ([
    'Horde\\ActiveSync\\Embedded\\Connection', 'Horde\\ActiveSync\\Embedded\\Driver',
    'Horde\\ActiveSync\\Embedded\\NullLogger', 'Horde\\ActiveSync\\Embedded\\Request',
    'Horde\\ActiveSync\\Embedded\\Server', 'Horde\\ActiveSync\\Embedded\\SqliteAdapter',
    'Horde\\ActiveSync\\Embedded\\Store', 'Horde_ActiveSync', 'Horde_ActiveSync_Collections',
    'Horde_ActiveSync_Connector_Exporter_Base', 'Horde_ActiveSync_Connector_Exporter_FolderSync',
    'Horde_ActiveSync_Connector_Exporter_Sync', 'Horde_ActiveSync_Credentials', 'Horde_ActiveSync_Device',
    'Horde_ActiveSync_Driver_Base', 'Horde_ActiveSync_Folder_Base', 'Horde_ActiveSync_Folder_Collection',
    'Horde_ActiveSync_Interface_LoggerFactory', 'Horde_ActiveSync_Log_Logger',
    'Horde_ActiveSync_Message_AirSyncBaseBody', 'Horde_ActiveSync_Message_Base',
    'Horde_ActiveSync_Message_Contact', 'Horde_ActiveSync_Message_Folder', 'Horde_ActiveSync_Policies',
    'Horde_ActiveSync_Request_Base', 'Horde_ActiveSync_Request_FolderSync', 'Horde_ActiveSync_Request_Ping',
    'Horde_ActiveSync_Request_Provision', 'Horde_ActiveSync_Request_Settings',
    'Horde_ActiveSync_Request_Sync', 'Horde_ActiveSync_Request_SyncBase', 'Horde_ActiveSync_State_Base',
    'Horde_ActiveSync_State_Sql', 'Horde_ActiveSync_Status', 'Horde_ActiveSync_SyncCache',
    'Horde_ActiveSync_Wbxml', 'Horde_ActiveSync_Wbxml_Decoder', 'Horde_ActiveSync_Wbxml_Encoder',
    'Horde_Controller_Request', 'Horde_Controller_Request_Http', 'Horde_Db', 'Horde_Db_Adapter',
    'Horde_Db_Adapter_Base', 'Horde_Db_Adapter_Base_Column', 'Horde_Db_Adapter_Base_ColumnDefinition',
    'Horde_Db_Adapter_Base_Index', 'Horde_Db_Adapter_Base_Result', 'Horde_Db_Adapter_Base_Schema',
    'Horde_Db_Adapter_Base_TableDefinition', 'Horde_Db_Adapter_Pdo_Base', 'Horde_Db_Adapter_Pdo_Result',
    'Horde_Db_Adapter_Pdo_Sqlite', 'Horde_Db_Adapter_Sqlite_Column', 'Horde_Db_Adapter_Sqlite_Schema',
    'Horde_Db_Value', 'Horde_Db_Value_Binary', 'Horde_Db_Value_Lob', 'Horde_Log', 'Horde_Log_Handler_Base',
    'Horde_Log_Handler_Null', 'Horde_Log_Logger', 'Horde_Stream', 'Horde_Stream_Existing', 'Horde_String',
    'Horde_Support_Inflector', 'Horde_Support_Stub', 'Horde_Support_Timer', 'Horde_Support_Uuid',
] as $class) {
    class_exists($class);
}
