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
}
