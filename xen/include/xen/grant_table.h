/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Grant tables, version 1 (common/grant_table.c, grant-copy.c,
 * grant-map.c): the per-domain table of grant entries a guest fills to
 * let another domain copy or map its pages, the hypercall, and the hooks
 * domain life cycle and memory_op call. Design and locking:
 * docs/hypervisor/grant-tables.md.
 */
#ifndef __XEN_GRANT_TABLE_H__
#define __XEN_GRANT_TABLE_H__

#include <xen/sched.h>
#include <xen/types.h>

/* Default limits, as Xen 4.17's (command line: gnttab_max_frames=,
 * gnttab_max_maptrack_frames=). */
#define GNTTAB_DEFAULT_MAX_FRAMES           64
#define GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES  1024

/*
 * Give d an empty grant table: version 1, one shared frame, none mapped
 * in its p2m. Returns 0 or -ENOMEM. Context: domain creation, before the
 * domain is on the domain list.
 */
int __must_check gnttab_domain_init(struct domain *d);

/*
 * d is being destroyed and none of its vCPUs runs: undo every grant
 * mapping d holds of other domains' pages (their GTF_reading/writing
 * bits and page references are released, references to the granting
 * domains dropped). d's own table stays: other domains may still map
 * d's pages until they unmap. Context: the domain's p2m still exists,
 * no lock held. May be called more than once.
 */
void gnttab_domain_destroy(struct domain *d);

/*
 * Free d's grant table (shared frames, active entries, maptrack). Called
 * when the last reference to d goes (every mapping of d's grants holds
 * one, so no other domain uses the table any more). d->grant_table may
 * be NULL. Context: no lock held.
 */
void gnttab_domain_free(struct domain *d);

/*
 * XENMEM_add_to_physmap(XENMAPSPACE_grant_table): map shared frame idx
 * of d's table at gfn (p2m_map_rw), growing the table to idx + 1 frames
 * if it is smaller (up to its maximum). Whatever was at gfn is replaced
 * (RAM there is freed); if the frame was mapped at another gfn, that
 * mapping is removed (one place per frame, as on Xen). Returns 0;
 * -EINVAL (idx >= the maximum, a status frame index, gfn out of range);
 * -ENOMEM. Context: no grant-table or p2m lock held (the caller may hold
 * d->domain_lock).
 */
int gnttab_map_frame(struct domain *d, unsigned long idx, uint64_t gfn);

/* The grant_table_op hypercall (__HYPERVISOR_grant_table_op, 20). */
long do_grant_table_op(unsigned long cmd, unsigned long uop,
                       unsigned long count, unsigned long a4,
                       unsigned long a5);

#endif /* __XEN_GRANT_TABLE_H__ */
