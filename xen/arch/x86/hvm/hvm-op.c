/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hvm_op hypercall (__HYPERVISOR_hvm_op): reading and writing the HVM
 * parameters of a domain (d->arch.hvm_params), and a vCPU's event
 * upcall vector (HVMOP_set_evtchn_upcall_vector; delivery is
 * evtchn-upcall.c's). A guest may read and
 * write only the parameters on Xen's allow-lists below; the others
 * belong to the toolstack (a privileged domain). Entry point: do_hvm_op().
 * What a parameter does is up to its user (e.g. CALLBACK_IRQ: event
 * delivery, issue 4); this file only stores checked values.
 */
#include <xen/lib.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <asm/hvm/intr.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

/* Per-parameter policy bits. */
#define P_GUEST_READ    (1u << 0)   /* the domain may read its own */
#define P_GUEST_WRITE   (1u << 1)   /* the domain may write its own */
#define P_ONCE          (1u << 2)   /* once non-zero, only that value */
#define P_RETIRED       (1u << 3)   /* deprecated number: -EINVAL */

#define P_RW            (P_GUEST_READ | P_GUEST_WRITE)

/*
 * Xen 4.17's lists; everything else is the toolstack's. Retired numbers
 * are -EINVAL for everyone, as on Xen (measured: 4, 13, 20-26, 30).
 */
static const uint8_t param_policy[HVM_NR_PARAMS] = {
    [HVM_PARAM_PAE_ENABLED]             = P_RETIRED,
    [HVM_PARAM_DM_DOMAIN]               = P_RETIRED,
    [20 ... 23]                         = P_RETIRED,
    [HVM_PARAM_NESTEDHVM]               = P_RETIRED,
    [25]                                = P_RETIRED,
    [HVM_PARAM_BUFIOREQ_EVTCHN]         = P_RETIRED,
    [30]                                = P_RETIRED,
    [HVM_PARAM_CALLBACK_IRQ]            = P_RW,
    [HVM_PARAM_STORE_PFN]               = P_GUEST_READ,
    [HVM_PARAM_STORE_EVTCHN]            = P_RW,
    [HVM_PARAM_CONSOLE_PFN]             = P_GUEST_READ,
    [HVM_PARAM_CONSOLE_EVTCHN]          = P_RW,
    [HVM_PARAM_VM86_TSS]                = P_RW,
    [HVM_PARAM_VM86_TSS_SIZED]          = P_RW,
    [HVM_PARAM_ACPI_IOPORTS_LOCATION]   = P_RW,
    [HVM_PARAM_VM_GENERATION_ID_ADDR]   = P_RW,
    [HVM_PARAM_X87_FIP_WIDTH]           = P_RW,
    [HVM_PARAM_ALTP2M]                  = P_GUEST_READ | P_ONCE,
    [HVM_PARAM_VIRIDIAN]                = P_ONCE,
    [HVM_PARAM_IOREQ_SERVER_PFN]        = P_ONCE,
    [HVM_PARAM_NR_IOREQ_SERVER_PAGES]   = P_ONCE,
    [HVM_PARAM_MCA_CAP]                 = P_ONCE,
};

/* Smallest 32-bit TSS, for HVM_PARAM_VM86_TSS_SIZED. */
#define TSS32_SIZE      104

/* Is value acceptable for index? Only parameters with a known range. */
static bool param_value_ok(uint32_t index, uint64_t value)
{
    switch ( index )
    {
    case HVM_PARAM_X87_FIP_WIDTH:
        return value == 0 || value == 4 || value == 8;
    case HVM_PARAM_VM86_TSS:
        return value == (uint32_t)value;    /* hardware takes 32 bits */
    case HVM_PARAM_VM86_TSS_SIZED:
        return (value >> 32) >= TSS32_SIZE;
    case HVM_PARAM_TIMER_MODE:
        return value <= HVMPTM_one_missed_tick_pending;
    case HVM_PARAM_TRIPLE_FAULT_REASON:
        return value <= SHUTDOWN_MAX;
    default:
        return true;
    }
}

/*
 * Decode a request: copy it in, check the index, find the domain and
 * check the caller may touch that parameter. On success returns d with
 * a reference. Order of checks as Xen's: -EFAULT, -EINVAL (index),
 * -ESRCH, -EPERM. The pad field is not checked: Xen ignores it and
 * Linux leaves it uninitialised.
 */
static struct domain *param_decode(unsigned long arg, struct xen_hvm_param *p,
                                   unsigned int need, long *rc)
{
    struct domain *curr = current->domain, *d;

    *rc = -EFAULT;
    if ( copy_from_guest_virt(current, p, arg, sizeof(*p)) )
        return NULL;
    *rc = -EINVAL;
    if ( p->index >= HVM_NR_PARAMS || (param_policy[p->index] & P_RETIRED) )
        return NULL;

    if ( p->domid == DOMID_SELF || p->domid == curr->domain_id )
    {
        *rc = (param_policy[p->index] & need) ? 0 : -EPERM;
        if ( *rc )
            return NULL;
        domain_get(curr);
        return curr;
    }
    *rc = -ESRCH;
    d = domain_get_by_id(p->domid);
    if ( d && !curr->is_privileged )
    {
        domain_put(d);
        d = NULL;
        *rc = -EPERM;
    }
    return d;
}

static long hvm_get_param(unsigned long arg)
{
    struct xen_hvm_param p;
    struct domain *d;
    long rc;

    d = param_decode(arg, &p, P_GUEST_READ, &rc);
    if ( !d )
        return rc;
    spin_lock(&d->domain_lock);
    p.value = d->arch.hvm_params[p.index];
    spin_unlock(&d->domain_lock);
    domain_put(d);

    return copy_to_guest_virt(current, arg, &p, sizeof(p));
}

static long hvm_set_param(unsigned long arg)
{
    struct xen_hvm_param p;
    struct domain *d;
    uint64_t *slot;
    long rc;

    d = param_decode(arg, &p, P_GUEST_WRITE, &rc);
    if ( !d )
        return rc;
    if ( !param_value_ok(p.index, p.value) )
    {
        rc = -EINVAL;
        goto out_put;
    }
    /* Moves the ACPI PM timer ports: a PVH domain has none (Xen: same). */
    if ( p.index == HVM_PARAM_ACPI_IOPORTS_LOCATION )
    {
        rc = -ENODEV;
        goto out_put;
    }

    spin_lock(&d->domain_lock);
    slot = &d->arch.hvm_params[p.index];
    if ( (param_policy[p.index] & P_ONCE) && *slot && *slot != p.value )
        rc = -EEXIST;
    else
        *slot = p.value;
    spin_unlock(&d->domain_lock);

 out_put:
    domain_put(d);
    return rc;
}

/*
 * A domain sets its own vCPUs' vectors only (no domid in the request).
 * Order of checks as Xen's: -EFAULT, -EINVAL (vector < 16), -ENOENT (no
 * such vCPU). The three padding bytes are not looked at (Xen does not).
 */
static long set_evtchn_upcall_vector(unsigned long arg)
{
    struct xen_hvm_evtchn_upcall_vector op;
    struct domain *d = current->domain;
    struct vcpu *v;

    if ( copy_from_guest_virt(current, &op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.vector < 16 )
        return -EINVAL;
    if ( op.vcpu >= d->max_vcpus || !(v = d->vcpu[op.vcpu]) )
        return -ENOENT;
    /* Logged once per vCPU: a guest flipping vectors cannot flood. */
    if ( !v->arch.upcall_vector )
        printk(XENLOG_INFO "d%uv%u: event upcall vector %#x\n",
               d->domain_id, v->vcpu_id, op.vector);
    return hvm_set_upcall_vector(v, op.vector);
}

long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5)
{
    BUILD_BUG_ON(HVM_NR_PARAMS > HVM_NR_PARAMS_MAX);

    switch ( op )
    {
    case HVMOP_set_param:
        return hvm_set_param(arg);
    case HVMOP_get_param:
        return hvm_get_param(arg);
    case HVMOP_set_evtchn_upcall_vector:
        return set_evtchn_upcall_vector(arg);
    default:
        return -ENOSYS;
    }
}
