/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test of the x86 decoder: lengths of ~650 instructions assembled by
 * GNU as (insn-table.h, see gen-table.py), operand decode, identification
 * of intercepted instructions, invalid encodings, the 15-byte limit, the
 * MMIO helpers, and a random-bytes fuzz loop under ASan.
 */
#include <stdlib.h>
#include <xen/compiler.h>
#include <xen/errno.h>
#include <asm/x86-decode.h>
#include "test.h"

struct insn_case {
    unsigned int mode, len;
    const char *bytes, *text;
};
#include "insn-table.h"

/* Decode from a heap copy of exactly avail bytes so ASan sees overreads. */
static int decode_exact(const void *bytes, size_t avail, unsigned int mode,
                        struct x86_insn *insn)
{
    uint8_t *p = malloc(avail ? avail : 1);
    int rc;

    memcpy(p, bytes, avail);
    rc = x86_decode(p, avail, mode, insn);
    free(p);
    return rc;
}

#define DEC(mode, str, insn) decode_exact(str, sizeof(str) - 1, mode, insn)

static void test_table(void)
{
    unsigned int i, bad = 0;
    struct x86_insn insn;
    uint8_t pad[X86_MAX_INSN_LEN];

    for ( i = 0; i < ARRAY_SIZE(insn_table); i++ )
    {
        const struct insn_case *t = &insn_table[i];
        int rc = decode_exact(t->bytes, t->len, t->mode, &insn);
        unsigned int len = insn.len;
        int rc_pad, rc_short;

        memset(pad, 0x90, sizeof(pad));
        memcpy(pad, t->bytes, t->len);
        rc_pad = x86_insn_length(pad, sizeof(pad), t->mode);
        rc_short = decode_exact(t->bytes, t->len - 1, t->mode, &insn);
        if ( rc || len != t->len || rc_pad != (int)t->len ||
             rc_short != -EAGAIN )
        {
            bad++;
            printf("# mode %u \"%s\": rc %d len %u pad %d short %d want %u\n",
                   t->mode, t->text, rc, len, rc_pad, rc_short, t->len);
        }
    }
    printf("# %zu table entries\n", ARRAY_SIZE(insn_table));
    CHECK(ARRAY_SIZE(insn_table) >= 300);
    CHECK_EQ(bad, 0);
}

static void test_kinds(void)
{
    static const struct {
        unsigned int mode;
        const char *b;
        unsigned int len, kind;
    } k[] = {
        { 64, "\x0f\xa2", 2, X86_INSN_CPUID },
        { 64, "\x0f\x32", 2, X86_INSN_RDMSR },
        { 64, "\x0f\x30", 2, X86_INSN_WRMSR },
        { 64, "\x0f\x31", 2, X86_INSN_RDTSC },
        { 64, "\x0f\x01\xf9", 3, X86_INSN_RDTSCP },
        { 32, "\x0f\x01\xf9", 3, X86_INSN_RDTSCP },
        { 64, "\x0f\x01\xc1", 3, X86_INSN_VMCALL },
        { 64, "\x0f\x01\xd9", 3, X86_INSN_VMMCALL },
        { 16, "\x0f\x01\xd9", 3, X86_INSN_VMMCALL },
        { 64, "\xf4", 1, X86_INSN_HLT },
        { 64, "\xe4\x80", 2, X86_INSN_IN },
        { 64, "\xed", 1, X86_INSN_IN },
        { 64, "\x66\xe7\x70", 3, X86_INSN_OUT },
        { 64, "\xee", 1, X86_INSN_OUT },
        { 64, "\xf3\x6d", 2, X86_INSN_INS },
        { 64, "\x66\xf3\x6f", 3, X86_INSN_OUTS },
        { 64, "\x0f\x20\xd8", 3, X86_INSN_MOV_FROM_CR },
        { 64, "\x44\x0f\x22\xc0", 4, X86_INSN_MOV_TO_CR },
        { 64, "\x0f\x01\x38", 3, X86_INSN_INVLPG },
        { 64, "\x0f\x01\xf8", 3, X86_INSN_OTHER },      /* swapgs */
        { 64, "\xf3\x90", 2, X86_INSN_PAUSE },
        { 64, "\xf3\x41\x90", 3, X86_INSN_OTHER },      /* xchg r8,rax */
        { 64, "\x0f\x01\xc8", 3, X86_INSN_MONITOR },
        { 64, "\x0f\x01\xc9", 3, X86_INSN_MWAIT },
        { 64, "\x0f\x01\xd1", 3, X86_INSN_XSETBV },
        { 64, "\x0f\x09", 2, X86_INSN_WBINVD },
        { 64, "\x0f\x08", 2, X86_INSN_INVD },
        { 64, "\x89\x03", 2, X86_INSN_MOV },
        { 64, "\xc7\x00\x01\x00\x00\x00", 6, X86_INSN_MOV_IMM },
        { 64, "\x0f\xb6\x00", 3, X86_INSN_MOVZX },
        { 64, "\x48\x0f\xbf\x00", 4, X86_INSN_MOVSX },
        { 64, "\xa1\x00\x00\xe0\xfe\x00\x00\x00\x00", 9, X86_INSN_MOV_MOFFS },
        { 64, "\xf3\xab", 2, X86_INSN_STOS },
        { 64, "\xa4", 1, X86_INSN_MOVS },
        { 64, "\x83\x08\x01", 3, X86_INSN_ALU },
        { 64, "\x21\x03", 2, X86_INSN_ALU },
        { 64, "\xf7\x00\x00\x01\x00\x00", 6, X86_INSN_TEST },
        { 64, "\xf7\x18", 2, X86_INSN_OTHER },          /* neg */
        { 64, "\x87\x03", 2, X86_INSN_XCHG },
        { 64, "\x0f\xba\x28\x03", 4, X86_INSN_BT },
        { 64, "\xc5\xf8\x77", 3, X86_INSN_OTHER },      /* vzeroupper */
    };
    unsigned int i;
    struct x86_insn insn;

    for ( i = 0; i < ARRAY_SIZE(k); i++ )
    {
        int rc = decode_exact(k[i].b, k[i].len, k[i].mode, &insn);

        CHECK(rc == 0 && insn.len == k[i].len && insn.kind == k[i].kind);
        if ( rc || insn.kind != k[i].kind )
            printf("#   case %u: rc %d len %u kind %u\n", i, rc, insn.len,
                   insn.kind);
    }
}

static void test_operands(void)
{
    struct x86_insn insn;

    /* mov %r15,0x12345678(%r13,%r14,8) */
    CHECK_EQ(DEC(64, "\x4f\x89\xbc\xf5\x78\x56\x34\x12", &insn), 0);
    CHECK(insn.rex_w && insn.rex_r && insn.rex_x && insn.rex_b);
    CHECK_EQ(insn.reg, X86_R15);
    CHECK_EQ(insn.mem.base, X86_R13);
    CHECK_EQ(insn.mem.index, X86_R14);
    CHECK_EQ(insn.mem.scale, 8);
    CHECK_EQ(insn.mem.disp, 0x12345678);
    CHECK_EQ(insn.op_size, 8);
    CHECK_EQ(insn.mem.seg, X86_SEG_DS);

    /* mov 0x1234(%rip),%eax */
    CHECK_EQ(DEC(64, "\x8b\x05\x34\x12\x00\x00", &insn), 0);
    CHECK(insn.mem.rip_rel && insn.mem.base == X86_REG_NONE);
    CHECK_EQ(insn.mem.disp, 0x1234);
    /* Same bytes in 32-bit mode: absolute disp32, not RIP-relative. */
    CHECK_EQ(DEC(32, "\x8b\x05\x34\x12\x00\x00", &insn), 0);
    CHECK(!insn.mem.rip_rel && insn.mem.base == X86_REG_NONE);

    /* mov 0xfee00300,%eax: SIB without base or index, sign-extended. */
    CHECK_EQ(DEC(64, "\x8b\x04\x25\x00\x03\xe0\xfe", &insn), 0);
    CHECK(insn.has_sib && insn.mem.base == X86_REG_NONE &&
          insn.mem.index == X86_REG_NONE);
    CHECK_EQ(insn.mem.disp, (int64_t)(int32_t)0xfee00300);

    /* mov -0x80(%rsp),%rax: SS default, disp8. */
    CHECK_EQ(DEC(64, "\x48\x8b\x44\x24\x80", &insn), 0);
    CHECK_EQ(insn.mem.seg, X86_SEG_SS);
    CHECK_EQ(insn.mem.disp, -0x80);
    CHECK_EQ(insn.disp_size, 1);

    /* 67 8b 00 in 32-bit mode: mov (%bx,%si),%eax */
    CHECK_EQ(DEC(32, "\x67\x8b\x00", &insn), 0);
    CHECK_EQ(insn.addr_size, 2);
    CHECK(insn.mem.base == X86_RBX && insn.mem.index == X86_RSI);
    /* 67 8b 46 10: mov 0x10(%bp),%eax -> SS */
    CHECK_EQ(DEC(32, "\x67\x8b\x46\x10", &insn), 0);
    CHECK(insn.mem.base == X86_RBP && insn.mem.seg == X86_SEG_SS);

    /* fs override, imm: movl $0x12345678,%fs:0x10(%rax) */
    CHECK_EQ(DEC(64, "\x64\xc7\x40\x10\x78\x56\x34\x12", &insn), 0);
    CHECK(insn.prefixes & X86_PFX_SEG);
    CHECK_EQ(insn.mem.seg, X86_SEG_FS);
    CHECK_EQ(insn.imm, 0x12345678);
    CHECK_EQ(insn.imm_size, 4);

    /* movabs $imm64,%r10 */
    CHECK_EQ(DEC(64, "\x49\xba\x88\x77\x66\x55\x44\x33\x22\x11", &insn), 0);
    CHECK_EQ(insn.imm, 0x1122334455667788ULL);
    CHECK_EQ(insn.reg, X86_R10);

    /* enter $0x1000,$1 */
    CHECK_EQ(DEC(64, "\xc8\x00\x10\x01", &insn), 0);
    CHECK(insn.imm == 0x1000 && insn.imm2 == 1);

    /* VEX: vaddps %ymm8,%ymm9,%ymm10 (c4 41 34 58 d0) */
    CHECK_EQ(DEC(64, "\xc4\x41\x34\x58\xd0", &insn), 0);
    CHECK(insn.prefixes & X86_PFX_VEX);
    CHECK(insn.map == X86_MAP_0F && insn.vex_l == 1 && insn.vex_v == 9);
    CHECK(insn.reg == 10 && insn.rm == 8);

    /* EVEX: vpxord %zmm0,%zmm1,%zmm2 (62 f1 75 48 ef d0) */
    CHECK_EQ(DEC(64, "\x62\xf1\x75\x48\xef\xd0", &insn), 0);
    CHECK(insn.prefixes & X86_PFX_EVEX);
    CHECK(insn.map == X86_MAP_0F && insn.simd_pfx == 0x66 &&
          insn.vex_l == 2);
}

static void test_invalid(void)
{
    static const uint8_t inv64[] = {
        0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x27, 0x2f, 0x37, 0x3f,
        0x60, 0x61, 0x82, 0x9a, 0xce, 0xd4, 0xd5, 0xd6, 0xea,
    };
    static const uint8_t inv0f[] = {
        0x04, 0x0a, 0x0c, 0x24, 0x25, 0x26, 0x27, 0x36, 0x39, 0x3b, 0x3f,
        0x7a, 0x7b, 0xa6, 0xa7,
    };
    uint8_t buf[16];
    struct x86_insn insn;
    unsigned int i, bad = 0;

    memset(buf, 0, sizeof(buf));
    for ( i = 0; i < ARRAY_SIZE(inv64); i++ )
    {
        buf[0] = inv64[i];
        if ( x86_decode(buf, 15, 64, &insn) != -EINVAL )
            bad++, printf("#   %02x valid in 64-bit\n", inv64[i]);
        if ( inv64[i] != 0xd6 && x86_decode(buf, 15, 32, &insn) != 0 )
            bad++, printf("#   %02x invalid in 32-bit\n", inv64[i]);
    }
    buf[0] = 0x0f;
    for ( i = 0; i < ARRAY_SIZE(inv0f); i++ )
    {
        buf[1] = inv0f[i];
        if ( x86_decode(buf, 15, 64, &insn) != -EINVAL )
            bad++, printf("#   0f %02x valid\n", inv0f[i]);
    }
    CHECK_EQ(bad, 0);

    /* VEX after 66/F3/REX/LOCK is #UD; bad VEX map; bad EVEX P1 bit 2. */
    CHECK_EQ(DEC(64, "\x66\xc5\xf8\x77", &insn), -EINVAL);
    CHECK_EQ(DEC(64, "\xf3\xc5\xf8\x77", &insn), -EINVAL);
    CHECK_EQ(DEC(64, "\x48\xc5\xf8\x77", &insn), -EINVAL);
    CHECK_EQ(DEC(64, "\xc4\xe0\x7c\x58\xc0", &insn), -EINVAL);
    CHECK_EQ(DEC(64, "\x62\xf1\x71\x48\xef\xd0", &insn), -EINVAL);
    CHECK_EQ(DEC(64, "\x62\xf4\x75\x48\xef\xd0", &insn), -EINVAL);
    /* C4/C5/62 with mod != 11 outside 64-bit mode: LES/LDS/BOUND. */
    CHECK_EQ(DEC(32, "\xc4\x18", &insn), 0);
    CHECK_EQ(DEC(32, "\xc5\x4b\x10", &insn), 0);
    CHECK_EQ(DEC(32, "\x62\x03", &insn), 0);
    CHECK_EQ(insn.len, 2);
    /* Bad mode, empty buffer. */
    CHECK_EQ(DEC(8, "\x90", &insn), -EINVAL);
    CHECK_EQ(decode_exact("", 0, 64, &insn), -EAGAIN);
}

static void test_limits(void)
{
    uint8_t buf[20];
    struct x86_insn insn;

    /* 14 prefixes + nop = 15 bytes: fine; one more prefix: too long. */
    memset(buf, 0x66, sizeof(buf));
    buf[14] = 0x90;
    CHECK_EQ(x86_insn_length(buf, 15, 64), 15);
    CHECK_EQ(x86_insn_length(buf, 14, 64), -EAGAIN);
    buf[14] = 0x66;
    buf[15] = 0x90;
    CHECK_EQ(x86_insn_length(buf, 20, 64), -E2BIG);
    CHECK_EQ(x86_insn_length(buf, 15, 64), -E2BIG);
    /* 12 prefixes + movabs imm64-sized tail would exceed 15. */
    memset(buf, 0x2e, 5);
    memcpy(buf + 5, "\x48\xb8\x01\x02\x03\x04\x05\x06\x07\x08", 10);
    CHECK_EQ(x86_decode(buf, 20, 64, &insn), 0);
    CHECK_EQ(insn.len, 15);
    memset(buf, 0x2e, 6);
    memcpy(buf + 6, "\x48\xb8\x01\x02\x03\x04\x05\x06\x07\x08", 10);
    CHECK_EQ(x86_decode(buf, 20, 64, &insn), -E2BIG);
    /* REX followed by a legacy prefix is ignored: 48 66 89 03 is 16-bit. */
    CHECK_EQ(DEC(64, "\x48\x66\x89\x03", &insn), 0);
    CHECK(!(insn.prefixes & X86_PFX_REX) && insn.op_size == 2);
}

#include "mmio-cases.h"

static void test_fuzz(void)
{
    unsigned int i, j, bad = 0, ok = 0;
    uint8_t buf[X86_MAX_INSN_LEN];
    struct x86_insn insn, insn2;
    static const unsigned int modes[3] = { 16, 32, 64 };

    srand(12345);
    for ( i = 0; i < 300000; i++ )
    {
        size_t avail = rand() % (X86_MAX_INSN_LEN + 1);
        unsigned int mode = modes[rand() % 3];
        int rc, rc2;

        for ( j = 0; j < sizeof(buf); j++ )
            buf[j] = rand();
        if ( i & 1 )    /* bias towards prefixes and escapes */
            buf[0] = "\x66\x67\xf2\xf3\x0f\xc4\xc5\x62\x8f\x48\xf0"[i % 11];
        rc = decode_exact(buf, avail, mode, &insn);
        if ( rc && rc != -EAGAIN && rc != -EINVAL && rc != -E2BIG )
            bad++;
        if ( rc )
            continue;
        ok++;
        if ( insn.len < 1 || insn.len > avail || insn.len > 15 )
            bad++;
        /* More bytes after the instruction change nothing. */
        rc2 = x86_decode(buf, sizeof(buf), mode, &insn2);
        if ( rc2 || insn2.len != insn.len || insn2.kind != insn.kind )
            bad++;
    }
    printf("# fuzz: %u decoded\n", ok);
    CHECK_EQ(bad, 0);
}

int main(void)
{
    test_table();
    test_kinds();
    test_operands();
    test_invalid();
    test_limits();
    test_mmio();
    test_fuzz();
    return test_done();
}
