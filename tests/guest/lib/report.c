/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the test status (only ever worsens), the
 * "Test result:" line and power-off through the hypervisor or, on bare
 * QEMU, the isa-debug-exit and ACPI ports.
 */
#include <guest/test.h>
#include <public/sched.h>

#define DEBUG_EXIT_PORT     0xf4
#define DEBUG_EXIT_OK       0x10    /* QEMU exits with status 33 */
#define DEBUG_EXIT_FAIL     0x20    /* QEMU exits with status 65 */
#define ACPI_PM1A_CNT       0x604   /* QEMU i440fx/q35 PM1a control */
#define ACPI_SLP_EN         0x2000

#define STATUS_RUNNING      (-1)    /* test_main() reported nothing yet */

static int status = STATUS_RUNNING;
static char reason[160];

static const char *const status_names[] = {
    [STATUS_SUCCESS] = "SUCCESS",
    [STATUS_SKIP]    = "SKIP",
    [STATUS_ERROR]   = "ERROR",
    [STATUS_FAILURE] = "FAILURE",
};

const char *test_status_name(enum test_status s)
{
    return (unsigned int)s < ARRAY_SIZE(status_names) ? status_names[s] : "?";
}

enum test_status test_status(void)
{
    return status == STATUS_RUNNING ? STATUS_SUCCESS : (enum test_status)status;
}

static void set_status(enum test_status s, const char *fmt, va_list ap)
{
    char msg[sizeof(reason)];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    printf("%s: %s\n", s == STATUS_SKIP ? "Skip" :
           s == STATUS_ERROR ? "Error" : "Failure", msg);
    if ( (int)s > status )
    {
        status = (int)s;
        memcpy(reason, msg, sizeof(reason));
    }
}

void test_success(void)
{
    if ( status == STATUS_RUNNING )
        status = STATUS_SUCCESS;
}

#define DEFINE_REPORT(fn, st)                   \
void fn(const char *fmt, ...)                   \
{                                               \
    va_list ap;                                 \
                                                \
    va_start(ap, fmt);                          \
    set_status(st, fmt, ap);                    \
    va_end(ap);                                 \
}
DEFINE_REPORT(test_skip, STATUS_SKIP)
DEFINE_REPORT(test_error, STATUS_ERROR)
DEFINE_REPORT(test_failure, STATUS_FAILURE)
#undef DEFINE_REPORT

void guest_shutdown(unsigned int reason_code)
{
    static struct sched_shutdown sd __attribute__((aligned(16)));
    bool fail = status != STATUS_SUCCESS && status != STATUS_SKIP;

    if ( hv.base )
    {
        long rc;

        sd.reason = reason_code;
        rc = hypervisor_sched_op(SCHEDOP_shutdown, &sd);
        printf("SCHEDOP_shutdown(%u) returned %ld\n", reason_code, rc);
    }
    outb(fail ? DEBUG_EXIT_FAIL : DEBUG_EXIT_OK, DEBUG_EXIT_PORT);
    asm volatile ( "outw %w0, %w1" :: "a" (ACPI_SLP_EN),
                   "Nd" (ACPI_PM1A_CNT) );
    halt_forever();
}

void test_finish(void)
{
    if ( status == STATUS_RUNNING )
        test_error("test_main() returned without reporting a result");
    else if ( status != STATUS_SUCCESS )
        printf("Reason: %s\n", reason);
    printf("Test result: %s\n", test_status_name((enum test_status)status));
    guest_shutdown(SHUTDOWN_poweroff);
}
