/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the test's result. The status only gets worse,
 * in the order SUCCESS < SKIP < ERROR < FAILURE. ERROR means the test
 * itself is broken or could not run; FAILURE means the hypervisor did
 * something wrong. Each call prints its reason; the first reason of the
 * final status is repeated just before the "Test result:" line.
 */
#ifndef GUEST_REPORT_H
#define GUEST_REPORT_H

#include <guest/console.h>

enum test_status {
    STATUS_SUCCESS,
    STATUS_SKIP,
    STATUS_ERROR,
    STATUS_FAILURE,
};

void test_success(void);
void test_skip(const char *fmt, ...) PRINTF_FMT(1, 2);
void test_error(const char *fmt, ...) PRINTF_FMT(1, 2);
void test_failure(const char *fmt, ...) PRINTF_FMT(1, 2);

enum test_status test_status(void);
const char *test_status_name(enum test_status s);

/*
 * Print "Test result: <STATUS>" and power off: SCHEDOP_shutdown(poweroff)
 * with a hypervisor; without one, the isa-debug-exit port 0xf4 (0x10 on
 * SUCCESS/SKIP, 0x20 otherwise) and then ACPI power-off at port 0x604.
 */
void __attribute__((noreturn)) test_finish(void);

/* Power off (or reboot etc.) without printing a result. */
void __attribute__((noreturn)) guest_shutdown(unsigned int reason);

/* Check helper: records a failure with file/line when cond is false. */
#define CHECK(cond, fmt, ...)                                           \
    ({                                                                  \
        bool ok_ = (cond);                                              \
        if ( !ok_ )                                                     \
            test_failure("%s:%d: " fmt, __FILE__, __LINE__, ##__VA_ARGS__); \
        ok_;                                                            \
    })

#endif /* GUEST_REPORT_H */
