<?php
/**
 * The Sync exporter's bulk fetch: how many messages it asks the driver for
 * at once (mail in tens, other classes by the hundred), never past what
 * the response will send, and one at a time when the driver cannot.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

namespace Horde\ActiveSync\Test\Server;

use Horde_ActiveSync;
use Horde_ActiveSync_Connector_Exporter_Sync;
use Horde_ActiveSync_Wbxml_Encoder;
use PHPUnit\Framework\TestCase;

class ExporterTest extends TestCase
{
    /** A driver that records its calls and answers every id. */
    private function driver(bool $bulk = true)
    {
        $driver = new class {
            public $bulkCalls = [];
            public $singleCalls = [];
            public $failBulk = false;

            public function getMessagesBulk($folder, array $ids, array $collection)
            {
                $this->bulkCalls[] = $ids;
                if ($this->failBulk) {
                    throw new \Horde_ActiveSync_Exception('backend busy');
                }
                $out = [];
                foreach ($ids as $id) {
                    $out[$id] = $this->message($collection['class'], $id);
                }
                return $out;
            }

            public function getMessage($folder, $id, array $collection)
            {
                $this->singleCalls[] = $id;
                return $this->message($collection['class'], $id);
            }

            private function message($class, $id)
            {
                if ($class == Horde_ActiveSync::CLASS_EMAIL) {
                    $message = Horde_ActiveSync::messageFactory('Mail');
                    $message->subject = "Mail $id";
                } else {
                    $message = Horde_ActiveSync::messageFactory('Contact');
                    $message->lastname = "Contact $id";
                }
                return $message;
            }
        };
        if (!$bulk) {
            $driver = new class($driver) {
                public $singleCalls = [];
                private $inner;

                public function __construct($inner)
                {
                    $this->inner = $inner;
                }

                public function getMessage($folder, $id, array $collection)
                {
                    $this->singleCalls[] = $id;
                    return $this->inner->getMessage($folder, $id, $collection);
                }
            };
        }
        return $driver;
    }

    private function exporter($driver, $out, ?Horde_ActiveSync_Wbxml_Encoder $encoder = null): Horde_ActiveSync_Connector_Exporter_Sync
    {
        $state = new class {
            public $updated = [];

            public function updateState($type, array $change)
            {
                $this->updated[] = $change['id'];
            }
        };
        $as = $this->getMockBuilder(Horde_ActiveSync::class)->disableOriginalConstructor()
            ->onlyMethods(['__get'])->getMock();
        $as->method('__get')->willReturnCallback(function ($name) use ($driver, $state) {
            return ['driver' => $driver, 'state' => $state, 'logger' => null, 'device' => null][$name];
        });
        $encoder = $encoder ?? new Horde_ActiveSync_Wbxml_Encoder($out);
        $encoder->startWBXML();
        $encoder->startTag(Horde_ActiveSync::SYNC_COMMANDS);
        return new Horde_ActiveSync_Connector_Exporter_Sync($as, $encoder);
    }

    /** Sends $count changes; the ids the driver was asked for, in calls. */
    private function send($driver, string $class, int $changes, ?int $limit, int $count): array
    {
        $exporter = $this->exporter($driver, fopen('php://memory', 'w+'));
        $exporter->setChanges(array_map('strval', range(1, $changes)),
            ['class' => $class, 'serverid' => 'F1', 'id' => 'F1']);
        if ($limit !== null) {
            $exporter->setPrefetchLimit($limit);
        }
        for ($i = 0; $i < $count; $i++) {
            $this->assertTrue($exporter->sendNextChange());
        }
        return array_map('count', $driver->bulkCalls ?? []);
    }

    /**
     * Sends two contacts through an exporter on $encoder (writing to $out);
     * the bytes written.
     */
    private function twoContacts(Horde_ActiveSync_Wbxml_Encoder $encoder, $out): string
    {
        $exporter = $this->exporter($this->driver(), $out, $encoder);
        $exporter->setChanges(['1', '2'], ['class' => Horde_ActiveSync::CLASS_CONTACTS, 'serverid' => 'F1', 'id' => 'F1']);
        $this->assertTrue($exporter->sendNextChange());
        $this->assertTrue($exporter->sendNextChange());
        $encoder->endTag();
        rewind($out);
        return stream_get_contents($out);
    }

    public function testTheEnvelopeGoesThroughTheEncodersWriter(): void
    {
        // The envelope's tags skip this class's forwarding calls ...
        $out = fopen('php://memory', 'w+');
        $encoder = new Horde_ActiveSync_Wbxml_Encoder($out);
        $this->assertInstanceOf(\Horde\ActiveSync\Native\WbxmlEncoder::class, $encoder->writer());
        $direct = $this->twoContacts($encoder, $out);
        $this->assertStringContainsString('Contact 2', $direct);

        // ... but reach a subclass's overrides, with the same bytes.
        $out = fopen('php://memory', 'w+');
        $recording = new class($out) extends Horde_ActiveSync_Wbxml_Encoder {
            public $tags = [];

            public function startTag($tag, $attributes = false, $output_empty = false)
            {
                $this->tags[] = $tag;
                parent::startTag($tag, $attributes, $output_empty);
            }
        };
        $this->assertSame($recording, $recording->writer());
        $this->assertSame($direct, $this->twoContacts($recording, $out));
        $envelope = [Horde_ActiveSync::SYNC_ADD, Horde_ActiveSync::SYNC_SERVERENTRYID, Horde_ActiveSync::SYNC_DATA];
        $this->assertSame(array_merge([Horde_ActiveSync::SYNC_COMMANDS], $envelope, $envelope),
            array_values(array_filter($recording->tags, fn($tag) => $tag === Horde_ActiveSync::SYNC_COMMANDS
                || in_array($tag, $envelope, true))));
    }

    public function testOtherClassesAreFetchedByTheHundredWithinTheLimit(): void
    {
        $driver = $this->driver();
        $this->assertSame([100, 20], $this->send($driver, Horde_ActiveSync::CLASS_CONTACTS, 250, 120, 120));
        $this->assertSame('120', end($driver->bulkCalls)[19], 'nothing past the window is read');
        $this->assertSame([], $driver->singleCalls);

        $driver = $this->driver();
        $this->assertSame([100, 50], $this->send($driver, Horde_ActiveSync::CLASS_CONTACTS, 150, null, 150));
    }

    public function testMailIsFetchedByTens(): void
    {
        $driver = $this->driver();
        $this->assertSame([10, 10, 5], $this->send($driver, Horde_ActiveSync::CLASS_EMAIL, 25, 100, 25));
        $driver = $this->driver();
        $this->assertSame([10, 2], $this->send($driver, Horde_ActiveSync::CLASS_EMAIL, 25, 12, 12));
    }

    public function testPastTheLimitAndWithoutBulkFetchOneByOne(): void
    {
        // Skipped changes do not fill the window: the loop may go on past
        // the limit, and then asks for single messages.
        $driver = $this->driver();
        $this->assertSame([5], $this->send($driver, Horde_ActiveSync::CLASS_CONTACTS, 10, 5, 8));
        $this->assertSame(['6', '7', '8'], $driver->singleCalls);

        $driver = $this->driver(false);
        $this->send($driver, Horde_ActiveSync::CLASS_CONTACTS, 10, null, 10);
        $this->assertSame(array_map('strval', range(1, 10)), $driver->singleCalls);

        $driver = $this->driver();
        $driver->failBulk = true;
        $this->assertSame([10], $this->send($driver, Horde_ActiveSync::CLASS_CONTACTS, 10, 10, 10));
        $this->assertSame(array_map('strval', range(1, 10)), $driver->singleCalls, 'a failed batch falls back');
    }
}
