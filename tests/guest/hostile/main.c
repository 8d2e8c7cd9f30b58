/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostile: a domain that throws "count=N" (default 2000) random
 * hypercalls, MSR accesses, port I/O and CPUID leaves at the hypervisor,
 * from a fixed "seed=N" (default 1), and must still be alive at the end
 * (tests/e2e/hostile.sh runs 100k next to check-loop). Hypercall numbers
 * are 0..63 or large; arguments are random 64-bit values, small numbers,
 * pointers into a scratch buffer (aligned or not, or their non-canonical
 * alias), unmapped, RAM-less and kernel-half addresses. The scratch
 * buffer itself holds random values and pointers into itself, so nested
 * handles are hostile too.
 *
 * Only what would legitimately end or damage this domain is filtered
 * (filter_call()): shutdown, shutdown_code, watchdog and block; poll gets
 * a timeout in the past; down and send_nmi of vCPU 0; memory_op commands
 * that take guest frames get frame lists in holes (never our RAM);
 * registration of shared areas points into scratch; multicall (nested
 * calls would bypass the filter); console writes from valid buffers
 * (they would only flood the log); WRMSR to EFER, and the hypercall-page
 * MSR only with scratch pages. Ports 0xe9, 0xf4-0xf7, 0x604-0x607 and
 * 0x8900-0x8903 (debug console, QEMU exit and power-off) are avoided.
 */
#include <guest/test.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>

const char test_title[] = "hostile: random hypercalls, MSRs and ports";

#define SCRATCH_SIZE    (128u << 10)
#define SCRATCH_USE     (64u << 10)     /* pointers land in the first half */
#define HOLE_LO         0x10000UL       /* gfns above 256 MiB of RAM ... */
#define HOLE_HI         0xf0000UL       /* ... and below the ACPI pages */
#define HIGH_GFN        0x100000UL      /* 4 GiB and up */
#define MSR_EFER        0xc0000080u
#define MSR_XEN_HCALL   0x40000000u

static uint8_t scratch[SCRATCH_SIZE] __attribute__((aligned(4096)));
static uint64_t rng;
static unsigned long n_calls, n_skipped, n_ok, n_err[5], n_msr_gp, n_faults;

static uint64_t rnd(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dULL;
}

static uint64_t rnd_below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

static unsigned long cmdline_ulong(const char *name, unsigned long dflt)
{
    char b[24];
    unsigned long v = 0;
    const char *p;

    if ( !cmdline_get(name, b, sizeof(b)) || !b[0] )
        return dflt;
    for ( p = b; *p >= '0' && *p <= '9'; p++ )
        v = v * 10 + (unsigned long)(*p - '0');
    return *p ? dflt : v;
}

static uint64_t scratch_ptr(void)
{
    return (uintptr_t)scratch + rnd_below(SCRATCH_USE);
}

/* A random argument: value, pointer or bad address. */
static uint64_t rand_arg(void)
{
    uint64_t r = rnd_below(100);

    if ( r < 20 )
        return rnd();
    if ( r < 35 )
        return rnd_below(256);
    if ( r < 55 )
        return scratch_ptr() & ~7ULL;
    if ( r < 62 )
        return scratch_ptr();                       /* misaligned */
    if ( r < 66 )
        return scratch_ptr() | (1ULL << 63);        /* non-canonical */
    if ( r < 76 )
        return (uint64_t)BAD_PTR_UNMAPPED + rnd_below(1ULL << 30);
    if ( r < 82 )
        return (uint64_t)BAD_PTR_NO_RAM + rnd_below(1ULL << 28);
    if ( r < 92 )
        return 0xffff800000000000ULL + rnd_below(1ULL << 40);
    if ( r < 96 )
        return (uintptr_t)scratch + SCRATCH_USE - rnd_below(16);
    return 0;
}

/* An address that cannot reach our RAM (see is_bad_ptr()). */
static uint64_t bad_ptr(void)
{
    uint64_t r = rnd_below(3);

    if ( r == 0 )
        return (uint64_t)BAD_PTR_UNMAPPED + rnd_below(1ULL << 30);
    if ( r == 1 )
        return (uint64_t)BAD_PTR_NO_RAM + rnd_below(1ULL << 28);
    return 0xffff800000000000ULL + rnd_below(1ULL << 40);
}

/* Refill part of scratch: random values, small numbers, self-pointers. */
static void stir_scratch(void)
{
    uint64_t *q = (uint64_t *)scratch;
    unsigned int i, base = (unsigned int)rnd_below(SCRATCH_SIZE / 8 - 512);

    for ( i = base; i < base + 512; i++ )
        q[i] = rnd_below(4) == 0 ? rnd_below(64) : rand_arg();
}

static uint64_t safe_gfn(void)
{
    uint64_t r = rnd_below(1000);

    if ( r < 500 )
        return HOLE_LO + rnd_below(HOLE_HI - HOLE_LO);
    if ( r < 998 )
        return HIGH_GFN + rnd_below(1UL << 20);
    return HIGH_GFN + rnd_below(1ULL << 28);        /* far away, rarely */
}

/* A reservation whose frames are all holes (never this domain's RAM). */
static uint64_t safe_reservation(uint8_t *at)
{
    struct xen_memory_reservation *res = (void *)at;
    uint64_t *gfns = (uint64_t *)(at + 64), n = rnd_below(64), i;

    for ( i = 0; i < n; i++ )
        gfns[i] = safe_gfn();
    memset(res, 0, sizeof(*res));
    set_xen_guest_handle(res->extent_start, rnd_below(8) ? (void *)gfns :
                         (void *)(uintptr_t)bad_ptr());
    res->nr_extents = rnd_below(8) ? n : rnd();
    res->extent_order = rnd_below(4) ? (unsigned int)rnd_below(10)
                                     : (unsigned int)rnd();
    res->mem_flags = rnd_below(4) ? 0 : (unsigned int)rnd();
    res->domid = rnd_below(4) ? DOMID_SELF : (domid_t)rnd_below(8);
    return (uintptr_t)res;
}

/* A pointer for calls that register shared areas: scratch or bad. */
static uint64_t safe_area(uint8_t *at)
{
    uint64_t *q = (uint64_t *)at;

    q[0] = rnd_below(2) ? (((uintptr_t)scratch >> 12) + rnd_below(8))
                        : scratch_ptr();
    q[1] = rnd_below(4096);
    return rnd_below(8) ? (uintptr_t)at : bad_ptr();
}

/* True if p cannot reach our RAM: no RAM, unmapped, or kernel half. */
static bool is_bad_ptr(uint64_t p)
{
    return (p >= (uint64_t)BAD_PTR_NO_RAM && p < (1ULL << 47)) ||
           p >= 0xffff800000000000ULL;
}

static bool filter_sched(uint32_t cmd, uint64_t *a, uint8_t *at)
{
    struct sched_poll *sp = (void *)at;

    switch ( cmd )
    {
    case SCHEDOP_block:
    case SCHEDOP_shutdown:
    case SCHEDOP_shutdown_code:
    case SCHEDOP_watchdog:
        return false;
    case SCHEDOP_poll:
        memset(sp, 0, sizeof(*sp));
        set_xen_guest_handle(sp->ports, (void *)(uintptr_t)rand_arg());
        sp->nr_ports = rnd_below(4) ? (uint32_t)rnd_below(200)
                                    : (uint32_t)rnd();
        sp->timeout = 1;                            /* already passed */
        a[1] = (uintptr_t)sp;
        return true;
    default:
        return true;
    }
}

static bool filter_vcpu(uint32_t cmd, uint64_t *a, uint8_t *at)
{
    if ( (cmd == VCPUOP_down || cmd == VCPUOP_send_nmi) && !(uint32_t)a[1] )
        return false;
    if ( cmd == VCPUOP_register_runstate_memory_area ||
         cmd == VCPUOP_register_vcpu_info ||
         cmd == VCPUOP_register_vcpu_time_memory_area ||
         cmd == VCPUOP_register_runstate_phys_area ||
         cmd == VCPUOP_register_vcpu_time_phys_area )
        a[2] = safe_area(at);
    return true;
}

static bool filter_memory(uint32_t cmd, uint64_t *a, uint8_t *at)
{
    switch ( cmd & 0x3f )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        a[1] = safe_reservation(at);
        return true;
    case XENMEM_exchange:
    case XENMEM_add_to_physmap:
    case XENMEM_add_to_physmap_batch:
    case XENMEM_remove_from_physmap:
    case XENMEM_acquire_resource:
        /* Frame lists we cannot make safe: bad pointers only. */
        a[1] = bad_ptr();
        return true;
    default:
        return true;
    }
}

/*
 * Make a[] safe for this domain, or return false to skip the call. The
 * scratch area "at" (4 KiB) is free for crafted arguments.
 */
static bool filter_call(uint64_t nr, uint64_t *a, uint8_t *at)
{
    uint32_t cmd = (uint32_t)a[0];

    switch ( (uint32_t)nr )
    {
    case __HYPERVISOR_sched_op:
    case __HYPERVISOR_sched_op_compat:
        return filter_sched(cmd, a, at);
    case __HYPERVISOR_vcpu_op:
        return filter_vcpu(cmd, a, at);
    case __HYPERVISOR_grant_table_op:
        /*
         * Copies and maps write to frames the caller names, and random
         * frames are our own page tables and IDT: a real guest asking
         * for that wrecks itself, on Xen too. Bad pointers only, except
         * for the harmless queries.
         */
        if ( cmd != GNTTABOP_query_size && cmd != GNTTABOP_get_version )
            a[1] = bad_ptr();
        return true;
    case __HYPERVISOR_memory_op:
        return filter_memory(cmd, a, at);
    case __HYPERVISOR_multicall:
        return false;
    case __HYPERVISOR_console_io:
        return cmd != CONSOLEIO_write || is_bad_ptr(a[2]);
    default:
        return true;
    }
}

static uint64_t rand_nr(void)
{
    uint64_t r = rnd_below(100);

    if ( r < 60 )   /* the implemented ones, more often */
    {
        static const uint8_t hot[] = { 12, 15, 17, 18, 24, 29, 34 };

        return hot[rnd_below(sizeof(hot))];
    }
    if ( r < 96 )
        return rnd_below(64);
    return r < 98 ? 64 + rnd_below(1024) : rnd();
}

static void count_rc(long rc)
{
    if ( rc >= 0 )
        n_ok++;
    else if ( rc == -XEN_ENOSYS )
        n_err[0]++;
    else if ( rc == -XEN_EFAULT )
        n_err[1]++;
    else if ( rc == -XEN_EINVAL )
        n_err[2]++;
    else if ( rc == -XEN_EPERM )
        n_err[3]++;
    else
        n_err[4]++;
}

static void one_hypercall(void)
{
    uint8_t *at = scratch + SCRATCH_USE + 4096 * rnd_below(8);
    uint64_t nr = rand_nr(), a[5];
    enum hcall_mode mode = HCALL_DIRECT;
    unsigned int i;

    for ( i = 0; i < 5; i++ )
        a[i] = rand_arg();
    if ( rnd_below(2) )                 /* sub-op numbers: mostly small */
        a[0] = rnd_below(4) ? rnd_below(40) : rnd();
    if ( !filter_call(nr, a, at) )
    {
        n_skipped++;
        return;
    }
    if ( nr < 128 && nr != __HYPERVISOR_iret && rnd_below(2) )
        mode = HCALL_PAGE;
    n_calls++;
    count_rc(hypercall_with(mode, nr, a[0], a[1], a[2], a[3], a[4]));
}

static uint32_t rand_msr(void)
{
    static const uint32_t bases[] = {
        0, 0x200, 0xc0000000u, 0xc0010000u, 0x40000000u, 0xc0011000u,
    };
    uint64_t r = rnd_below(8);

    return r < 6 ? bases[r] + (uint32_t)rnd_below(0x300) : (uint32_t)rnd();
}

static void one_msr(void)
{
    uint32_t msr = rand_msr();
    uint64_t val = rnd_below(2) ? rnd() : rnd_below(256);

    if ( rnd_below(2) )
    {
        if ( rdmsr_safe(msr, &val) )
            n_msr_gp++;
        return;
    }
    if ( msr == MSR_EFER )
        return;
    if ( msr == MSR_XEN_HCALL )
        val = (uintptr_t)scratch + SCRATCH_USE + 4096 * rnd_below(8) +
              (rnd_below(4) ? 0 : rnd_below(4096));
    if ( wrmsr_safe(msr, val) )
        n_msr_gp++;
}

static uint16_t rand_port(void)
{
    uint16_t p;

    do
        p = (uint16_t)(rnd_below(2) ? rnd_below(0x400) : rnd());
    while ( p == 0xe9 || (p >= 0xf1 && p <= 0xf7) ||
            (p >= 0x601 && p <= 0x607) || (p >= 0x88fd && p <= 0x8903) );
    return p;
}

struct string_io {
    uint64_t buf, count;
    uint16_t port;
    bool in, down;
};

static void do_string_io(void *arg)
{
    struct string_io *s = arg;
    uint64_t p = s->buf, c = s->count;

    if ( s->down )
        asm volatile ( "std" );
    if ( s->in )
        asm volatile ( "rep insb" : "+D" (p), "+c" (c) : "d" (s->port)
                       : "memory" );
    else
        asm volatile ( "rep outsb" : "+S" (p), "+c" (c) : "d" (s->port)
                       : "memory" );
    asm volatile ( "cld" );
}

static void one_port(void)
{
    uint16_t port = rand_port();
    uint64_t r = rnd_below(8);
    struct string_io s;

    if ( r < 3 )
        (void)inb(port);
    else if ( r < 6 )
        outl((uint32_t)rnd(), port);
    else
    {
        s.port = port;
        s.in = r == 6;
        s.down = !rnd_below(4);
        s.count = rnd_below(4096);
        s.buf = (uintptr_t)scratch + SCRATCH_USE / 2 + rnd_below(4096);
        if ( !rnd_below(8) )
            s.buf = bad_ptr();
        if ( exec_expect_fault(do_string_io, &s, NULL) )
        {
            asm volatile ( "cld" );
            n_faults++;
        }
    }
}

static void progress(unsigned long i)
{
    printf("hostile: %lu done: %lu calls (%lu ok, ENOSYS %lu, EFAULT %lu, "
           "EINVAL %lu, EPERM %lu, other %lu), %lu skipped, %lu MSR #GP, "
           "%lu I/O faults\n", i, n_calls, n_ok, n_err[0], n_err[1],
           n_err[2], n_err[3], n_err[4], n_skipped, n_msr_gp, n_faults);
}

void test_main(void)
{
    unsigned long count = cmdline_ulong("count", 2000), i;
    long v;

    rng = cmdline_ulong("seed", 1) * 0x9e3779b97f4a7c15ULL + 1;
    printf("hostile: seed %lu, count %lu\n", cmdline_ulong("seed", 1), count);
    for ( i = 0; i < SCRATCH_SIZE / 8 / 512; i++ )
        stir_scratch();
    for ( i = 0; i < count; i++ )
    {
        uint64_t r = rnd_below(100);

        if ( !(i % 64) )
            stir_scratch();
        if ( r < 88 )
            one_hypercall();
        else if ( r < 94 )
            one_msr();
        else if ( r < 98 )
            one_port();
        else
            (void)cpuid_count((uint32_t)rand_arg(), (uint32_t)rnd());
        if ( (i + 1) % 10000 == 0 )
            progress(i + 1);
    }
    if ( count % 10000 )
        progress(count);
    v = hypervisor_xen_version(0, NULL);
    CHECK(v == 0x40011, "xen_version after the storm: 0x%lx", v);
    test_success();
}
