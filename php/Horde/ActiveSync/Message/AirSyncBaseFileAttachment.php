<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Attachment content in an ItemOperations Fetch response. Data is sent
 * base64 encoded, unless the response is multipart.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_AirSyncBaseFileAttachment extends Horde_ActiveSync_Message_Base
{
    protected $_mapping = array(
        'ItemOperations:Data'                     => array(self::KEY_ATTRIBUTE => 'data'),
        'ItemOperations:Range'                    => array(self::KEY_ATTRIBUTE => 'range'),
        'ItemOperations:Total'                    => array(self::KEY_ATTRIBUTE => 'total'),
        Horde_ActiveSync::AIRSYNCBASE_CONTENTTYPE => array(self::KEY_ATTRIBUTE => 'contenttype'),
    );

    protected $_properties = array(
        'range'       => false,
        'total'       => false,
        'contenttype' => false,
        'data'        => false,
    );

    public function getClass()
    {
        return 'AirSyncBaseFileAttachment';
    }

    /**
     * ItemOperations:Data is base64 text; a stream comes back as a
     * php://temp stream of its base64 encoding.
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
        $filter = stream_filter_append($encoded, 'convert.base64-encode', STREAM_FILTER_WRITE);
        rewind($data);
        while (!feof($data)) {
            fwrite($encoded, fread($data, 8192));
        }
        stream_filter_remove($filter);
        rewind($encoded);
        return $encoded;
    }
}
