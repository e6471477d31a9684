<?php
/**
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * @package ActiveSync
 */

namespace Horde\ActiveSync\Embedded;

use RuntimeException;

/**
 * A small EAS device: sends commands as WBXML over HTTP (plain or base64
 * query, Basic authentication, the policy key header) and reads the
 * responses. The scripted device session, the end-to-end tests and the
 * benchmark drive servers with it.
 *
 * Requests are built from nested arrays: [tag, children] where children is
 * a string (text content), null (an empty element) or a list of elements;
 * tags are Horde's names ('FolderHierarchy:SyncKey', 'SyncKey' for AirSync).
 *
 * It speaks HTTP/1.0 with one connection per request, so a server's
 * response ends when the connection closes and no chunked encoding needs
 * reading.
 *
 * @package ActiveSync
 */
class Client
{
    /** MS-ASHTTP 2.2.1.1.1.1.2 command codes of the base64 query. */
    const COMMAND_CODES = [
        'Sync' => 0, 'SendMail' => 1, 'SmartForward' => 2, 'SmartReply' => 3, 'GetAttachment' => 4,
        'FolderSync' => 9, 'FolderCreate' => 10, 'FolderDelete' => 11, 'FolderUpdate' => 12, 'MoveItems' => 13,
        'GetItemEstimate' => 14, 'MeetingResponse' => 15, 'Search' => 16, 'Settings' => 17, 'Ping' => 18,
        'ItemOperations' => 19, 'Provision' => 20, 'ResolveRecipients' => 21, 'ValidateCert' => 22, 'Find' => 23,
    ];

    const MAX_RESPONSE = 64 * 1024 * 1024;

    /**
     * @var string
     */
    public $host;

    /**
     * @var integer
     */
    public $port;

    /**
     * @var string
     */
    public $user;

    /**
     * @var string
     */
    public $password;

    /**
     * @var string
     */
    public $deviceId;

    /**
     * @var string
     */
    public $deviceType;

    /**
     * @var string
     */
    public $version;

    /**
     * @var string
     */
    public $userAgent;

    /**
     * Send the query in the base64 form (12.1 and later).
     *
     * @var boolean
     */
    public $base64 = false;

    /**
     * The current policy key ('0' before provisioning).
     *
     * @var string
     */
    public $policyKey = '0';

    /**
     * Seconds to wait for a response.
     *
     * @var integer
     */
    public $timeout = 120;

    /**
     * Called with (command, request XML, Response) after each exchange.
     *
     * @var callable|null
     */
    public $trace;

    /**
     * @param string $url       http://host:port of the server.
     * @param string $user
     * @param string $password
     * @param array $options    device, type, version, agent, base64.
     */
    public function __construct($url, $user, $password, array $options = [])
    {
        $parts = parse_url($url);
        if (empty($parts['host']) || (isset($parts['scheme']) && $parts['scheme'] !== 'http')) {
            throw new \InvalidArgumentException('The client speaks plain http://host:port only.');
        }
        $this->host = $parts['host'];
        $this->port = isset($parts['port']) ? (int)$parts['port'] : 80;
        $this->user = $user;
        $this->password = $password;
        $this->deviceId = isset($options['device']) ? $options['device'] : 'EASCLIENT0001';
        $this->deviceType = isset($options['type']) ? $options['type'] : 'SmartPhone';
        $this->version = isset($options['version']) ? $options['version'] : '14.1';
        $this->userAgent = isset($options['agent']) ? $options['agent'] : 'HordeEasClient/1.0';
        $this->base64 = !empty($options['base64']);
    }

    /**
     * OPTIONS: the versions and commands the server offers.
     *
     * @return Response
     */
    public function options()
    {
        return $this->finish($this->start('OPTIONS', null, null, []));
    }

    /**
     * Sends a command and waits for the response.
     *
     * @param string $cmd          The command.
     * @param array|string|null $body  A request tree, raw bytes, or none.
     * @param array $params        More query parameters (ItemId, SaveInSent, ...).
     * @param array $headers       More headers.
     *
     * @return Response
     */
    public function send($cmd, $body = null, array $params = [], array $headers = [])
    {
        return $this->finish($this->start('POST', $cmd, $body, $params, $headers));
    }

    /**
     * Sends a command without waiting: finish() reads the response, so
     * several requests (a hanging Ping and a Sync) can be in flight.
     *
     * @return array  A pending request.
     */
    public function start($method, $cmd, $body = null, array $params = [], array $headers = [])
    {
        $payload = is_array($body) ? self::encode($body) : (string)$body;
        $target = '/Microsoft-Server-ActiveSync';
        $query = $method === 'OPTIONS' ? '' : $this->_query($cmd, $params);
        $lines = [
            sprintf('%s %s%s HTTP/1.0', $method, $target, $query === '' ? '' : '?' . $query),
            'Host: ' . $this->host . ':' . $this->port,
            'User-Agent: ' . $this->userAgent,
            'Authorization: Basic ' . base64_encode($this->user . ':' . $this->password),
        ];
        if ($method === 'POST') {
            $lines[] = 'Content-Type: application/vnd.ms-sync.wbxml';
            $lines[] = 'Content-Length: ' . strlen($payload);
            if (!$this->base64) {
                $lines[] = 'MS-ASProtocolVersion: ' . $this->version;
                $lines[] = 'X-MS-PolicyKey: ' . $this->policyKey;
            }
        }
        foreach ($headers as $name => $value) {
            $lines[] = $name . ': ' . $value;
        }
        $started = hrtime(true);
        $socket = @stream_socket_client(sprintf('tcp://%s:%d', $this->host, $this->port), $errno, $error, 10);
        if (!$socket) {
            throw new RuntimeException(sprintf('Cannot connect to %s:%d: %s', $this->host, $this->port, $error));
        }
        stream_set_timeout($socket, $this->timeout);
        $request = implode("\r\n", $lines) . "\r\n\r\n" . $payload;
        for ($written = 0; $written < strlen($request); $written += $n) {
            $n = fwrite($socket, substr($request, $written));
            if ($n === false || $n === 0) {
                throw new RuntimeException('Cannot send the request.');
            }
        }
        return ['socket' => $socket, 'cmd' => $cmd, 'body' => $body, 'sent' => microtime(true), 'started' => $started];
    }

    /**
     * Reads the response of a started request.
     *
     * @param array $pending  What start() returned.
     *
     * @return Response
     */
    public function finish(array $pending)
    {
        $socket = $pending['socket'];
        $raw = '';
        $firstByte = null;
        $headerEnd = false;
        while (!feof($socket)) {
            $chunk = fread($socket, 65536);
            if ($chunk === false) {
                break;
            }
            if ($chunk === '') {
                $meta = stream_get_meta_data($socket);
                if ($meta['timed_out']) {
                    fclose($socket);
                    throw new RuntimeException(sprintf('No response to %s within %d s.', $pending['cmd'], $this->timeout));
                }
                continue;
            }
            $raw .= $chunk;
            if ($headerEnd === false && ($headerEnd = strpos($raw, "\r\n\r\n")) !== false && $firstByte === null
                && strlen($raw) > $headerEnd + 4) {
                $firstByte = microtime(true) - $pending['sent'];
            } elseif ($headerEnd !== false && $firstByte === null && strlen($raw) > $headerEnd + 4) {
                $firstByte = microtime(true) - $pending['sent'];
            }
            if (strlen($raw) > self::MAX_RESPONSE) {
                fclose($socket);
                throw new RuntimeException('Response too large.');
            }
        }
        $elapsed = (hrtime(true) - $pending['started']) / 1e9;
        fclose($socket);
        $response = $this->_parse($raw);
        $response->firstByte = $firstByte;
        $response->elapsed = $elapsed;
        if ($this->trace) {
            call_user_func($this->trace, (string)$pending['cmd'], $pending['body'], $response);
        }
        return $response;
    }

    /**
     * Sends raw request bytes (a request line, headers and body, as given)
     * and reads the response: for tests with malformed requests.
     *
     * @param string $request
     *
     * @return Response
     */
    public function sendRaw($request)
    {
        $socket = @stream_socket_client(sprintf('tcp://%s:%d', $this->host, $this->port), $errno, $error, 10);
        if (!$socket) {
            throw new RuntimeException(sprintf('Cannot connect to %s:%d: %s', $this->host, $this->port, $error));
        }
        stream_set_timeout($socket, $this->timeout);
        fwrite($socket, $request);
        $raw = '';
        while (!feof($socket) && strlen($raw) <= self::MAX_RESPONSE) {
            $chunk = fread($socket, 65536);
            if ($chunk === false || ($chunk === '' && stream_get_meta_data($socket)['timed_out'])) {
                break;
            }
            $raw .= $chunk;
        }
        fclose($socket);
        return $this->_parse($raw);
    }

    /**
     * WBXML of a request tree.
     *
     * @param array $tree  [tag, children].
     *
     * @return string
     */
    public static function encode(array $tree)
    {
        $out = fopen('php://memory', 'w+');
        $encoder = new \Horde\ActiveSync\Native\WbxmlEncoder($out);
        $encoder->setEager(true);
        $encoder->outputHeader();
        self::_write($encoder, $tree);
        $encoder->flush();
        rewind($out);
        return stream_get_contents($out);
    }

    protected static function _write($encoder, array $node)
    {
        [$tag, $children] = $node + [1 => null];
        if ($children === null) {
            // an empty element: no content, no end token
            $encoder->startTag($tag, false, true);
            return;
        }
        $encoder->startTag($tag);
        if (is_array($children)) {
            foreach ($children as $child) {
                if ($child !== null) {
                    self::_write($encoder, $child);
                }
            }
        } else {
            $encoder->content((string)$children);
        }
        $encoder->endTag();
    }

    /**
     * The query value of a command (plain or base64).
     */
    protected function _query($cmd, array $params)
    {
        if (!$this->base64) {
            return http_build_query(array_merge([
                'Cmd' => $cmd, 'User' => $this->user, 'DeviceId' => $this->deviceId, 'DeviceType' => $this->deviceType,
            ], $params), '', '&', PHP_QUERY_RFC3986);
        }
        if (!isset(self::COMMAND_CODES[$cmd])) {
            throw new \InvalidArgumentException($cmd . ' has no base64 command code.');
        }
        $version = (int)str_replace('.', '', $this->version);
        $bytes = pack('CCv', $version, self::COMMAND_CODES[$cmd], 0x0409)
            . chr(strlen($this->deviceId)) . $this->deviceId;
        $bytes .= $this->policyKey !== '0' && $this->policyKey !== ''
            ? "\x04" . pack('V', (int)$this->policyKey) : "\x00";
        $bytes .= chr(strlen($this->deviceType)) . $this->deviceType;
        $tags = ['AttachmentName' => 0, 'CollectionId' => 1, 'ItemId' => 3, 'LongId' => 4, 'ParentId' => 5,
                 'Occurrence' => 6, 'User' => 8];
        $params['User'] = $this->user;
        $options = 0;
        foreach ($params as $name => $value) {
            if ($name === 'SaveInSent') {
                $options |= $value === 'T' || $value === true ? 1 : 0;
            } elseif ($name === 'AcceptMultiPart') {
                $options |= $value === 'T' || $value === true ? 2 : 0;
            } elseif (isset($tags[$name])) {
                $bytes .= chr($tags[$name]) . chr(strlen($value)) . $value;
            }
        }
        if ($options) {
            $bytes .= "\x07\x01" . chr($options);
        }
        return rawurlencode(base64_encode($bytes));
    }

    /**
     * Reads an HTTP response (bounded; a malformed one is an error).
     */
    protected function _parse($raw)
    {
        $end = strpos($raw, "\r\n\r\n");
        if ($end === false || $end > 65536) {
            throw new RuntimeException('Malformed HTTP response.');
        }
        $lines = explode("\r\n", substr($raw, 0, $end));
        if (!preg_match('#^HTTP/1\.[01] (\d{3})#', array_shift($lines), $m)) {
            throw new RuntimeException('Malformed HTTP status line.');
        }
        $response = new Response();
        $response->status = (int)$m[1];
        foreach ($lines as $line) {
            $colon = strpos($line, ':');
            if ($colon === false) {
                throw new RuntimeException('Malformed HTTP header.');
            }
            $response->headers[strtolower(trim(substr($line, 0, $colon)))] = trim(substr($line, $colon + 1));
        }
        $response->body = (string)substr($raw, $end + 4);
        $length = $response->header('content-length');
        if ($length !== null && ctype_digit($length) && strlen($response->body) > (int)$length) {
            $response->body = substr($response->body, 0, (int)$length);
        }
        return $response;
    }
}
