<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

/**
 * Global status codes of EAS 12.1 and later (MS-ASCMD 2.2.2), valid in the
 * Status element of any command response.
 *
 * @package ActiveSync
 */
class Horde_ActiveSync_Status
{
    const INVALID_CONTENT                     = 101;
    const INVALID_WBXML                       = 102;
    const INVALID_XML                         = 103;
    const INVALID_DATETIME                    = 104;
    const INVALID_COMBINATIONOFIDS            = 105;
    const INVALID_IDS                         = 106;
    const INVALID_MIME                        = 107;
    const INVALID_DEVICEID                    = 108;
    const INVALID_DEVICETYPE                  = 109;
    const SERVER_ERROR                        = 110;
    const SERVER_ERROR_RETRY                  = 111;
    const MAILBOX_QUOTA_EXCEEDED              = 113;
    const MAILBOX_OFFLINE                     = 114;
    const SEND_QUOTA_EXCEEDED                 = 115;
    const RECIPIENT_UNRESOLVED                = 116;
    const DUPLICATE_MESSAGE                   = 118;
    const NO_RECIPIENT                        = 119;
    const MAIL_SUBMISSION_FAILED              = 120;
    const MAIL_REPLY_FAILED                   = 121;
    const ATT_TOO_LARGE                       = 122;
    const NO_MAILBOX                          = 123;
    const SYNC_NOT_ALLOWED                    = 126;
    const DEVICE_BLOCKED_FOR_USER             = 129;
    const DENIED                              = 130;
    const DISABLED                            = 131;
    const STATEFILE_NOT_FOUND                 = 132;
    const STATEVERSION_INVALID                = 136;
    const DEVICE_NOT_FULLY_PROVISIONABLE      = 139;
    const REMOTEWIPE_REQUESTED                = 140;
    const LEGACY_DEVICE_STRICT_POLICY         = 141;
    const DEVICE_NOT_PROVISIONED              = 142;
    const POLICY_REFRESH                      = 143;
    const INVALID_POLICY_KEY                  = 144;
    const EXTERNALLY_MANAGED_DEVICES_NOT_ALLOWED = 145;
    const UNEXPECTED_ITEM_CLASS               = 147;
    const INVALID_STORED_REQUEST              = 149;
    const ITEM_NOT_FOUND                      = 150;
    const TOO_MANY_FOLDERS                    = 151;
    const NO_FOLDERS_FOUND                    = 152;
    const ITEMS_LOST_AFTER_MOVE               = 153;
    const FAILURE_IN_MOVE_OPERATION           = 154;
    const MOVE_INVALID_DESTINATION            = 156;
    const AVAILABILITY_TOO_MANY_RECIPIENTS    = 160;
    const AVAILABILITY_TRANSIENT_FAILURE      = 162;
    const AVAILABILITY_FAILURE                = 163;
    const AVAILABILITY_SUCCESS                = 1;
    const DEVICE_INFORMATION_REQUIRED         = 165;
    const INVALID_ACCOUNT_ID                  = 166;
    const IRM_DISABLED                        = 168;
    const PICTURE_SUCCESS                     = 1;
    const NO_PICTURE                          = 173;
    const PICTURE_TOO_LARGE                   = 174;
    const PICTURE_LIMIT_REACHED               = 175;
    const BODYPART_CONVERSATION_TOO_LARGE     = 176;
    const MAXIMUM_DEVICES_REACHED             = 177;
}
