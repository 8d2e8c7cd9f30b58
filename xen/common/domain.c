/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain and vCPU life cycle: creation (paused, vCPUs down), shutdown
 * and crash with Xen's reason codes, reference counting, destruction
 * that returns every page and object to the heap. Scheduling decisions
 * are in sched/; guest memory in the arch p2m behind arch_domain_*().
 *
 * Locking: domlist_lock (spinlock) guards the domain list and id
 * allocation; it is taken before any domain's own locks. d->domain_lock
 * guards d->state and d->shutdown_code. References (d->refcnt) are
 * atomic: a domain is freed when the last one is dropped, after
 * domain_destroy() has unlinked it.
 */
#include <xen/lib.h>
#include <xen/arch-domain.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/event.h>
#include <xen/guest-console.h>
#include <xen/pv-console.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <public/xen.h>

DEFINE_PER_CPU(struct vcpu *, curr_vcpu);

static LIST_HEAD(domain_list);          /* [L:domlist_lock] */
static DEFINE_SPINLOCK(domlist_lock);
static unsigned int nr_domains;         /* [L:domlist_lock] */
void (*domain_end_hook)(struct domain *d, unsigned int reason,
                        enum domain_action action);

static const char *const shutdown_names[] = {
    [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
    [SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
    [SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
};

static void destroy_timer_fn(void *data);

/* Caller holds domlist_lock. */
static struct domain *find_locked(domid_t id)
{
    struct domain *d;

    list_for_each_entry ( d, &domain_list, domain_list )
        if ( d->domain_id == id )
            return d;
    return NULL;
}

/* Lowest free id: 0 only for a privileged domain, others from 1. */
static int alloc_domid(bool privileged, domid_t *id)
{
    domid_t i = privileged ? 0 : 1;

    for ( ; i < DOMID_FIRST_RESERVED; i++ )
        if ( !find_locked(i) )
        {
            *id = i;
            return 0;
        }
    return -ENOSPC;
}

static void vcpu_free(struct vcpu *v)
{
    kill_timer(&v->singleshot_timer);
    kill_timer(&v->poll_timer);
    arch_vcpu_destroy(v);
    sched_destroy_vcpu(v);
    xfree(v);
}

/* Raises VIRQ_TIMER if bound, and wakes (common/vcpu-timer.c). */
static void singleshot_timer_fn(void *data)
{
    vcpu_timer_expired(data);
}

static void poll_timer_fn(void *data)
{
    vcpu_unblock(data);
}

static struct vcpu *vcpu_alloc(struct domain *d, unsigned int id,
                               const cpumask_t *affinity, int *rc)
{
    struct vcpu *v = xzalloc(struct vcpu);
    unsigned int cpu;

    if ( !v )
    {
        *rc = -ENOMEM;
        return NULL;
    }
    v->vcpu_id = id;
    v->domain = d;
    v->pause_flags = 1UL << VPF_down;
    cpumask_copy(&v->hard_affinity, affinity);
    cpu = cpumask_first(affinity);
    init_timer(&v->singleshot_timer, singleshot_timer_fn, v, cpu);
    init_timer(&v->poll_timer, poll_timer_fn, v, cpu);
    *rc = sched_init_vcpu(v, cpu);
    if ( *rc )
        goto out_free;
    *rc = arch_vcpu_create(v);
    if ( *rc )
        goto out_sched;
    return v;

 out_sched:
    sched_destroy_vcpu(v);
 out_free:
    kill_timer(&v->singleshot_timer);
    kill_timer(&v->poll_timer);
    xfree(v);
    return NULL;
}

static int check_config(const struct domain_config *cfg)
{
    if ( !cfg->max_vcpus || cfg->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;
    if ( cfg->affinity && !cpumask_intersects(cfg->affinity,
                                              &cpu_online_map) )
        return -EINVAL;
    return 0;
}

/* Undo a partly built domain (not on the list). */
static void domain_free(struct domain *d)
{
    unsigned int i;

    kill_timer(&d->destroy_timer);
    domain_events_destroy(d);       /* before the vCPUs and the p2m */
    /* The p2m's last TLB flush still looks at the vCPUs: free it first. */
    arch_domain_destroy(d);
    gnttab_domain_free(d);          /* frames are out of the p2m now */
    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            vcpu_free(d->vcpu[i]);
            d->vcpu[i] = NULL;
        }
    xfree(d->vcpu);
    sched_destroy_domain(d);
    xfree(d);
}

struct domain *domain_create(const struct domain_config *cfg, int *rc)
{
    const cpumask_t *aff = cfg->affinity ? cfg->affinity : &cpu_online_map;
    struct domain *d;
    unsigned int i;

    *rc = check_config(cfg);
    if ( *rc )
        return NULL;
    d = xzalloc(struct domain);
    if ( !d )
        goto nomem;
    strlcpy(d->name, cfg->name ? cfg->name : "", sizeof(d->name));
    d->is_privileged = cfg->is_privileged;
    d->refcnt = 1;
    d->state = DOMSTATE_created;
    d->on_poweroff = cfg->on_poweroff;
    d->on_reboot = cfg->on_reboot;
    d->on_crash = cfg->on_crash;
    d->pause_count = 1;             /* created paused */
    d->pending_code = SHUTDOWN_CODE_NONE;
    d->max_vcpus = cfg->max_vcpus;
    d->max_pages = cfg->max_pages;
    d->weight = cfg->weight ? cfg->weight : 256;
    d->cap = cfg->cap;
    spin_lock_init(&d->domain_lock);
    spin_lock_init(&d->page_alloc_lock);
    spin_lock_init(&d->console.lock);
    INIT_LIST_HEAD(&d->domain_list);
    init_timer(&d->destroy_timer, destroy_timer_fn, d, 0);

    *rc = sched_init_domain(d);
    if ( *rc )
    {
        xfree(d);
        return NULL;
    }
    d->vcpu = xzalloc_array(struct vcpu *, d->max_vcpus);
    *rc = d->vcpu ? arch_domain_create(d) : -ENOMEM;
    for ( i = 0; !*rc && i < d->max_vcpus; i++ )
        d->vcpu[i] = vcpu_alloc(d, i, aff, rc);
    if ( !*rc )
        *rc = domain_events_init(d);    /* shared_info, ports */
    if ( !*rc )
        *rc = gnttab_domain_init(d);
    if ( *rc )
        goto fail;

    spin_lock(&domlist_lock);
    *rc = alloc_domid(d->is_privileged, &d->domain_id);
    if ( !*rc )
    {
        list_add_tail(&d->domain_list, &domain_list);
        nr_domains++;
    }
    spin_unlock(&domlist_lock);
    if ( *rc )
        goto fail;
    domain_get(d);                  /* the list's reference */
    return d;

 fail:
    domain_free(d);
    return NULL;
 nomem:
    *rc = -ENOMEM;
    return NULL;
}

void domain_get(struct domain *d)
{
    __atomic_fetch_add(&d->refcnt, 1, __ATOMIC_SEQ_CST);
}

void domain_put(struct domain *d)
{
    if ( __atomic_sub_fetch(&d->refcnt, 1, __ATOMIC_SEQ_CST) == 0 )
    {
        ASSERT(d->state == DOMSTATE_dying);
        domain_free(d);
    }
}

struct domain *domain_get_by_id(domid_t id)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    d = find_locked(id);
    if ( d && d->state != DOMSTATE_dying )
        domain_get(d);
    else
        d = NULL;
    spin_unlock(&domlist_lock);
    return d;
}

static bool any_vcpu_running(const struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( READ_ONCE(d->vcpu[i]->is_running) )
            return true;
    return false;
}

/*
 * Second half of domain_destroy(), from a timer: waiting here instead of
 * in domain_destroy() lets a domain be destroyed from its own vCPU or from
 * a softirq on the pCPU that still has one of its vCPUs as current.
 */
static void destroy_timer_fn(void *data)
{
    struct domain *d = data;
    void (*cb)(const struct domain_end *end);
    struct domain_end end;

    if ( any_vcpu_running(d) )
    {
        set_timer(&d->destroy_timer, NOW() + MICROSECS(500));
        return;
    }
    domain_events_teardown(d);      /* peers' ports go back to unbound */
    gnttab_domain_destroy(d);       /* undo the grant maps d holds */
    pv_console_destroy(d);          /* unmap and free its console page */
    guest_console_flush(d);
    spin_lock(&domlist_lock);
    list_del(&d->domain_list);
    nr_domains--;
    spin_unlock(&domlist_lock);
    printk("d%u: destroyed\n", d->domain_id);
    cb = d->on_destroyed;
    end.domain_id = d->domain_id;
    end.launch = d->launch;
    end.shutdown_code = d->shutdown_code;
    end.on_reboot = d->on_reboot;
    domain_put(d);                  /* the list's reference: usually frees d */
    if ( cb )
        cb(&end);
}

void domain_destroy(struct domain *d)
{
    spin_lock(&d->domain_lock);
    if ( d->state == DOMSTATE_dying )
    {
        spin_unlock(&d->domain_lock);
        return;
    }
    d->state = DOMSTATE_dying;
    spin_unlock(&d->domain_lock);

    domain_pause_nosync(d);         /* kicks every running vCPU */
    set_timer(&d->destroy_timer, NOW());
}

static enum domain_action action_for(struct domain *d, unsigned int reason)
{
    switch ( reason )
    {
    case SHUTDOWN_poweroff: return d->on_poweroff;
    case SHUTDOWN_reboot:   return d->on_reboot;
    case SHUTDOWN_crash:
    case SHUTDOWN_watchdog: return d->on_crash;
    default:                return ACTION_preserve;
    }
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    enum domain_action action;

    spin_lock(&d->domain_lock);
    if ( d->state != DOMSTATE_created && d->state != DOMSTATE_running )
    {
        spin_unlock(&d->domain_lock);
        return;                     /* already ending: first reason wins */
    }
    if ( d->pending_code != SHUTDOWN_CODE_NONE )
        reason = d->pending_code;
    d->state = reason == SHUTDOWN_crash ? DOMSTATE_crashed
                                        : DOMSTATE_shutdown;
    d->shutdown_code = reason;
    spin_unlock(&d->domain_lock);

    domain_pause_nosync(d);
    guest_console_flush(d);
    action = action_for(d, reason);
    printk("d%u: shut down, reason %u (%s)\n", d->domain_id, reason,
           reason < ARRAY_SIZE(shutdown_names) ? shutdown_names[reason]
                                               : "unknown");
    if ( domain_end_hook )
        domain_end_hook(d, reason, action);
}

void domain_set_shutdown_code(struct domain *d, unsigned int reason)
{
    spin_lock(&d->domain_lock);
    if ( d->pending_code == SHUTDOWN_CODE_NONE )
        d->pending_code = reason;
    spin_unlock(&d->domain_lock);
}

void domain_crash(struct domain *d)
{
    printk(XENLOG_WARNING "d%u: crashed\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_crash);
}

unsigned int domain_count(void)
{
    return READ_ONCE(nr_domains);
}

void for_each_domain(void (*fn)(struct domain *d, void *arg), void *arg)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    list_for_each_entry ( d, &domain_list, domain_list )
        fn(d, arg);
    spin_unlock(&domlist_lock);
}

void vcpu_up(struct vcpu *v)
{
    if ( test_and_clear_bit(VPF_down, &v->pause_flags) )
        vcpu_wake(v);
}
