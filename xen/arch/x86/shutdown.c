/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ending the machine: power off, restart and halt, and what happens after
 * a panic. "test_exit=<port>" makes every end write a status to an
 * isa-debug-exit style port first, so that test runs end QEMU with a
 * status that tells a clean power-off from a panic.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/regs.h>
#include <asm/system.h>

static unsigned int test_exit_port;
integer_param("test_exit", test_exit_port,
              "I/O port to write an exit status to on power-off and panic "
              "(QEMU isa-debug-exit); 0 = off (0)");

static bool noreboot;
boolean_param("noreboot", noreboot,
              "after a panic, halt instead of restarting in 5 s (off)");

/* Hook for the ACPI code: write the S5 sleep type, if known. */
void (*acpi_power_off_hook)(void);

void machine_halt(void)
{
    local_irq_disable();
    for ( ; ; )
        halt();
}

static void test_exit(unsigned int code)
{
    if ( test_exit_port )
        outb((uint8_t)code, (uint16_t)test_exit_port);
}

void machine_power_off(void)
{
    machine_power_off_code(TEST_EXIT_POWEROFF);
}

void machine_power_off_code(unsigned int test_code)
{
    static const char bochs_shutdown[] = "Shutdown";
    unsigned int i;

    printk("Powering off.\n");
    local_irq_disable();
    test_exit(test_code);
    if ( acpi_power_off_hook )
        acpi_power_off_hook();
    /* Bochs and old QEMU: the "Shutdown" string to port 0x8900. */
    for ( i = 0; i < sizeof(bochs_shutdown) - 1; i++ )
        outb((uint8_t)bochs_shutdown[i], 0x8900);
    printk("Power-off failed; halting.\n");
    machine_halt();
}

static void delay_ms(unsigned int ms)
{
    s_time_t end = NOW() + MILLISECS(ms);

    while ( NOW() < end )
        cpu_relax();
}

void machine_restart(unsigned int ms)
{
    local_irq_disable();
    if ( ms )
    {
        printk("Restarting in %u ms.\n", ms);
        delay_ms(ms);
    }
    /* Reset through the keyboard controller, then the 0xcf9 port. */
    outb(0xfe, 0x64);
    outb(0x06, 0xcf9);
    /* Last resort: a triple fault through an empty IDT. */
    {
        struct { uint16_t limit; uint64_t base; } __attribute__((packed))
            null_idt = { 0, 0 };

        __asm__ __volatile__ ( "lidt %0; int3" :: "m" (null_idt) );
    }
    machine_halt();
}

void machine_panic_stop(void)
{
    local_irq_disable();
    test_exit(TEST_EXIT_PANIC);
    if ( noreboot )
    {
        printk("Halting (noreboot).\n");
        machine_halt();
    }
    machine_restart(5000);
}

void arch_show_current_state(void)
{
    struct trap_regs regs;

    capture_regs(&regs);
    show_execution_state(&regs);
}
