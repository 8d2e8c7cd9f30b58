/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pages a guest shares with the hypervisor: the domain's shared_info
 * page and each vCPU's vcpu_info (common/shared-info.c), and the
 * guest-visible clocks kept in them or in areas the guest registers:
 * pvclock, wall clock, runstate (common/guest-time.c). Design:
 * docs/hypervisor/event-channels.md, docs/hypervisor/time.md.
 *
 * Frame rule (we have no page reference counts): a guest frame that holds
 * a registered vcpu_info is pinned until the domain dies. memory_op
 * refuses to remove or replace it (decrease_reservation stops at it,
 * populate_physmap and add_to_physmap fail with -EBUSY), so the
 * hypervisor can keep writing it through the direct map.
 */
#ifndef __XEN_SHARED_INFO_H__
#define __XEN_SHARED_INFO_H__

#include <xen/sched.h>
#include <xen/types.h>

/* Guest areas a vCPU registered (v->areas); addr 0: none. [V] */
struct vcpu_guest_areas {
    uint64_t runstate_addr;     /* GVA, or GPA if runstate_phys */
    uint64_t time_addr;         /* GVA, or GPA if time_phys */
    bool runstate_phys;
    bool time_phys;
};

/* v->vcpu_info_gfn when the vcpu_info is a shared_info slot (or none). */
#define VCPU_INFO_NO_GFN    (~0ULL)

/*
 * Everything of d that events and guest time need, at domain creation,
 * after every vCPU exists: the zeroed shared_info page, each vCPU's
 * vcpu_info slot (ids >= 32: a dummy until registration) with a valid
 * pvclock, the wall clock, vCPU periodic timers, the event-channel
 * table. Returns 0 or -ENOMEM (nothing left allocated).
 * domain_events_teardown(): d is being destroyed and none of its vCPUs
 * runs: close its ports (peers see unbound). Call while d still holds
 * the domain list's reference.
 * domain_events_destroy(): free all of it, when d itself is freed
 * (before its vCPUs and p2m); also right for a half-built d.
 * Context: IRQs on, no lock held.
 */
int domain_events_init(struct domain *d);
void domain_events_teardown(struct domain *d);
void domain_events_destroy(struct domain *d);

/*
 * XENMAPSPACE_shared_info: map d's shared_info page at gfn (replacing
 * what is there; RAM there is freed) and unmap it from its previous
 * frame, if any. Returns 0, -EINVAL (gfn out of range), -EBUSY (gfn
 * holds a registered vcpu_info) or -ENOMEM. Context: no lock held.
 */
int shared_info_map(struct domain *d, uint64_t gfn);

/*
 * Is any of [gfn, gfn + nr) a frame pinned by a registered vcpu_info?
 * Context: caller holds d->domain_lock (which also serialises the
 * memory_op change that follows the check against registration).
 */
bool domain_gfn_range_pinned(const struct domain *d, uint64_t gfn,
                             uint64_t nr);

/*
 * VCPUOP_register_vcpu_info: move v's vcpu_info to guest frame gfn at
 * offset. Returns 0; -ENXIO (offset crosses the page or is not 8-byte
 * aligned); -EINVAL (already registered, v is neither the caller nor
 * down, or gfn is not writable RAM). Context: current is a vCPU of v's
 * domain, no lock held.
 */
int vcpu_register_vcpu_info(struct vcpu *v, uint64_t gfn, uint32_t offset);

/*
 * pvclock (guest-time.c): rewrite v's vcpu_time_info (version protocol)
 * in its vcpu_info and in the registered time area, if any. Call when v
 * is about to run on a pCPU (see docs/hypervisor/time.md) and after its
 * vcpu_info moved. Context: v is current or not running.
 */
void vcpu_time_update(struct vcpu *v);

/* Write d's wall clock (wc_* with the wc_version protocol). */
void domain_wallclock_update(struct domain *d);

/*
 * Copy v's run-state accounting to its registered runstate area (by GVA
 * or GPA), if any. Call when v is scheduled in and out. Context: v is
 * current or not running; IRQs on, no lock held (guest copies).
 */
void vcpu_runstate_area_update(struct vcpu *v);

/*
 * VCPUOP_register_runstate_memory_area (phys = false: addr is a GVA of
 * the calling vCPU) / _phys_area (addr is a GPA; the 48 bytes must not
 * cross a page and must take the first write, else -EINVAL and nothing
 * is registered). addr 0 unregisters. A GVA area is written at once if v
 * is the caller; a failing GVA write is ignored (as on Xen).
 * VCPUOP_register_vcpu_time_memory_area / _phys_area: the same for a
 * second copy of the pvclock. Returns 0 or -EINVAL.
 */
int vcpu_register_runstate_area(struct vcpu *v, uint64_t addr, bool phys);
int vcpu_register_time_area(struct vcpu *v, uint64_t addr, bool phys);

/*
 * vCPU timers (common/vcpu-timer.c). vcpu_timers_init(): set up v's
 * periodic timer (stopped); vcpu_timers_kill() before v is freed.
 * vcpu_set_periodic_timer(): VIRQ_TIMER every period ns from now on;
 * period 0 stops it. Returns 0, or -EINVAL for a period below 1 ms or
 * above 2^62 ns (Xen's bounds). Context: any, no lock held.
 */
void vcpu_timers_init(struct vcpu *v);
void vcpu_timers_kill(struct vcpu *v);
int vcpu_set_periodic_timer(struct vcpu *v, uint64_t period);

/*
 * The VCPUOP_* sub-ops of this subsystem (common/vcpu-op-areas.c), for
 * do_vcpu_op(): register_vcpu_info, register_runstate_memory_area and
 * _phys_area, register_vcpu_time_memory_area and _phys_area,
 * set/stop_periodic_timer. v is a vCPU of the caller's domain; arg the
 * guest address of the argument. Returns 0 or a negative errno.
 */
long vcpu_op_areas(unsigned int cmd, struct vcpu *v, unsigned long arg);

#endif /* __XEN_SHARED_INFO_H__ */
