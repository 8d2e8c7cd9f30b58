/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain life cycle (common/domain.c): create (paused) -> running ->
 * shutdown or crashed -> destroyed, with reference counting so that a
 * domain outlives every user holding a reference. Design and the state
 * diagram: docs/hypervisor/domains.md.
 */
#ifndef __XEN_DOMAIN_H__
#define __XEN_DOMAIN_H__

#include <xen/errno.h>
#include <xen/sched.h>

struct domain_config {
    const char *name;
    unsigned int max_vcpus;         /* 1 .. MAX_VIRT_CPUS */
    unsigned long max_pages;        /* memory limit in 4 KiB pages */
    bool is_privileged;
    enum domain_action on_poweroff, on_reboot, on_crash;
    unsigned int weight, cap;       /* 0: defaults (256, none) */
    const cpumask_t *affinity;      /* NULL: every CPU */
};

/*
 * Create a domain with its vCPUs and an empty guest-physical map. The
 * domain starts paused (one pause reference), with every vCPU down.
 * Returns the domain holding one reference for the caller, or an
 * ERR_PTR-style NULL with *rc set. Context: IRQs on.
 */
struct domain *domain_create(const struct domain_config *cfg, int *rc);

/*
 * Tear a domain down: pause its vCPUs, and once none of them runs any
 * more (checked from a timer, so this may be called from anywhere, even
 * one of d's own vCPUs), unlink it, drop the list's reference (which
 * frees d unless someone else holds one) and then call d->on_destroyed
 * with what is left to know of d. Every page and object d owns is freed when the
 * last reference goes. Context: any, IRQs on.
 */
void domain_destroy(struct domain *d);

/* Look up a domain by id; takes a reference (NULL if none or dying). */
struct domain *domain_get_by_id(domid_t id);
/* Take / drop a reference. */
void domain_get(struct domain *d);
void domain_put(struct domain *d);

/*
 * The domain a hypercall's "dom" field names, with a reference: the
 * caller's own (DOMID_SELF or its id), or any other for a privileged
 * caller. NULL with *err = -ESRCH (no such domain) or -EPERM (another
 * domain, caller not privileged). Context: a hypercall of current.
 */
static inline struct domain *domain_get_for_caller(domid_t dom, int *err)
{
    struct domain *curr = current->domain, *d;

    if ( dom == DOMID_SELF || dom == curr->domain_id )
    {
        domain_get(curr);
        return curr;
    }
    d = domain_get_by_id(dom);
    if ( !d )
        *err = -ESRCH;
    else if ( !curr->is_privileged )
    {
        domain_put(d);
        d = NULL;
        *err = -EPERM;
    }
    return d;
}

/*
 * The guest asked to stop (SCHEDOP_shutdown) with SHUTDOWN_* reason:
 * pause it, record the code and apply on_poweroff/on_reboot/on_crash.
 * Context: any, including d's own vCPUs.
 */
void domain_shutdown(struct domain *d, unsigned int reason);
/*
 * SCHEDOP_shutdown_code: the reason to report when d later shuts down
 * (a kexec crash kernel sets "crash" ahead of its own poweroff). The
 * first code set wins, as on Xen. Context: any.
 */
void domain_set_shutdown_code(struct domain *d, unsigned int reason);

/* The hypervisor gives up on d (bad state, bad exit): log and shut down. */
void domain_crash(struct domain *d);

/* Number of domains that exist (for the idle machine policy). */
unsigned int domain_count(void);

/* Iterate: call fn for each live domain under the domain list lock. */
void for_each_domain(void (*fn)(struct domain *d, void *arg), void *arg);

/*
 * Hook for what happens after a domain ends (restart per its plan,
 * machine power-off when the last one is gone). Implemented by the
 * boot-time launcher; may be NULL.
 */
extern void (*domain_end_hook)(struct domain *d, unsigned int reason,
                               enum domain_action action);

/* Bring up vCPU v (VCPUOP_up / boot): clears VPF_down and wakes it. */
void vcpu_up(struct vcpu *v);

/*
 * Take vCPU v down (VCPUOP_down, HLT with interrupts off). If it is the
 * last vCPU up, the domain powers off instead, as on Xen.
 */
void vcpu_down(struct vcpu *v);

#endif /* __XEN_DOMAIN_H__ */
