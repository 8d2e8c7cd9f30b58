/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall dispatch: the table from Xen's __HYPERVISOR_* numbers to the
 * do_<area>_op() entry points, the preemption check for long operations
 * and the argument updates that turn -ERESTART into a continuation. The
 * arch exit handler collects the registers and calls hypercall_dispatch().
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <public/xen.h>

/*
 * Only the hypercalls an HVM/PVH guest may use; every other number, PV
 * ones included, is -ENOSYS as in Xen for such guests.
 */
static const hypercall_fn_t hypercall_table[] = {
    [__HYPERVISOR_memory_op]    = do_memory_op,
    [__HYPERVISOR_set_timer_op] = do_set_timer_op,
    [__HYPERVISOR_xen_version]  = do_xen_version,
    [__HYPERVISOR_console_io]   = do_console_io,
    [__HYPERVISOR_vcpu_op]      = do_vcpu_op,
    [__HYPERVISOR_sched_op]     = do_sched_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_hvm_op]       = do_hvm_op,
    [__HYPERVISOR_grant_table_op] = do_grant_table_op,
};

/* Arguments of the hypercall running on this pCPU (for continuations). */
static DEFINE_PER_CPU(struct hypercall_args *, hcall_args);

long hypercall_dispatch(unsigned long nr, struct hypercall_args *args)
{
    hypercall_fn_t fn;
    long rc;

    /* All 64 bits of the number count: (1 << 32) | 17 is not 17. */
    if ( nr >= ARRAY_SIZE(hypercall_table) || !hypercall_table[nr] )
        return -ENOSYS;
    fn = hypercall_table[nr];

    this_cpu(hcall_args) = args;
    rc = fn(args->a[0], args->a[1], args->a[2], args->a[3], args->a[4]);
    this_cpu(hcall_args) = NULL;

    return rc;
}

void hypercall_set_arg(unsigned int i, unsigned long val)
{
    struct hypercall_args *args = this_cpu(hcall_args);

    ASSERT(args && i < HYPERCALL_NR_ARGS);
    args->a[i] = val;
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id()) != 0;
}
