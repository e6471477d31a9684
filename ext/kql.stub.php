<?php

/**
 * The KQL parser of Find requests and its IMAP translation.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/**
 * A query that is not valid KQL: what is wrong (getReason(), also the
 * code) and where, in bytes and in characters.
 */
final class KqlException extends \RuntimeException
{
    /**
     * @var int
     * @cvalue KQL_E_EMPTY
     */
    public const EMPTY = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_TOO_LONG
     */
    public const TOO_LONG = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_TOO_DEEP
     */
    public const TOO_DEEP = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_TOO_COMPLEX
     */
    public const TOO_COMPLEX = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_ENCODING
     */
    public const ENCODING = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_CONTROL
     */
    public const CONTROL_CHARACTER = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_UNTERMINATED_PHRASE
     */
    public const UNTERMINATED_PHRASE = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_UNCLOSED_PAREN
     */
    public const UNCLOSED_PARENTHESIS = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_UNMATCHED_PAREN
     */
    public const UNMATCHED_PARENTHESIS = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_EMPTY_GROUP
     */
    public const EMPTY_GROUP = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_MISSING_OPERAND
     */
    public const MISSING_OPERAND = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_UNKNOWN_PROPERTY
     */
    public const UNKNOWN_PROPERTY = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_MISSING_VALUE
     */
    public const MISSING_VALUE = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_EMPTY_VALUE
     */
    public const EMPTY_VALUE = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_BAD_VALUE
     */
    public const BAD_VALUE = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_BAD_OPERATOR
     */
    public const BAD_OPERATOR = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_BAD_RANGE
     */
    public const BAD_RANGE = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_NESTED_PROPERTY
     */
    public const NESTED_PROPERTY = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_E_LONE_WILDCARD
     */
    public const LONE_WILDCARD = UNKNOWN;

    private string $reason = "";
    private int $offset = 0;
    private int $charOffset = 0;

    /** A stable name of the problem: "unterminated-phrase", "unknown-property", ... */
    public function getReason(): string {}

    /** Byte offset in the query. */
    public function getOffset(): int {}

    /** The same position in characters (UTF-8 code points). */
    public function getCharOffset(): int {}
}

/**
 * A parsed KQL query.
 *
 * Options of parse() and imapPlan(): now (Unix time the date keywords are
 * relative to; default: the current time), tzOffset (seconds east of UTC in
 * effect then; default 0), weekStart (0 Sunday, 1 Monday; default 1),
 * dateOrder ("mdy" or "dmy" for 3/4/2024; default "mdy"), maxLength,
 * maxDepth, maxNodes.
 *
 * @not-serializable
 */
final class KqlQuery
{
    /**
     * @var int
     * @cvalue KQL_DEFAULT_MAX_LENGTH
     */
    public const DEFAULT_MAX_LENGTH = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_DEFAULT_MAX_DEPTH
     */
    public const DEFAULT_MAX_DEPTH = UNKNOWN;
    /**
     * @var int
     * @cvalue KQL_DEFAULT_MAX_NODES
     */
    public const DEFAULT_MAX_NODES = UNKNOWN;

    private function __construct() {}

    /** @throws KqlException */
    public static function parse(string $query, array $options = []): KqlQuery {}

    /**
     * parse($query, $options)->toImapPlan() without the object.
     *
     * @throws KqlException
     */
    public static function imapPlan(string $query, array $options = []): array {}

    /** The query as given. */
    public function getQuery(): string {}

    /**
     * The syntax tree as arrays: ["op" => "and"|"or", "nodes" => [...]],
     * ["op" => "not", "node" => [...]], ["op" => "text", "value", "match"],
     * ["op" => "property", "property", "operator", "type", "text", ...typed
     * fields]; every node has "pos" and "len" (bytes). See docs/kql.md.
     */
    public function toArray(): array {}

    /**
     * The IMAP translation, negations on the leaves: ["op" => "and"|"or",
     * "nodes"], ["op" => "all"], ["op" => "none"], ["op" => "text"|"body",
     * "text", "not"], ["op" => "header", "header", "text", "not"],
     * ["op" => "date", "range" => "SINCE"|"BEFORE"|"ON", "date" =>
     * "Y-m-d", "sent", "not"], ["op" => "size", "larger", "size", "not"],
     * ["op" => "flag", "flag", "set"], ["op" => "keyword", "flag",
     * "category", "set"].
     */
    public function toImapPlan(): array {}

    /** The search keys of an IMAP SEARCH command, as Horde_Imap_Client writes them. */
    public function toImapString(): string {}

    /** The tree in a compact form, for logs. */
    public function __toString(): string {}
}
