/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen_version hypercall (__HYPERVISOR_xen_version): the version and
 * build strings, the XENFEAT bitmap and the page size. Lamina reports
 * itself as the Xen release whose guest ABI it implements, so that
 * guests take the paths they know. Entry point: do_xen_version().
 */
#include <xen/lib.h>
#include <xen/compat-version.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <public/version.h>

/*
 * The guest ABI is Xen 4.17's: XENVER_version and CPUID leaf base+1
 * report XEN_COMPAT_MAJOR.MINOR (xen/compat-version.h).
 * Lamina's own version shows in extraversion and changeset.
 */
#define XEN_COMPAT_EXTRAVERSION ".0-lamina"
#define LAMINA_CHANGESET        "lamina " LAMINA_VERSION_STRING

/* Start of the 64-bit PV hypervisor hole, which Xen reports to all. */
#define XEN_PV_VIRT_START       0xffff800000000000UL

/*
 * XENFEAT bits of submap 0 (public/features.h numbers). Xen 4.17 gives
 * a PVH domU 0x00012305; Lamina sets only what it implements:
 *   0 writable_page_tables: the guest writes its own page tables (true
 *     of every HVM/PVH guest: they are not shadowed or validated).
 *   2 auto_translated_physmap: NPT/EPT translate guest frames.
 *   8 hvm_callback_vector: HVM_PARAM_CALLBACK_IRQ type 2 delivers event
 *     upcalls as a plain vector (arch/x86/hvm/evtchn-upcall.c).
 *   9 hvm_safe_pvclock: vcpu_time_info is kept right across vCPU
 *     switches and migrations between pCPUs (common/guest-time.c).
 *  13 memory_op_vnode_supported: XENMEMF_vnode is accepted by
 *     populate_physmap (Lamina has one node, so it is ignored, as Xen
 *     does for a domain without vNUMA).
 *  16 not_direct_mapped: guest frames are not machine frames.
 * Xen 4.17 sets exactly these (0x00012305).
 */
#define XENFEAT_SUBMAP0         ((1u << 0) | (1u << 2) | (1u << 8) | \
                                 (1u << 9) | (1u << 13) | (1u << 16))

#define CAPABILITIES            "hvm-3.0-x86_32 hvm-3.0-x86_32p " \
                                "hvm-3.0-x86_64 "

static const struct xen_compile_info compile_info = {
    .compiler       = "gcc " __VERSION__,
    .compile_by     = "lamina",
    .compile_domain = "",
    .compile_date   = __DATE__ " " __TIME__,
};

/* Copy a string into a fixed-size guest buffer, NUL-padded. */
static long copy_string(unsigned long gva, const char *s, size_t size)
{
    char buf[64];
    size_t off, n, len = strlen(s);

    /* Whole buffer, in chunks, so no stale guest bytes follow the NUL. */
    for ( off = 0; off < size; off += n )
    {
        n = min(size - off, sizeof(buf));
        memset(buf, 0, n);
        if ( off < len )
            memcpy(buf, s + off, min(len - off, n));
        if ( copy_to_guest_virt(current, gva + off, buf, n) )
            return -EFAULT;
    }
    return 0;
}

static long get_features(unsigned long gva)
{
    struct xen_feature_info fi;

    if ( copy_from_guest_virt(current, &fi, gva, sizeof(fi)) )
        return -EFAULT;
    if ( fi.submap_idx != 0 )
        return -EINVAL;
    fi.submap = XENFEAT_SUBMAP0;
    return copy_to_guest_virt(current, gva, &fi, sizeof(fi));
}

static long platform_parameters(unsigned long gva)
{
    struct xen_platform_parameters pp = { .virt_start = XEN_PV_VIRT_START };

    return copy_to_guest_virt(current, gva, &pp, sizeof(pp));
}

/*
 * The toolstack's UUID for the domain. Boot-time domains have none, so
 * it is all zeros (as Xen's dom0 or dom0less domains).
 */
static long guest_handle(unsigned long gva)
{
    static const xen_domain_handle_t handle;

    return copy_to_guest_virt(current, gva, handle, sizeof(handle));
}

long do_xen_version(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    /* Xen's cmd is an int: bits 63:32 are ignored. */
    switch ( (unsigned int)cmd )
    {
    case XENVER_version:
        return (XEN_COMPAT_MAJOR << 16) | XEN_COMPAT_MINOR;
    case XENVER_extraversion:
        return copy_string(arg, XEN_COMPAT_EXTRAVERSION, XEN_EXTRAVERSION_LEN);
    case XENVER_compile_info:
        return copy_to_guest_virt(current, arg, &compile_info,
                                  sizeof(compile_info));
    case XENVER_capabilities:
        return copy_string(arg, CAPABILITIES, XEN_CAPABILITIES_INFO_LEN);
    case XENVER_changeset:
        return copy_string(arg, LAMINA_CHANGESET, XEN_CHANGESET_INFO_LEN);
    case XENVER_platform_parameters:
        return platform_parameters(arg);
    case XENVER_get_features:
        return get_features(arg);
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle:
        return guest_handle(arg);
    case XENVER_commandline:
        /*
         * Xen gives the real command line to privileged domains only and
         * "<denied>" (with success) to the rest; Lamina to every domain.
         */
        return copy_string(arg, XENVER_denied_string,
                           XEN_COMMANDLINE_INFO_LEN);
    case XENVER_build_id:
        /* Refused to unprivileged domains, as Xen; none is embedded. */
        return current->domain->is_privileged ? -ENODATA : -EPERM;
    default:
        return -ENOSYS;
    }
}
