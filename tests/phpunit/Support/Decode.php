<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde_ActiveSync_Exception;
use Horde_ActiveSync_Wbxml;
use Horde_ActiveSync_Wbxml_Decoder;
use Horde_Log_Logger;

/** Decodes with our engine into the shape Oracle::decode() returns. */
class Decode
{
    public static function elements(string $bytes, bool $header, Horde_Log_Logger $logger = null,
                                    array $options = []): array
    {
        $stream = fopen('php://memory', 'w+');
        fwrite($stream, $bytes);
        rewind($stream);
        $decoder = new Horde_ActiveSync_Wbxml_Decoder($stream, Horde_ActiveSync_Wbxml::LOG_PROTOCOL, $options);
        if ($logger) {
            $decoder->setLogger($logger);
        }
        $out = [];
        try {
            if ($header) {
                $decoder->readWbxmlHeader();
                $out[] = ['header' => [$decoder->version, $decoder->publicid, $decoder->charsetid, $decoder->isWbxml()]];
            }
            while (($element = $decoder->getElement()) !== false) {
                if (isset($element[Horde_ActiveSync_Wbxml::EN_CONTENT])) {
                    $element[Horde_ActiveSync_Wbxml::EN_CONTENT] = base64_encode($element[Horde_ActiveSync_Wbxml::EN_CONTENT]);
                }
                $out[] = $element;
            }
        } catch (Horde_ActiveSync_Exception $e) {
            $out[] = ['error' => get_class($e) . ': ' . $e->getMessage()];
        }
        return $out;
    }

    /** A logger writing "message|indent" lines into $buffer. */
    public static function logger(&$stream): \Horde_ActiveSync_Log_Logger
    {
        $stream = fopen('php://memory', 'w+');
        return new \Horde_ActiveSync_Log_Logger(new \Horde_Log_Handler_Stream($stream, 'a+',
            new \Horde_Log_Formatter_Simple(['format' => "%message%|%indent%\n"])));
    }

    public static function logged($stream): string
    {
        rewind($stream);
        return stream_get_contents($stream);
    }
}
