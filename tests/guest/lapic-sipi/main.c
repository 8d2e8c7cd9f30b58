/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lapic-sipi: start vCPU 1 the native way (linux-pvh-abi.md, Phase D):
 * INIT assert + de-assert and STARTUP through the xAPIC ICR to APIC id
 * 2. vCPU 1 must begin in real mode at CS = vector << 8, IP = 0: the
 * trampoline copied below 1 MiB counts its runs, stores CS and halts
 * with IF = 0, which takes the vCPU down again (as on Xen). A second
 * STARTUP right after the first must not start it twice; a second
 * INIT/SIPI round with another vector starts it again. SKIP with one
 * vCPU.
 */
#include <guest/test.h>
#include <public/sched.h>
#include <public/vcpu.h>

const char test_title[] = "local APIC: INIT/SIPI start vCPU 1 in real mode";

#define APIC_PAGE   0xfee00000UL
#define MAILBOX     0x7000UL        /* u16 runs, u16 CS */
#define TRAMP_A     0x8000UL        /* vector 0x08 */
#define TRAMP_B     0x9000UL        /* vector 0x09 */
#define AP_APIC_ID  2

extern const uint8_t tramp_start[], tramp_end[];
asm ( ".pushsection .rodata\n"
      ".globl tramp_start, tramp_end\n"
      "tramp_start:\n"
      ".code16\n"
      "    cli\n"
      "    xorw %ax, %ax\n"
      "    movw %ax, %ds\n"
      "    movw %cs, %ax\n"
      "    movw %ax, 0x7002\n"
      "    lock incw 0x7000\n"
      "1:  hlt\n"
      "    jmp 1b\n"
      ".code64\n"
      "tramp_end:\n"
      ".popsection\n" );

static volatile uint16_t *const runs = (volatile uint16_t *)MAILBOX;
static volatile uint16_t *const ap_cs = (volatile uint16_t *)(MAILBOX + 2);

static void apic_wr(unsigned int off, uint32_t val)
{
    *(volatile uint32_t *)(APIC_PAGE + off) = val;
}

static long vcpu_op(unsigned int cmd, unsigned long id, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, id, arg);
}

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* Yield-spin up to ms milliseconds or until *runs reaches want. */
static bool wait_runs(unsigned int want, unsigned int ms)
{
    uint64_t khz = cpuid_count(hv.base + 3, 0).c;
    uint64_t end = tsc() + (khz ? khz : 1000000) * ms;

    while ( *runs < want || (want && vcpu_op(VCPUOP_is_up, 1, NULL) != 0) )
    {
        if ( tsc() > end )
            return false;
        hypervisor_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static void send(uint32_t icr)
{
    apic_wr(0x310, AP_APIC_ID << 24);
    apic_wr(0x300, icr);
}

static void init_sipi(unsigned int vector)
{
    send(0xc500);                   /* INIT, level, assert */
    send(0x8500);                   /* INIT, level, de-assert */
    send(0x0600 | vector);          /* STARTUP */
}

void test_main(void)
{
    long up = vcpu_op(VCPUOP_is_up, 1, NULL);

    if ( up < 0 )
        return test_skip("needs 2 vCPUs (is_up(1) = %ld)", up);
    if ( up )
        return test_failure("vCPU 1 is up before any SIPI");
    memcpy((void *)TRAMP_A, tramp_start, tramp_end - tramp_start);
    memcpy((void *)TRAMP_B, tramp_start, tramp_end - tramp_start);
    *runs = 0;
    *ap_cs = 0;
    apic_wr(0xf0, 0x1ff);           /* software enable */

    init_sipi(TRAMP_A >> 12);
    if ( !wait_runs(1, 2000) )
        return test_failure("vCPU 1 did not run/halt after INIT/SIPI "
                            "(runs %u)", *runs);
    printf("round 1: vCPU 1 ran with CS 0x%x and went down\n", *ap_cs);
    if ( *ap_cs != (TRAMP_A >> 4) )
        return test_failure("CS 0x%x, want 0x%lx", *ap_cs, TRAMP_A >> 4);
    send(0x0600 | (TRAMP_A >> 12));  /* a SIPI without INIT */
    wait_runs(2, 50);
    printf("SIPI without INIT: runs %u (hardware ignores it)\n", *runs);

    *ap_cs = 0;
    init_sipi(TRAMP_B >> 12);
    if ( !wait_runs(*runs + 1, 2000) && *ap_cs != (TRAMP_B >> 4) )
        return test_failure("vCPU 1 did not restart (runs %u)", *runs);
    printf("round 2: vCPU 1 ran with CS 0x%x\n", *ap_cs);
    if ( *ap_cs != (TRAMP_B >> 4) )
        return test_failure("CS 0x%x, want 0x%lx", *ap_cs, TRAMP_B >> 4);
    test_success();
}
