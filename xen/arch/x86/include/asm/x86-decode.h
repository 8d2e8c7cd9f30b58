/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 instruction decoder for VM exits: length of any legacy, REX, VEX,
 * XOP or EVEX encoded instruction, operand detail for the MOV-class
 * instructions MMIO emulation needs, and identification of the
 * instructions the hypervisor intercepts. Pure functions over a byte buffer;
 * fetching guest bytes is the caller's business.
 * See docs/hypervisor/decoder.md.
 */
#ifndef __ASM_X86_DECODE_H__
#define __ASM_X86_DECODE_H__

#include <xen/types.h>

#define X86_MAX_INSN_LEN    15

/* Register numbers in encoding order (the index into a regs[16] array). */
enum x86_gpr {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};
#define X86_REG_NONE        (-1)

/* Segment registers in encoding order. */
enum x86_seg {
    X86_SEG_ES, X86_SEG_CS, X86_SEG_SS, X86_SEG_DS, X86_SEG_FS, X86_SEG_GS,
};

/* insn->prefixes bits. */
#define X86_PFX_OPSIZE      (1u << 0)   /* 66 */
#define X86_PFX_ADDRSIZE    (1u << 1)   /* 67 */
#define X86_PFX_REP         (1u << 2)   /* F3 (REP/REPE) */
#define X86_PFX_REPNE       (1u << 3)   /* F2 */
#define X86_PFX_LOCK        (1u << 4)   /* F0 */
#define X86_PFX_SEG         (1u << 5)   /* segment override; see insn->seg */
#define X86_PFX_REX         (1u << 6)   /* REX byte in effect */
#define X86_PFX_VEX         (1u << 7)   /* C4/C5 */
#define X86_PFX_EVEX        (1u << 8)   /* 62 in 64-bit mode (or mod=11b) */
#define X86_PFX_XOP         (1u << 9)   /* AMD XOP (8F, mmmmm >= 8) */

/* Opcode maps. XOP maps 8-10 are reported as X86_MAP_XOP8 + (m - 8). */
enum x86_map {
    X86_MAP_1B,         /* one-byte opcodes */
    X86_MAP_0F,
    X86_MAP_0F38,
    X86_MAP_0F3A,
    X86_MAP_EVEX5,      /* EVEX map 5 (AVX512-FP16) */
    X86_MAP_EVEX6,      /* EVEX map 6 (AVX512-FP16) */
    X86_MAP_XOP8,
    X86_MAP_XOP9,
    X86_MAP_XOPA,
};

/* Instructions the hypervisor needs to recognise (insn->kind). */
enum x86_insn_kind {
    X86_INSN_OTHER,
    /* MMIO-relevant data movement. */
    X86_INSN_MOV,           /* 88-8B */
    X86_INSN_MOV_IMM,       /* C6 /0, C7 /0 */
    X86_INSN_MOVZX,         /* 0F B6, 0F B7 */
    X86_INSN_MOVSX,         /* 0F BE, 0F BF */
    X86_INSN_MOV_MOFFS,     /* A0-A3 */
    X86_INSN_STOS,          /* AA, AB */
    X86_INSN_MOVS,          /* A4, A5 */
    X86_INSN_ALU,           /* ADD/OR/ADC/SBB/AND/SUB/XOR/CMP (00-3D, 80-83) */
    X86_INSN_TEST,          /* 84, 85, F6/F7 /0-1 */
    X86_INSN_XCHG,          /* 86, 87 */
    X86_INSN_BT,            /* 0F A3/AB/B3/BB, 0F BA /4-7 */
    /* Intercepted or identified instructions. */
    X86_INSN_CPUID,
    X86_INSN_RDMSR,
    X86_INSN_WRMSR,
    X86_INSN_RDTSC,
    X86_INSN_RDTSCP,
    X86_INSN_VMCALL,
    X86_INSN_VMMCALL,
    X86_INSN_HLT,
    X86_INSN_IN,            /* E4, E5, EC, ED */
    X86_INSN_OUT,           /* E6, E7, EE, EF */
    X86_INSN_INS,           /* 6C, 6D */
    X86_INSN_OUTS,          /* 6E, 6F */
    X86_INSN_MOV_FROM_CR,   /* 0F 20 */
    X86_INSN_MOV_TO_CR,     /* 0F 22 */
    X86_INSN_INVLPG,        /* 0F 01 /7, memory form */
    X86_INSN_PAUSE,         /* F3 90 */
    X86_INSN_MONITOR,       /* 0F 01 C8 */
    X86_INSN_MWAIT,         /* 0F 01 C9 */
    X86_INSN_XSETBV,        /* 0F 01 D1 */
    X86_INSN_WBINVD,        /* 0F 09 */
    X86_INSN_INVD,          /* 0F 08 */
};

/* Memory operand of a ModRM (or moffs) encoded instruction. */
struct x86_mem {
    bool present;
    bool rip_rel;           /* disp is relative to the next instruction */
    int8_t base;            /* enum x86_gpr or X86_REG_NONE */
    int8_t index;           /* enum x86_gpr or X86_REG_NONE */
    uint8_t scale;          /* 1, 2, 4, 8 */
    uint8_t seg;            /* enum x86_seg: override or the default */
    int64_t disp;           /* sign-extended (moffs: zero-extended) */
};

struct x86_insn {
    uint8_t len;            /* total length in bytes, 1..15 */
    uint8_t mode;           /* 16, 32 or 64: code segment size */
    uint8_t addr_size;      /* bytes: 2, 4, 8 */
    uint8_t op_size;        /* bytes of the main operand: 1, 2, 4, 8 */
    uint16_t prefixes;      /* X86_PFX_* */
    uint8_t seg;            /* enum x86_seg of the override, if any */
    uint8_t rex;            /* raw REX byte (0x40-0x4f) or 0 */
    bool rex_w, rex_r, rex_x, rex_b;  /* also set from VEX/EVEX/XOP */
    uint8_t simd_pfx;       /* mandatory prefix: 0, 0x66, 0xf3, 0xf2 */
    uint8_t map;            /* enum x86_map */
    uint8_t opcode;         /* last opcode byte */
    uint8_t vex_l;          /* VEX.L / EVEX.L'L */
    uint8_t vex_v;          /* VEX.vvvv (un-inverted) */

    bool has_modrm, has_sib;
    uint8_t modrm, mod, reg_field, rm_field;  /* raw ModRM and fields */
    uint8_t sib, sib_scale, sib_index, sib_base;
    uint8_t disp_size;      /* bytes of displacement: 0, 1, 2, 4, 8 */
    int64_t disp;
    uint8_t imm_size;       /* bytes of immediate(s) in total */
    uint64_t imm;           /* first immediate, zero-extended */
    uint64_t imm2;          /* ENTER's imm8 / far pointer selector */

    int8_t reg;             /* ModRM.reg with REX.R, or opcode reg (B8+r) */
    int8_t rm;              /* ModRM.rm with REX.B when mod == 3 */
    struct x86_mem mem;

    uint8_t kind;           /* enum x86_insn_kind */
};

/*
 * Decode one instruction at buf, reading at most min(avail, 15) bytes, for
 * a code segment of the given mode (16, 32 or 64; from CS.L/CS.D). Context:
 * any. Returns 0 with *insn filled, -EAGAIN if the instruction continues
 * beyond avail bytes (fetch more and retry), -E2BIG if it would be longer
 * than 15 bytes (#GP on hardware), -EINVAL for an invalid opcode or
 * encoding in this mode, or an unsupported mode.
 */
int x86_decode(const uint8_t *buf, size_t avail, unsigned int mode,
               struct x86_insn *insn);

/* As x86_decode(), returning the length (1..15) or the negative error. */
int x86_insn_length(const uint8_t *buf, size_t avail, unsigned int mode);

/* One MMIO access described by a decoded MOV-class instruction. */
struct x86_mmio_access {
    uint64_t addr;          /* effective address (offset within seg) */
    uint64_t src_addr;      /* MOVS only: source address (seg:rSI) */
    uint8_t seg;            /* enum x86_seg of addr (ES for STOS/MOVS) */
    uint8_t src_seg;        /* MOVS only */
    uint8_t size;           /* bytes: 1, 2, 4, 8 */
    bool write;             /* guest writes memory (MOVS: addr is dest) */
    bool string;            /* STOS/MOVS: see rep and count */
    bool rep;               /* REP prefix: count = rCX (address size) */
    uint64_t count;         /* iterations: rCX if rep, else 1 */
    uint64_t value;         /* value written (writes, not MOVS) */
};

/*
 * Describe the memory access of insn (MOV 88-8B, C6/C7, MOVZX/MOVSX,
 * A0-A3, STOS, MOVS) given the guest registers (rax..r15 in encoding
 * order) and rip, the address of the instruction itself (for RIP-relative
 * operands). Addresses are truncated to the address size; adding the
 * segment base and checking against the faulting address is the caller's.
 * Context: any. Returns 0, -EINVAL if insn has no memory operand, or
 * -EOPNOTSUPP for read-modify-write and other instructions not handled.
 */
int x86_mmio_decode(const struct x86_insn *insn, const uint64_t regs[16],
                    uint64_t rip, struct x86_mmio_access *acc);

/*
 * Complete a read described by x86_mmio_decode(): store value (the
 * acc->size bytes read) into the destination register of insn, with
 * MOVZX/MOVSX extension, AH/CH/DH/BH for byte registers 4-7 without REX,
 * 8/16-bit writes merging and 32-bit writes zeroing bits 63:32 in 64-bit
 * mode. Does nothing for instructions without a register destination.
 */
void x86_mmio_complete_read(const struct x86_insn *insn, uint64_t *regs,
                            uint64_t value);

#endif /* __ASM_X86_DECODE_H__ */
