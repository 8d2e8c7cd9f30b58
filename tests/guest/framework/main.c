/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * framework: checks the guest test framework itself, so that a broken
 * framework shows up as ERROR here rather than as odd results elsewhere:
 * the printf formatter, exec_expect_fault() and the *_safe() MSR
 * helpers, command-line parsing and the start info. Runs bare too.
 */
#include <guest/test.h>

const char test_title[] = "Guest test framework self-test";
const bool test_runs_bare = true;

#define MSR_EFER     0xc0000080
#define EFER_LME_LMA 0x500
#define MSR_BOGUS    0xdeadbeef

static unsigned int errors;

#define FW_CHECK(cond, fmt, ...)                                        \
    do {                                                                \
        if ( !(cond) )                                                  \
        {                                                               \
            errors++;                                                   \
            test_error("framework: " fmt, ##__VA_ARGS__);               \
        }                                                               \
    } while ( 0 )

static void check_fmt(const char *want, const char *fmt, ...)
    PRINTF_FMT(2, 3);
static void check_fmt(const char *want, const char *fmt, ...)
{
    char out[64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out, sizeof(out), fmt, ap);
    va_end(ap);
    FW_CHECK(!strcmp(out, want), "format \"%s\" gave \"%s\", want \"%s\"",
             fmt, out, want);
}

static void check_formatter(void)
{
    const char *volatile null_str = NULL;   /* hidden from -Wformat */
    char small[4];

    check_fmt("-5|42|00042|   7", "%d|%u|%05d|%4d", -5, 42u, 42, 7);
    check_fmt("beef|BEEF|0000beef", "%x|%X|%08x", 0xbeefu, 0xbeefu, 0xbeefu);
    check_fmt("ffffffffffffffff|-9223372036854775808", "%lx|%ld",
              ~0UL, (long)(1UL << 63));
    check_fmt("4294967295|18446744073709551615", "%u|%llu",
              0xffffffffu, ~0ULL);
    check_fmt("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
    check_fmt("ab  |  ab|x|%|(null)", "%-4s|%4s|%c|%%|%s", "ab", "ab", 'x',
              null_str);
    check_fmt("-0042", "%05d", -42);
    FW_CHECK(snprintf(small, sizeof(small), "%s", "abcdef") == 6 &&
             !strcmp(small, "abc"), "snprintf truncation gave \"%s\"", small);
}

static void do_ud2(void *arg)
{
    (void)arg;
    asm volatile ( "ud2" );
}

static void do_int3(void *arg)
{
    (void)arg;
    asm volatile ( "int3" );
}

static unsigned int n_single_steps;
static uint64_t step_dr6;

/* Count single-step traps, read DR6, clear TF so that it stops. */
static bool single_step_hook(struct cpu_regs *r)
{
    if ( r->vector != X86_EXC_DB )
        return false;
    n_single_steps++;
    asm volatile ( "mov %%dr6, %0" : "=r" (step_dr6) );
    r->rflags &= ~(1UL << 8);
    return true;
}

static void check_debug_traps(void)
{
    /*
     * TF: one #DB after the next instruction, DR6.BS set (Lamina
     * intercepts #DB and reflects it). ICEBP is not checked: QEMU TCG
     * raises #UD for it even without a hypervisor.
     */
    set_exception_hook(single_step_hook);
    asm volatile ( "pushfq; orq $0x100, (%%rsp); popfq; nop; nop"
                   ::: "memory", "cc" );
    set_exception_hook(NULL);
    FW_CHECK(n_single_steps == 1 && (step_dr6 & (1UL << 14)),
             "single step: %u #DB, DR6 0x%lx", n_single_steps,
             (unsigned long)step_dr6);
}

static void do_read(void *arg)
{
    *(volatile uint8_t *)arg;
}

static void do_nothing(void *arg)
{
    *(int *)arg = 1;
}

static void check_faults(void)
{
    unsigned int vec = ~0u;
    int ran = 0;
    uint32_t info;
    uint64_t val;

    FW_CHECK(exec_expect_fault(do_ud2, NULL, &vec) == 1 && vec == X86_EXC_UD,
             "ud2: vector %u", vec);
    FW_CHECK(exec_expect_fault(do_int3, NULL, &vec) == 1 && vec == X86_EXC_BP,
             "int3: vector %u", vec);
    FW_CHECK(exec_expect_fault(do_read, BAD_PTR_UNMAPPED, &vec) == 1 &&
             vec == X86_EXC_PF && read_cr2() == (uintptr_t)BAD_PTR_UNMAPPED,
             "unmapped read: vector %u", vec);
    FW_CHECK(exec_expect_fault(do_read, BAD_PTR_NONCANONICAL, &vec) == 1 &&
             vec == X86_EXC_GP, "non-canonical read: vector %u", vec);
    FW_CHECK(exec_expect_fault(do_nothing, &ran, &vec) == 0 && ran == 1,
             "no fault: not reported as such");
    check_debug_traps();

    info = rdmsr_safe(MSR_EFER, &val);
    FW_CHECK(!info && (val & EFER_LME_LMA) == EFER_LME_LMA,
             "rdmsr_safe(EFER): info 0x%x value 0x%lx", info, val);
    if ( !hv.base )
        return;     /* QEMU TCG reads unknown MSRs as 0 without #GP */
    info = rdmsr_safe(MSR_BOGUS, &val);
    FW_CHECK(info && EXINFO_VECTOR(info) == X86_EXC_GP,
             "rdmsr_safe(0x%x): info 0x%x", MSR_BOGUS, info);
    info = wrmsr_safe(MSR_BOGUS, 0);
    FW_CHECK(info && EXINFO_VECTOR(info) == X86_EXC_GP,
             "wrmsr_safe(0x%x): info 0x%x", MSR_BOGUS, info);
}

static void check_start_info(void)
{
    const struct hvm_memmap_table_entry *map;
    unsigned int i, nr;
    bool covered = false;
    char opt[8];

    FW_CHECK(start_info != NULL, "no start info");
    FW_CHECK(cmdline_has("fw-flag") && cmdline_has("fw-opt") &&
             !cmdline_has("fw") && !cmdline_has("abc"),
             "cmdline_has() on \"%s\"", guest_cmdline);
    FW_CHECK(cmdline_get("fw-opt", opt, sizeof(opt)) && !strcmp(opt, "abc") &&
             !cmdline_get("fw-flag", opt, sizeof(opt)),
             "cmdline_get() on \"%s\"", guest_cmdline);

    map = start_memmap(&nr);
    for ( i = 0; map && i < nr; i++ )
    {
        printf("  memmap %u: %016lx-%016lx type %u\n", i,
               (unsigned long)map[i].addr,
               (unsigned long)(map[i].addr + map[i].size - 1), map[i].type);
        if ( map[i].type == XEN_HVM_MEMMAP_TYPE_RAM &&
             map[i].addr <= 0x100000 && map[i].addr + map[i].size > 0x200000 )
            covered = true;
    }
    FW_CHECK(covered, "no RAM entry covers the image at 1 MiB (%u entries)",
             nr);
}

void test_main(void)
{
    check_formatter();
    check_faults();
    check_start_info();
    if ( !errors )
        test_success();
}
