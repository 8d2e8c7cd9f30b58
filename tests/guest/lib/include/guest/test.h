/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: everything a test's main.c needs. A test defines
 *     const char test_title[] = "...";
 *     void test_main(void) { ... test_success(); }
 * and the framework boots, detects the hypervisor, runs test_main() and
 * prints "Test result: <STATUS>". If test_main() returns without setting
 * a status, the result is ERROR.
 */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <guest/lib.h>
#include <guest/x86.h>
#include <guest/console.h>
#include <guest/report.h>
#include <guest/traps.h>
#include <guest/hypercall.h>
#include <guest/start.h>

extern const char test_title[];
void test_main(void);

/*
 * Optional: a test that also means something without a hypervisor
 * (bare QEMU) defines `const bool test_runs_bare = true;`. Otherwise the
 * framework reports SKIP when it finds no hypervisor.
 */
extern const bool test_runs_bare __attribute__((weak));

/* Environment name of this build ("pvh64"). */
extern const char environment_name[];

#endif /* GUEST_TEST_H */
