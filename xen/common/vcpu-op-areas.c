/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VCPUOP_* sub-ops that belong to events and guest time: where a
 * vCPU's vcpu_info, runstate area and pvclock copy live, and its
 * periodic timer. Decodes the guest's argument and calls
 * shared-info.c / guest-time.c / vcpu-timer.c. Entry point:
 * vcpu_op_areas(), from do_vcpu_op() (vcpu-op.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/sched.h>
#include <xen/shared-info.h>
#include <public/vcpu.h>

/*
 * rsvd is not checked: Linux leaves it uninitialised (and Xen ignores
 * it). The pvclock moves with the vcpu_info (register_vcpu_info updates
 * it at once, so the new area is valid before the guest reads it).
 */
static long op_register_vcpu_info(struct vcpu *v, unsigned long arg)
{
    struct vcpu_register_vcpu_info info;

    if ( copy_from_guest_virt(current, &info, arg, sizeof(info)) )
        return -EFAULT;
    return vcpu_register_vcpu_info(v, info.mfn, info.offset);
}

static long op_register_area(unsigned int cmd, struct vcpu *v,
                             unsigned long arg)
{
    uint64_t addr;

    BUILD_BUG_ON(sizeof(struct vcpu_register_runstate_memory_area) != 8);
    BUILD_BUG_ON(sizeof(struct vcpu_register_time_memory_area) != 8);
    if ( copy_from_guest_virt(current, &addr, arg, sizeof(addr)) )
        return -EFAULT;
    switch ( cmd )
    {
    case VCPUOP_register_runstate_memory_area:
        return vcpu_register_runstate_area(v, addr, false);
    case VCPUOP_register_runstate_phys_area:
        return vcpu_register_runstate_area(v, addr, true);
    case VCPUOP_register_vcpu_time_memory_area:
        return vcpu_register_time_area(v, addr, false);
    default:
        return vcpu_register_time_area(v, addr, true);
    }
}

static long op_set_periodic(struct vcpu *v, unsigned long arg)
{
    struct vcpu_set_periodic_timer set;

    if ( copy_from_guest_virt(current, &set, arg, sizeof(set)) )
        return -EFAULT;
    /* 0 would stop the timer; Xen refuses it as below the minimum. */
    if ( !set.period_ns )
        return -EINVAL;
    return vcpu_set_periodic_timer(v, set.period_ns);
}

long vcpu_op_areas(unsigned int cmd, struct vcpu *v, unsigned long arg)
{
    switch ( cmd )
    {
    case VCPUOP_register_vcpu_info:
        return op_register_vcpu_info(v, arg);
    case VCPUOP_register_runstate_memory_area:
    case VCPUOP_register_runstate_phys_area:
    case VCPUOP_register_vcpu_time_memory_area:
    case VCPUOP_register_vcpu_time_phys_area:
        return op_register_area(cmd, v, arg);
    case VCPUOP_set_periodic_timer:
        return op_set_periodic(v, arg);
    case VCPUOP_stop_periodic_timer:
        return vcpu_set_periodic_timer(v, 0);
    default:
        return -ENOSYS;
    }
}
