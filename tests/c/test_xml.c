/*
 * WBXML to XML rendering.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "mem_io.h"
#include "../../src/wbxml/eas_wbxml_xml.h"

static int render(const void *data, size_t len, eas_buf *out, eas_error *err)
{
    mem_source m;
    eas_wbxml_reader *r = eas_wbxml_reader_new(&eas_libc_allocator, mem_source_init(&m, data, len, 0), NULL);
    int rc;

    memset(err, 0, sizeof(*err));
    out->len = 0;
    rc = eas_wbxml_to_xml(&eas_libc_allocator, r, buf_sink(out), err);
    eas_buf_putc(out, 0);
    eas_wbxml_reader_free(r);
    return rc;
}

TEST(document)
{
    static const char doc[] =
        "\x03\x01\x6a\x00\x45\x5c\x4f\x4b\x03{abc}1\x00\x01\x14\x56\x47\x4d\x03" "1\x00\x01\x5d\x00\x01\x5f\x03"
        "J\xc3\xb6 & <x>\r\x00\x01\x00\x11\x4a\x4b\xc3\x03" "b\x01n\x01\x01\x01\x01\x01\x01\x00\x00\x4a\x01\x01\x01";
    eas_buf out;
    eas_error err;

    eas_buf_init(&out, &eas_libc_allocator);
    CHECK_EQ_INT(render(doc, sizeof(doc) - 1, &out, &err), 0);
    CHECK_STR((const char *)out.data,
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<Sync xmlns=\"AirSync:\">\n"
              "  <Collections>\n"
              "    <Collection>\n"
              "      <SyncKey>{abc}1</SyncKey>\n"
              "      <MoreAvailable/>\n"
              "      <Commands>\n"
              "        <Add>\n"
              "          <ServerId>1</ServerId>\n"
              "          <ApplicationData>\n"
              "            <FirstName xmlns=\"Contacts:\">J\xc3\xb6 &amp; &lt;x&gt;&#13;</FirstName>\n"
              "            <Body xmlns=\"AirSyncBase:\">\n"
              "              <Data xmlns:wbxml=\"" EAS_WBXML_XML_NS "\" wbxml:opaque=\"true\" wbxml:encoding=\"base64\">YgFu</Data>\n"
              "            </Body>\n"
              "          </ApplicationData>\n"
              "        </Add>\n"
              "      </Commands>\n"
              "    </Collection>\n"
              "    <Fetch></Fetch>\n"
              "  </Collections>\n"
              "</Sync>\n");
    eas_buf_free(&out);
}

TEST(fragment_and_mixed_content)
{
    static const char frag[] = "\x00\x01\x5f\x03" "Ann\x00\x01\x01\x00\x00\x45\x03t\x00\x4e\x01\x01";
    eas_buf out;
    eas_error err;

    eas_buf_init(&out, &eas_libc_allocator);
    CHECK_EQ_INT(render(frag, sizeof(frag) - 1, &out, &err), 0);
    CHECK_STR((const char *)out.data,
              "<wbxml:fragment xmlns:wbxml=\"" EAS_WBXML_XML_NS "\">\n"
              "  <FirstName xmlns=\"Contacts:\">Ann</FirstName>\n"
              "  <wbxml:end xmlns:wbxml=\"" EAS_WBXML_XML_NS "\"/>\n"
              "  <Sync xmlns=\"AirSync:\">\n"
              "    <wbxml:text xmlns:wbxml=\"" EAS_WBXML_XML_NS "\">t</wbxml:text>\n"
              "    <Status></Status>\n"
              "  </Sync>\n"
              "</wbxml:fragment>\n");
    eas_buf_free(&out);
}

TEST(errors_are_reported)
{
    eas_buf out;
    eas_error err;

    eas_buf_init(&out, &eas_libc_allocator);
    CHECK_EQ_INT(render("\x03\x01\x6a\x00\x45\x7f", 6, &out, &err), -1);
    CHECK_EQ_INT(err.code, EAS_ERR_UNKNOWN_TAG);
    CHECK_CONTAINS(err.message, "at byte 5");
    eas_buf_free(&out);
}

RUN_SUITE("xml", document, fragment_and_mixed_content, errors_are_reported)
