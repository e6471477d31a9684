<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * MeetingResponse (MS-ASCMD 2.2.1.11): accept, tentatively accept or
 * decline meeting requests (16.0: SendResponse, instances; 16.1: proposed
 * new times).
 *
 * @package ActiveSync
 * @internal
 */
class Horde_ActiveSync_Request_MeetingResponse extends Horde_ActiveSync_Request_SyncBase
{
    const MEETINGRESPONSE_CALENDARID        = 'MeetingResponse:CalendarId';
    const MEETINGRESPONSE_FOLDERID          = 'MeetingResponse:FolderId';
    const MEETINGRESPONSE_MEETINGRESPONSE   = 'MeetingResponse:MeetingResponse';
    const MEETINGRESPONSE_REQUESTID         = 'MeetingResponse:RequestId';
    const MEETINGRESPONSE_REQUEST           = 'MeetingResponse:Request';
    const MEETINGRESPONSE_RESULT            = 'MeetingResponse:Result';
    const MEETINGRESPONSE_STATUS            = 'MeetingResponse:Status';
    const MEETINGRESPONSE_USERRESPONSE      = 'MeetingResponse:UserResponse';
    const MEETINGRESPONSE_VERSION           = 'MeetingResponse:Version';
    const MEETINGRESPONSE_INSTANCEID        = 'MeetingResponse:InstanceId';
    const MEETINGRESPONSE_SENDRESPONSE      = 'MeetingResponse:SendResponse';
    const MEETINGRESPONSE_PROPOSEDSTARTTIME = 'MeetingResponse:ProposedStartTime';
    const MEETINGRESPONSE_PROPOSEDENDTIME   = 'MeetingResponse:ProposedEndTime';

    const RESPONSE_ACCEPTED               = 1;
    const RESPONSE_TENTATIVE              = 2;
    const RESPONSE_DECLINED               = 3;

    const STATUS_SUCCESS                  = 1;
    const STATUS_INVALID_REQUEST          = 2;
    const STATUS_STATE_ERROR              = 3;
    const STATUS_SERVER_ERROR             = 4;

    /**
     * @return boolean
     * @throws Horde_ActiveSync_Exception_InvalidRequest
     */
    protected function _handle()
    {
        if (!$this->checkPolicyKey($this->_activeSync->getPolicyKey(), self::MEETINGRESPONSE_MEETINGRESPONSE)) {
            return true;
        }
        if (!$this->_decoder->getElementStartTag(self::MEETINGRESPONSE_MEETINGRESPONSE)) {
            throw new Horde_ActiveSync_Exception_InvalidRequest('No MeetingResponse.');
        }
        $requests = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            if ($tag != self::MEETINGRESPONSE_REQUEST) {
                $this->_skipElement();
                continue;
            }
            $requests[] = $this->_parseRequest();
        }

        $this->_encoder->startWBXML();
        $this->_encoder->startTag(self::MEETINGRESPONSE_MEETINGRESPONSE);
        foreach ($requests as $req) {
            $uid = null;
            if (!empty($req['invalid'])) {
                $status = self::STATUS_INVALID_REQUEST;
            } else {
                try {
                    $uid = $this->_driver->meetingResponse($req);
                    $status = self::STATUS_SUCCESS;
                } catch (Horde_Exception_NotFound $e) {
                    $status = self::STATUS_SERVER_ERROR;
                } catch (Horde_ActiveSync_Exception $e) {
                    // Outlook sometimes names the calendar instead of the
                    // mailbox that holds the request: try the INBOX once.
                    try {
                        $req['folderid'] = 'INBOX';
                        $uid = $this->_driver->meetingResponse($req);
                        $status = self::STATUS_SUCCESS;
                    } catch (Exception $e) {
                        $this->_logger->err('Meeting request unable to be located.');
                        $status = self::STATUS_INVALID_REQUEST;
                    }
                }
            }
            $this->_encoder->startTag(self::MEETINGRESPONSE_RESULT);
            if (isset($req['requestid'])) {
                $this->_element(self::MEETINGRESPONSE_REQUESTID, $req['requestid']);
            } elseif (isset($req['longid'])) {
                $this->_element(Horde_ActiveSync_Request_Search::SEARCH_LONGID, $req['longid']);
            }
            $this->_element(self::MEETINGRESPONSE_STATUS, $status);
            if ($status == self::STATUS_SUCCESS && $uid) {
                $this->_element(self::MEETINGRESPONSE_CALENDARID, $uid);
            }
            $this->_encoder->endTag();
        }
        $this->_encoder->endTag();
        return true;
    }

    protected function _parseRequest()
    {
        $req = [];
        $open = $this->_enter();
        while ($open && ($tag = $this->_nextChild()) !== null) {
            switch ($tag) {
            case self::MEETINGRESPONSE_USERRESPONSE:
                $req['response'] = $this->_content();
                break;
            case self::MEETINGRESPONSE_FOLDERID:
                $folder = $this->_content();
                try {
                    $req['folderid'] = $this->_activeSync->getCollectionsObject()->getBackendIdForFolderUid($folder);
                } catch (Horde_ActiveSync_Exception_FolderGone $e) {
                    $req['invalid'] = true;
                }
                break;
            case self::MEETINGRESPONSE_REQUESTID:
                $req['requestid'] = $this->_content();
                break;
            case self::MEETINGRESPONSE_INSTANCEID:
                $req['instanceid'] = $this->_content();
                break;
            case Horde_ActiveSync_Request_Search::SEARCH_LONGID:
                $req['longid'] = $this->_content();
                break;
            case self::MEETINGRESPONSE_PROPOSEDSTARTTIME:
                $req['proposedstarttime'] = $this->_content();
                break;
            case self::MEETINGRESPONSE_PROPOSEDENDTIME:
                $req['proposedendtime'] = $this->_content();
                break;
            case self::MEETINGRESPONSE_SENDRESPONSE:
                // Empty: send the response mail; else its body.
                if (!$this->_enter()) {
                    $req['sendresponse'] = true;
                    break;
                }
                $req['sendresponse'] = true;
                while (($inner = $this->_nextChild()) !== null) {
                    if ($inner == Horde_ActiveSync::AIRSYNCBASE_BODY && $this->_enter()) {
                        $body = Horde_ActiveSync::messageFactory('AirSyncBaseBody');
                        $body->decodeStream($this->_decoder);
                        if (!$this->_decoder->getElementEndTag()) {
                            throw new Horde_ActiveSync_Exception_InvalidRequest('Body not closed.');
                        }
                        $req['sendresponse'] = $body;
                    } else {
                        $this->_skipElement();
                    }
                }
                break;
            default:
                $this->_skipElement();
            }
        }
        if (!isset($req['response']) || !in_array((string)$req['response'], ['1', '2', '3'], true)
            || (!isset($req['requestid']) && !isset($req['longid']))) {
            $req['invalid'] = true;
        }
        return $req;
    }

    protected function _element($tag, $content)
    {
        $this->_encoder->startTag($tag);
        $this->_encoder->content($content);
        $this->_encoder->endTag();
    }
}
