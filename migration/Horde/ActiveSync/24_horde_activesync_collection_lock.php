<?php
/**
 * One row per (user, device, collection) that a request is changing: the
 * lock that keeps two parallel requests of one device from both advancing
 * or overwriting a collection's state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
class HordeActivesyncCollectionLock extends Horde_Db_Migration_Base
{
    public function up()
    {
        if (in_array('horde_activesync_collection_lock', $this->tables())) {
            return;
        }
        $t = $this->createTable('horde_activesync_collection_lock', ['autoincrementKey' => false]);
        $t->column('sync_user', 'string', ['limit' => 255, 'null' => false]);
        $t->column('sync_devid', 'string', ['limit' => 255, 'null' => false]);
        $t->column('sync_folderid', 'string', ['limit' => 255, 'null' => false]);
        $t->column('lock_token', 'bigint', ['null' => false]);
        $t->column('lock_time', 'integer', ['null' => false]);
        $t->primaryKey(['sync_user', 'sync_devid', 'sync_folderid']);
        $t->end();
    }

    public function down()
    {
        $this->dropTable('horde_activesync_collection_lock');
    }
}
