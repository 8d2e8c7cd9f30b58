/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one exit dispatch table (style.md section 8): vendor code has
 * already turned its exit into a struct hvm_exit; here it is counted and
 * handed to the handler for its reason. A reason without a handler
 * crashes the domain with a register dump, never the hypervisor.
 */
#include <xen/lib.h>
#include <xen/keyhandler.h>
#include <xen/percpu.h>
#include <xen/cpumask.h>
#include <xen/sched.h>
#include <asm/hvm/exit.h>
#include <asm/x86-decode.h>

struct exit_entry {
    hvm_exit_handler_t handler;
    const char *name;
};

static const struct exit_entry exit_table[HVM_EXIT_NR] = {
    [HVM_EXIT_NONE]          = { NULL, "interrupt" },
    [HVM_EXIT_CPUID]         = { hvm_handle_cpuid, "cpuid" },
    [HVM_EXIT_MSR_READ]      = { hvm_handle_msr_read, "rdmsr" },
    [HVM_EXIT_MSR_WRITE]     = { hvm_handle_msr_write, "wrmsr" },
    [HVM_EXIT_IO]            = { hvm_handle_io, "io" },
    [HVM_EXIT_HLT]           = { hvm_handle_hlt, "hlt" },
    [HVM_EXIT_NPF]           = { hvm_handle_npf, "npf" },
    [HVM_EXIT_TRIPLE_FAULT]  = { hvm_handle_triple_fault, "triple fault" },
    [HVM_EXIT_HYPERCALL]     = { hvm_handle_hypercall, "hypercall" },
    [HVM_EXIT_RDTSC]         = { NULL, "rdtsc" },
    [HVM_EXIT_PAUSE]         = { hvm_handle_pause, "pause" },
    [HVM_EXIT_INTR_WINDOW]   = { hvm_handle_intr_window, "interrupt window" },
    [HVM_EXIT_INVALID_STATE] = { hvm_handle_invalid, "invalid state" },
    [HVM_EXIT_EXCEPTION]     = { hvm_handle_exception, "exception" },
    [HVM_EXIT_UNHANDLED]     = { NULL, "unexpected" },
};

static DEFINE_PER_CPU(unsigned long, exit_counts[HVM_EXIT_NR]);

unsigned long hvm_exit_count(unsigned int cpu, enum hvm_exit_reason r)
{
    return r < HVM_EXIT_NR ? per_cpu(exit_counts, cpu)[r] : 0;
}

enum hvm_exit_action hvm_handle_exit(struct vcpu *v, const struct hvm_exit *e)
{
    const struct exit_entry *x;

    BUILD_BUG_ON(HVM_EXIT_NR > ARCH_NR_EXIT_REASONS);
    if ( e->reason >= HVM_EXIT_NR )
        return HVM_CRASH;
    this_cpu(exit_counts)[e->reason]++;
    v->arch.exits[e->reason]++;
    if ( e->reason == HVM_EXIT_NONE )
        return HVM_RESUME;
    x = &exit_table[e->reason];
    if ( x->handler )
        return x->handler(v, e);
    printk(XENLOG_ERR "d%uv%u: unexpected VM exit %s (vendor code %#lx, "
           "info %#lx %#lx); crashing the domain\n", v->domain->domain_id,
           v->vcpu_id, x->name, (unsigned long)e->raw_code,
           (unsigned long)e->raw_info1, (unsigned long)e->raw_info2);
    hvm_dump_vcpu(v);
    return HVM_CRASH;
}

/*
 * #DB or #AC intercepted (vendor setup): give it straight back to the
 * guest, as the hardware would have delivered it. The intercept exists
 * only so that a chain of them always passes through the hypervisor.
 */
enum hvm_exit_action hvm_handle_exception(struct vcpu *v,
                                          const struct hvm_exit *e)
{
    unsigned int vector = (unsigned int)e->qual;

    if ( vector != 1 && vector != 17 )
        return HVM_CRASH;
    hvm_ops->inject_event(v, vector, HVM_EVENT_EXCEPTION,
                          vector == 17 ? (int)(uint16_t)e->raw_info1
                                       : HVM_NO_ERRCODE);
    return HVM_INJECTED;
}

void hvm_exit_summary(const struct domain *d)
{
    unsigned long sum[HVM_EXIT_NR] = { 0 }, total = 0;
    char buf[320];
    unsigned int r, i, n = 0;

    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        for ( r = 0; d->vcpu[i] && r < HVM_EXIT_NR; r++ )
        {
            sum[r] += d->vcpu[i]->arch.exits[r];
            total += d->vcpu[i]->arch.exits[r];
        }
    if ( !total )
        return;
    buf[0] = '\0';
    for ( r = 0; r < HVM_EXIT_NR && n < sizeof(buf); r++ )
        if ( sum[r] )
            n += snprintf(buf + n, sizeof(buf) - n, ", %s %lu",
                          exit_table[r].name, sum[r]);
    printk("d%u: %lu VM exits%s\n", d->domain_id, total, buf);
}

static void dump_exit_counts(unsigned char key)
{
    unsigned int cpu, r;

    (void)key;
    for_each_online_cpu ( cpu )
    {
        printk("CPU%u VM exits:", cpu);
        for ( r = 0; r < HVM_EXIT_NR; r++ )
            if ( hvm_exit_count(cpu, r) )
                printk(" %s %lu", exit_table[r].name, hvm_exit_count(cpu, r));
        printk("\n");
    }
}

void hvm_exit_init(void)
{
    register_keyhandler('x', dump_exit_counts, "dump VM exit counts per CPU",
                        true);
}

bool hvm_skip_insn(struct vcpu *v, const struct hvm_exit *e)
{
    unsigned int len;

    if ( e->next_rip )                  /* VMX, SVM IOIO: no decoding */
    {
        v->arch.regs.rip = e->next_rip;
        return true;
    }
    len = hvm_insn_length(v);
    if ( !len )
        return false;
    v->arch.regs.rip += len;
    return true;
}

unsigned int hvm_insn_length(struct vcpu *v)
{
    struct hvm_cpu_state st;
    uint8_t buf[15];
    unsigned int n = hvm_fetch_insn(v, buf, sizeof(buf));
    int len;

    if ( !n )
        return 0;
    hvm_ops->get_state(v, &st);
    len = x86_insn_length(buf, n, st.mode);
    return len > 0 ? (unsigned int)len : 0;
}
