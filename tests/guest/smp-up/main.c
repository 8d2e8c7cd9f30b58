/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smp-up: bring vCPU 1 of a PVH domU up and down, as Xen 4.17 does it
 * (docs/testing-guest.md). VCPUOP_initialise with a 64-bit context (the
 * CR0/CR3/CR4/EFER of vCPU 0, a stack and an entry point in this kernel)
 * and VCPUOP_up start it; it reports its vCPU id from CPUID base+4 and
 * counts loop iterations. vCPU 0 then checks is_up, the runstate (not
 * offline, time advancing), -EEXIST for a second initialise, that
 * VCPUOP_down stops it (offline, the count stops) and VCPUOP_up resumes
 * it where it was, and finally that HLT with interrupts disabled takes
 * the vCPU down (Xen's hvm_hlt: "halting with IF=0 means shut down").
 * Needs 2 vCPUs; SKIP with one.
 */
#include <guest/test.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_vcpu.h>

const char test_title[] = "secondary vCPU: initialise, up, down, HLT";

#define MSR_EFER        0xc0000080u
#define AP_SPIN         0
#define AP_HLT          1
#define WAIT_US         5000000ULL

static volatile uint32_t ap_alive, ap_cmd, ap_cpuid_id;
static volatile uint64_t ap_count;
static uint8_t ap_stack[16384] __attribute__((aligned(16)));
static struct vcpu_hvm_context ctx __attribute__((aligned(64)));
static struct vcpu_runstate_info rs __attribute__((aligned(64)));
static struct __attribute__((packed)) {
    uint16_t limit;
    uint64_t base;
} idt_desc;

static const char *const state_names[] = {
    "running", "runnable", "blocked", "offline",
};

static long vcpu_op(unsigned int cmd, unsigned long id, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, id, arg);
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t us_to_tsc(uint64_t us)
{
    uint64_t khz = cpuid_count(hv.base + 3, 0).c;

    return (khz ? khz : 1000000) * us / 1000;
}

/* Spin (yielding) up to us microseconds; true once pred() holds. */
static bool wait_for(bool (*pred)(void), uint64_t us)
{
    uint64_t end = rdtsc() + us_to_tsc(us);

    while ( !pred() )
    {
        if ( rdtsc() > end )
            return false;
        hypervisor_sched_op(SCHEDOP_yield, NULL);
    }
    return true;
}

static void spin_us(uint64_t us)
{
    uint64_t end = rdtsc() + us_to_tsc(us);

    while ( rdtsc() < end )
        hypervisor_sched_op(SCHEDOP_yield, NULL);
}

/* vCPU 1 starts here, with the stack from the context. */
static void __attribute__((noreturn, used)) ap_main(void)
{
    asm volatile ( "lidt %0" :: "m" (idt_desc) );
    ap_cpuid_id = cpuid(hv.base + 4).b;
    __atomic_store_n(&ap_alive, 1, __ATOMIC_RELEASE);
    while ( __atomic_load_n(&ap_cmd, __ATOMIC_ACQUIRE) == AP_SPIN )
    {
        ap_count++;
        asm volatile ( "pause" );
    }
    for ( ;; )
        asm volatile ( "cli; hlt" );
}

static bool ap_is_alive(void) { return ap_alive; }
static bool ap_is_down(void) { return vcpu_op(VCPUOP_is_up, 1, NULL) == 0; }

static bool ap_offline(void)
{
    return !vcpu_op(VCPUOP_get_runstate_info, 1, &rs) &&
           rs.state == RUNSTATE_offline;
}

static uint64_t runstate_total(void)
{
    return rs.time[0] + rs.time[1] + rs.time[2] + rs.time[3];
}

static int show_runstate(const char *when)
{
    long rc = vcpu_op(VCPUOP_get_runstate_info, 1, &rs);

    printf("  runstate(1) %s: rc %ld, %s, running %llu ns, runnable %llu ns, "
           "blocked %llu, offline %llu\n", when, rc,
           (unsigned int)rs.state < 4 ? state_names[rs.state] : "?",
           (unsigned long long)rs.time[0], (unsigned long long)rs.time[1],
           (unsigned long long)rs.time[2], (unsigned long long)rs.time[3]);
    CHECK(rc == 0, "get_runstate_info(1) returned %ld", rc);
    return rc ? -1 : rs.state;
}

static void build_context(void)
{
    struct vcpu_hvm_x86_64 *r = &ctx.cpu_regs.x86_64;

    memset(&ctx, 0, sizeof(ctx));
    ctx.mode = VCPU_HVM_MODE_64B;
    r->rip = (uintptr_t)ap_main;
    r->rsp = (uintptr_t)(ap_stack + sizeof(ap_stack) - 8);
    r->rflags = 2;
    r->cr0 = read_cr0();
    r->cr3 = read_cr3();
    r->cr4 = read_cr4();
    r->efer = rdmsr(MSR_EFER);
    asm volatile ( "sidt %0" : "=m" (idt_desc) );
}

static bool start_ap(void)
{
    long rc;

    build_context();
    rc = vcpu_op(VCPUOP_initialise, 1, &ctx);
    printf("  initialise(1) -> %ld\n", rc);
    CHECK(rc == 0, "initialise(1) returned %ld", rc);
    rc = vcpu_op(VCPUOP_up, 1, NULL);
    printf("  up(1) -> %ld\n", rc);
    CHECK(rc == 0, "up(1) returned %ld", rc);
    if ( !wait_for(ap_is_alive, WAIT_US) )
    {
        test_failure("vCPU 1 did not run its entry point within 5 s");
        return false;
    }
    printf("  vCPU 1 is running guest code; CPUID base+4 EBX = %u\n",
           ap_cpuid_id);
    if ( cpuid(hv.base + 4).a & (1u << 3) )     /* VCPU_ID present */
        CHECK(ap_cpuid_id == 1, "vCPU 1 sees vCPU id %u", ap_cpuid_id);
    return true;
}

static void check_running(void)
{
    uint64_t c0, t0;
    int st;
    long rc;

    CHECK(vcpu_op(VCPUOP_is_up, 1, NULL) == 1, "is_up(1) is not 1");
    st = show_runstate("while up");
    CHECK(st == RUNSTATE_running || st == RUNSTATE_runnable,
          "vCPU 1 runstate %d while spinning", st);
    t0 = runstate_total();
    c0 = ap_count;
    spin_us(20000);
    show_runstate("20 ms later");
    CHECK(runstate_total() > t0 && rs.time[RUNSTATE_running] > 0,
          "vCPU 1 runstate times did not advance");
    CHECK(ap_count > c0, "vCPU 1 loop count did not advance");
    rc = vcpu_op(VCPUOP_initialise, 1, &ctx);
    printf("  initialise(1) while up -> %ld\n", rc);
    CHECK(rc == -XEN_EEXIST, "initialise(1) while up returned %ld", rc);
}

static void check_down_up(void)
{
    uint64_t c0;
    long rc;

    rc = vcpu_op(VCPUOP_down, 1, NULL);
    printf("  down(1) -> %ld\n", rc);
    CHECK(rc == 0, "down(1) returned %ld", rc);
    CHECK(ap_is_down(), "is_up(1) after down is not 0");
    CHECK(wait_for(ap_offline, WAIT_US), "vCPU 1 not offline after down");
    show_runstate("after down");
    c0 = ap_count;
    spin_us(20000);
    CHECK(ap_count == c0, "vCPU 1 still runs after down (%llu -> %llu)",
          (unsigned long long)c0, (unsigned long long)ap_count);
    rc = vcpu_op(VCPUOP_up, 1, NULL);
    printf("  up(1) again -> %ld\n", rc);
    CHECK(rc == 0, "up(1) after down returned %ld", rc);
    spin_us(20000);
    printf("  loop count %llu -> %llu\n", (unsigned long long)c0,
           (unsigned long long)ap_count);
    CHECK(ap_count > c0, "vCPU 1 did not resume after up");
    CHECK(vcpu_op(VCPUOP_is_up, 1, NULL) == 1, "is_up(1) after up is not 1");
}

static void check_hlt_cli(void)
{
    bool down;

    __atomic_store_n(&ap_cmd, AP_HLT, __ATOMIC_RELEASE);
    down = wait_for(ap_is_down, WAIT_US);
    printf("  vCPU 1 ran CLI; HLT: is_up(1) = %ld\n",
           vcpu_op(VCPUOP_is_up, 1, NULL));
    show_runstate("after CLI; HLT");
    CHECK(down, "HLT with IF=0 did not take vCPU 1 down (Xen does)");
}

void test_main(void)
{
    long n = vcpu_op(VCPUOP_is_up, 1, NULL);

    if ( n == -XEN_ENOENT )
    {
        test_skip("the domain has one vCPU (run with vcpus=2)");
        return;
    }
    CHECK(n == 0, "is_up(1) before initialise: %ld", n);
    show_runstate("before initialise");
    if ( !start_ap() )
        return;
    check_running();
    check_down_up();
    check_hlt_cli();
    test_success();
}
