<?php

/**
 * The module's functions. Each feature declares its classes in its own
 * stub (ext/<feature>.stub.php, registered by ext/<feature>.c); functions
 * live here because a module has one function table.
 *
 * @generate-class-entries
 */

namespace Horde\ActiveSync\Native;

/**
 * Renders EAS WBXML as indented XML. Text that is not UTF-8 is rendered as
 * base64 unless the option validateUtf8 makes it an error.
 *
 * @param resource|string $input
 */
function wbxml_to_xml(mixed $input, array $options = []): string {}

/**
 * The tag with this name (Horde's "POOMCONTACTS:FirstName", MS-ASWBXML's
 * "Contacts:FirstName") or, given two integers, this code page and token.
 *
 * @return array{name: string, spec: string, namespace: string, xmlns: string, page: int, token: int, since: string, until: ?string, legacy: bool}|null
 */
function wbxml_tag(string|int $nameOrPage, ?int $token = null): ?array {}

/**
 * All code pages with their tags.
 *
 * @return array<int, array{horde: string, spec: string, xmlns: string, tags: array<int, string>}>
 */
function wbxml_code_pages(): array {}
