<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Rfc822;
use Horde_Exception_NotFound;
use Horde_Imap_Client;
use Horde_Imap_Client_Exception;
use Horde_Imap_Client_Fetch_Query;
use Horde_Imap_Client_Ids;
use Horde_Imap_Client_Mailbox;
use Horde_Mail_Rfc822_Address;
use Horde_Mail_Rfc822_List;
use Horde_Mime_Headers;
use Horde_Mime_Part;
use Horde_Smtp_Exception;

/**
 * The embedded server's outgoing mail: what a device hands to SendMail,
 * SmartReply or SmartForward goes to an SMTP (or LMTP) server, with the
 * original message quoted or attached for the smart commands, and a copy
 * lands in the Sent mailbox.
 *
 * MS-ASCMD leaves the shape of the smart commands to the server: a reply
 * gets the original's text quoted below the device's text (plain and
 * HTML bodies alike), a forward gets the original message attached whole
 * (message/rfc822, its attachments with it), unless the device says it
 * already included the original (ReplaceMime).
 *
 * @package ActiveSync
 */
class Mailer
{
    /** Quoted text of an original is cut here, in characters. */
    const QUOTE_LIMIT = 102400;

    /**
     * @var array  host, port, secure, lmtp, username, password, localhost,
     *             maxsize.
     */
    protected $_config;

    /** @var array  name, email, fullname of the sender. */
    protected $_user;

    /** @var ImapFactory|null */
    protected $_imap;

    /** @var \Horde_Log_Logger|object */
    protected $_logger;

    /**
     * @param array $config         SMTP settings: host (default localhost),
     *                              port (25, or 24 with lmtp), secure
     *                              (false, 'ssl', 'tls'), lmtp (deliver
     *                              by LMTP), username and password (else
     *                              the device's credentials when the server
     *                              asks for them), maxsize (bytes, default
     *                              25 MiB).
     * @param array $user           name, email, fullname.
     * @param string $password      The device's password.
     * @param ImapFactory|null $imap  For the originals and the Sent copy.
     */
    public function __construct(array $config, array $user, $password, ImapFactory $imap = null, $logger = null)
    {
        $this->_config = $config + [
            'host' => 'localhost', 'port' => empty($config['lmtp']) ? 25 : 24, 'secure' => false,
            'lmtp' => false, 'username' => $user['name'], 'password' => $password,
            'maxsize' => 25 * 1024 * 1024,
        ];
        $this->_user = $user;
        $this->_imap = $imap;
        $this->_logger = $logger ?: new NullLogger();
    }

    /**
     * Sends a message.
     *
     * @param string|resource $raw  The message as the device wrote it.
     * @param array $options
     *   - reply:       [mailbox, uid] of the message answered (SmartReply).
     *   - forward:     [mailbox, uid] of the message forwarded (SmartForward).
     *   - replacemime: (bool) The device included the original itself.
     *   - forwardees:  Horde_ActiveSync_Message_Forwardee[] (EAS 16):
     *                  more recipients of a forward.
     *   - save:        (bool) Keep a copy in the Sent mailbox (default true).
     *
     * @throws Horde_ActiveSync_Exception      Not sent (status 120).
     * @throws Horde_Exception_NotFound        The original is gone (150).
     */
    public function send($raw, array $options = [])
    {
        $options += ['reply' => null, 'forward' => null, 'replacemime' => false, 'forwardees' => [],
                     'save' => true];
        $this->_checkSize($raw);
        $message = new Horde_ActiveSync_Rfc822($raw);
        $headers = $message->getHeaders();

        if (!$headers->getValue('From')) {
            $headers->addHeader('From', $this->_senderAddress()->writeAddress(['encode' => 'UTF-8']));
        }
        $forwardees = $this->_forwardees($options['forwardees']);
        if (count($forwardees)) {
            $to = new Horde_Mail_Rfc822_List($headers->getValue('To'));
            $to->add($forwardees);
            $headers->removeHeader('To');
            $headers->addHeader('To', $to->writeAddress(['encode' => 'UTF-8']));
        }
        $recipients = $this->_recipients($headers);
        if (!count($recipients)) {
            throw new Horde_ActiveSync_Exception('The message has no recipients.');
        }

        $original = null;
        $source = $options['reply'] ?: $options['forward'];
        if ($source && !$options['replacemime']) {
            $original = $this->_fetchOriginal($source[0], $source[1]);
        }
        if ($original === null) {
            $body = $message->getMessage()->getString();
        } else {
            $part = $message->getMimeObject();
            $part = $options['reply'] ? $this->_quote($part, $original) : $this->_attach($part, $original);
            foreach (['Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition',
                      'Content-Description', 'Content-ID', 'MIME-Version'] as $name) {
                $headers->removeHeader($name);
            }
            // The part's MIME headers join the device's other headers.
            $text = $part->toString(['headers' => $headers, 'canonical' => true, 'encode' => Horde_Mime_Part::ENCODE_7BIT]);
            $body = substr($text, strpos($text, "\r\n\r\n") + 4);
        }

        // Bcc is an envelope matter: recipients never see it, the Sent copy keeps it.
        $sent = clone $headers;
        $sent->removeHeader('Bcc');
        $this->_submit($recipients, $this->_join($sent, $body));

        if ($options['save']) {
            $this->_saveCopy($this->_join($headers, $body));
        }
        if ($source) {
            $this->_markOriginal($source[0], $source[1], $options['reply'] ? Horde_Imap_Client::FLAG_ANSWERED
                : Horde_Imap_Client::FLAG_FORWARDED);
        }
        return true;
    }

    protected function _checkSize($raw)
    {
        if (is_resource($raw)) {
            $stat = fstat($raw);
            $size = isset($stat['size']) ? $stat['size'] : 0;
        } else {
            $size = strlen((string)$raw);
        }
        if ($size > $this->_config['maxsize']) {
            throw new Horde_ActiveSync_Exception(sprintf(
                'The message is %d bytes, more than the %d this server sends.', $size, $this->_config['maxsize']));
        }
    }

    protected function _senderAddress()
    {
        $address = new Horde_Mail_Rfc822_Address($this->_user['email']);
        if (!empty($this->_user['fullname'])) {
            $address->personal = $this->_user['fullname'];
        }
        return $address;
    }

    /**
     * @return Horde_Mail_Rfc822_List  The forwardees' addresses.
     */
    protected function _forwardees(array $forwardees)
    {
        $list = new Horde_Mail_Rfc822_List();
        foreach ($forwardees as $forwardee) {
            if (empty($forwardee->email)) {
                continue;
            }
            $address = new Horde_Mail_Rfc822_Address($forwardee->email);
            if (!empty($forwardee->name)) {
                $address->personal = $forwardee->name;
            }
            $list->add($address);
        }
        return $list;
    }

    /**
     * @return Horde_Mail_Rfc822_List  To, Cc and Bcc, each address once.
     */
    protected function _recipients(Horde_Mime_Headers $headers)
    {
        $list = new Horde_Mail_Rfc822_List();
        foreach (['To', 'Cc', 'Bcc'] as $name) {
            $value = $headers->getValue($name);
            if ($value !== null && $value !== '') {
                $list->add(new Horde_Mail_Rfc822_List($value));
            }
        }
        $list->unique();
        $addresses = new Horde_Mail_Rfc822_List();
        foreach ($list->base_addresses as $address) {
            if ($address->valid) {
                $addresses->add($address);
            }
        }
        return $addresses;
    }

    /**
     * @return string|null  The original message's text; null when there
     *                      is no mail server to take it from.
     * @throws Horde_Exception_NotFound
     */
    protected function _fetchOriginal($mailbox, $uid)
    {
        if (!$this->_imap) {
            return null;
        }
        $query = new Horde_Imap_Client_Fetch_Query();
        $query->fullText(['peek' => true]);
        try {
            $result = $this->_imap->getImapOb()->fetch(new Horde_Imap_Client_Mailbox($mailbox), $query,
                ['ids' => new Horde_Imap_Client_Ids([(int)$uid])]);
        } catch (Horde_Imap_Client_Exception $e) {
            throw new Horde_Exception_NotFound(sprintf('The original message %s:%s: %s', $mailbox, $uid, $e->getMessage()));
        }
        $data = $result->first();
        $text = $data ? $data->getFullMsg(false) : '';
        if ($text === '' || $text === null) {
            throw new Horde_Exception_NotFound(sprintf('The original message %s:%s is gone.', $mailbox, $uid));
        }
        return $text;
    }

    /**
     * A reply: the original's text quoted below the device's text, in the
     * first plain and the first HTML body part.
     */
    protected function _quote(Horde_Mime_Part $part, $original)
    {
        $orig = Horde_Mime_Part::parseMessage($original);
        $origHeaders = Horde_Mime_Headers::parseHeaders($original);
        $plain = $this->_bodyText($orig, 'plain');
        $html = $this->_bodyText($orig, 'html');
        if ($plain === null && $html !== null) {
            $plain = $this->_htmlToText($html);
        }
        $plain = (string)$plain;
        $intro = $this->_intro($origHeaders);

        $done = ['plain' => false, 'html' => false];
        foreach ($part->partIterator() as $p) {
            if ($p->getPrimaryType() !== 'text' || $p->getDisposition() === 'attachment') {
                continue;
            }
            $sub = $p->getSubType();
            if (!isset($done[$sub]) || $done[$sub]) {
                continue;
            }
            $done[$sub] = true;
            $text = $this->_utf8($p->getContents(), $p->getCharset());
            if ($sub === 'plain') {
                $quoted = preg_replace('/^/m', '> ', rtrim(str_replace("\r\n", "\n", $plain), "\n"));
                $text = rtrim($text) . "\n\n" . $intro . "\n" . $quoted . "\n";
            } else {
                $inner = $html !== null ? $this->_htmlBody($html)
                    : nl2br(htmlspecialchars($plain, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8'));
                $quote = '<p>' . htmlspecialchars($intro, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8') . '</p>'
                    . '<blockquote type="cite">' . $inner . '</blockquote>';
                $text = stripos($text, '</body>') !== false
                    ? substr_replace($text, $quote, strripos($text, '</body>'), 0)
                    : $text . $quote;
            }
            $p->setContents($text);
            $p->setCharset('UTF-8');
        }
        if (!$done['plain'] && !$done['html']) {
            // Nothing to quote into (attachments only): the quote is a part of its own.
            $quote = new Horde_Mime_Part();
            $quote->setType('text/plain');
            $quote->setCharset('UTF-8');
            $quote->setContents($intro . "\n" . preg_replace('/^/m', '> ', $plain) . "\n");
            $part = $this->_mixed($part, $quote);
        }
        return $part;
    }

    /** A forward: the original attached whole. */
    protected function _attach(Horde_Mime_Part $part, $original)
    {
        $origHeaders = Horde_Mime_Headers::parseHeaders($original);
        $attachment = new Horde_Mime_Part();
        // Horde_Mime_Part writes no Content-Disposition for message/*;
        // mail readers show such a part as an attached message.
        $attachment->setType('message/rfc822');
        $subject = (string)$origHeaders->getValue('Subject');
        $attachment->setName(($subject === '' ? 'message' : $subject) . '.eml');
        $attachment->setContents($original);
        return $this->_mixed($part, $attachment);
    }

    /** $part with $extra after it, in a multipart/mixed. */
    protected function _mixed(Horde_Mime_Part $part, Horde_Mime_Part $extra)
    {
        if ($part->getType() === 'multipart/mixed') {
            $part->addPart($extra);
            return $part;
        }
        $mixed = new Horde_Mime_Part();
        $mixed->setType('multipart/mixed');
        $part->isBasePart(false);
        $mixed->addPart($part);
        $mixed->addPart($extra);
        $mixed->isBasePart(true);
        return $mixed;
    }

    /**
     * @return string|null  The UTF-8 text of the message's body part of
     *                      the subtype, null when it has none.
     */
    protected function _bodyText(Horde_Mime_Part $message, $subtype)
    {
        $id = $message->findBody($subtype);
        if ($id === null) {
            return null;
        }
        $body = $message->getPart($id);
        if (!$body) {
            return null;
        }
        $text = $this->_utf8($body->getContents(), $body->getCharset());
        return mb_substr($text, 0, self::QUOTE_LIMIT, 'UTF-8');
    }

    protected function _utf8($text, $charset)
    {
        $charset = $charset ?: 'us-ascii';
        if (strcasecmp($charset, 'utf-8') !== 0) {
            $text = \Horde_String::convertCharset($text, $charset, 'UTF-8');
        }
        return mb_scrub((string)$text, 'UTF-8');
    }

    protected function _htmlToText($html)
    {
        if (class_exists('Horde_Text_Filter')) {
            return \Horde_Text_Filter::filter($html, 'Html2text', ['charset' => 'UTF-8']);
        }
        return html_entity_decode(strip_tags($html), ENT_QUOTES | ENT_HTML5, 'UTF-8');
    }

    /** The inside of an HTML document's body. */
    protected function _htmlBody($html)
    {
        if (preg_match('/<body[^>]*>(.*)<\/body>/is', $html, $m)) {
            return $m[1];
        }
        return preg_replace('/<\/?(html|head|body)[^>]*>/i', '', $html);
    }

    /** "On DATE, SENDER wrote:" */
    protected function _intro(Horde_Mime_Headers $headers)
    {
        $from = new Horde_Mail_Rfc822_List($headers->getValue('From'));
        $sender = $from->first() ? $from->first()->writeAddress(['noquote' => true]) : 'someone';
        $date = $headers->getValue('Date');
        $time = $date ? strtotime($date) : false;
        return $time ? sprintf('On %s, %s wrote:', gmdate('D, j M Y H:i', $time) . ' UTC', $sender)
            : sprintf('%s wrote:', $sender);
    }

    protected function _join(Horde_Mime_Headers $headers, $body)
    {
        $text = $headers->toString(['charset' => 'UTF-8', 'canonical' => true]);
        return rtrim($text, "\r\n") . "\r\n\r\n" . $body;
    }

    /**
     * @throws Horde_ActiveSync_Exception  When no recipient took the message.
     */
    protected function _submit(Horde_Mail_Rfc822_List $recipients, $data)
    {
        $params = [
            'host' => $this->_config['host'], 'port' => (int)$this->_config['port'],
            'secure' => $this->_config['secure'], 'timeout' => 30,
        ];
        if (!empty($this->_config['localhost'])) {
            $params['localhost'] = $this->_config['localhost'];
        }
        // Horde_Smtp logs in only when it has a user name and the server
        // offers AUTH; LMTP has no login.
        $params['username'] = $this->_config['lmtp'] ? '' : (string)$this->_config['username'];
        $params['password'] = $this->_config['lmtp'] ? '' : (string)$this->_config['password'];
        try {
            $smtp = $this->_config['lmtp'] ? new \Horde_Smtp_Lmtp($params) : new \Horde_Smtp($params);
            $result = $smtp->send($this->_senderAddress(), $recipients, $data);
            $smtp->logout();
        } catch (Horde_Smtp_Exception $e) {
            throw new Horde_ActiveSync_Exception('Mail submission failed: ' . $e->getMessage());
        }
        foreach ($result as $recipient => $status) {
            if ($status !== true) {
                $this->_logger->err(sprintf('Mail to %s refused: %s', $recipient,
                    $status instanceof \Exception ? $status->getMessage() : 'unknown'));
            }
        }
    }

    /** The copy in Sent: a failure here is logged, the mail is out already. */
    protected function _saveCopy($data)
    {
        if (!$this->_imap) {
            return;
        }
        try {
            $special = $this->_imap->getSpecialMailboxes();
            if (empty($special['sent'])) {
                $this->_logger->notice('No Sent mailbox: no copy kept.');
                return;
            }
            $this->_imap->getImapOb()->append($special['sent'],
                [['data' => $data, 'flags' => [Horde_Imap_Client::FLAG_SEEN]]]);
        } catch (\Exception $e) {
            $this->_logger->err('Could not keep a copy in Sent: ' . $e->getMessage());
        }
    }

    protected function _markOriginal($mailbox, $uid, $flag)
    {
        if (!$this->_imap) {
            return;
        }
        try {
            $this->_imap->getImapOb()->store(new Horde_Imap_Client_Mailbox($mailbox),
                ['ids' => new Horde_Imap_Client_Ids([(int)$uid]), 'add' => [$flag]]);
        } catch (Horde_Imap_Client_Exception $e) {
            $this->_logger->err('Could not flag the original: ' . $e->getMessage());
        }
    }
}
