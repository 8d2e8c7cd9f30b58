/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic(), BUG() and failed ASSERT()s: one report format for all of them
 * (message, CPU, registers, backtrace), then every other CPU is stopped
 * and the machine ends per machine_panic_stop().
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/shutdown.h>
#include <xen/smp.h>

static int panicking_cpu = -1;      /* [A] first CPU to panic */

static void __noreturn panic_finish(const char *fmt, va_list args,
                                    bool show_state)
{
    char msg[256];
    int me = (int)smp_processor_id(), expected = -1;

    /* A second CPU panicking while the first reports just stops. */
    if ( !__atomic_compare_exchange_n(&panicking_cpu, &expected, me, false,
                                      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
         expected != me )
        machine_halt();

    console_force_unlock();
    vscnprintf(msg, sizeof(msg), fmt, args);
    if ( show_state )
        arch_show_current_state();
    arch_stop_other_cpus();
    printk(XENLOG_ERR "****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %d:\n", me);
    printk(XENLOG_ERR "%s\n", msg);
    printk(XENLOG_ERR "****************************************\n");
    machine_panic_stop();
}

void panic(const char *fmt, ...)
{
    va_list args;

    printk(XENLOG_ERR "----[ Lamina " LAMINA_VERSION_STRING " x86_64 ]----\n");
    va_start(args, fmt);
    panic_finish(fmt, args, true);
}

void panic_after_report(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    panic_finish(fmt, args, false);
}

static void __noreturn report(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    panic_finish(fmt, args, true);
}

void __bug(const char *cond, const char *file, int line)
{
    printk(XENLOG_ERR "----[ Lamina " LAMINA_VERSION_STRING " x86_64 ]----\n");
    printk(XENLOG_ERR "BUG at %s:%d%s%s\n", file, line,
           cond ? ": " : "", cond ? cond : "");
    report("BUG at %s:%d", file, line);
}

void __assert_failed(const char *expr, const char *file, int line)
{
    printk(XENLOG_ERR "----[ Lamina " LAMINA_VERSION_STRING " x86_64 ]----\n");
    printk(XENLOG_ERR "Assertion '%s' failed at %s:%d\n", expr, file, line);
    report("Assertion '%s' failed at %s:%d", expr, file, line);
}
