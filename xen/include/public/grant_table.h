/* SPDX-License-Identifier: MIT */
/*
 * Grant tables, version 1 (__HYPERVISOR_grant_table_op, 20): how a domain
 * lets another domain map or copy its pages, the v1 entry format and its
 * GTF_* flags, the GNTTABOP_* sub-operations and GNTST_* status codes.
 *
 * Call: grant_table_op(cmd, arg, count). arg is the guest virtual address
 * of an array of "count" structures of the type named with each command.
 * The hypercall returns 0 or -XEN_E* for the call as a whole; the result
 * of each element is in its "status" field (GNTST_*).
 */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

/* Index of an entry in the granting domain's grant table. */
typedef uint32_t grant_ref_t;

/*
 * Version 1 grant entry. 8 bytes; 512 per 4 KiB grant frame.
 *
 * The granting guest writes domid and frame, issues a write barrier, and
 * only then writes flags (which makes the grant live). To revoke, it
 * atomically replaces flags with 0 but only if neither GTF_reading nor
 * GTF_writing is set. The hypervisor sets/clears GTF_reading/GTF_writing
 * atomically around every mapping or copy it performs on the grantee's
 * behalf, after checking that the grantee is "domid".
 */
struct grant_entry_v1 {
    uint16_t flags;     /* IN/OUT: GTF_* (type in bits 1:0) */
    domid_t  domid;     /* IN: the domain being granted access */
    /*
     * IN: for GTF_permit_access, the guest frame being granted.
     * For GTF_accept_transfer: OUT, the frame that was transferred.
     */
    uint32_t frame;
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/* Entry type, flags bits 1:0. */
#define GTF_invalid         (0U << 0)  /* no access granted */
#define GTF_permit_access   (1U << 0)  /* domid may map/copy "frame" */
#define GTF_accept_transfer (2U << 0)  /* domid may give us a page */
#define GTF_transitive      (3U << 0)  /* v2 only */
#define GTF_type_mask       (3U << 0)

/* Flags of a GTF_permit_access entry. */
#define _GTF_readonly       2
#define GTF_readonly        (1U << _GTF_readonly)  /* IN: no writes */
#define _GTF_reading        3
#define GTF_reading         (1U << _GTF_reading)   /* OUT: in use, reads */
#define _GTF_writing        4
#define GTF_writing         (1U << _GTF_writing)   /* OUT: in use, writes */
#define _GTF_PWT            5
#define GTF_PWT             (1U << _GTF_PWT)       /* IN: cache attrs */
#define _GTF_PCD            6
#define GTF_PCD             (1U << _GTF_PCD)       /* IN: cache attrs */
#define _GTF_PAT            7
#define GTF_PAT             (1U << _GTF_PAT)       /* IN: cache attrs */
#define _GTF_sub_page       8
#define GTF_sub_page        (1U << _GTF_sub_page)  /* v2 only */

/* Flags of a GTF_accept_transfer entry (bits shared with the above). */
#define _GTF_transfer_committed 2
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed 3
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

/*
 * The first entries are reserved for the toolstack: it grants the
 * console and xenstore rings of a new guest to the backend domains.
 */
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GNTTAB_RESERVED_CONSOLE     0
#define GNTTAB_RESERVED_XENSTORE    1

/* Handle returned by GNTTABOP_map_grant_ref, passed back to unmap. */
typedef uint32_t grant_handle_t;

/* Sub-operation numbers. */
#define GNTTABOP_map_grant_ref        0
#define GNTTABOP_unmap_grant_ref      1
#define GNTTABOP_setup_table          2
#define GNTTABOP_dump_table           3
#define GNTTABOP_transfer             4
#define GNTTABOP_copy                 5
#define GNTTABOP_query_size           6
#define GNTTABOP_unmap_and_replace    7
#define GNTTABOP_set_version          8
#define GNTTABOP_get_status_frames    9
#define GNTTABOP_get_version          10
#define GNTTABOP_swap_grant_ref       11
#define GNTTABOP_cache_flush          12

/*
 * GNTTABOP_map_grant_ref: map the page granted by (dom, ref) into the
 * caller. For an HVM/PVH caller with GNTMAP_host_map, host_addr is the
 * guest physical address where the page should appear. 32 bytes.
 */
struct gnttab_map_grant_ref {
    uint64_t host_addr;         /* IN: where to map (see GNTMAP_*) */
    uint32_t flags;             /* IN: GNTMAP_* */
    grant_ref_t ref;            /* IN: entry in the granter's table */
    domid_t  dom;               /* IN: the granting domain */
    int16_t  status;            /* OUT: GNTST_* */
    grant_handle_t handle;      /* OUT: pass to GNTTABOP_unmap_grant_ref */
    uint64_t dev_bus_addr;      /* OUT: bus address for device DMA */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

/* Mapping flags. */
#define _GNTMAP_device_map      0
#define GNTMAP_device_map       (1U << _GNTMAP_device_map)  /* for DMA */
#define _GNTMAP_host_map        1
#define GNTMAP_host_map         (1U << _GNTMAP_host_map)    /* for CPU */
#define _GNTMAP_readonly        2
#define GNTMAP_readonly         (1U << _GNTMAP_readonly)    /* map r/o */
#define _GNTMAP_application_map 3
#define GNTMAP_application_map  (1U << _GNTMAP_application_map) /* PV user */
#define _GNTMAP_contains_pte    4
#define GNTMAP_contains_pte     (1U << _GNTMAP_contains_pte) /* PV */
/* Bits 16 and up are the guest's own (PV: copied to available PTE bits). */
#define _GNTMAP_guest_avail0    16
#define GNTMAP_guest_avail_mask ((uint32_t)~0U << _GNTMAP_guest_avail0)

/*
 * GNTTABOP_unmap_grant_ref: undo one mapping. 24 bytes.
 */
struct gnttab_unmap_grant_ref {
    uint64_t host_addr;         /* IN: as given to map (0: skip CPU map) */
    uint64_t dev_bus_addr;      /* IN: as returned by map (0: skip) */
    grant_handle_t handle;      /* IN: from map */
    int16_t  status;            /* OUT: GNTST_* */
    /* 2 bytes padding */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/*
 * GNTTABOP_setup_table: size the grant table of "dom" to nr_frames and
 * return the frames holding it (PV; translated guests map the frames with
 * XENMEM_add_to_physmap instead). 24 bytes on x86_64.
 */
struct gnttab_setup_table {
    domid_t  dom;               /* IN: DOMID_SELF unless privileged */
    /* 2 bytes padding */
    uint32_t nr_frames;         /* IN: number of frames wanted */
    int16_t  status;            /* OUT: GNTST_* */
    /* 6 bytes padding on x86_64 */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* OUT: nr_frames frames */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/*
 * GNTTABOP_dump_table: print the grant table of "dom" on the hypervisor
 * console (debugging). 4 bytes.
 */
struct gnttab_dump_table {
    domid_t dom;                /* IN: DOMID_SELF unless privileged */
    int16_t status;             /* OUT: GNTST_* */
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/*
 * GNTTABOP_copy: copy bytes between pages, either side named by a grant
 * reference (flag set) or by one of the caller's own frames. The copy may
 * not cross a page boundary on either side. 40 bytes on x86_64.
 */
#define _GNTCOPY_source_gref    0
#define GNTCOPY_source_gref     (1U << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref      1
#define GNTCOPY_dest_gref       (1U << _GNTCOPY_dest_gref)

struct gnttab_copy_ptr {
    union {
        grant_ref_t ref;        /* IN: grant reference (GNTCOPY_*_gref) */
        xen_pfn_t   gmfn;       /* IN: caller's own guest frame otherwise */
    } u;
    domid_t  domid;             /* IN: domain owning ref or gmfn */
    uint16_t offset;            /* IN: byte offset within the page */
};

struct gnttab_copy {
    struct gnttab_copy_ptr source;  /* IN: where to read */
    struct gnttab_copy_ptr dest;    /* IN: where to write */
    uint16_t len;                   /* IN: number of bytes */
    uint16_t flags;                 /* IN: GNTCOPY_* */
    int16_t  status;                /* OUT: GNTST_* */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

/*
 * GNTTABOP_query_size: current and maximum number of grant frames of
 * "dom". Linux PVH uses max_nr_frames to size the physical area where it
 * maps grant frames. 16 bytes.
 */
struct gnttab_query_size {
    domid_t  dom;               /* IN: DOMID_SELF unless privileged */
    /* 2 bytes padding */
    uint32_t nr_frames;         /* OUT: frames in use now */
    uint32_t max_nr_frames;     /* OUT: upper limit */
    int16_t  status;            /* OUT: GNTST_* */
    /* 2 bytes padding */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/*
 * GNTTABOP_set_version: ask for grant table format "version" (Lamina
 * supports 1 only; the call returns the version in force). 4 bytes.
 */
struct gnttab_set_version {
    uint32_t version;           /* IN: wanted; OUT: in force */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/*
 * GNTTABOP_get_version: the grant table format of "dom". 8 bytes.
 */
struct gnttab_get_version {
    domid_t  dom;               /* IN: DOMID_SELF unless privileged */
    uint16_t pad;               /* IN: zero */
    uint32_t version;           /* OUT: 1 or 2 */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/*
 * GNTTABOP_swap_grant_ref: exchange entries ref_a and ref_b of the
 * caller's own table; neither may be in use (GNTST_eagain). 12 bytes.
 */
struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;          /* IN */
    grant_ref_t ref_b;          /* IN */
    int16_t status;             /* OUT: GNTST_* */
    /* 2 bytes padding */
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/*
 * Per-element status codes (negative; 0 is success).
 */
#define GNTST_okay              (0)   /* success */
#define GNTST_general_error     (-1)  /* unspecified failure */
#define GNTST_bad_domain        (-2)  /* unknown domain */
#define GNTST_bad_gntref        (-3)  /* reference out of range/unused */
#define GNTST_bad_handle        (-4)  /* unknown mapping handle */
#define GNTST_bad_virt_addr     (-5)  /* bad host_addr */
#define GNTST_bad_dev_addr      (-6)  /* bad dev_bus_addr */
#define GNTST_no_device_space   (-7)  /* out of mapping space */
#define GNTST_permission_denied (-8)  /* not granted to the caller */
#define GNTST_bad_page          (-9)  /* frame not usable */
#define GNTST_bad_copy_arg      (-10) /* copy crosses a page boundary */
#define GNTST_address_too_big   (-11) /* transfer: address too wide */
#define GNTST_eagain            (-12) /* try again (page paged out) */
#define GNTST_no_space          (-13) /* no space in the grant table */

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
