/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private interface between p2m.c (policy: what to map, accounting,
 * flushing) and p2m-pt.c (the tables: the NPT and EPT entry formats and
 * the one walker shared by both). Levels count from 1 (4 KiB leaves) to
 * 4 (the root); a leaf at level 2 maps 2 MiB, at level 3 1 GiB.
 */
#ifndef __X86_MM_P2M_PT_H__
#define __X86_MM_P2M_PT_H__

#include <xen/p2m.h>

#define P2M_LEVELS          4
#define P2M_ENTRIES         512
/* Number of 4 KiB frames a leaf at this level maps. */
#define P2M_LEVEL_PAGES(l)  (1UL << (9 * ((l) - 1)))

/* The only differences between the NPT and the EPT format. */
struct p2m_format_ops {
    const char *name;
    /* Entry pointing at the next-level table in frame mfn. */
    uint64_t (*make_table)(mfn_t mfn);
    /* Leaf for frame mfn (aligned for large) of type t. */
    uint64_t (*make_leaf)(mfn_t mfn, enum p2m_type t, bool large);
    /* Anything at all: a table, or a leaf (hardware-present or not). */
    bool (*entry_present)(uint64_t e);
    /* Only meaningful at levels 2 and 3 of a present entry. */
    bool (*entry_is_large)(uint64_t e);
    mfn_t (*entry_mfn)(uint64_t e);
    enum p2m_type (*entry_type)(uint64_t e);
};

extern const struct p2m_format_ops p2m_npt_ops;
extern const struct p2m_format_ops p2m_ept_ops;

/*
 * Find the entry mapping gfn. Returns the leaf (or 0 for a hole) and sets
 * *level to the level where the walk stopped: the leaf's level, or the
 * level of the empty entry. Caller holds p2m->lock.
 */
uint64_t p2m_pt_get(struct p2m_domain *p2m, uint64_t gfn,
                    unsigned int *level);

/*
 * Store e (a leaf or 0) for gfn at level 1 or 2, creating tables on the
 * way and splitting larger leaves above it into equal smaller ones. A
 * table replaced at that level must map nothing: it goes to free_tables.
 * Returns 0 or -ENOMEM (nothing changed). Caller holds p2m->lock for
 * writing.
 */
int p2m_pt_set(struct p2m_domain *p2m, uint64_t gfn, unsigned int level,
               uint64_t e);

/*
 * Overwrite the existing leaf for gfn at level with e, a leaf for the
 * same range (used to turn an unscrubbed leaf into a present one). No
 * tables change, so the caller may hold p2m->lock for reading only,
 * provided it serialises with other such callers (p2m->scrub_lock).
 */
void p2m_pt_replace_leaf(struct p2m_domain *p2m, uint64_t gfn,
                         unsigned int level, uint64_t e);

/*
 * Zero the frames of gfn's leaf if it is p2m_ram_unscrubbed and make it
 * p2m_ram_rw (p2m-scrub.c). Returns the leaf as it is now (0 for a
 * hole) and sets *level as p2m_pt_get does. Caller holds p2m->lock
 * (read or write), not scrub_lock.
 */
uint64_t p2m_scrub_get(struct p2m_domain *p2m, uint64_t gfn,
                       unsigned int *level);

/*
 * Call fn(p2m, gfn, level, e) for every present leaf, then free every
 * table page but the root and clear the root. For destruction only.
 */
void p2m_pt_teardown(struct p2m_domain *p2m,
                     void (*fn)(struct p2m_domain *p2m, uint64_t gfn,
                                unsigned int level, uint64_t e));

/* Table pages any p2m may have beyond what its max_pages justifies. */
#define P2M_TABLES_BASE     64

/*
 * A zeroed table page, counted in p2m->nr_tables; NULL when the heap is
 * out or the p2m has P2M_TABLES_BASE + max_pages / 256 tables already.
 */
struct page_info *p2m_pt_alloc_table(struct p2m_domain *p2m);
void p2m_pt_free_table(struct p2m_domain *p2m, struct page_info *pg);

#endif /* __X86_MM_P2M_PT_H__ */
