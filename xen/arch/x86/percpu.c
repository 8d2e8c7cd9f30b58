/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU areas: each CPU gets a copy of .data.percpu as linked, reached
 * through __per_cpu_offset[cpu], and a struct cpu_local that %gs points
 * at. The boot CPU starts on the static cpu0_local and offset 0 (the
 * link-time copy itself), and moves to its own area as soon as the heap
 * exists, before anything writes per-CPU data.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/xmalloc.h>
#include <asm/msr-index.h>
#include <asm/percpu-area.h>
#include <asm/processor.h>

extern char __per_cpu_start[], __per_cpu_data_end[];

struct cpu_local cpu0_local = { .self = &cpu0_local, .cpu = 0 };
unsigned long __per_cpu_offset[NR_CPUS];
static struct cpu_local *cpu_locals[NR_CPUS] = { &cpu0_local };

int percpu_alloc(unsigned int cpu, uint32_t apic_id)
{
    size_t size = (size_t)(__per_cpu_data_end - __per_cpu_start);
    struct cpu_local *cl = cpu ? xzalloc(struct cpu_local) : &cpu0_local;
    char *area;

    if ( !cl )
        return -ENOMEM;
    area = alloc_xenheap_pages(get_order_from_bytes(size ? size : 1), 0);
    if ( !area )
    {
        if ( cpu )
            xfree(cl);
        return -ENOMEM;
    }
    memcpy(area, __per_cpu_start, size);
    cl->self = cl;
    cl->cpu = cpu;
    cl->apic_id = apic_id;
    cl->per_cpu_offset = (unsigned long)(area - __per_cpu_start);
    __per_cpu_offset[cpu] = cl->per_cpu_offset;
    cpu_locals[cpu] = cl;
    return 0;
}

struct cpu_local *percpu_local(unsigned int cpu)
{
    return cpu < NR_CPUS ? cpu_locals[cpu] : NULL;
}

void percpu_load(unsigned int cpu)
{
    wrmsr(MSR_GS_BASE, (uint64_t)cpu_locals[cpu]);
}
