/* SPDX-License-Identifier: MIT */
/*
 * Memory operations (__HYPERVISOR_memory_op, 12): growing and shrinking a
 * domain's memory, reading its memory map, and placing hypervisor-owned
 * pages (shared_info, grant frames) into its physical address space.
 *
 * Call: memory_op(cmd, arg). arg is the guest virtual address of the
 * structure named with each command, or NULL. Returns 0 or -XEN_E*
 * unless stated. Only the operations an HVM/PVH guest or a basic
 * toolstack uses are described in full; the rest are numbered only.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

/*
 * XENMEM_increase_reservation, XENMEM_decrease_reservation,
 * XENMEM_populate_physmap: arg -> struct xen_memory_reservation.
 *
 *   increase  allocate extents for the domain (PV; OUT: machine frames)
 *   decrease  free the extents at the listed guest frames (balloon out)
 *   populate  back the listed guest frames with new memory (balloon in)
 *
 * Each returns the number of extents processed (>= 0). A result smaller
 * than nr_extents means the rest failed; the caller may retry them.
 */
#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_populate_physmap     6

/*
 * mem_flags bits for xen_memory_reservation.
 * bits 7:0   address bits the allocation must fit below (0 = no limit)
 * bits 15:8  NUMA node + 1 to allocate from (0 = any)
 * bit  16    populate-on-demand entries instead of memory
 * bit  17    allocate from the given node only
 * bit  18    the node number is a virtual (guest) node
 */
#define XENMEMF_address_bits(x)     (x)
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8)
#define XENMEMF_get_node(x)         ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand  (1 << 16)
#define XENMEMF_exact_node_request  (1 << 17)
#define XENMEMF_exact_node(n)       (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode               (1 << 18)

/* 32 bytes on x86_64. */
struct xen_memory_reservation {
    /*
     * IN/OUT: array of nr_extents frame numbers, each the first frame of
     * an extent. decrease: IN, guest frames to free. populate: IN, guest
     * frames to back (also OUT for PV). increase: OUT, machine frames.
     */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;
    xen_ulong_t nr_extents;     /* IN: number of entries in extent_start */
    uint32_t extent_order;      /* IN: each extent is 2^order pages */
    uint32_t mem_flags;         /* IN: XENMEMF_* */
    domid_t  domid;             /* IN: DOMID_SELF unless privileged */
    /* 6 bytes padding on x86_64 */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);

/*
 * XENMEM_maximum_ram_page: arg NULL. Returns the highest machine frame
 * number of host RAM. Never fails.
 */
#define XENMEM_maximum_ram_page     2

/*
 * XENMEM_current_reservation / XENMEM_maximum_reservation: arg ->
 * struct xen_memory_domain. Return the domain's current / maximum
 * allocation in pages (>= 0).
 * XENMEM_maximum_gpfn: same argument; returns the highest guest frame
 * number the domain has populated.
 */
#define XENMEM_current_reservation  3
#define XENMEM_maximum_reservation  4
#define XENMEM_maximum_gpfn         14
struct xen_memory_domain {
    domid_t domid;      /* IN: DOMID_SELF, or any domain if privileged */
};

/* XENMEM_machphys_mfn_list, _mapping, _compat_mfn_list: PV only. */
#define XENMEM_machphys_mfn_list    5
#define XENMEM_machphys_mapping     12
#define XENMEM_machphys_compat_mfn_list 25

/*
 * Spaces a page can be taken from by XENMEM_add_to_physmap(_batch).
 */
#define XENMAPSPACE_shared_info  0  /* the domain's shared_info page */
#define XENMAPSPACE_grant_table  1  /* a frame of its grant table */
#define XENMAPSPACE_gmfn         2  /* one of its own guest frames (move) */
#define XENMAPSPACE_gmfn_range   3  /* "size" consecutive guest frames */
#define XENMAPSPACE_gmfn_foreign 4  /* a frame of another domain (batch) */
#define XENMAPSPACE_dev_mmio     5  /* device MMIO (Arm only) */

/*
 * XENMEM_add_to_physmap: arg -> struct xen_add_to_physmap. Map a page of
 * the given space at guest frame gpfn, replacing what was there (a RAM
 * page there is released). Translated (HVM/PVH) guests only. 24 bytes on
 * x86_64.
 *
 * Linux PVH maps shared_info (idx 0) at boot and grant frames (idx = frame
 * number) into unpopulated physical space.
 */
#define XENMEM_add_to_physmap       7
struct xen_add_to_physmap {
    domid_t  domid;     /* IN: domain whose physmap changes (DOMID_SELF) */
    uint16_t size;      /* IN: number of frames for XENMAPSPACE_gmfn_range */
    uint32_t space;     /* IN: XENMAPSPACE_* */
    /*
     * IN: index within the space: 0 for shared_info; the grant frame
     * number for grant_table (| XENMAPIDX_grant_table_status for a v2
     * status frame); the source guest frame for gmfn / gmfn_range.
     */
    xen_ulong_t idx;
    xen_pfn_t gpfn;     /* IN: guest frame where the page should appear */
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_t);

#define XENMAPIDX_grant_table_status 0x80000000U

/*
 * XENMEM_add_to_physmap_batch: arg -> struct xen_add_to_physmap_batch.
 * "size" mappings at once, with a per-entry result; the only way to map
 * XENMAPSPACE_gmfn_foreign. 32 bytes on x86_64.
 */
#define XENMEM_add_to_physmap_batch 23
struct xen_add_to_physmap_batch {
    domid_t  domid;     /* IN: domain whose physmap changes */
    uint16_t space;     /* IN: XENMAPSPACE_* */
    uint16_t size;      /* IN: number of entries in idxs/gpfns/errs */
    union xen_add_to_physmap_batch_extra {
        domid_t  foreign_domid; /* IN: source domain for gmfn_foreign */
        uint16_t res0;          /* IN: zero for every other space */
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;  /* IN: indexes into the space */
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;   /* IN: destination guest frames */
    XEN_GUEST_HANDLE(int) errs;          /* OUT: 0 or -XEN_E* per entry */
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;
DEFINE_XEN_GUEST_HANDLE(xen_add_to_physmap_batch_t);

/*
 * XENMEM_remove_from_physmap: arg -> struct xen_remove_from_physmap.
 * Unmap whatever page appears at gpfn (the frame becomes a hole).
 * 16 bytes on x86_64.
 */
#define XENMEM_remove_from_physmap  15
struct xen_remove_from_physmap {
    domid_t   domid;    /* IN: DOMID_SELF unless privileged */
    xen_pfn_t gpfn;     /* IN: guest frame to unmap */
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;
DEFINE_XEN_GUEST_HANDLE(xen_remove_from_physmap_t);

/*
 * XENMEM_memory_map: arg -> struct xen_memory_map. Copy the domain's
 * memory map (as set by the toolstack) into buffer, as E820 entries of
 * 20 bytes each: { uint64_t addr; uint64_t size; uint32_t type; },
 * packed. 16 bytes on x86_64.
 * XENMEM_machine_memory_map: same, for the host (privileged only).
 */
#define XENMEM_memory_map           9
#define XENMEM_machine_memory_map   10
struct xen_memory_map {
    /* IN: capacity of buffer in entries; OUT: entries written */
    uint32_t nr_entries;
    /* 4 bytes padding on x86_64 */
    XEN_GUEST_HANDLE(void) buffer;  /* IN: GVA of the entry array */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);

/*
 * XENMEM_set_memory_map: arg -> struct xen_foreign_memory_map. Toolstack
 * only: set the map that XENMEM_memory_map will return for "domid".
 */
#define XENMEM_set_memory_map       13
struct xen_foreign_memory_map {
    domid_t domid;              /* IN: target domain */
    struct xen_memory_map map;  /* IN: its new memory map */
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);

/* XENMEM_exchange: PV only (swap extents for differently placed ones). */
#define XENMEM_exchange             11

/* Numbers of operations Lamina does not describe yet (tools / NUMA). */
/* 8 (translate_gpfn_list) is retired and must not be reused. */
#define XENMEM_set_pod_target       16
#define XENMEM_get_pod_target       17
#define XENMEM_get_sharing_freed_pages  18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op            20
#define XENMEM_access_op            21
#define XENMEM_sharing_op           22
#define XENMEM_claim_pages          24
#define XENMEM_get_vnumainfo        26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource     28

#endif /* __XEN_PUBLIC_MEMORY_H__ */
