/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory-op: XENMEM_* from a PVH domU, checked against Xen 4.17
 * (docs/testing-guest.md). The memory map is returned (cut to the room
 * given), reservation sizes are consistent, and ballooning works: pages
 * given back with decrease_reservation lower current_reservation, and
 * populate_physmap backs frames in a hole above RAM with zeroed memory
 * that reads back what was written. populate/decrease never fail with
 * an error: bad arguments, other domains and oversized extents give a
 * count of 0 extents done (Xen's contract). The test gives every page
 * back where it was before it ends.
 */
#include <guest/test.h>
#include <public/memory.h>

const char test_title[] = "memory_op map, reservations, populate/decrease";

#define NO_SUCH_DOMAIN  0x7000
#define MiB             (1UL << 20)
#define PAGE_SIZE       4096UL

struct e820 {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static struct e820 map[64] __attribute__((aligned(16)));
static struct xen_memory_map mmap __attribute__((aligned(16)));
static struct xen_memory_reservation res __attribute__((aligned(64)));
static xen_pfn_t frames[8] __attribute__((aligned(64)));
static domid_t domid_arg;

static long memop(unsigned long cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-44s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

static long reservation(unsigned int cmd, domid_t dom)
{
    domid_arg = dom;
    return memop(cmd, &domid_arg);
}

/* Fill res for nr extents of 2^order pages listed in frames[]. */
static void fill_res(unsigned long nr, unsigned int order)
{
    memset(&res, 0, sizeof(res));
    set_xen_guest_handle(res.extent_start, frames);
    res.nr_extents = nr;
    res.extent_order = order;
    res.domid = DOMID_SELF;
}

/* Run populate/decrease on frames[0..nr) with the given order. */
static long balloon(unsigned int cmd, unsigned long nr, unsigned int order)
{
    fill_res(nr, order);
    return memop(cmd, &res);
}

/* Highest end of RAM below 4 GiB in the map, 0 if none. */
static uint64_t check_memory_map(void)
{
    uint64_t ram_end = 0;
    unsigned int i;

    mmap.nr_entries = ARRAY_SIZE(map);
    set_xen_guest_handle(mmap.buffer, map);
    if ( EXPECT("memory_map", memop(XENMEM_memory_map, &mmap), 0) )
        return 0;
    CHECK(mmap.nr_entries >= 1 && mmap.nr_entries <= ARRAY_SIZE(map),
          "memory_map: %u entries", mmap.nr_entries);
    for ( i = 0; i < mmap.nr_entries && i < ARRAY_SIZE(map); i++ )
    {
        printf("    0x%012lx +0x%09lx type %u\n", (unsigned long)map[i].addr,
               (unsigned long)map[i].size, map[i].type);
        CHECK(map[i].size && map[i].type >= 1 && map[i].type <= 7 &&
              map[i].addr + map[i].size > map[i].addr,
              "memory_map entry %u is not sane", i);
        if ( map[i].type == 1 && map[i].addr + map[i].size <= (1UL << 32) &&
             map[i].addr + map[i].size > ram_end )
            ram_end = map[i].addr + map[i].size;
    }

    /* Room for one entry: no error, one entry (Xen cuts the map off). */
    mmap.nr_entries = 1;
    EXPECT("memory_map, room for 1", memop(XENMEM_memory_map, &mmap), 0);
    CHECK(mmap.nr_entries == 1, "memory_map room 1: %u entries",
          mmap.nr_entries);
    mmap.nr_entries = ARRAY_SIZE(map);
    set_xen_guest_handle(mmap.buffer, BAD_PTR_UNMAPPED);
    EXPECT("memory_map, unmapped buffer", memop(XENMEM_memory_map, &mmap),
           -XEN_EFAULT);
    EXPECT("memory_map, unmapped arg",
           memop(XENMEM_memory_map, BAD_PTR_UNMAPPED), -XEN_EFAULT);
    return ram_end;
}

static void check_sizes(long *cur)
{
    long max, rc;

    rc = memop(XENMEM_maximum_ram_page, NULL);
    printf("  %-44s -> 0x%lx\n", "maximum_ram_page", rc);
    CHECK(rc > 0, "maximum_ram_page %ld", rc);
    EXPECT("maximum_ram_page with start extent 1",
           memop(XENMEM_maximum_ram_page | (1UL << 6), NULL), -XEN_EINVAL);
    *cur = reservation(XENMEM_current_reservation, DOMID_SELF);
    max = reservation(XENMEM_maximum_reservation, DOMID_SELF);
    rc = reservation(XENMEM_maximum_gpfn, DOMID_SELF);
    printf("  current %ld, maximum %ld pages, maximum_gpfn 0x%lx\n", *cur,
           max, rc);
    CHECK(*cur > 0 && max >= *cur, "current %ld maximum %ld", *cur, max);
    CHECK(rc > 0, "maximum_gpfn %ld", rc);
    EXPECT("current_reservation, no such domain",
           reservation(XENMEM_current_reservation, NO_SUCH_DOMAIN),
           -XEN_ESRCH);
    rc = reservation(XENMEM_current_reservation, 0);
    printf("  %-44s -> %ld\n", "current_reservation of dom0", rc);
    CHECK(rc == -XEN_EPERM || rc == -XEN_ESRCH, "dom0: %ld", rc);
    EXPECT("current_reservation, unmapped arg",
           memop(XENMEM_current_reservation, BAD_PTR_UNMAPPED), -XEN_EFAULT);
    EXPECT("unknown op 63", memop(63, NULL), -XEN_ENOSYS);
}

/*
 * Give back nr extents of 2^order pages at gfn (RAM), put them in the
 * hole at hole_gfn, check the memory there, and restore everything.
 */
static void check_balloon(uint64_t gfn, uint64_t hole_gfn, unsigned int nr,
                          unsigned int order, long cur)
{
    unsigned long pages = (unsigned long)nr << order, i;
    volatile uint64_t *p = (void *)(uintptr_t)(hole_gfn * PAGE_SIZE);
    long now;

    printf("  balloon %u x order %u: RAM 0x%lx -> hole 0x%lx\n", nr, order,
           (unsigned long)gfn, (unsigned long)hole_gfn);
    for ( i = 0; i < nr; i++ )
        frames[i] = gfn + (i << order);
    EXPECT("decrease_reservation of RAM",
           balloon(XENMEM_decrease_reservation, nr, order), nr);
    now = reservation(XENMEM_current_reservation, DOMID_SELF);
    CHECK(now == cur - (long)pages, "current %ld after giving back %lu, "
          "expected %ld", now, pages, cur - (long)pages);

    for ( i = 0; i < nr; i++ )
        frames[i] = hole_gfn + (i << order);
    if ( EXPECT("populate_physmap in the hole",
                balloon(XENMEM_populate_physmap, nr, order), nr) == nr )
    {
        CHECK(p[0] == 0 && p[pages * 512 - 1] == 0, "new memory not zeroed");
        for ( i = 0; i < pages * 512; i += 512 )
            p[i] = 0x1234567800000000UL | i;
        for ( i = 0; i < pages * 512; i += 512 )
            if ( !CHECK(p[i] == (0x1234567800000000UL | i),
                        "read back 0x%lx at %p", (unsigned long)p[i], &p[i]) )
                break;
        now = reservation(XENMEM_current_reservation, DOMID_SELF);
        CHECK(now == cur, "current %ld after populating, expected %ld", now,
              cur);
        EXPECT("decrease_reservation of the hole",
               balloon(XENMEM_decrease_reservation, nr, order), nr);
        EXPECT("decrease_reservation of it again (a hole)",
               balloon(XENMEM_decrease_reservation, 1, order), 0);
    }

    for ( i = 0; i < nr; i++ )
        frames[i] = gfn + (i << order);
    EXPECT("populate_physmap of the RAM given back",
           balloon(XENMEM_populate_physmap, nr, order), nr);
    now = reservation(XENMEM_current_reservation, DOMID_SELF);
    CHECK(now == cur, "current %ld at the end, expected %ld", now, cur);
}

/* Requests that must do nothing and report 0 extents. */
static void check_hostile(uint64_t hole_gfn, long cur)
{
    long now;

    frames[0] = hole_gfn;
    EXPECT("populate, order 10", balloon(XENMEM_populate_physmap, 1, 10), 0);
    EXPECT("populate, order 0xffffffff",
           balloon(XENMEM_populate_physmap, 1, 0xffffffffu), 0);
    EXPECT("populate, unmapped arg",
           memop(XENMEM_populate_physmap, BAD_PTR_UNMAPPED), 0);
    EXPECT("decrease, unmapped arg",
           memop(XENMEM_decrease_reservation, BAD_PTR_NO_RAM), 0);

    fill_res(1, 0);
    set_xen_guest_handle(res.extent_start, BAD_PTR_UNMAPPED);
    EXPECT("populate, unmapped extent_start",
           memop(XENMEM_populate_physmap, &res), 0);
    res.nr_extents = 1UL << 40;
    EXPECT("populate, 2^40 extents, bad handle",
           memop(XENMEM_populate_physmap, &res), 0);
    res.nr_extents = 0xffffffffu >> 6;
    EXPECT("populate, 2^26-1 extents, bad handle",
           memop(XENMEM_populate_physmap, &res), 0);

    set_xen_guest_handle(res.extent_start, frames);
    res.nr_extents = 3;
    EXPECT("populate, start extent 5 of 3",
           memop(XENMEM_populate_physmap | (5UL << 6), &res), 5);
    res.nr_extents = 1;
    res.domid = NO_SUCH_DOMAIN;
    EXPECT("populate, no such domain", memop(XENMEM_populate_physmap, &res),
           0);
    res.domid = 0;
    EXPECT("populate, dom0", memop(XENMEM_populate_physmap, &res), 0);
    res.domid = DOMID_SELF;
    res.mem_flags = XENMEMF_populate_on_demand;
    EXPECT("populate, populate-on-demand",
           memop(XENMEM_populate_physmap, &res), 0);
    now = reservation(XENMEM_current_reservation, DOMID_SELF);
    CHECK(now == cur, "current %ld after the refused requests, expected %ld",
          now, cur);
}

void test_main(void)
{
    uint64_t ram_end = check_memory_map(), hole_gfn, gfn;
    long cur = 0;

    check_sizes(&cur);
    if ( !ram_end || ram_end < 16 * MiB || ram_end > 0xf0000000UL )
    {
        test_error("no usable RAM layout (RAM ends at 0x%lx)",
                   (unsigned long)ram_end);
        return;
    }
    /* A 2 MiB-aligned hole 64 MiB above RAM; RAM 4 MiB below its end. */
    hole_gfn = ((ram_end + 64 * MiB) & ~(2 * MiB - 1)) / PAGE_SIZE;
    gfn = ((ram_end - 4 * MiB) & ~(2 * MiB - 1)) / PAGE_SIZE;
    check_hostile(hole_gfn, cur);
    check_balloon(gfn + 16, hole_gfn + 1, 4, 0, cur);
    check_balloon(gfn, hole_gfn, 1, 9, cur);
    test_success();
}
