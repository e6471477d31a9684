<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Support;

use Horde_ActiveSync_Wbxml_Encoder;

/**
 * A recorded list of encoder calls, replayable on our encoder and (through
 * Oracle::encode) on Horde's: [method, args] with content base64-encoded and
 * a third element marking content given as a stream.
 */
class Calls
{
    /** @var array */
    public $calls = [];

    public function start(string $tag, bool $empty = false): self
    {
        $this->calls[] = ['startTag', [$tag, false, $empty]];
        return $this;
    }

    public function end(int $n = 1): self
    {
        for ($i = 0; $i < $n; $i++) {
            $this->calls[] = ['endTag', []];
        }
        return $this;
    }

    public function content(string $data, bool $opaque = false, bool $stream = false): self
    {
        $this->calls[] = ['content', [base64_encode($data), $opaque], $stream];
        return $this;
    }

    /** <tag>text</tag> */
    public function leaf(string $tag, string $text): self
    {
        return $this->start($tag)->content($text)->end();
    }

    public function header(): self
    {
        $this->calls[] = ['startWBXML', []];
        return $this;
    }

    /** Runs the calls on our encoder; the output bytes. */
    public function replay(?Horde_ActiveSync_Wbxml_Encoder &$encoder = null, callable $setup = null): string
    {
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        if ($setup) {
            $setup($encoder);
        }
        foreach ($this->calls as $call) {
            $args = $call[1];
            if ($call[0] === 'content') {
                $data = base64_decode($args[0]);
                if (!empty($call[2])) {
                    $data = fopen('php://temp', 'w+');
                    fwrite($data, base64_decode($args[0]));
                }
                $args[0] = $data;
            }
            $encoder->{$call[0]}(...$args);
        }
        $encoder->flushOutput();
        rewind($out);
        return stream_get_contents($out);
    }
}
