/*
 * The code page table: every tag is reachable from its token and from each
 * of its names, and the facts other implementations disagree on hold.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test.h"
#include "../../src/wbxml/eas_tags.h"

TEST(every_tag_round_trips)
{
    char full[160];

    CHECK(EAS_TAG_COUNT > 600);
    for (unsigned id = 1; id <= EAS_TAG_COUNT; id++) {
        const eas_tag *t = eas_tag_get(id);
        const eas_page_info *p;
        CHECK(t != NULL);
        if (!t) {
            continue;
        }
        p = eas_page_by_number(t->page);
        CHECK(p != NULL);
        CHECK_EQ_INT(t->id, id);
        CHECK(eas_tag_by_token(t->page, t->token) == t);
        CHECK(eas_tag_by_name(t->name, t->name_len) == t);
        CHECK(t->token >= 5 && t->token <= 0x3f);
        snprintf(full, sizeof(full), "%s:%s", p->spec_ns, t->spec);
        CHECK(eas_tag_by_name(full, strlen(full)) == t);
        CHECK(t->since >= EAS_V2_5 && t->since <= EAS_V16_1);
        CHECK(t->until == 0 || t->until >= t->since);
        /* The local part really is the local part. */
        CHECK(t->local_off == 0 || t->name[t->local_off - 1] == ':');
    }
}

TEST(page_numbers)
{
    CHECK_EQ_INT(EAS_PAGE_COUNT, 27);
    for (unsigned n = 0; n <= 25; n++) {
        CHECK(eas_page_by_number(n) != NULL);
    }
    CHECK(eas_page_by_number(26) == NULL);
    CHECK(eas_page_by_number(254) != NULL);
    CHECK(eas_page_by_number(255) == NULL);
    CHECK_STR(eas_page_by_number(22)->horde_ns, "POOMMAIL2");
    CHECK_STR(eas_page_by_number(22)->spec_ns, "Email2");
    CHECK(eas_page_by_xmlns("Contacts:", 9) == eas_page_by_number(1));
    CHECK(eas_page_by_xmlns("Nope:", 5) == NULL);
}

TEST(horde_names)
{
    const eas_tag *t = eas_tag_by_name("Synchronize", 11);
    CHECK(t && t->page == 0 && t->token == 0x05);
    CHECK(eas_tag_by_name("Sync", 4) == t);
    CHECK(eas_tag_by_name("AirSync:Sync", 12) == t);
    t = eas_tag_by_name("POOMCONTACTS:FirstName", 22);
    CHECK(t && t->page == 1 && t->token == 0x1f);
    CHECK(eas_tag_by_name("Contacts:FirstName", 18) == t);
    CHECK_STR(eas_tag_get(EAS_TAG_AIRSYNC_Change)->name, "Modify");
    CHECK_STR(eas_tag_get(EAS_TAG_AIRSYNCBASE_Annotation)->name, "AirSyncBase:Annontation");
    CHECK(eas_tag_by_name("AirSyncBase:Annotation", 22) == eas_tag_get(EAS_TAG_AIRSYNCBASE_Annotation));
    CHECK_STR(eas_tag_get(EAS_TAG_FIND_GalSearchCriterion)->name, "Find:GALSearchCriterion");
    CHECK(eas_tag_by_name("Provision:RequireStorageCardEncryption", 38) ==
          eas_tag_get(EAS_TAG_PROVISION_DeviceEncryptionEnabled));
    CHECK(eas_tag_by_name("POOMMAIL:Reply-To", 17) == eas_tag_get(EAS_TAG_EMAIL_ReplyTo));
    CHECK(eas_tag_by_name("Email:ReplyTo", 13) == eas_tag_get(EAS_TAG_EMAIL_ReplyTo));
}

TEST(unknown_names)
{
    CHECK(eas_tag_by_name("", 0) == NULL);
    CHECK(eas_tag_by_name("POOMCONTACTS:Nope", 17) == NULL);
    CHECK(eas_tag_by_name("Nope:FirstName", 14) == NULL);
    CHECK(eas_tag_by_name("FirstName", 9) == NULL);        /* not on page 0 */
    CHECK(eas_tag_by_name("Synchronize\0x", 13) == NULL);
    CHECK(eas_tag_by_token(0, 0x04) == NULL);
    CHECK(eas_tag_by_token(0, 0x2a) == NULL);
    CHECK(eas_tag_by_token(26, 0x05) == NULL);
    CHECK(eas_tag_by_token(0, 64) == NULL);
    CHECK(eas_tag_get(0) == NULL);
    CHECK(eas_tag_get(EAS_TAG_COUNT + 1) == NULL);
}

TEST(find_page_tokens)
{
    /* MS-ASWBXML code page 25: the picture triplet sits at 0x20..0x22. */
    CHECK_EQ_INT(eas_tag_get(EAS_TAG_FIND_MaxPictures)->token, 0x20);
    CHECK_EQ_INT(eas_tag_get(EAS_TAG_FIND_MaxSize)->token, 0x21);
    CHECK_EQ_INT(eas_tag_get(EAS_TAG_FIND_Picture)->token, 0x22);
    CHECK_EQ_INT(eas_tag_get(EAS_TAG_FIND_GalSearchCriterion)->token, 0x19);
    CHECK(eas_tag_by_token(25, 0x0f) == NULL);
    CHECK(eas_tag_by_token(25, 0x1a) == NULL);
    CHECK(eas_tag_by_token(25, 0x1f) == NULL);
    CHECK_EQ_INT(eas_tag_get(EAS_TAG_FIND_Find)->since, EAS_V16_1);
}

TEST(versions)
{
    const eas_tag *t = eas_tag_get(EAS_TAG_AIRSYNCBASE_Preview);
    CHECK(!eas_tag_in_version(t, EAS_V12_1));
    CHECK(eas_tag_in_version(t, EAS_V14_0));
    CHECK(eas_tag_in_version(t, EAS_V16_1));
    t = eas_tag_get(EAS_TAG_EMAIL_Body);
    CHECK(eas_tag_in_version(t, EAS_V2_5));
    CHECK(!eas_tag_in_version(t, EAS_V12_0));
    CHECK(eas_tag_in_version(eas_tag_get(EAS_TAG_PROVISION_AccountOnlyRemoteWipe), EAS_V16_1));
    CHECK(!eas_tag_in_version(eas_tag_get(EAS_TAG_PROVISION_AccountOnlyRemoteWipe), EAS_V16_0));
}

RUN_SUITE("tags", every_tag_round_trips, page_numbers, horde_names, unknown_names, find_page_tokens, versions)
