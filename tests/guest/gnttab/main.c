/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gnttab: grant tables v1 from one PVH domU, checked against Xen 4.17.
 * query_size/get_version/set_version and the v1-only operations; frames
 * of the table placed in a hole above RAM with XENMEM_add_to_physmap (as
 * Linux PVH does); grants to the domain itself used by GNTTABOP_copy
 * (gref and gmfn on either side) and by map/unmap_grant_ref at a
 * guest-physical address. GTF_reading/GTF_writing are set only while a
 * mapping exists; a grant revoked behind the hypervisor's back stays
 * mapped until unmapped. Every error status of copy and map is checked.
 */
#include <guest/test.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>

const char test_title[] = "Grant tables v1: frames, copy, map/unmap";

#define NO_SUCH_DOMAIN  0x7000
#define MiB             (1UL << 20)
#define PAGE_SIZE       4096UL

/*
 * Data pages: 0-3 for copies, 4 and up each mapped once. On Xen a grant
 * mapping of a domain's own frame moves the frame (the M2P names one
 * place per frame): the original gfn is a hole afterwards. So each map
 * test uses a page of its own and never looks at it through its
 * original address again.
 */
static uint8_t pg[12][4096] __attribute__((aligned(4096)));
#define GFN(p)  ((uint64_t)(uintptr_t)(p) >> 12)

static volatile struct grant_entry_v1 *gt;  /* frame 0 at the hole */
static unsigned int nr_refs;                /* entries in the table now */
static uint64_t hole_gfn;
static domid_t self_id;

struct e820 {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));
static struct e820 map[64] __attribute__((aligned(16)));

static struct gnttab_copy cp[4] __attribute__((aligned(64)));
static struct gnttab_map_grant_ref mp __attribute__((aligned(64)));
static struct gnttab_unmap_grant_ref ump __attribute__((aligned(64)));

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-48s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

#define EXPECT_ST(what, st, want) ({                                    \
    int st_ = (st);                                                     \
    printf("  %-48s status %d\n", what, st_);                           \
    CHECK(st_ == (want), "%s: status %d, expected %d", what, st_,       \
          (int)(want));                                                 \
    st_; })

static long gop(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, arg, count);
}

static long memop(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

/* The domain's own id: the remote end of an unbound port to DOMID_SELF. */
static bool find_self_id(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                      .remote_dom = DOMID_SELF };
    struct evtchn_status s = { .dom = DOMID_SELF };
    struct evtchn_close c;

    if ( hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
                    &a) )
        return false;
    s.port = c.port = a.port;
    if ( hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_status, &s) )
        return false;
    self_id = s.u.unbound.dom;
    hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, &c);
    printf("  own domain id %u\n", self_id);
    return true;
}

/* A 2 MiB-aligned hole 64 MiB above the end of RAM below 4 GiB. */
static bool find_hole(void)
{
    struct xen_memory_map mm = { .nr_entries = ARRAY_SIZE(map) };
    uint64_t end = 0;
    unsigned int i;

    set_xen_guest_handle(mm.buffer, map);
    if ( memop(XENMEM_memory_map, &mm) )
        return false;
    for ( i = 0; i < mm.nr_entries && i < ARRAY_SIZE(map); i++ )
        if ( map[i].type == 1 && map[i].addr + map[i].size <= (1UL << 32) &&
             map[i].addr + map[i].size > end )
            end = map[i].addr + map[i].size;
    if ( end < 16 * MiB || end > 0xe0000000UL )
        return false;
    hole_gfn = ((end + 64 * MiB) & ~(2 * MiB - 1)) / PAGE_SIZE;
    return true;
}

static void check_sizes_and_versions(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_get_version gv = { .dom = DOMID_SELF };
    struct gnttab_set_version sv = { .version = 0 };
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0x5a5a;
    long rc;

    EXPECT("query_size(self)", gop(GNTTABOP_query_size, &q, 1), 0);
    printf("    nr_frames %u max_nr_frames %u status %d\n", q.nr_frames,
           q.max_nr_frames, q.status);
    CHECK(q.status == GNTST_okay && q.nr_frames >= 1 &&
          q.max_nr_frames == 64, "query_size: %d %u/%u", q.status,
          q.nr_frames, q.max_nr_frames);
    q.dom = NO_SUCH_DOMAIN;
    EXPECT("query_size(no such domain)", gop(GNTTABOP_query_size, &q, 1),
           0);
    EXPECT_ST("  ", q.status, GNTST_bad_domain);
    q.dom = DOMID_SELF;
    EXPECT("query_size, count 2", gop(GNTTABOP_query_size, &q, 2),
           -XEN_EINVAL);
    EXPECT("query_size, unmapped arg",
           gop(GNTTABOP_query_size, BAD_PTR_UNMAPPED, 1), -XEN_EFAULT);

    EXPECT("get_version(self)", gop(GNTTABOP_get_version, &gv, 1), 0);
    CHECK(gv.version == 1, "version %u", gv.version);
    gv.dom = NO_SUCH_DOMAIN;
    EXPECT("get_version(no such domain)", gop(GNTTABOP_get_version, &gv, 1),
           -XEN_ESRCH);
    EXPECT("set_version(0)", gop(GNTTABOP_set_version, &sv, 1), -XEN_EINVAL);
    CHECK(sv.version == 1, "set_version(0) wrote back %u", sv.version);
    sv.version = 3;
    EXPECT("set_version(3)", gop(GNTTABOP_set_version, &sv, 1), -XEN_EINVAL);
    sv.version = 1;
    EXPECT("set_version(1)", gop(GNTTABOP_set_version, &sv, 1), 0);
    sv.version = 2;
    rc = gop(GNTTABOP_set_version, &sv, 1);
    printf("  %-48s -> %ld (version %u)\n", "set_version(2)", rc, sv.version);
    /* Xen with v2 enabled switches; a v1-only build says -ENOSYS. */
    CHECK((rc == 0 && sv.version == 2) ||
          (rc == -XEN_ENOSYS && sv.version == 1), "set_version(2): %ld %u",
          rc, sv.version);
    sv.version = 1;
    EXPECT("set_version(1) again", gop(GNTTABOP_set_version, &sv, 1), 0);

    set_xen_guest_handle(st.frame_list, &frame);
    rc = gop(GNTTABOP_setup_table, &st, 1);
    printf("  %-48s -> %ld status %d frame 0x%lx\n", "setup_table(1)", rc,
           st.status, (unsigned long)frame);
    CHECK(rc == 0 && st.status == GNTST_okay, "setup_table: %ld %d", rc,
          st.status);
    st.nr_frames = 65;
    EXPECT("setup_table(65)", gop(GNTTABOP_setup_table, &st, 1), 0);
    EXPECT_ST("  ", st.status, GNTST_general_error);
    EXPECT("setup_table, count 2", gop(GNTTABOP_setup_table, &st, 2),
           -XEN_EINVAL);
    /* PV-only operations are not there for HVM/PVH callers. */
    EXPECT("transfer, count 0", gop(GNTTABOP_transfer, &st, 0), -XEN_ENOSYS);
    EXPECT("unmap_and_replace, count 0",
           gop(GNTTABOP_unmap_and_replace, &st, 0), -XEN_ENOSYS);
    EXPECT("unknown op 99", gop(99, &st, 1), -XEN_ENOSYS);
    /* 32-bit cmd and count; bits above the sub-op number are refused. */
    EXPECT("query_size | 1 << 12", gop(GNTTABOP_query_size | (1 << 12), &q,
                                       1), -XEN_ENOSYS);
    EXPECT("query_size | 1 << 32", hypercall3(__HYPERVISOR_grant_table_op,
           GNTTABOP_query_size | (1UL << 32), &q, 1), 0);
    EXPECT("query_size, count 1 | 1 << 32",
           hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, &q,
                      1 | (1UL << 32)), 0);
    EXPECT("copy, count 0x80000000", gop(GNTTABOP_copy, cp, 0x80000000u),
           -XEN_EINVAL);
    EXPECT("swap_grant_ref, count 0", gop(GNTTABOP_swap_grant_ref, &st, 0),
           0);
    EXPECT("swap_grant_ref, unmapped arg",
           gop(GNTTABOP_swap_grant_ref, BAD_PTR_UNMAPPED, 1), -XEN_EFAULT);
    /* Not offered to HVM/PVH guests by Xen. */
    EXPECT("dump_table", gop(GNTTABOP_dump_table, &st, 0), -XEN_ENOSYS);
    EXPECT("cache_flush", gop(GNTTABOP_cache_flush, &st, 0), -XEN_ENOSYS);
    EXPECT("get_status_frames", gop(GNTTABOP_get_status_frames, &st, 1),
           -XEN_ENOSYS);
}

/* Frame idx of the table at gfn. */
static long map_frame(unsigned int idx, uint64_t gfn)
{
    struct xen_add_to_physmap x = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table,
        .idx = idx, .gpfn = gfn,
    };

    return memop(XENMEM_add_to_physmap, &x);
}

static bool check_frames(void)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };

    if ( EXPECT("add_to_physmap(grant_table 0)", map_frame(0, hole_gfn), 0) )
        return false;
    gt = (volatile struct grant_entry_v1 *)(uintptr_t)(hole_gfn * PAGE_SIZE);
    EXPECT("add_to_physmap(grant_table 64)", map_frame(64, hole_gfn + 1),
           -XEN_EINVAL);
    EXPECT("add_to_physmap(grant_table 3)", map_frame(3, hole_gfn + 3), 0);
    EXPECT("add_to_physmap(grant_table, status frame)",
           map_frame(XENMAPIDX_grant_table_status, hole_gfn + 1),
           -XEN_EINVAL);
    gop(GNTTABOP_query_size, &q, 1);
    printf("    nr_frames %u after mapping frame 3\n", q.nr_frames);
    CHECK(q.nr_frames == 4, "nr_frames %u, expected 4", q.nr_frames);
    {
        /* Where each frame is mapped, ~0 if nowhere; grows the table. */
        static xen_pfn_t fl[5];
        struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 5 };

        memset(fl, 0x5a, sizeof(fl));
        set_xen_guest_handle(st.frame_list, fl);
        EXPECT("setup_table(5) after mapping",
               gop(GNTTABOP_setup_table, &st, 1), 0);
        CHECK(st.status == GNTST_okay && fl[0] == hole_gfn &&
              fl[1] == ~0UL && fl[2] == ~0UL && fl[3] == hole_gfn + 3 &&
              fl[4] == ~0UL, "setup_table: %d 0x%lx 0x%lx 0x%lx 0x%lx 0x%lx",
              st.status, fl[0], fl[1], fl[2], fl[3], fl[4]);
        gop(GNTTABOP_query_size, &q, 1);
        CHECK(q.nr_frames == 5, "nr_frames %u after setup_table(5)",
              q.nr_frames);
    }
    nr_refs = q.nr_frames * 512;
    return true;
}

static void grant(unsigned int ref, domid_t dom, uint64_t gfn,
                  uint16_t flags)
{
    gt[ref].flags = 0;
    __asm__ __volatile__ ( "" ::: "memory" );
    gt[ref].domid = dom;
    gt[ref].frame = gfn;
    __asm__ __volatile__ ( "sfence" ::: "memory" );
    gt[ref].flags = flags;
}

static void set_ptr(struct gnttab_copy_ptr *p, bool gref, uint64_t v,
                    domid_t dom, uint16_t off)
{
    if ( gref )
        p->u.ref = v;
    else
        p->u.gmfn = v;
    p->domid = dom;
    p->offset = off;
}

/* One copy of len bytes; returns its status (-100: hypercall failed). */
static int copy1(uint16_t flags, uint64_t src, domid_t sd, uint16_t soff,
                 uint64_t dst, domid_t dd, uint16_t doff, uint16_t len)
{
    memset(cp, 0, sizeof(cp));
    set_ptr(&cp[0].source, flags & GNTCOPY_source_gref, src, sd, soff);
    set_ptr(&cp[0].dest, flags & GNTCOPY_dest_gref, dst, dd, doff);
    cp[0].len = len;
    cp[0].flags = flags;
    cp[0].status = 0x55;
    if ( gop(GNTTABOP_copy, cp, 1) )
        return -100;
    return cp[0].status;
}

#define SG  GNTCOPY_source_gref
#define DG  GNTCOPY_dest_gref

static void check_copy_ok(void)
{
    memset(pg, 0, sizeof(pg));
    memcpy(pg[0] + 100, "grant-copy", 10);
    grant(10, self_id, GFN(pg[0]), GTF_permit_access | GTF_readonly);
    grant(11, self_id, GFN(pg[2]), GTF_permit_access);

    EXPECT_ST("copy gref 10 -> own B",
              copy1(SG, 10, DOMID_SELF, 100, GFN(pg[1]), DOMID_SELF, 7, 10),
              GNTST_okay);
    CHECK(!memcmp(pg[1] + 7, "grant-copy", 10), "B does not hold the data");
    EXPECT_ST("copy own A -> gref 11",
              copy1(DG, GFN(pg[0]), DOMID_SELF, 100, 11, DOMID_SELF, 4000,
                    10), GNTST_okay);
    CHECK(!memcmp(pg[2] + 4000, "grant-copy", 10), "C does not hold it");
    EXPECT_ST("copy gref 10 -> gref 11 (numeric domid)",
              copy1(SG | DG, 10, self_id, 100, 11, self_id, 0, 4096 - 100),
              GNTST_okay);
    CHECK(!memcmp(pg[2], "grant-copy", 10), "C[0] does not hold it");
    CHECK(gt[10].flags == (GTF_permit_access | GTF_readonly) &&
          gt[11].flags == GTF_permit_access,
          "flags after copies: 0x%x 0x%x", gt[10].flags, gt[11].flags);
    EXPECT_ST("copy, len 0",
              copy1(SG, 10, DOMID_SELF, 0, GFN(pg[1]), DOMID_SELF, 0, 0),
              GNTST_okay);

    /* A batch: each element has its own status. */
    memset(cp, 0, sizeof(cp));
    set_ptr(&cp[0].source, true, 10, DOMID_SELF, 0);
    set_ptr(&cp[0].dest, false, GFN(pg[1]), DOMID_SELF, 0);
    cp[0].len = 8;
    cp[0].flags = SG;
    cp[1] = cp[0];
    cp[1].source.u.ref = 5000000;
    cp[2] = cp[0];
    EXPECT("copy batch of 3", gop(GNTTABOP_copy, cp, 3), 0);
    CHECK(cp[0].status == GNTST_okay && cp[1].status == GNTST_bad_gntref &&
          cp[2].status == GNTST_okay, "batch statuses %d %d %d",
          cp[0].status, cp[1].status, cp[2].status);
    EXPECT("copy, unmapped arg", gop(GNTTABOP_copy, BAD_PTR_UNMAPPED, 1),
           -XEN_EFAULT);
    EXPECT("copy, count 0", gop(GNTTABOP_copy, cp, 0), 0);
}

static void check_copy_errors(void)
{
    uint64_t b = GFN(pg[1]);

    grant(12, self_id + 1, GFN(pg[0]), GTF_permit_access);
    grant(13, self_id, GFN(pg[0]), GTF_accept_transfer);
    grant(14, self_id, GFN(pg[0]), 0);
    grant(15, self_id, hole_gfn + 100, GTF_permit_access);

    EXPECT_ST("copy, source ref out of range",
              copy1(SG, nr_refs, DOMID_SELF, 0, b, DOMID_SELF, 0, 8),
              GNTST_bad_gntref);
    EXPECT_ST("copy, ref granted to another domain",
              copy1(SG, 12, DOMID_SELF, 0, b, DOMID_SELF, 0, 8),
              GNTST_general_error);
    EXPECT_ST("copy, accept_transfer entry",
              copy1(SG, 13, DOMID_SELF, 0, b, DOMID_SELF, 0, 8),
              GNTST_general_error);
    EXPECT_ST("copy, invalid entry",
              copy1(SG, 14, DOMID_SELF, 0, b, DOMID_SELF, 0, 8),
              GNTST_general_error);
    EXPECT_ST("copy, write to a readonly grant",
              copy1(DG, b, DOMID_SELF, 0, 10, DOMID_SELF, 0, 8),
              GNTST_general_error);
    EXPECT_ST("copy, no such domain",
              copy1(SG, 10, NO_SUCH_DOMAIN, 0, b, DOMID_SELF, 0, 8),
              GNTST_bad_domain);
    EXPECT_ST("copy, gmfn of own numeric id",
              copy1(0, b, self_id, 0, GFN(pg[3]), DOMID_SELF, 0, 8),
              GNTST_permission_denied);
    EXPECT_ST("copy, source crosses the page",
              copy1(SG, 10, DOMID_SELF, 4090, b, DOMID_SELF, 0, 8),
              GNTST_bad_copy_arg);
    EXPECT_ST("copy, dest crosses the page",
              copy1(SG, 10, DOMID_SELF, 0, b, DOMID_SELF, 4089, 8),
              GNTST_bad_copy_arg);
    EXPECT_ST("copy, own gmfn in a hole",
              copy1(DG, hole_gfn + 100, DOMID_SELF, 0, 11, DOMID_SELF, 0, 8),
              GNTST_bad_page);
    EXPECT_ST("copy, granted frame is a hole",
              copy1(SG, 15, DOMID_SELF, 0, b, DOMID_SELF, 0, 8),
              GNTST_bad_page);
    grant(16, self_id, GFN(pg[0]), GTF_permit_access | GTF_PCD);
    EXPECT_ST("copy, grant with GTF_PCD",
              copy1(SG, 16, DOMID_SELF, 0, b, DOMID_SELF, 0, 8), GNTST_okay);
    CHECK(!(gt[12].flags & (GTF_reading | GTF_writing)) &&
          !(gt[15].flags & (GTF_reading | GTF_writing)) &&
          gt[11].flags == GTF_permit_access,
          "flags after failed copies: 0x%x 0x%x 0x%x", gt[12].flags,
          gt[15].flags, gt[11].flags);
}

static int map1(unsigned int ref, domid_t dom, uint64_t gpa, uint32_t flags,
                grant_handle_t *h)
{
    memset(&mp, 0, sizeof(mp));
    mp.host_addr = gpa;
    mp.flags = flags;
    mp.ref = ref;
    mp.dom = dom;
    mp.handle = 0xdead;
    if ( gop(GNTTABOP_map_grant_ref, &mp, 1) )
        return -100;
    if ( h )
        *h = mp.handle;
    return mp.status;
}

static int unmap1(uint64_t gpa, grant_handle_t h)
{
    memset(&ump, 0, sizeof(ump));
    ump.host_addr = gpa;
    ump.handle = h;
    if ( gop(GNTTABOP_unmap_grant_ref, &ump, 1) )
        return -100;
    return ump.status;
}

static void check_map(void)
{
    uint64_t at = (hole_gfn + 16) * PAGE_SIZE;
    volatile uint8_t *m = (volatile uint8_t *)(uintptr_t)at;
    grant_handle_t h = 0, h2 = 0;
    uint16_t want = GTF_permit_access | GTF_reading | GTF_writing;

    memcpy(pg[4], "mapped page", 11);
    grant(20, self_id, GFN(pg[4]), GTF_permit_access);
    EXPECT_ST("map gref 20 as DOMID_SELF", map1(20, DOMID_SELF, at,
                                                GNTMAP_host_map, &h),
              GNTST_bad_domain);
    if ( EXPECT_ST("map gref 20 rw", map1(20, self_id, at,
                                          GNTMAP_host_map, &h), GNTST_okay) )
        return;
    CHECK(!memcmp((const void *)m, "mapped page", 11), "mapping not seen");
    CHECK(gt[20].flags == want, "flags while mapped 0x%x", gt[20].flags);
    m[20] = 'x';
    EXPECT_ST("map gref 20 again, readonly",
              map1(20, self_id, at + PAGE_SIZE,
                   GNTMAP_host_map | GNTMAP_readonly, &h2), GNTST_okay);
    CHECK(h2 != h, "same handle twice");
    CHECK(m[PAGE_SIZE] == 'm' && m[PAGE_SIZE + 20] == 'x',
          "readonly mapping does not show the page");

    /* Revoke behind the hypervisor's back: the mappings stay. */
    gt[20].flags = 0;
    m[21] = 'y';
    CHECK(m[PAGE_SIZE + 21] == 'y', "mapping gone after the entry was "
          "cleared");
    EXPECT_ST("unmap rw", unmap1(at, h), GNTST_okay);
    /* The guest cleared the bits; nothing sets them again. */
    CHECK(gt[20].flags == 0, "flags with a readonly map left: 0x%x",
          gt[20].flags);
    EXPECT_ST("unmap rw again", unmap1(at, h), GNTST_bad_handle);
    EXPECT_ST("unmap ro at the wrong address", unmap1(at, h2),
              GNTST_general_error);
    EXPECT_ST("unmap ro", unmap1(at + PAGE_SIZE, h2), GNTST_okay);
    CHECK(gt[20].flags == 0, "flags after unmap 0x%x", gt[20].flags);
    EXPECT_ST("unmap, handle 12345", unmap1(at, 12345), GNTST_bad_handle);
    EXPECT_ST("map revoked gref 20", map1(20, self_id, at,
                                          GNTMAP_host_map, NULL),
              GNTST_general_error);
}

static void check_map_errors(void)
{
    uint64_t at = (hole_gfn + 32) * PAGE_SIZE;
    grant_handle_t h;

    grant(21, self_id, GFN(pg[5]), GTF_permit_access | GTF_readonly);
    grant(22, self_id, GFN(pg[6]), GTF_permit_access | GTF_PCD);
    grant(23, self_id, GFN(pg[7]), GTF_permit_access);
    grant(24, self_id, GFN(pg[8]), GTF_permit_access);
    EXPECT_ST("map readonly grant rw", map1(21, self_id, at,
                                            GNTMAP_host_map, NULL),
              GNTST_general_error);
    CHECK(gt[21].flags == (GTF_permit_access | GTF_readonly),
          "flags after refused map 0x%x", gt[21].flags);
    EXPECT_ST("map, ref out of range", map1(nr_refs, self_id, at,
                                            GNTMAP_host_map, NULL),
              GNTST_bad_gntref);
    EXPECT_ST("map, no such domain", map1(21, NO_SUCH_DOMAIN, at,
                                          GNTMAP_host_map, NULL),
              GNTST_bad_domain);
    EXPECT_ST("map, granted to another domain", map1(12, self_id, at,
                                                     GNTMAP_host_map, NULL),
              GNTST_general_error);
    EXPECT_ST("map, no host_map flag", map1(21, self_id, at,
                                            GNTMAP_readonly, NULL),
              GNTST_bad_gntref);
    EXPECT_ST("map with device_map", map1(23, self_id, at,
                        GNTMAP_host_map | GNTMAP_device_map, NULL),
              GNTST_general_error);
    EXPECT_ST("map with contains_pte", map1(23, self_id, at,
                        GNTMAP_host_map | GNTMAP_contains_pte, NULL),
              GNTST_general_error);
    CHECK(gt[23].flags == GTF_permit_access, "flags after refused maps "
          "0x%x", gt[23].flags);
    /* Cache attributes in the entry do not stop an HVM mapping. */
    if ( EXPECT_ST("map, GTF_PCD grant", map1(22, self_id, at + PAGE_SIZE,
                                              GNTMAP_host_map, &h),
                   GNTST_okay) == GNTST_okay )
        EXPECT_ST("unmap it", unmap1(at + PAGE_SIZE, h), GNTST_okay);
    EXPECT_ST("map at host_addr 2^52", map1(24, self_id, 1ULL << 52,
                                            GNTMAP_host_map, &h),
              GNTST_general_error);
    CHECK(gt[24].flags == GTF_permit_access, "flags after a refused map "
          "0x%x", gt[24].flags);
    if ( EXPECT_ST("map readonly grant ro",
                   map1(21, self_id, at + 8,
                        GNTMAP_host_map | GNTMAP_readonly, &h),
                   GNTST_okay) == GNTST_okay )
    {
        CHECK(gt[21].flags == (GTF_permit_access | GTF_readonly |
                               GTF_reading), "flags 0x%x", gt[21].flags);
        EXPECT_ST("unmap it (host_addr without the offset)", unmap1(at, h),
                  GNTST_okay);
        CHECK(gt[21].flags == (GTF_permit_access | GTF_readonly),
              "flags after unmap 0x%x", gt[21].flags);
    }
}

static void check_swap(void)
{
    static struct gnttab_swap_grant_ref sw[2] __attribute__((aligned(64)));

    grant(30, self_id, 0x1111, GTF_permit_access);
    grant(31, self_id + 1, 0x2222, GTF_permit_access | GTF_readonly);
    sw[0].ref_a = 30;
    sw[0].ref_b = 31;
    sw[1].ref_a = 30;
    sw[1].ref_b = nr_refs;
    EXPECT("swap_grant_ref x2", gop(GNTTABOP_swap_grant_ref, sw, 2), 0);
    EXPECT_ST("  swap 30 <-> 31", sw[0].status, GNTST_okay);
    EXPECT_ST("  swap 30 <-> out of range", sw[1].status, GNTST_bad_gntref);
    CHECK(gt[30].frame == 0x2222 && gt[30].domid == self_id + 1 &&
          gt[31].frame == 0x1111 && gt[31].flags == GTF_permit_access,
          "entries not swapped: 0x%x 0x%x", gt[30].frame, gt[31].frame);
}

void test_main(void)
{
    if ( !find_self_id() || !find_hole() )
    {
        test_error("no own domain id or no hole above RAM");
        return;
    }
    check_sizes_and_versions();
    if ( !check_frames() )
        return;
    check_copy_ok();
    check_copy_errors();
    check_swap();
    check_map();
    check_map_errors();
    test_success();
}
