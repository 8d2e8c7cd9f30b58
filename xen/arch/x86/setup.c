/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * __start_xen(): the boot CPU's path from head.S to the idle loop. Parses
 * boot data and options, starts the console, hands RAM to the boot
 * allocator, builds page tables, starts the heap, then interrupts, time
 * and the other CPUs. Each step is a call into the subsystem that owns it.
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <xen/xmalloc.h>
#include <asm/acpi.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu-area.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/time.h>

extern const char _start[], _end[];

#define MAX_RESERVED (BOOT_MAX_MODULES + 4)
static struct { paddr_t s, e; } reserved[MAX_RESERVED];
static unsigned int nr_reserved;

static void reserve(paddr_t s, paddr_t e)
{
    if ( e > s && nr_reserved < MAX_RESERVED )
    {
        reserved[nr_reserved].s = ROUNDDOWN(s, PAGE_SIZE);
        reserved[nr_reserved].e = ROUNDUP(e, PAGE_SIZE);
        nr_reserved++;
    }
}

/* Give RAM in [lo, hi) of the memory map to the boot allocator. */
static void give_ram(paddr_t lo, paddr_t hi)
{
    unsigned int i, j;

    for ( i = 0; i < boot_info.nr_map; i++ )
    {
        const struct boot_map_entry *m = &boot_info.map[i];
        paddr_t s = max(m->addr, lo), e = min(m->addr + m->size, hi);

        if ( m->type != E820_RAM || s >= e )
            continue;
        init_boot_pages(s, e);
    }
    for ( j = 0; j < nr_reserved; j++ )
        reserve_boot_pages(reserved[j].s, reserved[j].e);
}

static paddr_t ram_end(void)
{
    paddr_t end = 0;
    unsigned int i;

    for ( i = 0; i < boot_info.nr_map; i++ )
        if ( boot_info.map[i].type == E820_RAM )
            end = max(end, boot_info.map[i].addr + boot_info.map[i].size);
    return min(end, (paddr_t)DIRECTMAP_SIZE);
}

static unsigned long total_ram_pages(void)
{
    unsigned long pages = 0;
    unsigned int i;

    for ( i = 0; i < boot_info.nr_map; i++ )
        if ( boot_info.map[i].type == E820_RAM )
            pages += boot_info.map[i].size >> PAGE_SHIFT;
    return pages;
}

static void memory_init(void)
{
    paddr_t end = ram_end();
    unsigned long nr_frames = end >> PAGE_SHIFT;
    size_t ft_bytes = ROUNDUP(nr_frames * sizeof(struct page_info),
                              PAGE_SIZE);
    unsigned int i;
    mfn_t ft;

    /* Keep the low 1 MiB (firmware, AP trampoline), the image, modules. */
    reserve(0, 1UL << 20);
    reserve(XEN_LOAD_ADDR, virt_to_maddr(_end));
    for ( i = 0; i < boot_info.nr_modules; i++ )
        reserve(boot_info.modules[i].start,
                boot_info.modules[i].start + boot_info.modules[i].size);

    /* head.S mapped only 4 GiB: build the tables from memory below it. */
    give_ram(0, 1ULL << 32);
    paging_init(1ULL << 32);
    paging_map_ram(1ULL << 32, end);
    give_ram(1ULL << 32, end);

    ft = alloc_boot_pages(ft_bytes >> PAGE_SHIFT, 1);
    heap_init(mfn_to_virt(ft), nr_frames);
    end_boot_allocator();
    paging_heap_ready();
    printk("RAM: %lu MiB in the memory map, %lu MiB free in the heap "
           "(%lu of %lu pages)\n", total_ram_pages() >> 8,
           total_free_pages() >> 8, total_free_pages(), total_ram_pages());
}

static void print_banner(void)
{
    printk("Lamina hypervisor %s (x86_64%s)\n", LAMINA_VERSION_STRING,
#ifdef CONFIG_DEBUG
           ", debug"
#else
           ""
#endif
           );
}

void __start_xen(unsigned int protocol, uint32_t info_pa)
{
    int rc;

    rc = bootinfo_parse(protocol, info_pa);
    if ( rc == 0 )
        cmdline_parse(boot_info.cmdline);
    console_init_preirq();
    print_banner();
    if ( rc )
        panic("cannot boot: unusable boot information (see above)");
    bootinfo_print();

    memory_init();
    rc = percpu_alloc(0, 0);
    BUG_ON(rc);
    percpu_load(0);
    rc = cpu_desc_alloc(0);
    BUG_ON(rc);
    idt_init();
    cpu_load_descriptors(0);
    paging_enable_features();
    printk("CPU features: NX %s, SMEP %s, SMAP %s, 1G pages %s\n",
           cpu_has_nx ? "on" : "absent", cpu_has_smep ? "on" : "absent",
           cpu_has_smap ? "on" : "absent", cpu_has_pdpe1gb ? "yes" : "no");

    acpi_init();            /* before time_init(): the HPET calibrates the TSC */
    time_init();
    arch_late_init();
}
