/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception and interrupt dispatch for the hypervisor itself, and the
 * fault report: CPU, vector, error code, registers, control registers and
 * a symbolized backtrace, then panic (which stops every CPU).
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <xen/symbols.h>
#include <asm/regs.h>
#include <asm/traps.h>

static vector_handler_t vector_handlers[256];
static DEFINE_PER_CPU(unsigned long, nr_irqs);
static nmi_callback_t nmi_callback;

static const char *const exception_names[32] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
    "#OF overflow", "#BR bound range", "#UD invalid opcode",
    "#NM device not available", "#DF double fault",
    "coprocessor segment overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved (15)",
    "#MF x87 error", "#AC alignment check", "#MC machine check",
    "#XM SIMD error", "#VE virtualization", "#CP control protection",
    [28] = "#HV hypervisor injection", [29] = "#VC VMM communication",
    [30] = "#SX security",
};

void set_vector_handler(unsigned int vector, vector_handler_t fn)
{
    BUG_ON(vector < 0x20 || vector > 0xff);
    vector_handlers[vector] = fn;
}

nmi_callback_t set_nmi_callback(nmi_callback_t fn)
{
    return __atomic_exchange_n(&nmi_callback, fn, __ATOMIC_SEQ_CST);
}

unsigned long irq_count(unsigned int cpu)
{
    return per_cpu(nr_irqs, cpu);
}

static unsigned long read_cr(int n)
{
    unsigned long v = 0;

    switch ( n )
    {
    case 0: __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (v) ); break;
    case 2: __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (v) ); break;
    case 3: __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (v) ); break;
    case 4: __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (v) ); break;
    }
    return v;
}

/*
 * A return address can lie one past the end of its caller when the call
 * was the caller's last instruction (a call to a noreturn function), so
 * it is looked up as ret - 1, the call itself, and shown as ret.
 */
static void print_return_address(unsigned long ret)
{
    char name[KSYM_NAME_LEN];
    unsigned long size, off;

    if ( symbols_lookup(ret - 1, &size, &off, name) )
        printk("   [<%016lx>] %s+%#lx/%#lx\n", ret, name, off + 1, size);
    else
        printk("   [<%016lx>] ???\n", ret);
}

/* Frame-pointer walk; stops at a null, misaligned or non-hypervisor frame. */
void show_backtrace(unsigned long rip, unsigned long rbp)
{
    unsigned int depth = 0;

    printk("Backtrace:\n");
    printk("   [<%016lx>] %pS\n", rip, (void *)rip);
    while ( rbp && !(rbp & 7) && rbp >= 0xffff800000000000UL &&
            depth++ < 32 )
    {
        const unsigned long *frame = (const unsigned long *)rbp;
        unsigned long ret = frame[1];

        if ( !ret )
            break;
        print_return_address(ret);
        if ( frame[0] <= rbp )      /* frames must go up the stack */
            break;
        rbp = frame[0];
    }
}

void show_execution_state(const struct trap_regs *r)
{
    printk("RIP:    %04lx:[<%016lx>] %pS\n", (unsigned long)r->cs, r->rip,
           (void *)r->rip);
    printk("RFLAGS: %016lx  CPU: %u\n", r->rflags, smp_processor_id());
    printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n", r->rax, r->rbx,
           r->rcx);
    printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n", r->rdx, r->rsi,
           r->rdi);
    printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n", r->rbp, r->rsp,
           r->r8);
    printk("r9:  %016lx   r10: %016lx   r11: %016lx\n", r->r9, r->r10,
           r->r11);
    printk("r12: %016lx   r13: %016lx   r14: %016lx\n", r->r12, r->r13,
           r->r14);
    printk("r15: %016lx   cr0: %016lx   cr4: %016lx\n", r->r15, read_cr(0),
           read_cr(4));
    printk("cr3: %016lx   cr2: %016lx\n", read_cr(3), read_cr(2));
    show_backtrace(r->rip, r->rbp);
}

static void fatal_trap(struct trap_regs *regs)
{
    unsigned int vec = regs->entry_vector;
    const char *name = vec < 32 && exception_names[vec] ?
                       exception_names[vec] : "unexpected interrupt";

    printk(XENLOG_ERR "----[ Lamina " LAMINA_VERSION_STRING " x86_64 ]----\n");
    printk(XENLOG_ERR "FATAL TRAP: vector %u (%s), error code %04x, "
           "CPU %u\n", vec, name, regs->error_code, smp_processor_id());
    if ( vec == 14 )
        printk(XENLOG_ERR "Page fault at linear address %016lx (%s, %s%s)\n",
               read_cr(2), regs->error_code & 1 ? "protection" : "not present",
               regs->error_code & 2 ? "write" : "read",
               regs->error_code & 16 ? ", instruction fetch" : "");
    show_execution_state(regs);
    panic_after_report("FATAL TRAP: vector %u (%s), error code %04x at %pS", vec, name,
          regs->error_code, (void *)regs->rip);
}

static void do_nmi(struct trap_regs *regs)
{
    nmi_callback_t cb = READ_ONCE(nmi_callback);

    if ( cb )
        cb(regs);
    else
        printk(XENLOG_WARNING "Unexpected NMI on CPU %u at %pS\n",
               smp_processor_id(), (void *)regs->rip);
}

void do_trap(struct trap_regs *regs)
{
    unsigned int vec = regs->entry_vector;
    vector_handler_t fn;

    if ( vec == 2 )
    {
        do_nmi(regs);
        return;
    }
    if ( vec < 32 )
        fatal_trap(regs);
    this_cpu(nr_irqs)++;
    fn = vector_handlers[vec];
    if ( fn )
        fn(regs);
    else if ( vec != SPURIOUS_APIC_VECTOR )
        printk(XENLOG_WARNING "CPU %u: interrupt on unhandled vector %#x\n",
               smp_processor_id(), vec);
}

#pragma GCC diagnostic ignored "-Wframe-address"
noinline void capture_regs(struct trap_regs *r)
{
    memset(r, 0, sizeof(*r));
    __asm__ __volatile__ (
        "mov %%rax, %c[rax](%0)\n\t"
        "mov %%rbx, %c[rbx](%0)\n\t"
        "mov %%rcx, %c[rcx](%0)\n\t"
        "mov %%rdx, %c[rdx](%0)\n\t"
        "mov %%rsi, %c[rsi](%0)\n\t"
        "mov %%rdi, %c[rdi](%0)\n\t"
        "mov %%r8, %c[r8](%0)\n\t"
        "mov %%r12, %c[r12](%0)\n\t"
        "mov %%r13, %c[r13](%0)\n\t"
        "mov %%r14, %c[r14](%0)\n\t"
        "mov %%r15, %c[r15](%0)\n\t"
        :: "r" (r),
           [rax] "i" (offsetof(struct trap_regs, rax)),
           [rbx] "i" (offsetof(struct trap_regs, rbx)),
           [rcx] "i" (offsetof(struct trap_regs, rcx)),
           [rdx] "i" (offsetof(struct trap_regs, rdx)),
           [rsi] "i" (offsetof(struct trap_regs, rsi)),
           [rdi] "i" (offsetof(struct trap_regs, rdi)),
           [r8] "i" (offsetof(struct trap_regs, r8)),
           [r12] "i" (offsetof(struct trap_regs, r12)),
           [r13] "i" (offsetof(struct trap_regs, r13)),
           [r14] "i" (offsetof(struct trap_regs, r14)),
           [r15] "i" (offsetof(struct trap_regs, r15))
        : "memory" );
    /* The caller's view: its frame, its return address. */
    r->rbp = (unsigned long)__builtin_frame_address(1);
    r->rip = (unsigned long)__builtin_return_address(0);
    r->rsp = (unsigned long)__builtin_frame_address(0) + 16;
    __asm__ ( "mov %%cs, %0" : "=r" (r->cs) );
    __asm__ __volatile__ ( "pushf; pop %0" : "=r" (r->rflags) );
}
