/* SPDX-License-Identifier: MIT */
/*
 * xen_version hypercall (__HYPERVISOR_xen_version, 17): version strings,
 * build information and the XENFEAT feature bitmap.
 *
 * Call: xen_version(cmd, arg). cmd is a XENVER_* number; arg is a guest
 * virtual address of the buffer named below, or NULL where stated.
 * Returns 0 (or the value stated) on success, -XEN_E* on failure.
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

/*
 * XENVER_version: arg NULL. Returns (major << 16) | minor, for example
 * 0x00040011 for "4.17". Always succeeds.
 */
#define XENVER_version          0

/*
 * XENVER_extraversion: arg -> xen_extraversion_t (OUT). The part of the
 * version string after "major.minor", e.g. ".0-lamina", NUL-terminated.
 */
#define XENVER_extraversion     1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN    (sizeof(xen_extraversion_t))

/*
 * XENVER_compile_info: arg -> struct xen_compile_info (OUT). 144 bytes of
 * NUL-terminated strings describing the hypervisor build.
 */
#define XENVER_compile_info     2
struct xen_compile_info {
    char compiler[64];          /* OUT: compiler name and version */
    char compile_by[16];        /* OUT: user who built it */
    char compile_domain[32];    /* OUT: DNS domain of the build host */
    char compile_date[32];      /* OUT: build date and time */
};
typedef struct xen_compile_info xen_compile_info_t;

/*
 * XENVER_capabilities: arg -> xen_capabilities_info_t (OUT). A
 * space-separated list of guest types the hypervisor can run, e.g.
 * "xen-3.0-x86_64 hvm-3.0-x86_64", NUL-terminated.
 */
#define XENVER_capabilities     3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

/*
 * XENVER_changeset: arg -> xen_changeset_info_t (OUT). Source revision
 * the hypervisor was built from (git hash and date), NUL-terminated.
 */
#define XENVER_changeset        4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN  (sizeof(xen_changeset_info_t))

/*
 * XENVER_platform_parameters: arg -> struct xen_platform_parameters
 * (OUT). Lowest virtual address the hypervisor reserves in a PV guest's
 * address space; 0 for HVM/PVH guests, which have all of it.
 */
#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    xen_ulong_t virt_start;     /* OUT: start of the hypervisor hole */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/*
 * XENVER_get_features: arg -> struct xen_feature_info (IN/OUT). Returns
 * one 32-bit word of the XENFEAT_* bitmap: bit n of submap at index i is
 * feature (i * 32 + n). 8 bytes.
 */
#define XENVER_get_features     6
struct xen_feature_info {
    uint32_t submap_idx;        /* IN: which 32-bit word (0 = bits 0-31) */
    uint32_t submap;            /* OUT: the feature bits of that word */
};
typedef struct xen_feature_info xen_feature_info_t;

/*
 * XENVER_pagesize: arg NULL. Returns the page size in bytes (4096).
 */
#define XENVER_pagesize         7

/*
 * XENVER_guest_handle: arg -> xen_domain_handle_t (OUT, 16 bytes). The
 * calling domain's handle (UUID) as set by the toolstack.
 */
#define XENVER_guest_handle     8

/*
 * XENVER_commandline: arg -> xen_commandline_t (OUT). The hypervisor's
 * own boot command line, NUL-terminated. Privileged callers only;
 * others receive XENVER_denied_string.
 */
#define XENVER_commandline      9
typedef char xen_commandline_t[1024];
#define XEN_COMMANDLINE_INFO_LEN (sizeof(xen_commandline_t))

/*
 * XENVER_build_id: arg -> struct xen_build_id (IN/OUT). The caller sets
 * len to the size of buf; the hypervisor fills buf with the raw bytes of
 * the ELF build id and returns the number of bytes written (-XEN_ENOBUFS
 * if len was too small, -XEN_ENODATA if there is no build id).
 */
#define XENVER_build_id         10
struct xen_build_id {
    uint32_t len;                           /* IN: size of buf in bytes */
    unsigned char buf[XEN_FLEX_ARRAY_DIM];  /* OUT: build id bytes */
};
typedef struct xen_build_id xen_build_id_t;

/*
 * Placed into string results that the caller may not see (e.g. to an
 * unprivileged domain when the information is restricted).
 */
#define XENVER_denied_string    "<denied>"

#endif /* __XEN_PUBLIC_VERSION_H__ */
