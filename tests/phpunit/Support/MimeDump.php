<?php
/**
 * A comparable picture of a Horde_Mime_Part tree and of mail objects, the
 * same in our process and in the oracle's (tests/oracle/mail.php), which
 * both load this file.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

final class MimeDump
{
    /** Every part: id, type and parameters, encodings, names, contents. */
    public static function part(\Horde_Mime_Part $base): array
    {
        $cte = new \ReflectionProperty(\Horde_Mime_Part::class, '_transferEncoding');
        $cte->setAccessible(true);
        $out = [];
        foreach ($base->partIterator() as $part) {
            $contents = $part->getContents(['stream' => false]);
            $out[] = [
                'id' => $part->getMimeId(),
                'type' => $part->getType(),
                'ctparams' => $part->getAllContentTypeParameters(),
                'cte' => $cte->getValue($part),
                'description' => $part->getDescription(),
                'disposition' => $part->getDisposition(),
                'dparams' => $part->getAllDispositionParameters(),
                'duration' => $part->getDuration(),
                'cid' => $part->getContentId(),
                'charset' => $part->getCharset(),
                'name' => $part->getName(),
                'parts' => count($part->getParts()),
                'contents' => $contents === false || $contents === null ? null : base64_encode($contents),
            ];
        }
        // random boundaries Horde gives multiparts that have none
        foreach ($out as &$p) {
            if (isset($p['ctparams']['boundary']) && strncmp($p['ctparams']['boundary'], '=_', 2) === 0 &&
                strlen($p['ctparams']['boundary']) > 20) {
                $p['ctparams']['boundary'] = '(random)';
            }
        }
        return $out;
    }

    /** Headers as an array, without the values that change on every run. */
    public static function headers(\Horde_Mime_Headers $h): array
    {
        $a = $h->toArray(['charset' => 'UTF-8']);
        foreach (['Message-ID', 'User-Agent', 'Date'] as $random) {
            if (isset($a[$random])) {
                $a[$random] = '(set)';
            }
        }
        if (isset($a['Content-Type'])) {
            $a['Content-Type'] = preg_replace('/boundary="=_[A-Za-z0-9_-]{20,}"/', 'boundary=(random)', $a['Content-Type']);
        }
        return $a;
    }

    /** What Horde_ActiveSync_Rfc822 gives for a document. */
    public static function rfc822(string $doc, bool $addHeaders): array
    {
        $r = new \Horde_ActiveSync_Rfc822($doc, $addHeaders);
        $out = [
            'headers' => self::headers($r->getHeaders()),
            'message' => base64_encode(stream_get_contents($r->getMessage()->stream)),
            'bytes' => $r->getBytes(),
        ];
        try {
            $out['mime'] = self::part($r->getMimeObject());
        } catch (\Throwable $e) {
            $out['mime'] = get_class($e);
        }
        $string = stream_get_contents($r->getString());
        $out['string'] = $addHeaders ? strlen($string) > 0 : base64_encode($string);
        return $out;
    }

    /** What Horde_ActiveSync_Mime and its iterator say about a message. */
    public static function mime(\Horde_Mime_Part $part): array
    {
        $mime = new \Horde_ActiveSync_Mime($part);
        $out = [
            'body' => $mime->findBody(),
            'plain' => $mime->findBody('plain'),
            'html' => $mime->findBody('html'),
            'attachments' => $mime->hasAttachments(),
            'ical' => $mime->hasiCalendar(),
            'signed' => $mime->isSigned(),
            'encrypted' => (bool)$mime->isEncrypted(),
            'map' => [],
        ];
        foreach ($part->contentTypeMap() as $id => $type) {
            $out['map'][$id] = [$type, $mime->isAttachment($id, $type)];
        }
        foreach ([false, true] as $ignore) {
            $it = new \Horde_ActiveSync_Mime_Iterator($part, $ignore);
            $out['walk'][] = array_keys(iterator_to_array($it));
            $out['count'][] = count($it);
        }
        return $out;
    }

    /** An IMAP client from EAS_TEST_IMAP ("host=... port=... username=... password=..."). */
    public static function imapClient(string $spec): \Horde_Imap_Client_Socket
    {
        $p = [];
        foreach (preg_split('/\s+/', trim($spec)) as $pair) {
            [$k, $v] = explode('=', $pair, 2) + [1 => ''];
            $p[$k] = $v;
        }
        return new \Horde_Imap_Client_Socket(['hostspec' => $p['host'], 'port' => (int)$p['port'],
            'username' => $p['username'], 'password' => $p['password'], 'secure' => false]);
    }

    /** FETCH data as Horde's Imap_Adapter gets it for building mail. */
    public static function fetch(\Horde_Imap_Client_Base $imap, string $mbox, array $uids): array
    {
        $query = new \Horde_Imap_Client_Fetch_Query();
        $query->structure();
        $query->flags();
        $query->envelope();
        $query->headerText(['peek' => true]);
        $out = [];
        foreach ($imap->fetch($mbox, $query, ['ids' => new \Horde_Imap_Client_Ids($uids)]) as $uid => $data) {
            $out[$uid] = $data;
        }
        return $out;
    }

    /** What Horde_ActiveSync_Imap_Message and its body data give for a message. */
    public static function imapMessage(\Horde_Imap_Client_Base $imap, string $mbox, \Horde_Imap_Client_Data_Fetch $data,
                                       array $options): array
    {
        $msg = new \Horde_ActiveSync_Imap_Message($imap, new \Horde_Imap_Client_Mailbox($mbox), $data);
        $out = ['uid' => $msg->uid, 'map' => $msg->contentTypeMap(), 'attachments' => $msg->hasAttachments(),
                'signed' => $msg->isSigned(), 'encrypted' => (bool)$msg->isEncrypted(),
                'to' => $msg->getToAddresses(), 'subject' => $msg->getSubject(),
                'date' => (string)$msg->getDate(), 'forward' => $msg->getForwardHeaders(),
                'seen' => $msg->getFlag('\\seen')];
        foreach (['from' => 'getFromAddress', 'cc' => 'getCc', 'replyto' => 'getReplyTo'] as $k => $getter) {
            try {
                $out[$k] = $msg->$getter();
            } catch (\Throwable $e) {
                $out[$k] = get_class($e);
            }
        }
        $ical = $msg->hasiCalendar();
        $out['ical'] = $ical ? base64_encode($ical->getContents()) : false;
        $names = [];
        foreach ($msg->contentTypeMap() as $id => $type) {
            if ($msg->isAttachment($id, $type)) {
                $part = $msg->getMimePart($id, ['nocontents' => true]);
                $names[$id] = [$msg->getPartName($part, true), $part->getBytes(true)];
            }
        }
        $out['names'] = $names;
        // the EAS attachment objects: Attachment for 2.5, AirSyncBaseAttachment after
        foreach (['2.5', '14.1'] as $version) {
            try {
                $out['eas_attachments'][$version] = self::message($msg->getAttachments($version));
            } catch (\Throwable $e) {
                $out['eas_attachments'][$version] = get_class($e) . ': ' . $e->getMessage();
            }
        }
        try {
            $mbd = $msg->getMessageBodyDataObject($options);
            $out['native'] = $mbd->nativeBodyType;
            $out['pref'] = $mbd->getBodyTypePreference();
            $out['pref_bw'] = $mbd->getBodyTypePreference(true);
            foreach (['plain', 'html', 'bodyPart'] as $k) {
                $v = $mbd->$k;
                if ($v) {
                    $v['body'] = base64_encode($v['body']->getString(0));
                }
                $out[$k] = $v;
            }
        } catch (\Throwable $e) {
            $out['error'] = get_class($e) . ': ' . $e->getMessage();
        }
        return $out;
    }

    /**
     * The adapter's factory over one client (Horde_Core's driver gives the
     * adapter such an object), mapping the keyword $label1 to a category.
     */
    public static function factory(\Horde_Imap_Client_Base $imap): \Horde_ActiveSync_Interface_ImapFactory
    {
        return new class($imap) implements \Horde_ActiveSync_Interface_ImapFactory {
            private $imap;

            public function __construct($imap)
            {
                $this->imap = $imap;
            }

            public function getImapOb()
            {
                return $this->imap;
            }

            public function getMailboxes($force = false)
            {
                return [];
            }

            public function getSpecialMailboxes()
            {
                return [];
            }

            public function getMsgFlags()
            {
                return ['$label1' => 'Important', '$label2' => 'Work'];
            }
        };
    }

    /**
     * Message_Mail objects as the adapter builds them for a Sync (one
     * getMessages() call per UID, so that one failure does not hide the
     * others): uid => the message, or the Throwable it ended with.
     * Horde_Mime's default charsets, which the adapter changes for the
     * process, are restored.
     */
    public static function buildMails(\Horde_Imap_Client_Base $imap, string $mbox, array $uids, array $options): array
    {
        $charsets = [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset];
        $version = new \ReflectionProperty('Horde_ActiveSync', '_version');
        $version->setAccessible(true);
        $before = $version->getValue();
        $version->setValue(null, $options['protocolversion'] ?? '2.5');
        $out = [];
        try {
            $adapter = new \Horde_ActiveSync_Imap_Adapter(['factory' => self::factory($imap)]);
            foreach ($uids as $uid) {
                try {
                    $out[$uid] = current($adapter->getMessages($mbox, [$uid], $options)) ?: new \RuntimeException('no message');
                } catch (\Throwable $e) {
                    $out[$uid] = $e;
                }
            }
        } finally {
            $version->setValue(null, $before);
            [\Horde_Mime_Part::$defaultCharset, \Horde_Mime_Headers::$defaultCharset] = $charsets;
        }
        return $out;
    }

    /**
     * A message object as comparable data: class, property values (dates
     * with their zone, streams read and put back where they were, binary
     * as base64), which properties were set. Reading does not change what
     * encoding will write.
     */
    public static function message($m, int $depth = 0)
    {
        if ($depth > 8) {
            return '@deep';
        }
        if (is_array($m)) {
            $out = [];
            foreach ($m as $k => $v) {
                $out[$k] = self::message($v, $depth + 1);
            }
            return $out;
        }
        if ($m instanceof \Horde_ActiveSync_Message_Base) {
            $read = function ($name) {
                return $this->$name;
            };
            return ['class' => get_class($m),
                    'properties' => self::message(\Closure::bind($read, $m, get_class($m))('_properties'), $depth + 1),
                    'exists' => \Closure::bind($read, $m, get_class($m))('_exists')];
        }
        if ($m instanceof \Horde_Date) {
            return ['@date' => $m->format('Y-m-d H:i:s'), 'tz' => $m->timezone];
        }
        if (is_object($m)) {
            return ['@object' => get_class($m)];
        }
        if (is_resource($m)) {
            $at = ftell($m);
            rewind($m);
            $data = stream_get_contents($m);
            fseek($m, $at);
            return ['@stream' => base64_encode($data), 'at' => $at];
        }
        if (gettype($m) === 'resource (closed)') {
            return ['@closed' => true];
        }
        if (is_string($m) && !mb_check_encoding($m, 'UTF-8')) {
            return ['@binary' => base64_encode($m)];
        }
        return $m;
    }

    /** A message's WBXML inside <Data>, as a Sync response writes it. */
    public static function wbxml(\Horde_ActiveSync_Message_Base $m): string
    {
        $out = fopen('php://memory', 'w+');
        $encoder = new \Horde_ActiveSync_Wbxml_Encoder($out);
        $encoder->startTag(\Horde_ActiveSync::SYNC_DATA);
        $m->encodeStream($encoder);
        $encoder->endTag();
        rewind($out);
        return stream_get_contents($out);
    }

    /**
     * What each side compares of a built message: its picture before
     * encoding, its WBXML, or the error.
     */
    public static function builtMail($m): array
    {
        if ($m instanceof \Throwable) {
            return ['error' => get_class($m) . ': ' . $m->getMessage()];
        }
        $dump = self::message($m);
        try {
            return ['dump' => $dump, 'wbxml' => base64_encode(self::wbxml($m))];
        } catch (\Throwable $e) {
            return ['dump' => $dump, 'error' => 'encode: ' . get_class($e) . ': ' . $e->getMessage()];
        }
    }
}
