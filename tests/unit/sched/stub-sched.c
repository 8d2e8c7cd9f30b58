/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stubs the scheduler test needs besides tests/unit/stubs: the CPU
 * maps (filled by the test) and a key-handler registry that only records.
 */
#include <xen/cpumask.h>
#include <xen/keyhandler.h>

cpumask_t cpu_online_map, cpu_possible_map;
keyhandler_fn_t stub_key_fn[256];

void register_keyhandler(unsigned char key, keyhandler_fn_t fn,
                         const char *desc, bool diagnostic)
{
    (void)desc;
    (void)diagnostic;
    stub_key_fn[key] = fn;
}
