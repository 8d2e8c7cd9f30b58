/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stub of the arch time services in xen/time.h: a clock the test
 * moves by hand and a recording one-shot timer. See stub-time.h.
 */
#include "stub-time.h"

s_time_t stub_now;
s_time_t stub_reprogram_last[NR_CPUS];
unsigned int stub_reprogram_calls[NR_CPUS];
bool (*stub_reprogram_hook)(s_time_t timeout);

s_time_t NOW(void)
{
    return __atomic_load_n(&stub_now, __ATOMIC_SEQ_CST);
}

bool reprogram_timer(s_time_t timeout)
{
    unsigned int cpu = smp_processor_id();

    stub_reprogram_calls[cpu]++;
    stub_reprogram_last[cpu] = timeout;
    if ( stub_reprogram_hook )
        return stub_reprogram_hook(timeout);
    return timeout == 0 || timeout > NOW();
}
