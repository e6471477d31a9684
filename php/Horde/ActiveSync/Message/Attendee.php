<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * An attendee of a calendar item (MS-ASCAL Attendee). From EAS 16.1 an
 * attendee may carry a proposed new time (MeetingResponse
 * ProposedStartTime/ProposedEndTime); with $clearProposedTimes set, empty
 * elements tell the client the proposal is gone.
 *
 * @property string  $email
 * @property string  $name
 * @property integer $status  A STATUS_* constant.
 * @property integer $type    A TYPE_* constant.
 * @property Horde_Date $proposedstarttime
 * @property Horde_Date $proposedendtime
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Message_Attendee extends Horde_ActiveSync_Message_Base
{
    /* Attendee types */
    const TYPE_REQUIRED     = 1;
    const TYPE_OPTIONAL     = 2;
    const TYPE_RESOURCE     = 3;

    /* Attendee status */
    const STATUS_UNKNOWN    = 0;
    const STATUS_TENTATIVE  = 2;
    const STATUS_ACCEPT     = 3;
    const STATUS_DECLINE    = 4;
    const STATUS_NORESPONSE = 5;

    /**
     * Write empty proposed-time elements (EAS 16.1) instead of values, to
     * clear a proposal the client has.
     *
     * @var boolean
     */
    public $clearProposedTimes = false;

    protected $_mapping = array(
        Horde_ActiveSync_Message_Appointment::POOMCAL_EMAIL          => array(self::KEY_ATTRIBUTE => 'email'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_NAME           => array(self::KEY_ATTRIBUTE => 'name'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ATTENDEESTATUS => array(self::KEY_ATTRIBUTE => 'status'),
        Horde_ActiveSync_Message_Appointment::POOMCAL_ATTENDEETYPE   => array(self::KEY_ATTRIBUTE => 'type'),
        'MeetingResponse:ProposedStartTime'                          => array(self::KEY_ATTRIBUTE => 'proposedstarttime', self::KEY_TYPE => self::TYPE_DATE),
        'MeetingResponse:ProposedEndTime'                            => array(self::KEY_ATTRIBUTE => 'proposedendtime', self::KEY_TYPE => self::TYPE_DATE),
    );

    protected $_properties = array(
        'email'             => false,
        'name'              => false,
        'status'            => false,
        'type'              => false,
        'proposedstarttime' => false,
        'proposedendtime'   => false,
    );

    /**
     * An EAS 16.0 client does not send an attendee's status.
     *
     * @return boolean
     */
    protected function _validateDecodedValues()
    {
        return !($this->_version == Horde_ActiveSync::VERSION_SIXTEEN && !empty($this->_properties['status']));
    }

    /**
     * The proposed times are written empty while clearing them (EAS 16.1).
     */
    protected function _checkSendEmpty($tag)
    {
        return $this->clearProposedTimes &&
            $this->_version >= Horde_ActiveSync::VERSION_SIXTEENONE &&
            ($tag == 'MeetingResponse:ProposedStartTime' || $tag == 'MeetingResponse:ProposedEndTime');
    }
}
