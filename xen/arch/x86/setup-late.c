/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The second half of boot on the boot CPU (interrupts, timers, the other
 * CPUs, debug keys), the boot self-test and "crash=" fault injection,
 * and the idle loop every CPU ends in. Entry: arch_late_init() from
 * __start_xen(); idle_loop().
 */
#include <xen/console.h>
#include <xen/cpumask.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/launch.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <asm/bootinfo.h>
#include <asm/hvm/bench.h>
#include <asm/hvm/hvm.h>
#include <asm/page.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/rcu.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io-apic.h>
#include <asm/setup.h>
#include <asm/smp-boot.h>
#include <asm/system.h>
#include <asm/time.h>
#include <asm/traps.h>

#define SELFTEST_PERIOD_MS  10
#define SELFTEST_RUN_MS     200
#define SELFTEST_MIN_TICKS  3

static bool boot_selftest;
boolean_param("boot_selftest", boot_selftest,
              "check boot (all CPUs online, timers ticking), then power "
              "off (off)");

static char opt_crash[16];
string_param("crash", opt_crash,
             "at the end of boot, crash on purpose: pagefault, ud, bug, "
             "assert, panic or nmi (none)");
static unsigned int opt_crash_cpu;
integer_param("crash_cpu", opt_crash_cpu,
              "CPU that performs \"crash=\" (0)");

static bool sched_started;      /* [I] set once the scheduler is up */
/* The vCPU this pCPU ran last: its time info is current. */
static DEFINE_PER_CPU(struct vcpu *, last_vcpu);

/*
 * One turn of a pCPU's loop: run softirqs (the scheduler is one of
 * them), then run the vCPU the scheduler chose until it must stop, or
 * halt until an interrupt if there is none. Context: IRQs on.
 */
static void idle_once(unsigned int cpu)
{
    struct vcpu *v;

    do_softirq();
    if ( rcu_pending(cpu) )
        rcu_note_quiescent(cpu);
    v = READ_ONCE(sched_started) ? sched_current(cpu) : NULL;
    if ( v )
    {
        /* Guest time and runstate areas are refreshed on a vCPU switch. */
        if ( v != this_cpu(last_vcpu) )
        {
            this_cpu(last_vcpu) = v;
            vcpu_time_update(v);
            vcpu_runstate_area_update(v);
        }
        this_cpu(curr_vcpu) = v;
        hvm_vcpu_run(v);
        this_cpu(curr_vcpu) = NULL;
        if ( !vcpu_runnable(v) )
        {
            vcpu_runstate_area_update(v);
            this_cpu(last_vcpu) = NULL;
        }
        return;
    }
    /* Check and halt with IRQs off: the sti shadow covers hlt, no window. */
    local_irq_disable();
    if ( softirq_pending(cpu) )
    {
        local_irq_enable();
        return;
    }
    rcu_idle_enter(cpu);
    safe_halt();
    rcu_idle_exit(cpu);
}

void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    local_irq_enable();
    for ( ; ; )
        idle_once(cpu);
}

/* ---- boot self-test ----------------------------------------------------- */

static struct timer *selftest_timers;   /* one per CPU */

static void selftest_tick(void *data)
{
    struct timer *t = data;

    set_timer(t, NOW() + MILLISECS(SELFTEST_PERIOD_MS));
}

static void selftest_start(void *unused)
{
    struct timer *t = &selftest_timers[smp_processor_id()];

    (void)unused;
    init_timer(t, selftest_tick, t, smp_processor_id());
    set_timer(t, NOW() + MILLISECS(SELFTEST_PERIOD_MS));
}

static void run_boot_selftest(void)
{
    unsigned long before[NR_CPUS];
    const char *fail = NULL;
    unsigned int cpu;
    s_time_t end;

    selftest_timers = xzalloc_array(struct timer, NR_CPUS);
    if ( !selftest_timers )
        panic("boot selftest: out of memory");
    for_each_online_cpu ( cpu )
        before[cpu] = apic_timer_irqs(cpu);
    on_selected_cpus(&cpu_online_map, selftest_start, NULL, true);

    /* Run softirqs here too: our own timer lives on this CPU. */
    end = NOW() + MILLISECS(SELFTEST_RUN_MS);
    while ( NOW() < end )
        idle_once(smp_processor_id());

    for_each_online_cpu ( cpu )
    {
        unsigned long k = apic_timer_irqs(cpu) - before[cpu];

        stop_timer(&selftest_timers[cpu]);
        printk("boot selftest: timer interrupts on CPU%u: %lu\n", cpu, k);
        if ( k < SELFTEST_MIN_TICKS && !fail )
            fail = "too few timer interrupts";
    }
    if ( acpi_info.have_madt &&
         num_online_cpus() != acpi_info.nr_enabled_cpus )
        fail = "not every CPU of the MADT came online";
    if ( !total_free_pages() )
        fail = "no free memory";
    if ( fail )
        printk("boot selftest: FAIL %s (%u of %u CPUs online)\n", fail,
               num_online_cpus(), acpi_info.nr_enabled_cpus);
    else
        printk("boot selftest: PASS\n");
    machine_power_off();
}

/* ---- crash= ------------------------------------------------------------- */

static void crash_nmi(struct trap_regs *regs)
{
    printk(XENLOG_ERR "----[ Lamina " LAMINA_VERSION_STRING " x86_64 ]----\n");
    printk(XENLOG_ERR "crash=nmi: NMI on CPU%u\n", smp_processor_id());
    show_execution_state(regs);
    panic_after_report("crash=nmi: NMI on CPU%u at %pS", smp_processor_id(),
                       (void *)regs->rip);
}

static void do_crash(void *unused)
{
    (void)unused;
    printk("crash=%s on CPU%u\n", opt_crash, smp_processor_id());
    if ( !strcmp(opt_crash, "pagefault") )
        *(volatile unsigned long *)0xffff810000000000UL = 1;
    else if ( !strcmp(opt_crash, "ud") )
        __asm__ __volatile__ ( "ud2" );
    else if ( !strcmp(opt_crash, "bug") )
        BUG_ON(1);
    else if ( !strcmp(opt_crash, "assert") )
    {
#ifndef CONFIG_DEBUG
        printk("crash=assert: asserts are off in this (debug=n) build\n");
#endif
        ASSERT(0);
    }
    else if ( !strcmp(opt_crash, "nmi") )
    {
        set_nmi_callback(crash_nmi);
        apic_send_ipi(apic_current_id(), APIC_DM_NMI);
        mdelay(100);
    }
    else if ( strcmp(opt_crash, "panic") )
    {
        printk(XENLOG_WARNING "crash=%s: unknown kind; ignored\n", opt_crash);
        return;
    }
    panic("crash=%s on CPU%u", opt_crash, smp_processor_id());
}

static void crash_if_asked(void)
{
    cpumask_t one;

    if ( !opt_crash[0] )
        return;
    if ( opt_crash_cpu == 0 || !cpu_online(opt_crash_cpu) )
    {
        if ( opt_crash_cpu )
            printk(XENLOG_WARNING "crash_cpu=%u is not online; using CPU0\n",
                   opt_crash_cpu);
        do_crash(NULL);
        return;
    }
    cpumask_clear(&one);
    cpumask_set_cpu(opt_crash_cpu, &one);
    on_selected_cpus(&one, do_crash, NULL, false);
}

/* ---- late boot ---------------------------------------------------------- */

static void dump_memory(unsigned char key)
{
    printk("'%c' pressed -> memory: %lu pages free\n", key,
           total_free_pages());
    dump_heap();
    xmalloc_stats();
}

static void dump_ioapic(unsigned char key)
{
    printk("'%c' pressed -> IOAPIC routing\n", key);
    io_apic_dump();
}

/* Boot-time domains from the boot modules (common/launch.c). */
static void launch_from_modules(void)
{
    static struct boot_module_desc mods[BOOT_MAX_MODULES];
    unsigned int i;

    for ( i = 0; i < boot_info.nr_modules; i++ )
    {
        mods[i].data = maddr_to_virt(boot_info.modules[i].start);
        mods[i].size = boot_info.modules[i].size;
        mods[i].cmdline = boot_info.modules[i].cmdline;
    }
    if ( !hvm_ops && boot_info.nr_modules )
    {
        printk(XENLOG_ERR "launch: no hardware virtualization: boot "
               "modules are not started\n");
        return;
    }
    launch_boot_domains(mods, boot_info.nr_modules);
}

void arch_late_init(void)
{
    unsigned int cpu;

    apic_init_bsp();
    io_apic_init();
    timer_init();
    rcu_init();
    keyhandler_init();
    local_irq_enable();
    io_apic_serial_init();
    hvm_init();
    smp_boot_cpus();
    for_each_online_cpu ( cpu )
        timer_cpu_prepare(cpu);
    if ( sched_init() )
        panic("cannot start the scheduler: out of memory");
    WRITE_ONCE(sched_started, true);

    smp_register_keys();
    register_keyhandler('m', dump_memory, "dump memory (heap, xmalloc)",
                        true);
    register_keyhandler('i', dump_ioapic, "dump IOAPIC routing", true);

    printk("Boot complete: %lu MiB free\n", total_free_pages() >> 8);
    if ( boot_selftest )
        run_boot_selftest();
    crash_if_asked();
    hvm_bench_vmrun();              /* "bench_vmrun=N" only */
    launch_from_modules();
    idle_loop();
}
