/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "bench_vmrun=N": the bare VM entry -> VMMCALL/VMCALL -> VM exit round
 * trip of the platform, timed in the hypervisor with the TSC around the
 * vendor's run() and nothing else: no exit dispatch, no hypercall. It is
 * the floor that the in-guest null hypercall (tests/guest/bench-hcall)
 * is compared with by scripts/bench; then, for the breakdown, the cost
 * of handling each such exit as a null hypercall (hvm_handle_exit()).
 * Entry: hvm_bench_vmrun() at boot.
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
#include <asm/hvm/exit.h>
#include <asm/hvm/hvm.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>

#define BENCH_MAX       100000u     /* samples */
#define BENCH_WARMUP    100u        /* round trips before timing starts */
#define BENCH_GPA       0x10000UL   /* code; page tables in the next 3 */
#define BENCH_PAGES     4
#define BENCH_CR0       0x11u       /* PE | ET: flat 32-bit, paging off */
#define BENCH_CR0_PG    0x80000011u /* PG | ET | PE */
#define BENCH_CR4_PAE   0x20u
#define BENCH_EFER      0x500u      /* LMA | LME */
#define PTE_P_RW        0x3u
#define PTE_PS          0x80u

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

static void flat_seg(struct hvm_seg *sg, uint16_t sel, uint16_t attr,
                     uint32_t limit)
{
    sg->sel = sel;
    sg->attr = attr;
    sg->limit = limit;
    sg->base = 0;
}

/*
 * 64-bit mode with paging, as the PVH guests run once started: PML4,
 * PDPT and PD in the pages after the code, the PD mapping 0-2 MiB with
 * one 2 MiB page. Returns false if the vendor cannot load a full state
 * (no set_context): the guest then stays in flat 32-bit mode.
 */
static bool set_long_mode(struct vcpu *v)
{
    struct domain *d = v->domain;
    struct hvm_vcpu_context c;
    uint64_t pte[3] = {
        (BENCH_GPA + 2 * PAGE_SIZE) | PTE_P_RW,     /* PML4[0] -> PDPT */
        (BENCH_GPA + 3 * PAGE_SIZE) | PTE_P_RW,     /* PDPT[0] -> PD */
        0 | PTE_P_RW | PTE_PS,                      /* PD[0]: 0-2 MiB */
    };
    unsigned int i;

    if ( !hvm_ops->set_context )
        return false;
    for ( i = 0; i < 3; i++ )
        if ( copy_to_guest_phys(d, BENCH_GPA + (i + 1) * PAGE_SIZE,
                                &pte[i], sizeof(pte[i])) )
            return false;
    memset(&c, 0, sizeof(c));
    c.regs.rip = BENCH_GPA;
    c.regs.rflags = 0x2;
    c.cr0 = BENCH_CR0_PG;
    c.cr3 = BENCH_GPA + PAGE_SIZE;
    c.cr4 = BENCH_CR4_PAE;
    c.efer = BENCH_EFER;
    flat_seg(&c.cs, 0x08, 0xa9b, 0xffffffff);      /* L, P, S, code */
    flat_seg(&c.ds, 0x10, 0xc93, 0xffffffff);
    c.es = c.ss = c.fs = c.gs = c.ds;
    flat_seg(&c.tr, 0x18, 0x8b, 0x67);
    flat_seg(&c.ldtr, 0, 0x82, 0xffff);
    flat_seg(&c.gdtr, 0, 0, 0xffff);
    flat_seg(&c.idtr, 0, 0, 0xffff);
    hvm_ops->set_context(v, &c);
    return true;
}

/*
 * The guest: "vmmcall" (0f 01 d9; VMX: vmcall 0f 01 c1) at offset 0 and
 * "jmp 0" (eb fb: rel8 = 0 - 5) after it. An intercepted VMMCALL exits
 * with RIP still at the instruction, and RIP is reset before each entry
 * anyway, so the jmp only matters if an entry ever completes it. *mode
 * says which mode it runs in: 64 (long mode, paging) or 32.
 */
static struct domain *bench_domain(int *rc, unsigned int *mode)
{
    const struct domain_config cfg = {
        .name = "bench-vmrun", .max_vcpus = 1, .max_pages = 16,
        .on_poweroff = ACTION_destroy, .on_reboot = ACTION_destroy,
        .on_crash = ACTION_destroy,
    };
    uint8_t code[5] = { 0x0f, 0x01, 0xd9, 0xeb, 0xfb };
    struct hvm_initial_state init = { .eip = BENCH_GPA, .cr0 = BENCH_CR0 };
    struct domain *d = domain_create(&cfg, rc);
    unsigned int i;

    if ( !d )
        return NULL;
    if ( hvm_ops != &svm_ops )
        code[2] = 0xc1;
    for ( i = 0, *rc = 0; !*rc && i < BENCH_PAGES; i++ )
        *rc = p2m_populate(d->arch.p2m, (BENCH_GPA >> PAGE_SHIFT) + i, 0);
    if ( !*rc )
        *rc = copy_to_guest_phys(d, BENCH_GPA, code, sizeof(code));
    if ( *rc )
    {
        domain_destroy(d);
        domain_put(d);
        return NULL;
    }
    /* The reset state first: set_context leaves PAT, DR6/DR7 alone. */
    hvm_ops->set_initial_state(d->vcpu[0], &init);
    *mode = set_long_mode(d->vcpu[0]) ? 64 : 32;
    return d;
}

/*
 * Time n round trips into t[], or with h, the handling of each exit as
 * a null hypercall (xen_version(XENVER_version)) by the
 * common exit dispatch instead. A host interrupt that ends an entry
 * early (HVM_EXIT_NONE) is not a sample: the entry is repeated. Returns
 * the number of such interrupt exits, or -EIO on any other exit.
 */
static int time_round_trips(struct vcpu *v, uint64_t *t, unsigned int n,
                            bool h)
{
    unsigned int i = 0, intr = 0;
    struct hvm_exit e;

    while ( i < n )
    {
        uint64_t t0, t1;

        v->arch.regs.rip = BENCH_GPA;
        v->arch.regs.rax = 17;              /* __HYPERVISOR_xen_version */
        v->arch.regs.rbx = 0;               /* XENVER_version, 32-bit */
        v->arch.regs.rdi = 0;               /* XENVER_version, 64-bit */
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
        if ( h )
        {
            t0 = rdtsc();
            hvm_handle_exit(v, &e);
            t1 = rdtsc();
        }
        if ( t )
            t[i] = t1 - t0;
        i++;
    }
    return (int)intr;
}

static void report(const char *what, uint64_t *t, unsigned int n, int intr,
                   s_time_t elapsed)
{
    uint64_t med, p10, p90;

    sort_u64(t, n);
    med = t[n / 2];
    p10 = t[n / 10];
    p90 = t[n * 9 / 10];
    printk("bench: %s: median %lu ns, %lu cycles (p10 %lu, p90 %lu, "
           "min %lu, max %lu cycles; %u samples, %d interrupt exits, "
           "%lu ns per round trip overall)\n", what,
           (unsigned long)cycles_to_ns(med), (unsigned long)med,
           (unsigned long)p10, (unsigned long)p90, (unsigned long)t[0],
           (unsigned long)t[n - 1], n, intr,
           (unsigned long)(elapsed / (s_time_t)n));
}

/* The two measurements; v is current on this CPU. */
static void measure(struct vcpu *v, uint64_t *t, unsigned int n,
                    unsigned int mode)
{
    bool svm = hvm_ops == &svm_ops;
    char what[80];
    s_time_t t0;
    int rc;

    rc = time_round_trips(v, NULL, BENCH_WARMUP, false);
    t0 = NOW();
    if ( rc >= 0 )
        rc = time_round_trips(v, t, n, false);
    if ( rc < 0 )
        return;
    snprintf(what, sizeof(what), "bare %s round trip (%u-bit guest)",
             svm ? "VMRUN->VMMCALL->#VMEXIT" : "VMRESUME->VMCALL->VM-exit",
             mode);
    report(what, t, n, rc, NOW() - t0);
    t0 = NOW();
    rc = time_round_trips(v, t, n, true);
    if ( rc >= 0 )
        report("null hypercall exit handling (hvm_handle_exit)", t, n, rc,
               NOW() - t0);
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
    unsigned int mode;
    int rc;

    if ( !n || !hvm_ops )
        return;
    t = xmalloc_array(uint64_t, n);
    d = t ? bench_domain(&rc, &mode) : NULL;
    if ( !d )
    {
        printk(XENLOG_ERR "bench: cannot build the bench domain (%d)\n",
               t ? rc : -ENOMEM);
        xfree(t);
        return;
    }
    v = d->vcpu[0];
    this_cpu(curr_vcpu) = v;
    measure(v, t, n, mode);
    this_cpu(curr_vcpu) = NULL;
    if ( hvm_ops->vcpu_leave )
        hvm_ops->vcpu_leave(v);
    xfree(t);
    domain_destroy(d);
    domain_put(d);
    wait_destroyed(nr_before);
}
