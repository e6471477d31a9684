<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

use Horde\ActiveSync\Native\MimeScanner;

/**
 * Builds Horde_Mime_Part trees from what Native\MimeScanner finds, calling
 * the setters Horde_Mime_Part::parseMessage() calls with the header values
 * Horde_Mime_Headers gives it, so the parts are the same. Only the fields
 * that shape a part (Content-*, MIME-Version) are turned into header
 * objects; the message's other headers are not parsed here.
 *
 * Where Horde's reading of a Content-Type differs from the scanner's
 * (encoded or continued parameters), the part's children are found again
 * with Horde's boundary or type.
 *
 * @internal
 */
class Horde_ActiveSync_Rfc822_MimeBuilder
{
    /** @var int */
    protected $_maxParts;

    /** @var int parts built so far */
    protected $_count = 0;

    public function __construct($maxParts = 10000)
    {
        $this->_maxParts = $maxParts;
    }

    /**
     * @param string $text  A whole message.
     *
     * @return Horde_Mime_Part
     * @throws Horde_ActiveSync_Exception
     */
    public function parse($text, $forcemime = false)
    {
        $scan = MimeScanner::scan($text, $forcemime, Horde_Mime_Part::NESTING_LIMIT, $this->_maxParts);
        $scan['forced'] = $forcemime;
        $part = $this->_fromScan($scan, 0, 'text/plain', 0, 0);
        $part->buildMimeIds();
        return $part;
    }

    /** The children of each scanned part. */
    protected function _children(array $parts)
    {
        $kids = array();
        foreach ($parts as $i => $p) {
            if ($p['parent'] >= 0) {
                $kids[$p['parent']][] = $i;
            }
        }
        return $kids;
    }

    protected function _fromScan(array $scan, $index, $ctype, $level, $depth)
    {
        if (!isset($scan['kids'])) {
            $scan['kids'] = $this->_children($scan['parts']);
        }
        return $this->_build($scan, $index, $ctype, $level, $depth);
    }

    protected function _build(array &$scan, $index, $ctype, $level, $depth)
    {
        if (++$this->_count > $this->_maxParts) {
            throw new Horde_ActiveSync_Exception(sprintf('MIME message has more than %d parts', $this->_maxParts));
        }
        $p = $scan['parts'][$index];
        $body = (string)substr($scan['text'], $p['body'], $p['length']);
        $hdrs = $this->_headers($p['fields']);
        $ob = new Horde_Mime_Part();

        // The root of a scan is MIME when forced or with a MIME-Version
        // header; body parts always are.
        if ($index == 0 && empty($scan['forced']) && !isset($hdrs['MIME-Version'])) {
            $ob->setType('text/plain');
            if (strlen($body)) {
                $ob->setContents($body);
            }
            return $ob;
        }

        if ($tmp = $hdrs['Content-Type']) {
            $ob->setType($tmp->value);
            foreach ($tmp->params as $key => $val) {
                $ob->setContentTypeParameter($key, $val);
            }
        } else {
            $ob->setType($ctype);
        }
        if ($tmp = $hdrs['Content-Transfer-Encoding']) {
            $ob->setTransferEncoding(strval($tmp));
        }
        if ($tmp = $hdrs['Content-Description']) {
            $ob->setDescription(strval($tmp));
        }
        if ($tmp = $hdrs['Content-Disposition']) {
            $ob->setDisposition($tmp->value);
            foreach ($tmp->params as $key => $val) {
                $ob->setDispositionParameter($key, $val);
            }
        }
        if ($tmp = $hdrs['Content-Duration']) {
            $ob->setDuration(strval($tmp));
        }
        if ($tmp = $hdrs['Content-Id']) {
            $ob->setContentId(strval($tmp));
        }

        $primary = $ob->getPrimaryType();
        if (strlen($body) && $primary != 'multipart') {
            $ob->setContents($body);
        }
        if (++$level >= Horde_Mime_Part::NESTING_LIMIT || $depth + 1 >= Horde_Mime_Part::NESTING_LIMIT) {
            return $ob;
        }

        $kids = $scan['kids'][$index] ?? array();
        if ($primary == 'message' && $ob->getSubType() == 'rfc822') {
            if ($p['kind'] == 2 && count($kids) == 1) {
                $inner = $this->_build($scan, $kids[0], 'text/plain', 0, $depth + 1);
            } else {
                $inner = $this->_fromScan(MimeScanner::scan($body, true) + array('forced' => true), 0, 'text/plain', 0, $depth + 1);
            }
            $inner->buildMimeIds();
            $ob[] = $inner;
        } elseif ($primary == 'multipart') {
            $boundary = $ob->getContentTypeParameter('boundary');
            $child_type = $ob->getSubType() == 'digest' ? 'message/rfc822' : 'text/plain';
            if ($p['kind'] == 1 && $p['boundary'] === $boundary) {
                foreach ($kids as $kid) {
                    $ob[] = $this->_build($scan, $kid, $child_type, $level, $depth + 1);
                }
            } elseif (!is_null($boundary)) {
                foreach (MimeScanner::split($body, $boundary) as $span) {
                    $sub = MimeScanner::scan((string)substr($body, $span[0], $span[1]), true) + array('forced' => true);
                    $ob[] = $this->_fromScan($sub, 0, $child_type, $level, $depth + 1);
                }
            }
        }
        return $ob;
    }

    /**
     * The part's Content-* and MIME-Version fields as
     * Horde_Mime_Headers::parseHeaders() keeps them: the first of fields
     * that hold one value.
     */
    protected function _headers(array $fields)
    {
        $headers = new Horde_Mime_Headers();
        foreach ($fields as $field) {
            list($name, $value) = $field;
            $ob = $headers[$name];
            if ($ob && ($ob instanceof Horde_Mime_Headers_Element_Single) &&
                !($ob instanceof Horde_Mime_Headers_Addresses)) {
                continue;
            }
            try {
                $headers->addHeader($name, $value);
            } catch (Horde_Exception $e) {
                // An unreadable field (an unterminated comment, say) is
                // left out; Horde's parser stops the whole message there.
            }
        }
        return $headers;
    }
}
