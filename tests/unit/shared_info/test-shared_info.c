/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of the shared pages and guest clocks (common/shared-info.c,
 * guest-time.c, vcpu-op-areas.c) and of XENMEM_add_to_physmap and the
 * vcpu_info pin in memory.c: the pvclock and wall clock after creation
 * and their version protocol, shared_info placed and moved, vcpu_info
 * registration with every error, events reaching the registered area,
 * pinned frames refused by memory_op, runstate and time areas.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/shared-info.h>
#include <xen/time-scale.h>
#include <public/memory.h>
#include <public/vcpu.h>
#include "../event_channel/stub-evtchn.h"
#include "stub-time.h"
#include "test.h"

static struct domain *d0;

static long vcpuop(unsigned int cmd, unsigned int id, void *arg)
{
    return vcpu_op_areas(cmd, d0->vcpu[id], (unsigned long)arg);
}

static long add_shared_info(domid_t dom, uint64_t idx, uint32_t space,
                            uint64_t gfn)
{
    struct xen_add_to_physmap x = { .domid = dom, .space = space,
                                    .idx = idx, .gpfn = gfn };

    return do_memory_op(XENMEM_add_to_physmap, (unsigned long)&x, 0, 0, 0);
}

static long reservation(unsigned int op, xen_pfn_t gfn)
{
    struct xen_memory_reservation r = { .nr_extents = 1,
                                        .domid = DOMID_SELF };

    set_xen_guest_handle(r.extent_start, &gfn);
    return do_memory_op(op, (unsigned long)&r, 0, 0, 0);
}

static void *guest_page(uint64_t gfn)
{
    return test_ram + gfn * PAGE_SIZE;
}

static void test_clocks(void)
{
    struct vcpu_time_info *t = &d0->shared_info->vcpu_info[1].time;
    struct shared_info *s = d0->shared_info;

    /* Valid from creation on (Linux reads it as soon as it maps). */
    CHECK_EQ(t->version, 2);
    CHECK_EQ(t->tsc_to_system_mul, 1u << 31);      /* 2 GHz */
    CHECK_EQ(t->tsc_shift, 0);
    CHECK_EQ(t->tsc_timestamp, 1000000);
    CHECK_EQ(t->system_time, 0);
    CHECK_EQ(t->flags, XEN_PVCLOCK_TSC_STABLE_BIT);
    stub_now = 5000000000LL;
    vcpu_time_update(d0->vcpu[1]);
    CHECK_EQ(t->version, 4);
    CHECK_EQ(t->tsc_timestamp, 1000000 + 10000000000ULL);
    CHECK_EQ(t->system_time, 5000000000ULL);
    /* What the guest computes a second later agrees with NOW(). */
    CHECK_EQ(t->system_time + time_scale_apply(
                 (struct time_scale){ t->tsc_to_system_mul, t->tsc_shift },
                 2000000000ULL), 6000000000ULL);
    stub_now = 0;

    CHECK_EQ(s->wc_version, 2);
    CHECK_EQ(s->wc_sec, 0x23456789u);
    CHECK_EQ(s->wc_sec_hi, 1);
    CHECK_EQ(s->wc_nsec, 42);
}

static void test_add_to_physmap(void)
{
    mfn_t mfn = virt_to_mfn(d0->shared_info);

    CHECK_EQ(add_shared_info(DOMID_SELF, 0, XENMAPSPACE_shared_info, 5), 0);
    CHECK_EQ(stub_p2m_type[5], p2m_map_rw);
    CHECK_EQ(stub_p2m_mfn[5], mfn);
    CHECK_EQ(d0->shared_info_gfn, 5);
    /* Moving it unmaps the old frame. */
    CHECK_EQ(add_shared_info(0, 0, XENMAPSPACE_shared_info, 6), 0);
    CHECK_EQ(stub_p2m_type[5], p2m_invalid);
    CHECK_EQ(stub_p2m_type[6], p2m_map_rw);
    CHECK_EQ(add_shared_info(DOMID_SELF, 1, XENMAPSPACE_shared_info, 7),
             -EINVAL);
    CHECK_EQ(add_shared_info(DOMID_SELF, 0, XENMAPSPACE_shared_info,
                             1ULL << 40), -EINVAL);
    /* Grant frames go to the grant-table code (stubbed: returns -EXDEV). */
    CHECK_EQ(add_shared_info(DOMID_SELF, 0, XENMAPSPACE_grant_table, 7),
             -EXDEV);
    CHECK_EQ(add_shared_info(DOMID_SELF, 0, XENMAPSPACE_gmfn, 7),
             -EOPNOTSUPP);
    CHECK_EQ(add_shared_info(DOMID_SELF, 0, 99, 7), -EINVAL);
    CHECK_EQ(add_shared_info(1, 0, XENMAPSPACE_shared_info, 7), -EPERM);
    CHECK_EQ(add_shared_info(9, 0, XENMAPSPACE_shared_info, 7), -ESRCH);
    CHECK_EQ(do_memory_op(XENMEM_add_to_physmap, 0, 0, 0, 0), -EFAULT);
    stub_p2m_type[5] = p2m_ram_rw;
}

static void test_register_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = { .mfn = 10, .offset = 64,
                                         .rsvd = 0xdead };
    struct vcpu_info *vi = (void *)((char *)guest_page(10) + 64);
    struct vcpu *v0 = d0->vcpu[0];
    uint32_t port;

    test_counters_reset();
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, NULL), -EFAULT);
    r.offset = PAGE_SIZE - 63;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), -ENXIO);
    r.offset = 4;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), -ENXIO);
    r.offset = 64;
    r.mfn = 6;                              /* shared_info: not RAM */
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), -EINVAL);
    r.mfn = 1000;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), -EINVAL);
    clear_bit(VPF_down, &d0->vcpu[2]->pause_flags);  /* up, not current */
    r.mfn = 11;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 2, &r), -EINVAL);
    set_bit(VPF_down, &d0->vcpu[2]->pause_flags);

    r.mfn = 10;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), 0);
    CHECK(v0->vcpu_info == vi);
    CHECK_EQ(v0->vcpu_info_gfn, 10);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(vi->evtchn_pending_sel, ~0UL);
    CHECK_EQ(stub_upcalls[0][0], 1);
    CHECK_EQ(vi->time.version, 4);          /* copied (2), then updated */
    CHECK_EQ(vi->time.tsc_to_system_mul, 1u << 31);
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 0, &r), -EINVAL);
    r.mfn = 11;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_info, 1, &r), 0);  /* down */

    /* Events now land in the registered area, not the slot. */
    vi->evtchn_upcall_pending = 0;
    vi->evtchn_pending_sel = 0;
    port = (uint32_t)evtchn_send(d0, 0);
    CHECK_EQ(port, (uint32_t)-EINVAL);
    {
        struct evtchn_bind_ipi b = { .vcpu = 0 };

        CHECK_EQ(do_event_channel_op(EVTCHNOP_bind_ipi, (unsigned long)&b,
                                     0, 0, 0), 0);
        CHECK_EQ(evtchn_send(d0, b.port), 0);
    }
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(d0->shared_info->vcpu_info[0].evtchn_pending_sel, 0);
}

/* A frame with a registered vcpu_info stays put. */
static void test_pins(void)
{
    CHECK_EQ(reservation(XENMEM_decrease_reservation, 10), 0);
    CHECK_EQ(stub_p2m_type[10], p2m_ram_rw);
    CHECK_EQ(reservation(XENMEM_populate_physmap, 11), 0);
    CHECK_EQ(add_shared_info(DOMID_SELF, 0, XENMAPSPACE_shared_info, 10),
             -EBUSY);
    CHECK_EQ(stub_p2m_type[6], p2m_map_rw);         /* not moved */
    CHECK_EQ(reservation(XENMEM_decrease_reservation, 12), 1);
    CHECK_EQ(stub_p2m_type[12], p2m_invalid);
    CHECK_EQ(reservation(XENMEM_populate_physmap, 12), 1);
}

static void test_areas(void)
{
    struct vcpu_runstate_info rs;
    struct vcpu_time_info ti;
    uint64_t addr = (uint64_t)(unsigned long)&rs;
    struct vcpu_runstate_info *prs;

    memset(&rs, 0xff, sizeof(rs));
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_memory_area, 0, &addr), 0);
    CHECK_EQ(rs.state_entry_time, 1234);
    CHECK_EQ(rs.time[0], 5678);
    CHECK_EQ(rs.time[1], 0);
    rs.time[0] = 0;
    vcpu_runstate_area_update(d0->vcpu[0]);
    CHECK_EQ(rs.time[0], 5678);
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_memory_area, 0, NULL), -EFAULT);
    addr = 0;
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_memory_area, 0, &addr), 0);

    addr = 20 * PAGE_SIZE + PAGE_SIZE - 40;         /* crosses a page */
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_phys_area, 0, &addr), -EINVAL);
    addr = 40 * PAGE_SIZE;
    stub_p2m_type[40] = p2m_invalid;
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_phys_area, 0, &addr), -EINVAL);
    stub_p2m_type[40] = p2m_ram_rw;
    addr = 20 * PAGE_SIZE + 8;
    CHECK_EQ(vcpuop(VCPUOP_register_runstate_phys_area, 1, &addr), 0);
    prs = (void *)((char *)guest_page(20) + 8);
    CHECK_EQ(prs->state_entry_time, 1234);

    memset(&ti, 0, sizeof(ti));
    addr = (uint64_t)(unsigned long)&ti;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_time_memory_area, 0, &addr), 0);
    CHECK_EQ(ti.version & 1, 0);
    CHECK(ti.version != 0);
    CHECK_EQ(ti.tsc_to_system_mul, 1u << 31);
    stub_now = 7;
    addr = ti.version;
    vcpu_time_update(d0->vcpu[0]);
    CHECK(ti.version > addr && !(ti.version & 1));
    CHECK_EQ(ti.tsc_timestamp, 1000014);
    stub_now = 0;
    addr = 30 * PAGE_SIZE + 4064;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_time_phys_area, 0, &addr), 0);
    CHECK_EQ(((struct vcpu_time_info *)((char *)guest_page(30) +
                                         4064))->tsc_to_system_mul, 1u << 31);
    addr = 30 * PAGE_SIZE + 4065;
    CHECK_EQ(vcpuop(VCPUOP_register_vcpu_time_phys_area, 0, &addr), -EINVAL);
    CHECK_EQ(vcpuop(99, 0, NULL), -ENOSYS);
}

int main(void)
{
    d0 = test_domain_create(0, TEST_VCPUS, false);
    test_domain_create(1, 1, true);
    test_set_current(d0->vcpu[0]);

    test_clocks();
    test_add_to_physmap();
    test_register_vcpu_info();
    test_pins();
    test_areas();

    test_domain_free(1);
    test_domain_free(0);
    return test_done();
}
