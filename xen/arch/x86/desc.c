/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GDT, TSS and IDT. The IDT is shared by all CPUs and points every vector
 * at its stub in entry.S; NMI, #DF and #MC use their own IST stacks. Each
 * CPU has its own GDT (the TSS descriptor differs) and TSS.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <asm/boot.h>
#include <asm/desc.h>
#include <asm/page.h>

struct idt_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((__packed__));

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((__packed__));

#define GDT_ENTRIES 6   /* null, code, data, unused, TSS (two slots) */

struct cpu_desc {
    uint64_t gdt[GDT_ENTRIES];
    struct tss64 tss;
};

static struct idt_entry idt[256] __aligned(16);
static struct cpu_desc *cpu_descs[NR_CPUS];
extern const char entry_stubs[];

static void set_gate(unsigned int vec, unsigned int ist)
{
    unsigned long addr = (unsigned long)entry_stubs + vec * 16;
    struct idt_entry *e = &idt[vec];

    e->offset_lo = (uint16_t)addr;
    e->selector = __HYPERVISOR_CS;
    e->ist = (uint8_t)ist;
    e->type_attr = 0x8e;                /* present, DPL0, interrupt gate */
    e->offset_mid = (uint16_t)(addr >> 16);
    e->offset_hi = (uint32_t)(addr >> 32);
    e->reserved = 0;
}

void idt_init(void)
{
    unsigned int v;

    for ( v = 0; v < 256; v++ )
        set_gate(v, 0);
    set_gate(2, IST_NMI);
    set_gate(8, IST_DF);
    set_gate(18, IST_MCE);
}

int cpu_desc_alloc(unsigned int cpu)
{
    struct cpu_desc *d;
    unsigned int i;

    BUILD_BUG_ON(sizeof(struct tss64) != 104);
    if ( cpu_descs[cpu] )
        return 0;
    d = alloc_xenheap_pages(0, MEMF_zero);
    if ( !d )
        return -ENOMEM;
    for ( i = 1; i <= IST_MAX; i++ )
    {
        /* One page per IST stack: enough for a report, nothing more. */
        uint8_t *stack = alloc_xenheap_pages(0, 0);

        if ( !stack )
            return -ENOMEM;
        d->tss.ist[i - 1] = (uint64_t)(stack + PAGE_SIZE);
    }
    d->tss.iomap_base = sizeof(struct tss64);   /* no I/O bitmap */
    cpu_descs[cpu] = d;
    return 0;
}

void cpu_load_descriptors(unsigned int cpu)
{
    struct cpu_desc *d = cpu_descs[cpu];
    uint64_t base = (uint64_t)&d->tss;
    uint64_t limit = sizeof(d->tss) - 1;
    struct desc_ptr gdtr = { sizeof(d->gdt) - 1, (uint64_t)d->gdt };
    struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };

    d->gdt[0] = 0;
    d->gdt[1] = 0x00af9a000000ffffULL;  /* 64-bit code, DPL0 */
    d->gdt[2] = 0x00cf92000000ffffULL;  /* data */
    d->gdt[3] = 0;
    /* 64-bit available TSS (type 9), present. */
    d->gdt[4] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
                (0x89ULL << 40) | (((limit >> 16) & 0xf) << 48) |
                (((base >> 24) & 0xff) << 56);
    d->gdt[5] = base >> 32;

    __asm__ __volatile__ (
        "lgdt %0\n\t"
        "lidt %1\n\t"
        "ltr %w2\n\t"
        "pushq %3\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1: mov %4, %%eax\n\t"
        "mov %%eax, %%ds\n\t"
        "mov %%eax, %%es\n\t"
        "mov %%eax, %%ss\n\t"
        :: "m" (gdtr), "m" (idtr), "r" (TSS_SELECTOR),
           "i" (__HYPERVISOR_CS), "i" (__HYPERVISOR_DS)
        : "rax", "memory" );
}
