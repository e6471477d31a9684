<?php

/**
 * The WBXML codec's classes.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/** Raised when the extension cannot raise Horde_ActiveSync_Exception. */
class WbxmlException extends \RuntimeException
{
}

/**
 * Streaming EAS WBXML decoder returning Horde_ActiveSync_Wbxml element
 * arrays. Horde_ActiveSync_Wbxml_Decoder is its public face.
 */
final class WbxmlDecoder
{
    /**
     * Options: maxStringLength, maxOpaqueLength, maxDepth, bufferSize,
     * opaqueStreamThreshold (OPAQUE content larger than this arrives as a
     * php://temp stream instead of a string) and validateUtf8 (default
     * true: text that is not UTF-8 is an error).
     *
     * @param resource|string $input
     */
    public function __construct(mixed $input, array $options = []) {}

    /** Reads the WBXML header; false when the input is not WBXML 1.3. */
    public function readHeader(): bool {}

    /** @return array{version: ?int, publicid: ?int, publicstringid: ?int, charsetid: ?int, stringtable: string} */
    public function getHeader(): array {}

    public function getToken(): array|false {}

    public function getElement(): array|false {}

    public function peek(): array|false {}

    public function unget(array|false $element): void {}

    public function getElementStartTag(string $tag): array|false {}

    public function getElementEndTag(): array|false {}

    public function getElementContent(): mixed {}

    public function getLastStartElement(): array|false {}

    /**
     * Every remaining token, for callers that want a whole document at once.
     *
     * @return list<array>
     */
    public function decodeAll(): array {}

    /**
     * A php://temp stream with all input not decoded yet (after a failed
     * header check: all of it).
     *
     * @return resource
     */
    public function remainingInput() {}

    /** Whether any input was consumed or buffered. */
    public function hasReadInput(): bool {}

    /** Byte offset of the next undecoded byte. */
    public function getOffset(): int {}

    /**
     * Sends each decoded token to $logger->client($text, $indent) and
     * decoding errors to $logger->err(); null stops logging.
     */
    public function setLogger(?object $logger, int $level = 2): void {}
}

/**
 * Buffered EAS WBXML encoder with Horde's lazy start tags.
 * Horde_ActiveSync_Wbxml_Encoder is its public face.
 */
final class WbxmlEncoder
{
    /** @param resource $output */
    public function __construct(mixed $output, array $options = []) {}

    public function startWbxml(bool $multipart = false): void {}

    public function outputHeader(): void {}

    public function startTag(string $tag, mixed $attributes = false, bool $outputEmpty = false): void {}

    public function endTag(): void {}

    /** @param string|int|float|bool|null|resource $content */
    public function content(mixed $content, bool $opaque = false): void {}

    /**
     * Writes a list of element arrays as the decoder returns them, in one
     * call: start tags (EN_FLAGS without EN_FLAGS_CONTENT: forced empty),
     * content (EN_FLAGS 4: OPAQUE) and end tags.
     */
    public function writeElements(array $elements): void {}

    /** @param string|resource $data */
    public function addPart(mixed $data): void {}

    public function getParts(): array {}

    public function isMultipart(): bool {}

    public function keepAlive(): void {}

    /** Writes buffered output to the stream; with $sapi, on to the client. */
    public function flush(bool $sapi = false): void {}

    /**
     * @param resource $stream
     * @return resource the previous output stream
     */
    public function swapOutputStream(mixed $stream) {}

    /** @param resource $stream */
    public function appendOutputStream(mixed $stream): void {}

    /** @return resource the output stream, with all buffered bytes written */
    public function getOutputStream() {}

    /** Open elements, written or pending. */
    public function getDepth(): int {}

    /** Bytes produced so far. */
    public function getOffset(): int {}

    /**
     * Writes bytes as they are (after any buffered output), e.g. an END
     * that closes an element opened elsewhere.
     */
    public function writeRaw(string $bytes): void {}

    /** Start tags are written at once, with the content flag (no laziness). */
    public function setEager(bool $eager): void {}

    /**
     * Sends each written tag and content to $logger->server($text, $indent);
     * null stops logging.
     */
    public function setLogger(?object $logger, int $level = 2): void {}
}

