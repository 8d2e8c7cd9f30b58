/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "bench_vmrun=N": the bare VM entry -> VMMCALL/VMCALL -> VM exit round
 * trip of the platform, timed in the hypervisor with the TSC around the
 * vendor's run() and nothing else: no exit dispatch, no hypercall. It is
 * the floor that the in-guest null hypercall (tests/guest/bench-hcall)
 * is compared with by scripts/bench. Entry: hvm_bench_vmrun() at boot.
 */
#include <xen/lib.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <asm/hvm/bench.h>
#include <asm/hvm/hvm.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>

#define BENCH_MAX       100000u     /* samples */
#define BENCH_WARMUP    100u        /* round trips before timing starts */
#define BENCH_GPA       0x10000UL   /* the guest's code page */
#define BENCH_CR0       0x11u       /* PE | ET: flat 32-bit, paging off */

static unsigned int opt_bench_vmrun;
integer_param("bench_vmrun", opt_bench_vmrun,
              "at boot, time N bare VMRUN->VMMCALL->#VMEXIT round trips "
              "in a one-page domain and print the median (0: off)");

extern const struct hvm_vendor_ops svm_ops;

/* Shell sort: the sample count can be large, the heap is not needed. */
static void sort_u64(uint64_t *a, unsigned int n)
{
    static const unsigned int gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
    unsigned int g, i, j;

    for ( g = 0; g < ARRAY_SIZE(gaps); g++ )
        for ( i = gaps[g]; i < n; i++ )
        {
            uint64_t t = a[i];

            for ( j = i; j >= gaps[g] && a[j - gaps[g]] > t; j -= gaps[g] )
                a[j] = a[j - gaps[g]];
            a[j] = t;
        }
}

static uint64_t cycles_to_ns(uint64_t c)
{
    return cpu_khz ? c * 1000000 / cpu_khz : 0;
}

/*
 * The guest: "vmmcall" (0f 01 d9; VMX: vmcall 0f 01 c1) at offset 0 and
 * "jmp 0" (eb fb: rel8 = 0 - 5) after it. An intercepted VMMCALL exits
 * with RIP still at the instruction, and RIP is reset before each entry
 * anyway, so the jmp only matters if an entry ever completes it.
 */
static struct domain *bench_domain(int *rc)
{
    const struct domain_config cfg = {
        .name = "bench-vmrun", .max_vcpus = 1, .max_pages = 16,
        .on_poweroff = ACTION_destroy, .on_reboot = ACTION_destroy,
        .on_crash = ACTION_destroy,
    };
    uint8_t code[5] = { 0x0f, 0x01, 0xd9, 0xeb, 0xfb };
    struct hvm_initial_state init = { .eip = BENCH_GPA, .cr0 = BENCH_CR0 };
    struct domain *d = domain_create(&cfg, rc);

    if ( !d )
        return NULL;
    if ( hvm_ops != &svm_ops )
        code[2] = 0xc1;
    *rc = p2m_populate(d->arch.p2m, BENCH_GPA >> PAGE_SHIFT, 0);
    if ( !*rc )
        *rc = copy_to_guest_phys(d, BENCH_GPA, code, sizeof(code));
    if ( *rc )
    {
        domain_destroy(d);
        domain_put(d);
        return NULL;
    }
    hvm_ops->set_initial_state(d->vcpu[0], &init);
    return d;
}

/*
 * Time n round trips into t[]. A host interrupt that ends an entry early
 * (HVM_EXIT_NONE) is not a sample: the entry is repeated. Returns the
 * number of such interrupt exits, or -EIO on any other exit.
 */
static int time_round_trips(struct vcpu *v, uint64_t *t, unsigned int n)
{
    unsigned int i = 0, intr = 0;
    struct hvm_exit e;

    while ( i < n )
    {
        uint64_t t0, t1;

        v->arch.regs.rip = BENCH_GPA;
        local_irq_disable();
        t0 = rdtsc();
        hvm_ops->run(v, &e);
        t1 = rdtsc();
        local_irq_enable();
        if ( e.reason == HVM_EXIT_NONE )
        {
            intr++;
            continue;
        }
        if ( e.reason != HVM_EXIT_HYPERCALL )
        {
            printk(XENLOG_ERR "bench: unexpected exit %u (vendor code "
                   "%#lx) at sample %u\n", e.reason,
                   (unsigned long)e.raw_code, i);
            hvm_dump_vcpu(v);
            return -EIO;
        }
        if ( t )
            t[i] = t1 - t0;
        i++;
    }
    return (int)intr;
}

static void report(uint64_t *t, unsigned int n, int intr, s_time_t elapsed)
{
    uint64_t med, p10, p90;

    sort_u64(t, n);
    med = t[n / 2];
    p10 = t[n / 10];
    p90 = t[n * 9 / 10];
    printk("bench: bare %s round trip: median %lu ns, %lu cycles "
           "(p10 %lu, p90 %lu, min %lu, max %lu cycles; %u samples, "
           "%d interrupt exits, %lu ns per round trip overall)\n",
           hvm_ops == &svm_ops ? "VMRUN->VMMCALL->#VMEXIT"
                               : "VMRESUME->VMCALL->VM-exit",
           (unsigned long)cycles_to_ns(med), (unsigned long)med,
           (unsigned long)p10, (unsigned long)p90, (unsigned long)t[0],
           (unsigned long)t[n - 1], n, intr,
           (unsigned long)(elapsed / (s_time_t)n));
}

/* Run softirqs until the destroy timer (this CPU's) has freed d. */
static void wait_destroyed(unsigned int nr_before)
{
    s_time_t end = NOW() + MILLISECS(100);

    while ( domain_count() > nr_before && NOW() < end )
        do_softirq();
}

void hvm_bench_vmrun(void)
{
    unsigned int n = min(opt_bench_vmrun, BENCH_MAX);
    unsigned int nr_before = domain_count();
    struct domain *d;
    struct vcpu *v;
    uint64_t *t;
    s_time_t t0;
    int rc;

    if ( !n || !hvm_ops )
        return;
    t = xmalloc_array(uint64_t, n);
    d = t ? bench_domain(&rc) : NULL;
    if ( !d )
    {
        printk(XENLOG_ERR "bench: cannot build the bench domain (%d)\n",
               t ? rc : -ENOMEM);
        xfree(t);
        return;
    }
    v = d->vcpu[0];
    this_cpu(curr_vcpu) = v;
    rc = time_round_trips(v, NULL, BENCH_WARMUP);
    t0 = NOW();
    if ( rc >= 0 )
        rc = time_round_trips(v, t, n);
    t0 = NOW() - t0;
    this_cpu(curr_vcpu) = NULL;
    if ( hvm_ops->vcpu_leave )
        hvm_ops->vcpu_leave(v);
    if ( rc >= 0 )
        report(t, n, rc, t0);
    xfree(t);
    domain_destroy(d);
    domain_put(d);
    wait_destroyed(nr_before);
}
