/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Identification of decoded instructions: sets insn->kind for the
 * instructions the hypervisor intercepts or emulates for MMIO, so exit
 * handlers can check what the guest really executed (QEMU TCG reports an
 * intercepted RDTSCP with the RDTSC exit code, for one).
 */
#include "decode.h"

static uint8_t classify_1b(const struct x86_insn *insn)
{
    uint8_t op = insn->opcode;

    if ( op < 0x40 && (op & 7) < 6 )
        return X86_INSN_ALU;
    switch ( op )
    {
    case 0x80 ... 0x83: return X86_INSN_ALU;
    case 0x84: case 0x85: return X86_INSN_TEST;
    case 0x86: case 0x87: return X86_INSN_XCHG;
    case 0x88 ... 0x8b: return X86_INSN_MOV;
    case 0x90:
        return (insn->simd_pfx == 0xf3 && !insn->rex_b) ? X86_INSN_PAUSE
                                                          : X86_INSN_OTHER;
    case 0xa0 ... 0xa3: return X86_INSN_MOV_MOFFS;
    case 0xa4: case 0xa5: return X86_INSN_MOVS;
    case 0xaa: case 0xab: return X86_INSN_STOS;
    case 0xc6: case 0xc7:
        return insn->reg_field == 0 ? X86_INSN_MOV_IMM : X86_INSN_OTHER;
    case 0xe4: case 0xe5: case 0xec: case 0xed: return X86_INSN_IN;
    case 0xe6: case 0xe7: case 0xee: case 0xef: return X86_INSN_OUT;
    case 0x6c: case 0x6d: return X86_INSN_INS;
    case 0x6e: case 0x6f: return X86_INSN_OUTS;
    case 0xf4: return X86_INSN_HLT;
    case 0xf6: case 0xf7:
        return insn->reg_field < 2 ? X86_INSN_TEST : X86_INSN_OTHER;
    default: return X86_INSN_OTHER;
    }
}

/* 0F 01 with mod == 3: the register forms are distinct instructions. */
static uint8_t classify_0f01(const struct x86_insn *insn)
{
    if ( insn->mod != 3 )
        return insn->reg_field == 7 ? X86_INSN_INVLPG : X86_INSN_OTHER;
    switch ( insn->modrm )
    {
    case 0xc1: return X86_INSN_VMCALL;
    case 0xc8: return X86_INSN_MONITOR;
    case 0xc9: return X86_INSN_MWAIT;
    case 0xd1: return X86_INSN_XSETBV;
    case 0xd9: return X86_INSN_VMMCALL;
    case 0xf9: return X86_INSN_RDTSCP;
    default: return X86_INSN_OTHER;
    }
}

static uint8_t classify_0f(const struct x86_insn *insn)
{
    switch ( insn->opcode )
    {
    case 0x01: return classify_0f01(insn);
    case 0x08: return X86_INSN_INVD;
    case 0x09: return X86_INSN_WBINVD;
    case 0x20: return X86_INSN_MOV_FROM_CR;
    case 0x22: return X86_INSN_MOV_TO_CR;
    case 0x30: return X86_INSN_WRMSR;
    case 0x31: return X86_INSN_RDTSC;
    case 0x32: return X86_INSN_RDMSR;
    case 0xa2: return X86_INSN_CPUID;
    case 0xa3: case 0xab: case 0xb3: case 0xbb: return X86_INSN_BT;
    case 0xba:
        return insn->reg_field >= 4 ? X86_INSN_BT : X86_INSN_OTHER;
    case 0xb6: case 0xb7: return X86_INSN_MOVZX;
    case 0xbe: case 0xbf: return X86_INSN_MOVSX;
    default: return X86_INSN_OTHER;
    }
}

void x86d_classify(struct x86_insn *insn)
{
    if ( insn->prefixes & (X86_PFX_VEX | X86_PFX_EVEX | X86_PFX_XOP) )
        insn->kind = X86_INSN_OTHER;
    else if ( insn->map == X86_MAP_1B )
        insn->kind = classify_1b(insn);
    else if ( insn->map == X86_MAP_0F )
        insn->kind = classify_0f(insn);
    else
        insn->kind = X86_INSN_OTHER;
}
