/*
 * The state of one IMAP folder as a device knows it, and the diff against
 * what the server reports: new messages, messages whose flags changed,
 * messages expunged, messages that left the filter window (SOFTDELETE).
 *
 * It follows Horde_ActiveSync_Folder_Imap's rules, which the PHP class of
 * that name forwards to this engine:
 *   - a UID at or above the saved UIDNEXT is new;
 *   - below it (and not below the lowest known UID, unless the filter
 *     widened), a CONDSTORE folder reports every UID the server returned as
 *     changed when known, new when not; a folder without CONDSTORE compares
 *     the read and flagged states with the saved ones;
 *   - the update after a Sync applies additions and removals to the known
 *     set; without CONDSTORE it also stores the flags just reported (a known
 *     message the server did not report keeps no flags, as in Horde).
 * It stores the known set as a sorted UID array with one flag byte per UID,
 * so every step is a merge or a binary search: O(n) for a whole folder,
 * O(changes · log n) for a CONDSTORE delta.
 *
 * The planning helpers decide, from the saved and the current IMAP STATUS,
 * which way changes must be fetched (CONDSTORE delta, full listing, first
 * sync, nothing at all) and whether a Ping has anything to report.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef EAS_IMAP_STATE_H
#define EAS_IMAP_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "eas_uidset.h"

/* Each flag takes two bits: not given (as Horde's isset() sees it), off, on. */
#define EAS_FLAG_UNSET 0u
#define EAS_FLAG_OFF 1u
#define EAS_FLAG_ON 2u
#define EAS_FLAG_READ_SHIFT 0
#define EAS_FLAG_FLAGGED_SHIFT 2
#define EAS_FLAG_DRAFT_SHIFT 4
/* An empty flag array: Horde's empty() takes such a message as unknown. */
#define EAS_FLAGS_EMPTY 0x40u
#define EAS_FLAGS_VALID_MASK 0x7fu

#define EAS_FLAG_GET(bits, shift) (((unsigned)(bits) >> (shift)) & 3u)
#define EAS_FLAG_MAKE(read, flagged, draft) \
    ((uint8_t)((read) << EAS_FLAG_READ_SHIFT | (flagged) << EAS_FLAG_FLAGGED_SHIFT | (draft) << EAS_FLAG_DRAFT_SHIFT))

/* 1 if a flag byte is one this engine writes (no field set to 3, no stray bits). */
int eas_flags_valid(uint8_t bits);

/* UIDs with one flag byte each, sorted by UID. */
typedef struct eas_flagset {
    eas_u32vec uids;
    uint8_t *bits;
    size_t bits_cap;
} eas_flagset;

void eas_flagset_init(eas_flagset *f, const eas_allocator *alloc);
void eas_flagset_free(eas_flagset *f);
void eas_flagset_clear(eas_flagset *f);
/* Room for `n` entries in total; 0, or -1 when out of memory. */
int eas_flagset_reserve(eas_flagset *f, size_t n);
int eas_flagset_push(eas_flagset *f, uint32_t uid, uint8_t bits);
/* Sorts by UID; on a repeated UID the last one pushed wins. */
int eas_flagset_normalize(eas_flagset *f);
/* Index of uid, or (size_t)-1. */
size_t eas_flagset_find(const eas_flagset *f, uint32_t uid);

typedef struct eas_imap_state {
    const eas_allocator *alloc;
    eas_flagset known;        /* the messages the device has, with their flags */
    eas_u32vec added;         /* pending, in the order found */
    eas_u32vec changed;
    eas_u32vec removed;
    eas_u32vec soft;          /* SOFTDELETE list given by the caller (CONDSTORE) */
    eas_flagset reported;     /* flags reported since the last update (Horde's $_flags) */
    int primed;               /* the pending additions are a first listing */
} eas_imap_state;

void eas_imap_state_init(eas_imap_state *st, const eas_allocator *alloc);
void eas_imap_state_free(eas_imap_state *st);

/* Lowest known UID, 0 when none is known. */
uint32_t eas_imap_min_uid(const eas_imap_state *st);

typedef struct eas_imap_changes_in {
    const uint32_t *uids;     /* UIDs the server returned, in its order */
    size_t count;
    const eas_flagset *flags; /* their flags (normalized), may miss some */
    uint64_t uidnext;         /* the saved UIDNEXT (0 on a first sync) */
    int condstore;            /* the saved state has a HIGHESTMODSEQ */
    int reset_min_uid;        /* the filter widened: look below the lowest known UID */
} eas_imap_changes_in;

/* Horde's setChanges(): classifies and appends to added/changed, merges the flags. */
int eas_imap_set_changes(eas_imap_state *st, const eas_imap_changes_in *in);

/* Horde's setRemoved(): 1 (nothing set) when the first UID is below the
 * lowest known one, the sign of a server returning all UIDs as vanished. */
int eas_imap_set_removed(eas_imap_state *st, const uint32_t *uids, size_t count);

int eas_imap_prime(eas_imap_state *st, const uint32_t *uids, size_t count);

/* Without CONDSTORE: known messages neither reported nor removed leave the
 * known set and are returned (sorted) in `out`. */
int eas_imap_take_soft_deleted(eas_imap_state *st, eas_u32vec *out);

/* With CONDSTORE: the caller's SOFTDELETE list, taken out of the known set. */
int eas_imap_set_soft_deleted(eas_imap_state *st, const uint32_t *uids, size_t count);

/* Horde's updateState(): applies the pending changes and clears them.
 * `condstore` is the mode of the status now stored. */
int eas_imap_update(eas_imap_state *st, int condstore);

/* A message the client received (Horde 6's acknowledgeExportedMessage). */
int eas_imap_acknowledge(eas_imap_state *st, uint32_t uid);

/*
 * Binary form of the known set: a version byte (1), the UID runs
 * (eas_uidset_encode), then the flag bytes run-length coded: a LEB128 count
 * of runs, each a flag byte and the LEB128 run length minus one.
 */
int eas_imap_encode_known(const eas_imap_state *st, eas_buf *out);
int eas_imap_decode_known(eas_imap_state *st, const unsigned char *data, size_t len, size_t max,
                          eas_error *err);

/* ---- planning from IMAP STATUS ---- */

typedef struct eas_imap_status {
    uint64_t uidvalidity;
    uint64_t uidnext;
    uint64_t highestmodseq;
    uint64_t messages;
} eas_imap_status;

typedef enum {
    EAS_IMAP_PLAN_NOTHING = 0,      /* CONDSTORE and nothing moved: no search at all */
    EAS_IMAP_PLAN_MODSEQ = 1,       /* changes since the saved HIGHESTMODSEQ */
    EAS_IMAP_PLAN_INITIAL = 2,      /* first sync: list the folder */
    EAS_IMAP_PLAN_PLAIN = 3,        /* no CONDSTORE: list and compare everything */
    EAS_IMAP_PLAN_UIDVALIDITY = 4,  /* UIDVALIDITY changed: the device must resync */
    EAS_IMAP_PLAN_CONDSTORE_ENABLED = 5, /* the server gained CONDSTORE: resync */
    EAS_IMAP_PLAN_NOT_INITIALIZED = 6    /* saved state has a UIDNEXT but no UIDVALIDITY */
} eas_imap_plan_kind;

typedef struct eas_imap_plan {
    eas_imap_plan_kind kind;
    /* MODSEQ only: 0 when the server's HIGHESTMODSEQ went backwards (lost
     * index): search without CHANGEDSINCE rather than trust it. */
    int modseq_valid;
} eas_imap_plan;

/* Horde's Imap_Adapter::getMessageChanges() decision. A zero uidvalidity
 * in `current` is "not reported"; a zero saved uidvalidity is "unknown". */
eas_imap_plan eas_imap_plan_sync(const eas_imap_status *saved, int saved_has_uidvalidity,
                                 const eas_imap_status *current, int softdelete, int refreshfilter);

/* Whether a Ping has something to report, against the Ping watermark:
 * HIGHESTMODSEQ moved up, UIDNEXT moved up, the message count changed, or
 * UIDVALIDITY changed (so that the client syncs and learns it must resync). */
int eas_imap_ping_changed(const eas_imap_status *watermark, const eas_imap_status *current);

#endif
