/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Secondary CPU bring-up: CPU numbering from the MADT, the low-memory
 * trampoline (boot/trampoline.S), the INIT-SIPI-SIPI sequence (SDM Vol3
 * 8.4.4.1) and start_secondary(). Also stopping the other CPUs by NMI
 * (panic) and the CPU debug keys 'c' and '0'.
 *
 * Locking: none. Bring-up is sequential on the boot CPU; the trampoline
 * parameters are rewritten only after the previous AP has called in.
 * cpu_online_map/cpu_callin_map bits are set atomically.
 */
#include <xen/cpumask.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <asm/hvm/hvm.h>
#include <xen/mm.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/percpu-area.h>
#include <asm/regs.h>
#include <asm/smp-boot.h>
#include <asm/system.h>
#include <asm/time.h>
#include <asm/traps.h>

#define TRAMP_PAGES         4       /* code, PML4, PDPT, PD */
#define TRAMP_DEFAULT_PA    0x8000
#define CALLIN_TIMEOUT_MS   1000

cpumask_t cpu_online_map = { .bits = { 1 } };   /* CPU 0 from the start */
cpumask_t cpu_possible_map = { .bits = { 1 } };
unsigned int nr_cpu_ids = 1;

static cpumask_t cpu_callin_map;
static uint32_t cpu_apic_id[NR_CPUS];           /* [I] per CPU number */
static paddr_t tramp_pa;                        /* [I] */
static unsigned int nr_stopped;                 /* [A] */

extern const char trampoline_start[], trampoline_end[];
extern const char tramp_gdtr[], tramp_gdt[], tramp_pm[], tramp_pm_ptr[];
extern const char tramp_lm[], tramp_lm_ptr[], tramp_cr3[], tramp_efer_nx[];
extern const char tramp_stack[], tramp_cpu[];

/* The copy of trampoline field sym in low memory. */
#define TRAMP(type, sym) \
    (*(type *)((char *)maddr_to_virt(tramp_pa) + (sym - trampoline_start)))
#define TRAMP_LINEAR(sym)   ((uint32_t)(tramp_pa + (sym - trampoline_start)))

/* n pages at pa are RAM in the memory map and hold no boot data. */
static bool low_pages_usable(paddr_t pa, unsigned int n)
{
    paddr_t end = pa + n * PAGE_SIZE;
    unsigned int i;

    if ( boot_info.rsdp && boot_info.rsdp < end && boot_info.rsdp + 36 > pa )
        return false;
    for ( i = 0; i < boot_info.nr_map; i++ )
    {
        const struct boot_map_entry *m = &boot_info.map[i];

        if ( m->type == E820_RAM && pa >= m->addr &&
             end <= m->addr + m->size )
            return true;
    }
    return false;
}

static paddr_t trampoline_pick(void)
{
    paddr_t pa;

    if ( low_pages_usable(TRAMP_DEFAULT_PA, TRAMP_PAGES) )
        return TRAMP_DEFAULT_PA;
    for ( pa = 0x1000; pa + TRAMP_PAGES * PAGE_SIZE <= 0x9f000;
          pa += PAGE_SIZE )
        if ( low_pages_usable(pa, TRAMP_PAGES) )
            return pa;
    return 0;
}

static void trampoline_setup(void)
{
    uint8_t *t = maddr_to_virt(tramp_pa);
    uint64_t *pml4 = (uint64_t *)(t + PAGE_SIZE);
    uint64_t *pdpt = pml4 + 512, *pd = pdpt + 512;

    BUILD_BUG_ON(TRAMP_PAGES != 4);
    BUG_ON(trampoline_end - trampoline_start > (long)PAGE_SIZE);
    memcpy(t, trampoline_start, trampoline_end - trampoline_start);

    /* The idle tables, plus slot 0: identity map of 0-2 MiB, executable. */
    memcpy(pml4, maddr_to_virt(idle_pg_table_pa), PAGE_SIZE);
    memset(pdpt, 0, PAGE_SIZE);
    memset(pd, 0, PAGE_SIZE);
    pd[0] = 0 | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
    pdpt[0] = virt_to_maddr(pd) | _PAGE_PRESENT | _PAGE_RW;
    pml4[0] = virt_to_maddr(pdpt) | _PAGE_PRESENT | _PAGE_RW;

    TRAMP(uint32_t, tramp_gdtr + 2) = TRAMP_LINEAR(tramp_gdt);
    TRAMP(uint32_t, tramp_pm_ptr) = TRAMP_LINEAR(tramp_pm);
    TRAMP(uint32_t, tramp_lm_ptr) = TRAMP_LINEAR(tramp_lm);
    TRAMP(uint32_t, tramp_cr3) = (uint32_t)virt_to_maddr(pml4);
    TRAMP(uint32_t, tramp_efer_nx) = cpu_has_nx ? EFER_NXE : 0;
}

static bool wait_for(const cpumask_t *m, unsigned int cpu, unsigned int ms)
{
    s_time_t end = NOW() + MILLISECS(ms);

    while ( !cpumask_test_cpu(cpu, m) )
    {
        if ( NOW() > end )
            return false;
        cpu_relax();
    }
    return true;
}

static int prepare_cpu(unsigned int cpu, uint32_t apic_id)
{
    uint8_t *stack;

    if ( percpu_alloc(cpu, apic_id) || cpu_desc_alloc(cpu) )
        return -1;
    stack = alloc_xenheap_pages(STACK_ORDER, 0);
    if ( !stack )
        return -1;
    percpu_local(cpu)->stack_top = stack + STACK_SIZE;
    TRAMP(uint64_t, tramp_stack) = (uint64_t)(stack + STACK_SIZE);
    TRAMP(uint32_t, tramp_cpu) = cpu;
    return 0;
}

/* INIT, 10 ms, SIPI, 200 us, SIPI (SDM Vol3 8.4.4.1). */
static bool boot_one_cpu(unsigned int cpu, uint32_t apic_id)
{
    unsigned int sipi = APIC_DM_STARTUP | (uint32_t)(tramp_pa >> PAGE_SHIFT);

    if ( prepare_cpu(cpu, apic_id) )
    {
        printk(XENLOG_ERR "CPU%u: out of memory; not started\n", cpu);
        return false;
    }
    smp_mb();
    apic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_LEVELTRIG |
                  APIC_INT_ASSERT);
    mdelay(10);
    apic_send_ipi(apic_id, sipi);
    udelay(200);
    if ( !cpumask_test_cpu(cpu, &cpu_callin_map) )
        apic_send_ipi(apic_id, sipi);
    if ( !wait_for(&cpu_callin_map, cpu, CALLIN_TIMEOUT_MS) )
    {
        printk(XENLOG_ERR "CPU%u (APIC id %u) did not answer INIT-SIPI-SIPI "
               "within %u ms; left offline\n", cpu, apic_id,
               CALLIN_TIMEOUT_MS);
        /*
         * Park it in wait-for-SIPI again: a late start would otherwise
         * run on the trampoline fields of the next CPU.
         */
        apic_send_ipi(apic_id, APIC_DM_INIT | APIC_INT_LEVELTRIG |
                      APIC_INT_ASSERT);
        return false;
    }
    if ( !wait_for(&cpu_online_map, cpu, CALLIN_TIMEOUT_MS) )
    {
        printk(XENLOG_ERR "CPU%u called in but did not come online\n", cpu);
        return false;
    }
    return true;
}

/* CPU numbers: 0 = us, then the MADT's order. */
static void number_cpus(void)
{
    uint32_t me = get_cpu_local()->apic_id;
    unsigned int i, n = 1;

    cpu_apic_id[0] = me;
    for ( i = 0; i < acpi_info.nr_cpus && n < NR_CPUS; i++ )
    {
        if ( acpi_info.cpus[i].apic_id == me )
            continue;
        cpu_apic_id[n] = acpi_info.cpus[i].apic_id;
        cpumask_set_cpu(n, &cpu_possible_map);
        n++;
    }
    nr_cpu_ids = n;
}

static bool cpu_enabled_in_madt(uint32_t apic_id)
{
    unsigned int i;

    for ( i = 0; i < acpi_info.nr_cpus; i++ )
        if ( acpi_info.cpus[i].apic_id == apic_id )
            return acpi_info.cpus[i].enabled;
    return false;
}

void smp_boot_cpus(void)
{
    s_time_t t0 = NOW();
    unsigned int cpu;

    number_cpus();
    if ( nr_cpu_ids > 1 )
    {
        tramp_pa = trampoline_pick();
        if ( !tramp_pa )
            printk(XENLOG_ERR "SMP: no free low page for the trampoline; "
                   "one CPU only\n");
    }
    if ( tramp_pa )
    {
        trampoline_setup();
        for ( cpu = 1; cpu < nr_cpu_ids; cpu++ )
            if ( cpu_enabled_in_madt(cpu_apic_id[cpu]) )
                boot_one_cpu(cpu, cpu_apic_id[cpu]);
    }
    printk("Brought up %u CPUs\n", num_online_cpus());
    printk("SMP: bring-up took %lu us\n",
           (unsigned long)((NOW() - t0) / NSEC_PER_USEC));
}

void start_secondary(unsigned int cpu)
{
    uint32_t id;

    /* Nothing may touch per-CPU data (or printk) before this. */
    percpu_load(cpu);
    cpumask_set_cpu(cpu, &cpu_callin_map);
    cpu_load_descriptors(cpu);
    paging_enable_features();
    apic_init_ap();
    hvm_cpu_up();
    id = apic_current_id();
    if ( id != cpu_apic_id[cpu] )
        printk(XENLOG_WARNING "CPU%u: APIC id %u, MADT said %u\n", cpu, id,
               cpu_apic_id[cpu]);
    get_cpu_local()->apic_id = id;
    printk("CPU%u online (APIC id %u)\n", cpu, id);
    cpumask_set_cpu(cpu, &cpu_online_map);
    idle_loop();
}

/* ---- stopping the other CPUs (panic) ------------------------------------ */

static void stop_this_cpu(struct trap_regs *regs)
{
    /* In the NMI handler: further NMIs stay blocked as we never IRET. */
    (void)regs;
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    __atomic_fetch_add(&nr_stopped, 1, __ATOMIC_SEQ_CST);
    for ( ; ; )
        halt();
}

void arch_stop_other_cpus(void)
{
    unsigned int me = smp_processor_id(), others, i;

    others = num_online_cpus() - (cpu_online(me) ? 1 : 0);
    if ( !others )
        return;
    set_nmi_callback(stop_this_cpu);
    apic_send_ipi_allbutself(APIC_DM_NMI);
    for ( i = 0; i < 1000 && __atomic_load_n(&nr_stopped, __ATOMIC_SEQ_CST) <
                              others; i++ )
        udelay(100);
    if ( __atomic_load_n(&nr_stopped, __ATOMIC_SEQ_CST) < others )
        printk(XENLOG_ERR "Stopping other CPUs: %u of %u answered the NMI\n",
               nr_stopped, others);
}

/* ---- debug keys --------------------------------------------------------- */

static void dump_cpus(unsigned char key)
{
    unsigned int cpu;

    printk("'%c' pressed -> CPU state (timer: %s)\n", key,
           apic_timer_mode());
    for_each_possible_cpu ( cpu )
    {
        const struct cpu_local *cl = percpu_local(cpu);

        printk("  CPU%u: %s, APIC id %u, interrupts %lu, timer "
               "interrupts %lu\n", cpu,
               cpu_online(cpu) ? "online" : "offline",
               cl ? cl->apic_id : cpu_apic_id[cpu],
               cl ? irq_count(cpu) : 0, cl ? apic_timer_irqs(cpu) : 0);
    }
}

static void dump_this_cpu(void *unused)
{
    const struct trap_regs *regs = apic_irq_regs();

    (void)unused;
    printk("*** Dumping CPU%u host state: ***\n", smp_processor_id());
    if ( regs )
        show_execution_state(regs);
    else
        arch_show_current_state();
}

/* One CPU at a time (wait = true), so that the dumps do not interleave. */
static void dump_registers(unsigned char key)
{
    unsigned int cpu, me = smp_processor_id();
    cpumask_t one;

    printk("'%c' pressed -> dumping registers\n", key);
    printk("*** Dumping CPU%u host state: ***\n", me);
    arch_show_current_state();
    for_each_online_cpu ( cpu )
    {
        if ( cpu == me )
            continue;
        cpumask_clear(&one);
        cpumask_set_cpu(cpu, &one);
        on_selected_cpus(&one, dump_this_cpu, NULL, true);
    }
}

void smp_register_keys(void)
{
    register_keyhandler('c', dump_cpus, "dump CPU state (online, APIC id, "
                        "interrupt counts)", true);
    register_keyhandler('0', dump_registers, "dump registers of all CPUs",
                        true);
}
