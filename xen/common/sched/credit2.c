/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Credit2-style proportional-share policy behind struct sched_policy_ops:
 * per-pCPU runqueues, credit burnt in inverse proportion to the domain
 * weight, the most credit runs first, per-domain caps as a budget per
 * period, idle pCPUs pulling work from busy ones. The core (sched/core.c)
 * owns the locks and the vCPU state machine; this file only decides.
 * Algorithm and tunables: docs/hypervisor/scheduler.md.
 *
 * Locking: a runqueue and the c2_vcpu fields of vCPUs on it are guarded
 * by the core's runqueue lock of that pCPU ([L:sched]). c2_dom.budget_lock
 * (spinlock, taken with a runqueue lock held or IRQs off; takes nothing)
 * guards the cap budget of a domain.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/list.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched-api.h>
#include <xen/sched-if.h>
#include <xen/time.h>
#include <xen/xmalloc.h>

/* Credit a vCPU gets at each reset (and at creation). */
#define CREDIT_INIT         MILLISECS(10)
/* Bound on a credit difference turned into a slice (no overflow). */
#define CREDIT_DIFF_MAX     SECONDS(1)

static unsigned int sched_slice_us = 10000;
integer_param("sched_slice_us", sched_slice_us,
              "longest time slice in microseconds (10000)");
static unsigned int sched_min_slice_us = 500;
integer_param("sched_min_slice_us", sched_min_slice_us,
              "shortest time slice in microseconds (500)");
static unsigned int sched_cap_period_us = 10000;
integer_param("sched_cap_period_us", sched_cap_period_us,
              "period over which a domain cap is enforced, microseconds "
              "(10000)");
static unsigned int sched_balance_us = 2000;
integer_param("sched_balance_us", sched_balance_us,
              "how often a busy pCPU looks for a busier one, microseconds "
              "(2000)");

struct c2_dom {
    struct domain *dom;             /* [I] */
    spinlock_t budget_lock;
    unsigned int weight;            /* [L:budget_lock], read racily */
    unsigned int cap;               /* [L:budget_lock], read racily */
    s_time_t budget;                /* [L:budget_lock] ns left in period */
    s_time_t period_end;            /* [L:budget_lock] */
};

struct c2_vcpu {
    struct list_head runq_elem;     /* [L:sched] on the runqueue */
    struct vcpu *vcpu;              /* [I] */
    struct c2_dom *sdom;            /* [I] */
    s_time_t credit;                /* [L:sched] ns, weighted */
    s_time_t start;                 /* [L:sched] picked at */
    s_time_t budget;                /* [L:sched] cap budget held, running */
    unsigned int reset_gen;         /* [L:sched] last reset it took part in */
    unsigned int gen_cpu;           /* [L:sched] runqueue reset_gen is of */
    unsigned int load_w;            /* [L:sched] weight counted in load */
    bool queued;                    /* [L:sched] */
    bool yielded;                   /* [L:sched] defer once at the next pick */
};

struct c2_rq {
    struct list_head runq;          /* [L:sched] queued vCPUs, unsorted */
    unsigned int nr_queued;         /* [L:sched], read racily */
    unsigned long load;             /* [L:sched], read racily: weights of
                                       the queued and the running vCPU */
    unsigned int reset_gen;         /* [L:sched] */
    s_time_t next_balance;          /* [V] owning pCPU */
};

static DEFINE_PER_CPU(struct c2_rq, c2_rq);
static unsigned int max_weight = SCHED_DEFAULT_WEIGHT;  /* [A] only grows */

#define C2V(v)  ((struct c2_vcpu *)(v)->sched_priv)
#define C2D(d)  ((struct c2_dom *)(d)->sched_priv)
#define RQ(cpu) (&per_cpu(c2_rq, cpu))

static s_time_t max_slice(void) { return MICROSECS(sched_slice_us); }
static s_time_t min_slice(void) { return MICROSECS(sched_min_slice_us); }
static s_time_t cap_period(void) { return MICROSECS(sched_cap_period_us); }

/* min/max on s_time_t (the lib.h macros do not nest under -Wshadow). */
static s_time_t tmin(s_time_t a, s_time_t b) { return a < b ? a : b; }
static s_time_t tmax(s_time_t a, s_time_t b) { return a > b ? a : b; }

static void raise_max_weight(unsigned int w)
{
    unsigned int old = __atomic_load_n(&max_weight, __ATOMIC_RELAXED);

    while ( w > old &&
            !__atomic_compare_exchange_n(&max_weight, &old, w, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_RELAXED) )
        ;
}

/* Credit that running for ran ns costs: inversely proportional to weight. */
static s_time_t burn(const struct c2_vcpu *svc, s_time_t ran)
{
    unsigned int w = READ_ONCE(svc->sdom->weight);

    return ran * __atomic_load_n(&max_weight, __ATOMIC_RELAXED) / w;
}

/* ---- cap budget ---- */

static s_time_t cap_budget(const struct c2_dom *sdom)
{
    return cap_period() * sdom->cap / 100;
}

/* New period(s) started: refill, keeping any overdraft. Lock held. */
static void replenish(struct c2_dom *sdom, s_time_t now)
{
    s_time_t period = cap_period();

    if ( now < sdom->period_end )
        return;
    sdom->period_end += ((now - sdom->period_end) / period + 1) * period;
    sdom->budget = tmin(sdom->budget, 0) + cap_budget(sdom);
}

/*
 * Whether a vCPU of sdom may run now. If not (parked), lower *wait to the
 * time until the domain's next period.
 */
static bool budget_ok(struct c2_dom *sdom, s_time_t now, s_time_t *wait)
{
    bool ok;

    if ( !READ_ONCE(sdom->cap) )
        return true;
    spin_lock(&sdom->budget_lock);
    replenish(sdom, now);
    ok = !sdom->cap || sdom->budget > 0;
    if ( !ok )
        *wait = tmin(*wait, sdom->period_end - now);
    spin_unlock(&sdom->budget_lock);
    return ok;
}

/* Take up to want ns of budget for a slice; 0 if none left. */
static s_time_t budget_take(struct c2_vcpu *svc, s_time_t now, s_time_t want)
{
    struct c2_dom *sdom = svc->sdom;
    s_time_t take;

    spin_lock(&sdom->budget_lock);
    if ( !sdom->cap )
        take = want;
    else
    {
        replenish(sdom, now);
        take = tmax(tmin(want, sdom->budget), 0);
        sdom->budget -= take;
        svc->budget = take;
    }
    spin_unlock(&sdom->budget_lock);
    return take;
}

/* Charge ran ns against the budget held for the slice, return the rest. */
static void budget_return(struct c2_vcpu *svc, s_time_t ran)
{
    struct c2_dom *sdom = svc->sdom;

    if ( !svc->budget && !READ_ONCE(sdom->cap) )
        return;
    spin_lock(&sdom->budget_lock);
    sdom->budget += svc->budget - ran;
    if ( sdom->cap )
        sdom->budget = tmin(sdom->budget, cap_budget(sdom));
    svc->budget = 0;
    spin_unlock(&sdom->budget_lock);
}

/* ---- runqueues ---- */

/*
 * Apply the credit reset svc missed while off this runqueue (at most one
 * refill: a long sleep does not bank credit). A vCPU arriving from another
 * runqueue keeps its credit: moving must not earn a refill.
 */
static void catch_up(unsigned int cpu, struct c2_vcpu *svc)
{
    struct c2_rq *rq = RQ(cpu);

    if ( svc->gen_cpu == cpu && svc->reset_gen != rq->reset_gen )
        svc->credit = tmin(svc->credit + CREDIT_INIT, CREDIT_INIT);
    svc->gen_cpu = cpu;
    svc->reset_gen = rq->reset_gen;
}

static void runq_insert(unsigned int cpu, struct c2_vcpu *svc)
{
    struct c2_rq *rq = RQ(cpu);

    ASSERT(!svc->queued);
    catch_up(cpu, svc);
    list_add_tail(&svc->runq_elem, &rq->runq);
    svc->queued = true;
    svc->load_w = READ_ONCE(svc->sdom->weight);
    WRITE_ONCE(rq->nr_queued, rq->nr_queued + 1);
    WRITE_ONCE(rq->load, rq->load + svc->load_w);
}

static void runq_remove(struct c2_rq *rq, struct c2_vcpu *svc)
{
    ASSERT(svc->queued);
    list_del(&svc->runq_elem);
    svc->queued = false;
    WRITE_ONCE(rq->nr_queued, rq->nr_queued - 1);
    WRITE_ONCE(rq->load, rq->load - svc->load_w);
}

/*
 * The top credit is spent: give every queued vCPU enough multiples of
 * CREDIT_INIT that the top one is positive again (order is unchanged).
 */
static void reset_credit(struct c2_rq *rq, s_time_t top)
{
    s_time_t add = (-top / CREDIT_INIT + 1) * CREDIT_INIT;
    struct c2_vcpu *svc;

    rq->reset_gen++;
    list_for_each_entry ( svc, &rq->runq, runq_elem )
    {
        svc->credit = tmin(svc->credit + add, CREDIT_INIT);
        svc->reset_gen = rq->reset_gen;
    }
}

/* The two eligible (not parked) queued vCPUs with the most credit. */
static struct c2_vcpu *scan(struct c2_rq *rq, s_time_t now,
                            struct c2_vcpu **second, s_time_t *wait)
{
    struct c2_vcpu *svc, *best = NULL;

    *second = NULL;
    list_for_each_entry ( svc, &rq->runq, runq_elem )
    {
        if ( !budget_ok(svc->sdom, now, wait) )
            continue;
        if ( !best || svc->credit > best->credit )
        {
            *second = best;
            best = svc;
        }
        else if ( !*second || svc->credit > (*second)->credit )
            *second = svc;
    }
    return best;
}

/* Run best until its credit falls to the next one's, within bounds. */
static s_time_t slice_for(const struct c2_vcpu *best,
                          const struct c2_vcpu *next, s_time_t wait)
{
    s_time_t s = max_slice(), diff;

    if ( next )
    {
        diff = tmin(best->credit - next->credit, CREDIT_DIFF_MAX);
        s = diff <= 0 ? 0 : diff * READ_ONCE(best->sdom->weight) /
                            __atomic_load_n(&max_weight, __ATOMIC_RELAXED);
    }
    /* Look again when a parked vCPU gets its budget back. */
    s = tmin(s, wait);
    return tmax(tmin(s, max_slice()), min_slice());
}

/* ---- ops ---- */

static struct vcpu *c2_pick_next(unsigned int cpu, s_time_t now,
                                 s_time_t *slice)
{
    struct c2_rq *rq = RQ(cpu);
    struct c2_vcpu *best, *second;
    s_time_t wait, s;

    for ( ; ; )
    {
        wait = STIME_MAX;
        best = scan(rq, now, &second, &wait);
        if ( !best )
        {
            *slice = wait;
            return NULL;
        }
        if ( best->credit <= 0 )
            reset_credit(rq, best->credit);
        if ( best->yielded )
        {
            best->yielded = false;
            if ( second )
            {
                struct c2_vcpu *t = best;

                best = second;
                second = t;
            }
        }
        s = slice_for(best, second, wait);
        s = budget_take(best, now, s);
        if ( s > 0 )
            break;
        /* Another pCPU used the budget up meanwhile: best is parked now. */
    }
    runq_remove(rq, best);
    WRITE_ONCE(rq->load, rq->load + best->load_w);  /* running counts */
    best->start = now;
    *slice = s;
    return best->vcpu;
}

static void c2_context_saved(struct vcpu *v, s_time_t now)
{
    struct c2_vcpu *svc = C2V(v);
    s_time_t ran = tmax(now - svc->start, 0);
    struct c2_rq *rq;

    svc->credit -= burn(svc, ran);
    budget_return(svc, ran);
    rq = RQ(v->processor);
    WRITE_ONCE(rq->load, rq->load - svc->load_w);    /* no longer running */
}

/* v waits on cpu: if an idle pCPU may run it, kick that one to pull it. */
static void tickle_idle(const struct vcpu *v, unsigned int cpu)
{
    cpumask_t mask;
    unsigned int c;

    cpumask_and(&mask, &v->hard_affinity, sched_idle_cpus());
    cpumask_clear_cpu(cpu, &mask);
    c = cpumask_first(&mask);
    if ( c < NR_CPUS )
        sched_tickle(c);
}

static void c2_wake(struct vcpu *v, s_time_t now)
{
    unsigned int cpu = v->processor;
    struct c2_vcpu *svc = C2V(v), *cs;
    struct vcpu *curr = sched_curr_locked(cpu);

    runq_insert(cpu, svc);
    if ( !curr )
    {
        sched_tickle(cpu);
        if ( RQ(cpu)->nr_queued > 1 )
            tickle_idle(v, cpu);    /* more than cpu can start at once */
        return;
    }
    cs = C2V(curr);
    if ( svc->credit > cs->credit - burn(cs, now - cs->start) )
        sched_tickle(cpu);      /* preempt the running one */
    else
        tickle_idle(v, cpu);
}

static void c2_sleep(struct vcpu *v)
{
    struct c2_vcpu *svc = C2V(v);

    if ( svc->queued )
        runq_remove(RQ(v->processor), svc);
}

static bool c2_is_queued(const struct vcpu *v)
{
    return C2V(v)->queued;
}

static void c2_yield(struct vcpu *v)
{
    C2V(v)->yielded = true;
}

/* Whether cpu has nothing to run (a hint, read without its lock). */
static bool cpu_free(unsigned int cpu)
{
    return !sched_current(cpu) && !READ_ONCE(RQ(cpu)->nr_queued);
}

static unsigned long load_of(unsigned int cpu)
{
    return READ_ONCE(RQ(cpu)->load);
}

/*
 * Own pCPU if free, else a free one (the next above own first, to spread
 * wakers), else own, else the least loaded one of the affinity.
 */
static unsigned int c2_pick_cpu(const struct vcpu *v)
{
    unsigned int cpu = READ_ONCE(v->processor), c, best = NR_CPUS;
    unsigned int wrap = NR_CPUS;
    cpumask_t mask;

    cpumask_and(&mask, &v->hard_affinity, sched_cpus());
    if ( cpumask_test_cpu(cpu, &mask) && cpu_free(cpu) )
        return cpu;
    for_each_cpu ( c, &mask )
    {
        if ( !cpu_free(c) )
            continue;
        if ( c > cpu )
            return c;
        if ( wrap == NR_CPUS )
            wrap = c;
    }
    if ( wrap < NR_CPUS )
        return wrap;
    if ( cpumask_test_cpu(cpu, &mask) )
        return cpu;
    for_each_cpu ( c, &mask )
        if ( best == NR_CPUS || load_of(c) < load_of(best) )
            best = c;
    return best < NR_CPUS ? best : cpu;
}

/*
 * Move the queued vCPU of from with the most credit that may run on cpu
 * and weighs less than diff (so the move narrows the load gap) to cpu.
 */
static bool steal(unsigned int cpu, unsigned int from, unsigned long diff,
                  s_time_t now)
{
    struct c2_vcpu *svc, *best = NULL;
    unsigned long flags;
    s_time_t wait = STIME_MAX;

    sched_double_lock(cpu, from, &flags);
    list_for_each_entry ( svc, &RQ(from)->runq, runq_elem )
        if ( svc->load_w < diff &&
             cpumask_test_cpu(cpu, &svc->vcpu->hard_affinity) &&
             (!best || svc->credit > best->credit) &&
             budget_ok(svc->sdom, now, &wait) )
            best = svc;
    if ( best )
    {
        runq_remove(RQ(from), best);
        best->vcpu->processor = cpu;
        runq_insert(cpu, best);
    }
    sched_double_unlock(cpu, from, flags);
    return best;
}

/* Whether c has a queued vCPU and more load than mine. */
static bool busier(unsigned int c, unsigned long mine)
{
    return READ_ONCE(RQ(c)->nr_queued) && load_of(c) > mine;
}

/*
 * Pull one vCPU from the pCPU with the most load (sum of weights) if that
 * narrows the gap: at once when idle, else every sched_balance_us.
 */
static void c2_balance(unsigned int cpu, s_time_t now)
{
    struct c2_rq *rq = RQ(cpu);
    unsigned long mine = load_of(cpu), most = 0;
    unsigned int c, busiest = NR_CPUS;

    if ( READ_ONCE(rq->nr_queued) && now < rq->next_balance )
        return;
    rq->next_balance = now + MICROSECS(sched_balance_us);

    for_each_cpu ( c, sched_cpus() )
        if ( c != cpu && busier(c, mine) && load_of(c) > most )
        {
            busiest = c;
            most = load_of(c);
        }
    if ( busiest == NR_CPUS || steal(cpu, busiest, most - mine, now) )
        return;
    /* Nothing there may run here: try the others. */
    for_each_cpu ( c, sched_cpus() )
        if ( c != cpu && c != busiest && busier(c, mine) &&
             steal(cpu, c, load_of(c) - mine, now) )
            return;
}

static int c2_adjust(struct domain *d, unsigned int weight, unsigned int cap)
{
    struct c2_dom *sdom = C2D(d);
    unsigned long flags;

    spin_lock_irqsave(&sdom->budget_lock, flags);
    if ( weight )
    {
        raise_max_weight(weight);
        WRITE_ONCE(sdom->weight, weight);
        d->weight = weight;
    }
    if ( cap != sdom->cap )
    {
        WRITE_ONCE(sdom->cap, cap);
        d->cap = cap;
        sdom->budget = cap_budget(sdom);
        sdom->period_end = NOW() + cap_period();
    }
    spin_unlock_irqrestore(&sdom->budget_lock, flags);
    return 0;
}

static void c2_dump(unsigned int cpu)
{
    struct c2_rq *rq = RQ(cpu);
    struct c2_vcpu *svc;
    struct vcpu *curr = sched_curr_locked(cpu);

    printk("  runq: %u queued, load %lu, reset gen %u\n", rq->nr_queued,
           rq->load, rq->reset_gen);
    if ( curr )
        printk("  [run] d%uv%u credit=%lldus weight=%u cap=%u\n",
               curr->domain->domain_id, curr->vcpu_id,
               (long long)(C2V(curr)->credit / NSEC_PER_USEC),
               C2V(curr)->sdom->weight, C2V(curr)->sdom->cap);
    list_for_each_entry ( svc, &rq->runq, runq_elem )
        printk("  d%uv%u credit=%lldus weight=%u cap=%u%s\n",
               svc->vcpu->domain->domain_id, svc->vcpu->vcpu_id,
               (long long)(svc->credit / NSEC_PER_USEC), svc->sdom->weight,
               svc->sdom->cap, svc->yielded ? " yield" : "");
}

/* ---- life cycle ---- */

static int c2_init_pcpu(unsigned int cpu)
{
    struct c2_rq *rq = RQ(cpu);

    /* Keep the tunables sane: 100 us <= min <= max, period >= 1 ms. */
    sched_slice_us = max(sched_slice_us, 100U);
    sched_min_slice_us = max(sched_min_slice_us, 100U);
    sched_min_slice_us = min(sched_min_slice_us, sched_slice_us);
    sched_cap_period_us = max(sched_cap_period_us, 1000U);
    sched_balance_us = max(sched_balance_us, 100U);

    INIT_LIST_HEAD(&rq->runq);
    rq->nr_queued = 0;
    rq->load = 0;
    rq->reset_gen = 0;
    rq->next_balance = 0;
    return 0;
}

static int c2_init_domain(struct domain *d)
{
    struct c2_dom *sdom = xzalloc(struct c2_dom);

    if ( !sdom )
        return -ENOMEM;
    sdom->dom = d;
    spin_lock_init(&sdom->budget_lock);
    sdom->weight = d->weight;
    sdom->cap = d->cap;
    sdom->budget = cap_budget(sdom);
    sdom->period_end = NOW() + cap_period();
    raise_max_weight(d->weight);
    d->sched_priv = sdom;
    return 0;
}

static void c2_destroy_domain(struct domain *d)
{
    xfree(d->sched_priv);
}

static int c2_init_vcpu(struct vcpu *v)
{
    struct c2_vcpu *svc = xzalloc(struct c2_vcpu);

    if ( !svc )
        return -ENOMEM;
    INIT_LIST_HEAD(&svc->runq_elem);
    svc->vcpu = v;
    svc->sdom = C2D(v->domain);
    svc->credit = CREDIT_INIT;
    svc->gen_cpu = v->processor;
    svc->reset_gen = READ_ONCE(RQ(v->processor)->reset_gen);
    v->sched_priv = svc;
    return 0;
}

static void c2_destroy_vcpu(struct vcpu *v)
{
    ASSERT(!C2V(v)->queued);
    xfree(v->sched_priv);
}

const struct sched_policy_ops sched_credit2_ops = {
    .name           = "credit2",
    .init_pcpu      = c2_init_pcpu,
    .init_domain    = c2_init_domain,
    .destroy_domain = c2_destroy_domain,
    .init_vcpu      = c2_init_vcpu,
    .destroy_vcpu   = c2_destroy_vcpu,
    .pick_cpu       = c2_pick_cpu,
    .wake           = c2_wake,
    .sleep          = c2_sleep,
    .is_queued      = c2_is_queued,
    .yield          = c2_yield,
    .pick_next      = c2_pick_next,
    .context_saved  = c2_context_saved,
    .balance        = c2_balance,
    .adjust         = c2_adjust,
    .dump           = c2_dump,
};
