/*
 * EAS WBXML rendered as indented XML, for people reading captures and
 * per-device logs. Element names and namespaces are MS-ASWBXML's
 * ("<Sync xmlns="AirSync:">"), as Exchange documentation and libwbxml write
 * them. The rendering is lossless, so php/bin/eas-wbxml can turn it back into
 * the same WBXML:
 *
 *   <X/>                 a tag without the content flag
 *   <X></X>              a tag with the content flag and nothing inside
 *   wbxml:opaque="true"  the content was OPAQUE, not STR_I
 *   wbxml:encoding="base64"  the content is not XML-safe text; base64 of it
 *   <wbxml:text>         one content token, where the content of an element
 *                        is not a single non-empty token (mixed with child
 *                        elements, several tokens, an empty string)
 *   <wbxml:fragment>     root of a headerless fragment
 *   <wbxml:end/>         an END closing an element opened before the fragment
 *
 * What the rendering drops: the header's public id, charset and string
 * table, redundant SWITCH_PAGEs (keep-alives), extension tokens and
 * processing instructions, and whether text came as STR_I or ENTITY.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_WBXML_XML_H
#define EAS_WBXML_XML_H

#include "eas_wbxml_reader.h"

#define EAS_WBXML_XML_NS "urn:x-horde-activesync:wbxml"

/* Decodes all of r to XML on out. 0 on success; -1 on error, reported in
 * err (decoder errors are copied from the reader). */
int eas_wbxml_to_xml(const eas_allocator *alloc, eas_wbxml_reader *r, eas_sink out, eas_error *err);

#endif
