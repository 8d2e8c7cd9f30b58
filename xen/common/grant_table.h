/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private to the grant-table files (grant_table.c, grant-copy.c,
 * grant-map.c): the table layout, active entries (what the hypervisor
 * pinned of an entry), maptrack entries (mappings a domain holds), and
 * the pin/unpin protocol shared by copy and map. Locking: see
 * grant_table.c.
 */
#ifndef XEN_COMMON_GRANT_TABLE_H
#define XEN_COMMON_GRANT_TABLE_H

#include <xen/grant_table.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <public/grant_table.h>

#define GNTTAB_PER_FRAME    (PAGE_SIZE / sizeof(struct grant_entry_v1))
#define GNTTAB_NO_GFN       (~0ULL)

/*
 * What the hypervisor holds of one entry. While pinned (nr_ro + nr_rw >
 * 0) the entry's frame was translated once and one foreign page
 * reference is held on mfn; later changes of the guest entry do not
 * matter until the last unpin (as on Xen).
 */
struct active_grant_entry {
    uint32_t nr_ro;             /* read-only pins (maps and copies) */
    uint32_t nr_rw;             /* writable pins */
    domid_t domid;              /* the grantee, while pinned */
    bool rw_ok;                 /* frame was p2m_ram_rw at the first pin */
    uint64_t gfn;               /* granted frame, while pinned */
    mfn_t mfn;                  /* its machine frame (page ref held) */
};

/* One mapping held by the mapping domain; handle = index. */
struct grant_mapping {
    struct domain *rd;          /* granting domain (reference); NULL: free */
    grant_ref_t ref;            /* entry in rd's table */
    uint32_t flags;             /* GNTMAP_readonly, MAPTRACK_BUSY */
    uint64_t gfn;               /* where it is mapped in the mapper */
    mfn_t mfn;                  /* the granted frame */
    uint32_t next_free;         /* free list link when rd == NULL */
};

/* An unmap of this handle is in progress: others see a bad handle. */
#define MAPTRACK_BUSY       (1U << 31)

#define MAPTRACK_PER_CHUNK  (PAGE_SIZE / sizeof(struct grant_mapping))
#define MAPTRACK_NONE       (~0U)

struct grant_table {
    rwlock_t lock;              /* write: grow, destroy; read: entries */
    unsigned int nr_frames;     /* [L:lock] shared frames in use */
    unsigned int max_frames;    /* [I] */
    struct grant_entry_v1 **shared;     /* [I] max_frames xenheap pages,
                                           NULL above nr_frames */
    uint64_t *frame_gfn;        /* [L:lock] gfn of frame i, or
                                   GNTTAB_NO_GFN */
    struct active_grant_entry **active; /* [L:lock] one chunk per frame */
    spinlock_t active_lock;     /* every active entry of the table */

    spinlock_t maptrack_lock;   /* the maptrack fields below */
    struct grant_mapping **maptrack;    /* [L:maptrack_lock] chunks */
    unsigned int maptrack_chunks;       /* [L:maptrack_lock] allocated */
    unsigned int maptrack_max_chunks;   /* [I] */
    uint32_t maptrack_free;     /* [L:maptrack_lock] free list head */
    bool dying;                 /* [L:maptrack_lock] no new mappings */
};

/* Entries in the table now. Context: caller holds gt->lock. */
static inline unsigned int gnttab_nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * GNTTAB_PER_FRAME;
}

static inline struct grant_entry_v1 *gnttab_entry(struct grant_table *gt,
                                                  grant_ref_t ref)
{
    return &gt->shared[ref / GNTTAB_PER_FRAME][ref % GNTTAB_PER_FRAME];
}

static inline struct active_grant_entry *gnttab_active(
    struct grant_table *gt, grant_ref_t ref)
{
    return &gt->active[ref / GNTTAB_PER_FRAME][ref % GNTTAB_PER_FRAME];
}

/*
 * Pin entry ref of rd's table for domain ldom, for reading (readonly) or
 * for writing too: on the first pin check the entry (permit_access,
 * domid == ldom, not readonly when writing; map also refuses cache
 * attribute and sub-page bits), set GTF_reading (and GTF_writing) with a
 * cmpxchg that fails if the guest changed the entry meanwhile, translate
 * the frame in rd's p2m (RAM; writable RAM for writing) and take a page
 * reference. Returns GNTST_okay and *mfn; GNTST_bad_gntref (ref out of
 * range), GNTST_general_error (entry refused), GNTST_bad_page (frame not
 * RAM). Context: caller holds rd->grant_table->lock for reading.
 */
int gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ldom,
               bool readonly, bool for_map, mfn_t *mfn);

/*
 * Undo one gnttab_pin(): the last writable pin clears GTF_writing, the
 * last pin clears GTF_reading and drops the page reference. Context:
 * caller holds rd->grant_table->lock for reading.
 */
void gnttab_unpin(struct domain *rd, grant_ref_t ref, bool readonly);

/* Copy back only the status field of element i of an array at uop. */
int gnttab_put_status(unsigned long uop, size_t elem_size,
                      size_t status_off, unsigned long i, int16_t status);

/*
 * One grant operation per element of the guest's array at uop: copy
 * element i into op (elem_size bytes), run do_one(op), which returns the
 * element's GNTST status (and may fill other OUT fields), and write back
 * the whole element if whole_out, else only the int16 status at
 * status_off. Returns count, i when preempted after i elements (the
 * caller continues from there), or -EFAULT.
 */
long gnttab_batch(unsigned long uop, unsigned long count, void *op,
                  size_t elem_size, size_t status_off, bool whole_out,
                  int16_t (*do_one)(void *op));

/* Batch workers (grant-copy.c, grant-map.c); return done or -errno. */
long gnttab_copy_batch(unsigned long uop, unsigned long count);
long gnttab_map_batch(unsigned long uop, unsigned long count);
long gnttab_unmap_batch(unsigned long uop, unsigned long count);

/* Release every mapping d holds (grant-map.c). */
void gnttab_maptrack_release_all(struct domain *d);
void gnttab_maptrack_free(struct grant_table *gt);

#endif /* XEN_COMMON_GRANT_TABLE_H */
