/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-visible clocks: the pvclock (vcpu_time_info) in each vcpu_info
 * and in an optional registered copy, the wall clock in shared_info, and
 * the registered runstate areas. Where the numbers come from is the
 * arch's (xen/time-arch.h). Entry points: vcpu_time_update(),
 * domain_wallclock_update(), vcpu_runstate_area_update(), the area
 * registrations. Design: docs/hypervisor/time.md.
 *
 * The pvclock is one linear function of the guest TSC for the whole
 * life of the hypervisor: system_time = scale(tsc - tsc at NOW() == 0),
 * with the scale from the TSC rate NOW() itself uses. So every update,
 * on every vCPU, lies on the same line: the guest clock never steps and
 * agrees across vCPUs, and it tracks NOW() (the time base of the vCPU
 * timer deadlines) to the rounding of the scale.
 *
 * Locking: none. Each vCPU's areas are written only for a vCPU that is
 * current or not running ([V]); the wall clock is written once.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/time-arch.h>
#include <xen/time-scale.h>
#include <public/vcpu.h>
#include <public/xen.h>

/* Version protocol: odd while the fields change (Xen's begin/end). */
static uint32_t version_begin(uint32_t v)
{
    return (v + 1) | 1;
}

static uint32_t version_end(uint32_t v)
{
    return (v + 1) & ~1u;
}

/* The pvclock of v now; version left 0. */
static void time_info_fill(const struct vcpu *v, struct vcpu_time_info *ti)
{
    struct time_scale ts = time_scale_from_hz(arch_tsc_hz());
    uint64_t tsc = arch_guest_tsc_at(v, NOW());

    memset(ti, 0, sizeof(*ti));
    ti->tsc_timestamp = tsc;
    ti->system_time = time_scale_apply(ts, tsc - arch_guest_tsc_at(v, 0));
    ti->tsc_to_system_mul = ts.mul;
    ti->tsc_shift = ts.shift;
    ti->flags = arch_tsc_is_stable() ? XEN_PVCLOCK_TSC_STABLE_BIT : 0;
}

/* Into hypervisor-mapped memory, with the version protocol. */
static void time_info_publish(struct vcpu_time_info *dst,
                              const struct vcpu_time_info *src)
{
    uint32_t ver = version_begin(READ_ONCE(dst->version));

    __atomic_store_n(&dst->version, ver, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);    /* odd before the fields */
    dst->tsc_timestamp = src->tsc_timestamp;
    dst->system_time = src->system_time;
    dst->tsc_to_system_mul = src->tsc_to_system_mul;
    dst->tsc_shift = src->tsc_shift;
    dst->flags = src->flags;
    __atomic_store_n(&dst->version, version_end(ver), __ATOMIC_RELEASE);
}

static int area_write(struct vcpu *v, uint64_t addr, bool phys,
                      const void *src, size_t len)
{
    if ( phys )
        return copy_to_guest_phys(v->domain, addr, src, len);
    return copy_to_guest_virt(v, addr, src, len);
}

/* The registered copy: three writes, so the guest sees odd, data, even. */
static int time_area_publish(struct vcpu *v, struct vcpu_time_info *ti)
{
    const struct vcpu_guest_areas *a = v->areas;
    int rc;

    ti->version = version_begin(v->vcpu_info->time.version);
    rc = area_write(v, a->time_addr, a->time_phys, &ti->version,
                    sizeof(ti->version));
    if ( !rc )
        rc = area_write(v, a->time_addr, a->time_phys, ti, sizeof(*ti));
    ti->version = version_end(ti->version);
    if ( !rc )
        rc = area_write(v, a->time_addr, a->time_phys, &ti->version,
                        sizeof(ti->version));
    return rc;
}

void vcpu_time_update(struct vcpu *v)
{
    struct vcpu_info *vi = __atomic_load_n(&v->vcpu_info, __ATOMIC_ACQUIRE);
    struct vcpu_time_info ti;

    time_info_fill(v, &ti);
    time_info_publish(&vi->time, &ti);
    if ( v->areas && v->areas->time_addr )
        (void)time_area_publish(v, &ti);
}

void domain_wallclock_update(struct domain *d)
{
    struct shared_info *s = d->shared_info;
    uint64_t wc = arch_wallclock_at_boot_ns();
    uint64_t sec = wc / NSEC_PER_SEC;
    uint32_t ver = version_begin(READ_ONCE(s->wc_version));

    __atomic_store_n(&s->wc_version, ver, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    s->wc_sec = (uint32_t)sec;
    s->wc_nsec = (uint32_t)(wc % NSEC_PER_SEC);
    s->wc_sec_hi = (uint32_t)(sec >> 32);
    __atomic_store_n(&s->wc_version, version_end(ver), __ATOMIC_RELEASE);
}

void vcpu_runstate_area_update(struct vcpu *v)
{
    const struct vcpu_guest_areas *a = v->areas;
    struct vcpu_runstate_info ri;

    if ( !a || !a->runstate_addr )
        return;
    memset(&ri, 0, sizeof(ri));
    vcpu_runstate_get(v, &ri);
    /* A bad address is the guest's problem, as on Xen: ignored. */
    (void)area_write(v, a->runstate_addr, a->runstate_phys, &ri,
                     sizeof(ri));
}

static bool crosses_page(uint64_t addr, size_t len)
{
    return (addr & (PAGE_SIZE - 1)) + len > PAGE_SIZE;
}

/*
 * GVA areas are written at once only if v is the caller (its page tables
 * are the ones in use), and a failing write is not an error: both as
 * Xen. A GPA area must sit in one page and take the first write.
 */
int vcpu_register_runstate_area(struct vcpu *v, uint64_t addr, bool phys)
{
    struct vcpu_guest_areas *a = v->areas;
    struct vcpu_runstate_info ri;

    if ( phys && addr && crosses_page(addr, sizeof(ri)) )
        return -EINVAL;
    if ( phys && addr )
    {
        memset(&ri, 0, sizeof(ri));
        vcpu_runstate_get(v, &ri);
        if ( copy_to_guest_phys(v->domain, addr, &ri, sizeof(ri)) )
            return -EINVAL;
    }
    a->runstate_addr = addr;
    a->runstate_phys = phys;
    if ( addr && !phys && v == current )
        vcpu_runstate_area_update(v);
    return 0;
}

int vcpu_register_time_area(struct vcpu *v, uint64_t addr, bool phys)
{
    struct vcpu_guest_areas *a = v->areas;
    struct vcpu_time_info ti;

    if ( phys && addr && crosses_page(addr, sizeof(ti)) )
        return -EINVAL;
    a->time_addr = addr;
    a->time_phys = phys;
    if ( !addr || (!phys && v != current) )
        return 0;
    time_info_fill(v, &ti);
    if ( time_area_publish(v, &ti) && phys )
    {
        a->time_addr = 0;
        return -EINVAL;
    }
    return 0;
}
