/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO helper cases for test-x86_decode.c (included there): effective
 * address, size, direction and value of MOV-class accesses, and register
 * write-back with the x86 partial-register rules.
 */

static void mmio_regs(uint64_t *r)
{
    unsigned int i;

    for ( i = 0; i < 16; i++ )
        r[i] = 0x1111111111111111ULL * (i + 1);
}

static void test_mmio_writes(void)
{
    struct x86_insn insn;
    struct x86_mmio_access acc;
    uint64_t r[16];

    mmio_regs(r);
    r[X86_RAX] = 0x0123456789abcdefULL;
    r[X86_RBX] = 0xfee00000;

    /* mov %ah,(%rbx): high-byte register without REX. */
    CHECK_EQ(DEC(64, "\x88\x23", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.write && acc.size == 1 && acc.addr == 0xfee00000);
    CHECK_EQ(acc.value, 0xcd);
    /* mov %spl,(%rbx) with REX 40: low byte of rsp. */
    CHECK_EQ(DEC(64, "\x40\x88\x23", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK_EQ(acc.value, r[X86_RSP] & 0xff);
    /* mov %eax,0x300(%rbx) */
    CHECK_EQ(DEC(64, "\x89\x83\x00\x03\x00\x00", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.write && acc.size == 4 && acc.addr == 0xfee00300);
    CHECK_EQ(acc.value, 0x89abcdef);
    /* movq $-1,(%rbx): imm32 sign-extended to 64 bits. */
    CHECK_EQ(DEC(64, "\x48\xc7\x03\xff\xff\xff\xff", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.size == 8 && acc.value == ~0ULL);
    /* movw $0x1234,(%rbx) */
    CHECK_EQ(DEC(64, "\x66\xc7\x03\x34\x12", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.size == 2 && acc.value == 0x1234);
    /* movb $1,0x10(%rip): RIP-relative from the next instruction. */
    CHECK_EQ(DEC(64, "\xc6\x05\x10\x00\x00\x00\x01", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0x1000, &acc), 0);
    CHECK(acc.size == 1 && acc.value == 1 && acc.addr == 0x1000 + 7 + 0x10);
    /* movabs %rax,0xfee00000 (A3 moffs64) */
    CHECK_EQ(DEC(64, "\x48\xa3\x00\x00\xe0\xfe\x00\x00\x00\x00", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.write && acc.size == 8 && acc.addr == 0xfee00000 &&
          acc.value == r[X86_RAX]);
    /* rep stosl: ES:rDI, count rCX */
    r[X86_RCX] = 5;
    r[X86_RDI] = 0xfec00000;
    CHECK_EQ(DEC(64, "\xf3\xab", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.string && acc.rep && acc.count == 5 && acc.size == 4);
    CHECK(acc.addr == 0xfec00000 && acc.seg == X86_SEG_ES);
    CHECK_EQ(acc.value, 0x89abcdef);
    /* movsb: both addresses */
    r[X86_RSI] = 0x5000;
    CHECK_EQ(DEC(64, "\xa4", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(acc.string && !acc.rep && acc.count == 1 && acc.size == 1);
    CHECK(acc.src_addr == 0x5000 && acc.src_seg == X86_SEG_DS);
    /* add %eax,(%rbx): read-modify-write is the caller's. */
    CHECK_EQ(DEC(64, "\x01\x03", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), -EOPNOTSUPP);
    /* mov %eax,%ebx has no memory operand. */
    CHECK_EQ(DEC(64, "\x89\xc3", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), -EINVAL);
    /* 16-bit addressing wraps: 67 89 00 with bx=0xffff si=2 -> 1. */
    r[X86_RBX] = 0xffff;
    r[X86_RSI] = 2;
    CHECK_EQ(DEC(32, "\x67\x89\x00", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK_EQ(acc.addr, 1);
    /* 32-bit mode: disp32 absolute, address truncated to 32 bits. */
    r[X86_RAX] = 0xffffffff00000010ULL;
    CHECK_EQ(DEC(32, "\x8b\x80\x00\x03\xe0\xfe", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(!acc.write && acc.addr == 0xfee00310);
}

static void test_mmio_reads(void)
{
    struct x86_insn insn;
    struct x86_mmio_access acc;
    uint64_t r[16];

    mmio_regs(r);
    /* mov (%rbx),%eax: 32-bit write zeroes 63:32 in 64-bit mode. */
    r[X86_RAX] = ~0ULL;
    CHECK_EQ(DEC(64, "\x8b\x03", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(!acc.write && acc.size == 4);
    x86_mmio_complete_read(&insn, r, 0x12345678);
    CHECK_EQ(r[X86_RAX], 0x12345678);
    /* Same in 32-bit mode: the upper half is left alone. */
    r[X86_RAX] = ~0ULL;
    CHECK_EQ(DEC(32, "\x8b\x03", &insn), 0);
    x86_mmio_complete_read(&insn, r, 0x12345678);
    CHECK_EQ(r[X86_RAX], 0xffffffff12345678ULL);
    /* mov (%rbx),%ax merges. */
    r[X86_RAX] = ~0ULL;
    CHECK_EQ(DEC(64, "\x66\x8b\x03", &insn), 0);
    x86_mmio_complete_read(&insn, r, 0x1234);
    CHECK_EQ(r[X86_RAX], 0xffffffffffff1234ULL);
    /* mov (%rbx),%ch merges into bits 15:8 of rcx. */
    r[X86_RCX] = 0;
    CHECK_EQ(DEC(64, "\x8a\x2b", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK_EQ(acc.size, 1);
    x86_mmio_complete_read(&insn, r, 0xab);
    CHECK_EQ(r[X86_RCX], 0xab00);
    /* mov (%rbx),%r9b (REX): low byte of r9, merged. */
    r[X86_R9] = ~0ULL;
    CHECK_EQ(DEC(64, "\x44\x8a\x0b", &insn), 0);
    x86_mmio_complete_read(&insn, r, 0x12);
    CHECK_EQ(r[X86_R9], 0xffffffffffffff12ULL);
    /* mov (%rbx),%r10 */
    CHECK_EQ(DEC(64, "\x4c\x8b\x13", &insn), 0);
    x86_mmio_complete_read(&insn, r, 0x8000000000000001ULL);
    CHECK_EQ(r[X86_R10], 0x8000000000000001ULL);
    /* movzbl (%rbx),%eax: 1-byte access, zero-extended. */
    r[X86_RAX] = ~0ULL;
    CHECK_EQ(DEC(64, "\x0f\xb6\x03", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(!acc.write && acc.size == 1);
    x86_mmio_complete_read(&insn, r, 0xff);
    CHECK_EQ(r[X86_RAX], 0xff);
    /* movswq (%rbx),%rdx: 2-byte access, sign-extended. */
    CHECK_EQ(DEC(64, "\x48\x0f\xbf\x13", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK_EQ(acc.size, 2);
    x86_mmio_complete_read(&insn, r, 0x8000);
    CHECK_EQ(r[X86_RDX], 0xffffffffffff8000ULL);
    /* movsbw (%rbx),%si: merge 16 bits of the sign-extended byte. */
    r[X86_RSI] = 0x1111111111111111ULL;
    CHECK_EQ(DEC(64, "\x66\x0f\xbe\x33", &insn), 0);
    x86_mmio_complete_read(&insn, r, 0x80);
    CHECK_EQ(r[X86_RSI], 0x111111111111ff80ULL);
    /* movabs 0xfee00020,%eax (A1 moffs64) */
    r[X86_RAX] = ~0ULL;
    CHECK_EQ(DEC(64, "\xa1\x20\x00\xe0\xfe\x00\x00\x00\x00", &insn), 0);
    CHECK_EQ(x86_mmio_decode(&insn, r, 0, &acc), 0);
    CHECK(!acc.write && acc.addr == 0xfee00020 && acc.size == 4);
    x86_mmio_complete_read(&insn, r, 0x50014);
    CHECK_EQ(r[X86_RAX], 0x50014);
}

static void test_mmio(void)
{
    test_mmio_writes();
    test_mmio_reads();
}
