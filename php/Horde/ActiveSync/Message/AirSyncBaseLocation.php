<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * A place (EAS 16.0, MS-ASAIRS Location): display name, address and
 * coordinates.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_AirSyncBaseLocation extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        Horde_ActiveSync::AIRSYNCBASE_ACCURACY         => array(self::KEY_ATTRIBUTE => 'accuracy'),
        Horde_ActiveSync::AIRSYNCBASE_ALTITUDE         => array(self::KEY_ATTRIBUTE => 'altitude'),
        Horde_ActiveSync::AIRSYNCBASE_ALTITUDEACCURACY => array(self::KEY_ATTRIBUTE => 'altitudeaccuracy'),
        Horde_ActiveSync::AIRSYNCBASE_ANNOTATION       => array(self::KEY_ATTRIBUTE => 'annotation'),
        Horde_ActiveSync::AIRSYNCBASE_CITY             => array(self::KEY_ATTRIBUTE => 'city'),
        Horde_ActiveSync::AIRSYNCBASE_COUNTRY          => array(self::KEY_ATTRIBUTE => 'country'),
        Horde_ActiveSync::AIRSYNCBASE_DISPLAYNAME      => array(self::KEY_ATTRIBUTE => 'displayname'),
        Horde_ActiveSync::AIRSYNCBASE_LATITUDE         => array(self::KEY_ATTRIBUTE => 'latitude'),
        Horde_ActiveSync::AIRSYNCBASE_LOCATIONURI      => array(self::KEY_ATTRIBUTE => 'locationuri'),
        Horde_ActiveSync::AIRSYNCBASE_LONGITUDE        => array(self::KEY_ATTRIBUTE => 'longitude'),
        Horde_ActiveSync::AIRSYNCBASE_POSTALCODE       => array(self::KEY_ATTRIBUTE => 'postalcode'),
        Horde_ActiveSync::AIRSYNCBASE_STATE            => array(self::KEY_ATTRIBUTE => 'state'),
        Horde_ActiveSync::AIRSYNCBASE_STREET           => array(self::KEY_ATTRIBUTE => 'street'),
    );

    protected $_properties = array(
        'accuracy'         => false,
        'altitude'         => false,
        'altitudeaccuracy' => false,
        'annotation'       => false,
        'city'             => false,
        'country'          => false,
        'displayname'      => false,
        'latitude'         => false,
        'locationuri'      => false,
        'longitude'        => false,
        'postalcode'       => false,
        'state'            => false,
        'street'           => false,
    );

    /**
     * @return string  (Horde gives the file attachment's class name here.)
     */
    public function getClass()
    {
        return 'AirSyncBaseFileAttachment';
    }

    /**
     * As the file attachment's (Horde copied it): ItemOperations:Data in
     * base64. A location has no such tag.
     */
    protected function _checkEncoding($data, $tag)
    {
        if ($tag != 'ItemOperations:Data') {
            return $data;
        }
        if (!is_resource($data)) {
            return base64_encode($data);
        }
        $encoded = fopen('php://temp', 'r+');
        rewind($data);
        $filter = stream_filter_append($encoded, 'convert.base64-encode', STREAM_FILTER_WRITE);
        stream_copy_to_stream($data, $encoded);
        stream_filter_remove($filter);
        rewind($encoded);
        return $encoded;
    }
}
