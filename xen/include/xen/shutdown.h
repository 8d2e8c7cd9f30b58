/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ending the machine: power off, restart, halt, and the arch hooks the
 * common panic path (common/panic.c) uses. Implemented in
 * arch/x86/shutdown.c.
 */
#ifndef __XEN_SHUTDOWN_H__
#define __XEN_SHUTDOWN_H__

#include <xen/compiler.h>

/*
 * Status codes written to the "test_exit" port (QEMU isa-debug-exit turns
 * value v into the process exit status (v << 1) | 1).
 */
#define TEST_EXIT_POWEROFF  0x10    /* QEMU exits 33 */
#define TEST_EXIT_DOMAIN_CRASHED 0x11   /* QEMU exits 35: a domain crashed */
#define TEST_EXIT_PANIC     0x20    /* QEMU exits 65 */

/* Power the machine off (test exit port, then ACPI, then emulator ports). */
void machine_power_off(void) __noreturn;
/* The same, writing test_code (TEST_EXIT_*) to the test exit port. */
void machine_power_off_code(unsigned int test_code) __noreturn;
/* Reset the machine after delay_ms (0: at once). */
void machine_restart(unsigned int delay_ms) __noreturn;
/* Stop this CPU for good, interrupts off. */
void machine_halt(void) __noreturn;
/* After a panic report: exit (tests), halt ("noreboot") or restart. */
void machine_panic_stop(void) __noreturn;

/* panic() for callers that have printed the registers already. */
void panic_after_report(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Print the registers and backtrace of the calling context. */
void arch_show_current_state(void);
/* Stop every other CPU (NMI), leaving this one running. Context: any. */
void arch_stop_other_cpus(void);

#endif /* __XEN_SHUTDOWN_H__ */
