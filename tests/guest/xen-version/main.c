/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-version: every XENVER_* sub-op as a PVH domU sees it, checked
 * against what Xen 4.17 does (docs/testing-guest.md): string results are
 * NUL-terminated inside their buffers, the feature bitmap holds the HVM
 * bits and no PV or dom0 ones, privileged sub-ops are refused (build_id:
 * -EPERM, commandline: "<denied>"), unknown
 * sub-ops give -ENOSYS and unmapped buffers -EFAULT.
 */
#include <guest/test.h>
#include <public/version.h>

#if __has_include(<public/features.h>)
#include <public/features.h>
#else
/* XENFEAT_* bit numbers (public/features.h is not in the tree yet). */
#define XENFEAT_writable_page_tables        0
#define XENFEAT_auto_translated_physmap     2
#define XENFEAT_mmu_pt_update_preserve_ad   5
#define XENFEAT_highmem_assist              6
#define XENFEAT_gnttab_map_avail_bits       7
#define XENFEAT_hvm_callback_vector         8
#define XENFEAT_hvm_safe_pvclock            9
#define XENFEAT_dom0                        11
#define XENFEAT_memory_op_vnode_supported   13
#define XENFEAT_not_direct_mapped           16
#endif

const char test_title[] = "xen_version sub-ops";

#define FEAT(n) (1u << XENFEAT_##n)
/*
 * Xen 4.17 gives a PVH domU 0x00012305 in submap 0. Required here: the
 * bits that describe any HVM/PVH container. hvm_callback_vector and
 * hvm_safe_pvclock come with event channels and the pvclock, which
 * Lamina does not have yet (it sets neither until then): the test
 * accepts them either way.
 */
#define FEATURES_REQUIRED (FEAT(writable_page_tables) |                     \
                           FEAT(auto_translated_physmap) |                  \
                           FEAT(memory_op_vnode_supported) |                \
                           FEAT(not_direct_mapped))
/* PV-only bits and dom0 must not be there. */
#define FEATURES_FORBIDDEN (FEAT(mmu_pt_update_preserve_ad) |               \
                            FEAT(highmem_assist) |                          \
                            FEAT(gnttab_map_avail_bits) | FEAT(dom0))

#define XEN_PV_VIRT_START 0xffff800000000000UL
#define NONCANONICAL_BIT  (1UL << 63)

static uint8_t buf[4096] __attribute__((aligned(4096)));

static long xenver(unsigned int cmd, void *arg)
{
    return hypervisor_xen_version(cmd, arg);
}

/* Run a string sub-op into a 0xff-filled buffer; check NUL-termination. */
static void check_string(const char *name, unsigned int cmd, size_t size)
{
    long rc;

    memset(buf, 0xff, sizeof(buf));
    rc = xenver(cmd, buf);
    if ( !CHECK(rc == 0, "%s returned %ld", name, rc) )
        return;
    if ( !CHECK(strnlen((char *)buf, size) < size,
                "%s: no NUL in the %zu-byte buffer", name, size) )
        return;
    CHECK(buf[size] == 0xff, "%s wrote past its %zu bytes", name, size);
    printf("  %-16s \"%s\"\n", name, (char *)buf);
}

static void check_features(void)
{
    struct xen_feature_info *fi = (void *)buf;
    long rc;

    fi->submap_idx = 0;
    fi->submap = 0xdeadbeef;
    rc = xenver(XENVER_get_features, fi);
    if ( !CHECK(rc == 0, "get_features(0) returned %ld", rc) )
        return;
    printf("  get_features(0)  0x%08x\n", fi->submap);
    CHECK((fi->submap & FEATURES_REQUIRED) == FEATURES_REQUIRED,
          "submap 0 0x%08x lacks 0x%08x", fi->submap,
          FEATURES_REQUIRED & ~fi->submap);
    CHECK(!(fi->submap & FEATURES_FORBIDDEN), "submap 0 0x%08x has 0x%08x",
          fi->submap, fi->submap & FEATURES_FORBIDDEN);

    fi->submap_idx = 1;
    rc = xenver(XENVER_get_features, fi);
    CHECK(rc == -XEN_EINVAL, "get_features(1) returned %ld, expected %d",
          rc, -XEN_EINVAL);
    fi->submap_idx = 0xffffffff;
    rc = xenver(XENVER_get_features, fi);
    CHECK(rc == -XEN_EINVAL, "get_features(~0) returned %ld, expected %d",
          rc, -XEN_EINVAL);
}

static void check_misc(void)
{
    struct xen_platform_parameters *pp = (void *)buf;
    long ver = xenver(XENVER_version, NULL), rc;
    unsigned int i, nonzero = 0;

    printf("  version          0x%lx\n", ver);
    CHECK(ver >= 0x40000, "XENVER_version 0x%lx", ver);
    rc = xenver(XENVER_version, BAD_PTR_NONCANONICAL);
    CHECK(rc == ver, "XENVER_version with a bad arg returned %ld", rc);
    rc = xenver(XENVER_pagesize, NULL);
    CHECK(rc == 4096, "XENVER_pagesize returned %ld", rc);

    memset(buf, 0xff, sizeof(buf));
    rc = xenver(XENVER_platform_parameters, pp);
    CHECK(rc == 0, "platform_parameters returned %ld", rc);
    printf("  virt_start       0x%lx\n", (unsigned long)pp->virt_start);
    /* Xen returns its 64-bit PV hole start even to HVM/PVH guests. */
    CHECK(pp->virt_start == XEN_PV_VIRT_START, "virt_start 0x%lx",
          (unsigned long)pp->virt_start);

    /*
     * xl gives each domain a UUID; domains built without a toolstack
     * (Xen's dom0, Lamina's boot-time domains) have an all-zero one.
     */
    memset(buf, 0xff, sizeof(buf));
    rc = xenver(XENVER_guest_handle, buf);
    CHECK(rc == 0, "guest_handle returned %ld", rc);
    for ( i = 0; i < sizeof(xen_domain_handle_t); i++ )
        nonzero |= buf[i] != 0xff;
    printf("  guest_handle     %02x%02x%02x%02x-...-%02x%02x\n", buf[0],
           buf[1], buf[2], buf[3], buf[14], buf[15]);
    CHECK(nonzero, "guest_handle wrote nothing");
    CHECK(buf[sizeof(xen_domain_handle_t)] == 0xff,
          "guest_handle wrote more than 16 bytes");
}

/* Sub-ops a domU may not use, and numbers Xen 4.17 does not know. */
static void check_refused(void)
{
    static const struct { unsigned int cmd; long rc; } cases[] = {
        { XENVER_build_id,    -XEN_EPERM },
        { 11, -XEN_ENOSYS }, { 12, -XEN_ENOSYS }, { 13, -XEN_ENOSYS },
        { 14, -XEN_ENOSYS }, { 64, -XEN_ENOSYS }, { 0xffff, -XEN_ENOSYS },
        { 0x80000000u, -XEN_ENOSYS }, { 0xffffffffu, -XEN_ENOSYS },
    };
    struct xen_build_id *bid = (void *)buf;
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        memset(buf, 0, sizeof(buf));
        bid->len = sizeof(buf) - sizeof(*bid);
        rc = xenver(cases[i].cmd, buf);
        CHECK(rc == cases[i].rc, "sub-op %u returned %ld, expected %ld",
              cases[i].cmd, rc, cases[i].rc);
    }
}

/* Every sub-op that takes a buffer, at addresses that cannot be used. */
static void check_bad_buffers(void)
{
    static const unsigned int cmds[] = {
        XENVER_extraversion, XENVER_compile_info, XENVER_capabilities,
        XENVER_changeset, XENVER_platform_parameters, XENVER_get_features,
        XENVER_guest_handle,
    };
    void *const ptrs[] = {
        BAD_PTR_UNMAPPED, BAD_PTR_NO_RAM,
    };
    unsigned int i, j;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
        for ( j = 0; j < ARRAY_SIZE(ptrs); j++ )
        {
            rc = xenver(cmds[i], ptrs[j]);
            CHECK(rc == -XEN_EFAULT, "sub-op %u with %p returned %ld, "
                  "expected %d", cmds[i], ptrs[j], rc, -XEN_EFAULT);
        }
}

/*
 * A non-canonical buffer address. Xen 4.17 does not reject it: it walks
 * the guest page tables with bits 47:0, so the result lands at the
 * canonical alias. A stricter -EFAULT is accepted as well; a write
 * anywhere else is not.
 */
static void check_noncanonical(void)
{
    void *alias = (void *)(NONCANONICAL_BIT | (uintptr_t)buf);
    xen_extraversion_t want;
    long rc;

    memset(want, 0, sizeof(want));
    if ( xenver(XENVER_extraversion, want) )
        return;
    memset(buf, 0xaa, sizeof(buf));
    rc = xenver(XENVER_extraversion, alias);
    printf("  extraversion to %p: %ld, %s\n", alias, rc,
           !memcmp(buf, want, sizeof(want)) ? "written at the canonical alias"
           : "nothing at the canonical alias");
    if ( rc == -XEN_EFAULT )
        CHECK(buf[0] == 0xaa, "-EFAULT but the alias was written");
    else
        CHECK(rc == 0 && !memcmp(buf, want, sizeof(want)),
              "non-canonical buffer: rc %ld, alias %s", rc,
              buf[0] == 0xaa ? "untouched" : "changed");
}

void test_main(void)
{
    check_misc();
    check_string("extraversion", XENVER_extraversion, XEN_EXTRAVERSION_LEN);
    check_string("compile_info", XENVER_compile_info,
                 sizeof(struct xen_compile_info));
    check_string("capabilities", XENVER_capabilities,
                 XEN_CAPABILITIES_INFO_LEN);
    check_string("changeset", XENVER_changeset, XEN_CHANGESET_INFO_LEN);
    /* A domU gets 0 and the placeholder, not an error. */
    check_string("commandline", XENVER_commandline, XEN_COMMANDLINE_INFO_LEN);
    CHECK(!strcmp((char *)buf, XENVER_denied_string),
          "commandline for a domU: \"%s\", expected \"%s\"", (char *)buf,
          XENVER_denied_string);
    memset(buf, 0, sizeof(buf));
    if ( xenver(XENVER_capabilities, buf) == 0 )
        CHECK(strstr((char *)buf, "hvm-3.0-x86_64"),
              "capabilities \"%s\" lacks hvm-3.0-x86_64", (char *)buf);
    check_features();
    check_refused();
    check_bad_buffers();
    check_noncanonical();
    test_success();
}
