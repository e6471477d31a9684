<?php
/**
 * The horde_activesync_* tables as Horde's migrations 1 to 23 leave them.
 *
 * A database Horde's PHP engine already migrated to version 23 skips this
 * step; a new database starts here. Every table is created only if missing.
 * (Databases at a Horde schema older than 23 must first be brought to 23 by
 * Horde's own migrations.)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class HordeActivesyncSchema extends Horde_Db_Migration_Base
{
    public function up()
    {
        $tables = $this->tables();
        $string = ['limit' => 255];
        $required = ['limit' => 255, 'null' => false];

        if (!in_array('horde_activesync_state', $tables)) {
            $t = $this->createTable('horde_activesync_state', ['autoincrementKey' => false]);
            $t->column('sync_mod', 'integer');
            $t->column('sync_key', 'string', $required);
            $t->column('sync_data', 'binary');
            $t->column('sync_devid', 'string', $string);
            $t->column('sync_folderid', 'string', $string);
            $t->column('sync_user', 'string', $string);
            $t->column('sync_pending', 'mediumtext');
            $t->column('sync_timestamp', 'integer');
            $t->primaryKey(['sync_key']);
            $t->end();
            $this->addIndex('horde_activesync_state', ['sync_folderid']);
            $this->addIndex('horde_activesync_state', ['sync_devid']);
        }
        if (!in_array('horde_activesync_map', $tables)) {
            $t = $this->createTable('horde_activesync_map', ['autoincrementKey' => false]);
            $t->column('message_uid', 'string', $required);
            $t->column('sync_modtime', 'integer');
            $t->column('sync_key', 'string', $required);
            $t->column('sync_devid', 'string', $required);
            $t->column('sync_folderid', 'string', $required);
            $t->column('sync_user', 'string', $string);
            $t->column('sync_clientid', 'string', $string);
            $t->column('sync_deleted', 'boolean');
            $t->end();
            $this->addIndex('horde_activesync_map', ['sync_devid']);
            $this->addIndex('horde_activesync_map', ['message_uid']);
            $this->addIndex('horde_activesync_map', ['sync_user']);
        }
        if (!in_array('horde_activesync_mailmap', $tables)) {
            $t = $this->createTable('horde_activesync_mailmap', ['autoincrementKey' => false]);
            $t->column('message_uid', 'integer', ['null' => false, 'default' => 0]);
            $t->column('sync_key', 'string', $required);
            $t->column('sync_devid', 'string', $required);
            $t->column('sync_folderid', 'string', $required);
            $t->column('sync_user', 'string', $string);
            foreach (['sync_read', 'sync_deleted', 'sync_flagged', 'sync_changed'] as $flag) {
                $t->column($flag, 'boolean');
            }
            $t->column('sync_category', 'string', $string);
            $t->column('sync_draft', 'boolean');
            $t->end();
            $this->addIndex('horde_activesync_mailmap', ['message_uid']);
            $this->addIndex('horde_activesync_mailmap', ['sync_devid']);
            $this->addIndex('horde_activesync_mailmap', ['sync_folderid']);
        }
        if (!in_array('horde_activesync_device', $tables)) {
            $t = $this->createTable('horde_activesync_device', ['autoincrementKey' => false]);
            $t->column('device_id', 'string', $required);
            $t->column('device_type', 'string', $required);
            $t->column('device_agent', 'string', $required);
            $t->column('device_supported', 'text');
            $t->column('device_rwstatus', 'integer');
            $t->column('device_properties', 'text');
            $t->primaryKey(['device_id']);
            $t->end();
        }
        if (!in_array('horde_activesync_device_users', $tables)) {
            $t = $this->createTable('horde_activesync_device_users', ['autoincrementKey' => false]);
            $t->column('device_id', 'string', $required);
            $t->column('device_user', 'string', $required);
            $t->column('device_policykey', 'bigint', ['default' => 0]);
            $t->end();
            $this->addIndex('horde_activesync_device_users', ['device_user']);
            $this->addIndex('horde_activesync_device_users', ['device_id']);
        }
        if (!in_array('horde_activesync_cache', $tables)) {
            $t = $this->createTable('horde_activesync_cache', ['autoincrementKey' => false]);
            $t->column('cache_devid', 'string', $string);
            $t->column('cache_user', 'string', $string);
            $t->column('cache_data', 'mediumtext');
            $t->end();
            $this->addIndex('horde_activesync_cache', ['cache_devid']);
            $this->addIndex('horde_activesync_cache', ['cache_user']);
        }
    }

    public function down()
    {
        foreach (['cache', 'device_users', 'device', 'mailmap', 'map', 'state'] as $table) {
            $this->dropTable('horde_activesync_' . $table);
        }
    }
}
