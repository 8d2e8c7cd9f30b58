/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the IDT for vectors 0-31 and do_exception(),
 * which routes an exception to the test's hook, the exception table,
 * exec_expect_fault(), or else reports ERROR with the CPU state; and
 * interrupt vectors 32-255, present once a test sets a handler.
 */
#include <guest/console.h>
#include <guest/report.h>
#include <guest/traps.h>
#include <public/xen.h>

#define NR_VECTORS   32         /* exceptions */
#define NR_IDT       256
#define STUB_SIZE    16
#define SEL_CODE64   0x08
#define GATE_INTR64  0x8e       /* present, DPL 0, 64-bit interrupt gate */

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
};

struct extable_entry {
    uint64_t fault, fixup;
};

extern const uint8_t exception_stubs[], irq_stubs[];
extern const struct extable_entry __start_ex_table[], __stop_ex_table[];
extern uint64_t expect_fault_rsp, expect_fault_rip;

static struct idt_entry idt[NR_IDT] __attribute__((aligned(16)));
static irq_handler_t irq_handlers[NR_IDT];
static exception_hook_t exc_hook;
static unsigned int exc_depth;

static const char *const exc_names[NR_VECTORS] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
    "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

const char *exception_name(unsigned int vector)
{
    return vector < NR_VECTORS ? exc_names[vector] : "#??";
}

static void set_gate(unsigned int v, uint64_t off)
{
    idt[v].off_lo = (uint16_t)off;
    idt[v].sel = SEL_CODE64;
    idt[v].type = GATE_INTR64;
    idt[v].off_mid = (uint16_t)(off >> 16);
    idt[v].off_hi = (uint32_t)(off >> 32);
}

void traps_init(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) desc = { sizeof(idt) - 1, (uintptr_t)idt };
    unsigned int v;

    for ( v = 0; v < NR_VECTORS; v++ )
        set_gate(v, (uintptr_t)exception_stubs + v * STUB_SIZE);
    asm volatile ( "lidt %0" :: "m" (desc) );
}

void set_irq_handler(unsigned int vector, irq_handler_t fn)
{
    if ( vector < NR_VECTORS || vector >= NR_IDT )
        return;
    irq_handlers[vector] = fn;
    if ( fn )
        set_gate(vector, (uintptr_t)irq_stubs +
                         (vector - NR_VECTORS) * STUB_SIZE);
    else
        idt[vector].type = 0;       /* not present: #NP if it comes */
}

void set_exception_hook(exception_hook_t hook)
{
    exc_hook = hook;
}

static bool fixup_extable(struct cpu_regs *regs)
{
    const struct extable_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
    {
        if ( e->fault == regs->rip )
        {
            regs->rip = e->fixup;
            regs->rsi = EXINFO(regs->vector, regs->error_code);
            return true;
        }
    }
    return false;
}

static bool fixup_expected(struct cpu_regs *regs)
{
    if ( !expect_fault_rsp )
        return false;
    regs->rip = expect_fault_rip;
    regs->rsp = expect_fault_rsp;
    regs->rax = regs->vector;
    expect_fault_rsp = 0;
    return true;
}

static void dump_regs(const struct cpu_regs *r)
{
    printf("Unexpected exception %s (vector %lu, error code 0x%lx)\n",
           exception_name((unsigned int)r->vector), r->vector,
           r->error_code);
    printf("  rip %016lx cs %04lx rflags %016lx\n", r->rip, r->cs, r->rflags);
    printf("  rsp %016lx ss %04lx cr2 %016lx\n", r->rsp, r->ss, read_cr2());
    printf("  rax %016lx rbx %016lx rcx %016lx\n", r->rax, r->rbx, r->rcx);
    printf("  rdx %016lx rsi %016lx rdi %016lx\n", r->rdx, r->rsi, r->rdi);
    printf("  rbp %016lx r8  %016lx r9  %016lx\n", r->rbp, r->r8, r->r9);
    printf("  r10 %016lx r11 %016lx r12 %016lx\n", r->r10, r->r11, r->r12);
    printf("  r13 %016lx r14 %016lx r15 %016lx\n", r->r13, r->r14, r->r15);
    printf("  cr0 %016lx cr3 %016lx cr4 %016lx\n",
           read_cr0(), read_cr3(), read_cr4());
}

void do_exception(struct cpu_regs *regs);
void do_exception(struct cpu_regs *regs)
{
    bool handled;

    if ( regs->vector >= NR_VECTORS && regs->vector < NR_IDT &&
         irq_handlers[regs->vector] )
    {
        irq_handlers[regs->vector](regs);
        return;
    }
    if ( exc_depth++ )
    {
        /* Faulted while reporting a fault: crash the domain, or stop. */
        if ( exc_depth == 2 )
            guest_shutdown(SHUTDOWN_crash);
        halt_forever();
    }
    handled = (exc_hook && exc_hook(regs)) || fixup_extable(regs) ||
              fixup_expected(regs);
    if ( !handled )
    {
        dump_regs(regs);
        test_error("unexpected exception %s at 0x%lx",
                   exception_name((unsigned int)regs->vector), regs->rip);
        test_finish();
    }
    exc_depth--;
}
