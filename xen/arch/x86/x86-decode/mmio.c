/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO helpers over a decoded instruction: the effective address, size,
 * direction and written value of a MOV-class access (x86_mmio_decode), and
 * the register write-back of a completed read (x86_mmio_complete_read).
 * Read-modify-write instructions are identified but left to the caller.
 */
#include <xen/errno.h>
#include "decode.h"

static uint64_t addr_mask(unsigned int bytes)
{
    return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/* Value of a register operand of size bytes (AH..BH without REX). */
static uint64_t reg_read(const struct x86_insn *insn, const uint64_t *regs,
                         unsigned int reg, unsigned int size)
{
    if ( size == 1 && reg >= 4 && reg < 8 && !insn->rex )
        return (regs[reg - 4] >> 8) & 0xff;
    return regs[reg & 15] & addr_mask(size);
}

static void reg_write(const struct x86_insn *insn, uint64_t *regs,
                      unsigned int reg, unsigned int size, uint64_t val)
{
    uint64_t *r;

    if ( size == 1 && reg >= 4 && reg < 8 && !insn->rex )
    {
        r = &regs[reg - 4];
        *r = (*r & ~0xff00ULL) | ((val & 0xff) << 8);
        return;
    }
    r = &regs[reg & 15];
    if ( size == 8 || (size == 4 && insn->mode == 64) )
        *r = val & addr_mask(size);     /* 32-bit writes zero 63:32 */
    else
        *r = (*r & ~addr_mask(size)) | (val & addr_mask(size));
}

static uint64_t effective_addr(const struct x86_insn *insn,
                               const uint64_t *regs, uint64_t rip)
{
    const struct x86_mem *m = &insn->mem;
    uint64_t ea = m->disp;

    if ( m->rip_rel )
        ea += rip + insn->len;
    if ( m->base != X86_REG_NONE )
        ea += regs[m->base];
    if ( m->index != X86_REG_NONE )
        ea += regs[m->index] * m->scale;
    return ea & addr_mask(insn->addr_size);
}

static void string_access(const struct x86_insn *insn, const uint64_t *regs,
                          struct x86_mmio_access *acc)
{
    uint64_t amask = addr_mask(insn->addr_size);

    acc->string = true;
    acc->write = true;
    acc->seg = X86_SEG_ES;              /* ES:rDI cannot be overridden */
    acc->addr = regs[X86_RDI] & amask;
    acc->rep = insn->prefixes & (X86_PFX_REP | X86_PFX_REPNE);
    acc->count = acc->rep ? regs[X86_RCX] & amask : 1;
    if ( insn->kind == X86_INSN_STOS )
        acc->value = regs[X86_RAX] & addr_mask(acc->size);
    else
    {
        acc->src_seg = insn->prefixes & X86_PFX_SEG ? insn->seg : X86_SEG_DS;
        acc->src_addr = regs[X86_RSI] & amask;
    }
}

int x86_mmio_decode(const struct x86_insn *insn, const uint64_t regs[16],
                    uint64_t rip, struct x86_mmio_access *acc)
{
    *acc = (struct x86_mmio_access){ .size = insn->op_size, .count = 1 };

    switch ( insn->kind )
    {
    case X86_INSN_STOS:
    case X86_INSN_MOVS:
        string_access(insn, regs, acc);
        return 0;
    case X86_INSN_MOV:
    case X86_INSN_MOV_IMM:
    case X86_INSN_MOVZX:
    case X86_INSN_MOVSX:
    case X86_INSN_MOV_MOFFS:
        break;
    default:
        return -EOPNOTSUPP;
    }
    if ( !insn->mem.present )
        return -EINVAL;

    acc->seg = insn->mem.seg;
    acc->addr = effective_addr(insn, regs, rip);
    switch ( insn->kind )
    {
    case X86_INSN_MOV:                  /* 88/89 store, 8A/8B load */
        acc->write = !(insn->opcode & 2);
        if ( acc->write )
            acc->value = reg_read(insn, regs, insn->reg, acc->size);
        break;
    case X86_INSN_MOV_IMM:              /* imm32 sign-extends to 64 */
        acc->write = true;
        acc->value = (uint64_t)((int64_t)(int32_t)insn->imm) &
                     addr_mask(acc->size);
        break;
    case X86_INSN_MOVZX:
    case X86_INSN_MOVSX:
        acc->size = (insn->opcode & 1) ? 2 : 1;
        break;
    default:                            /* A0/A1 load, A2/A3 store */
        acc->write = insn->opcode & 2;
        if ( acc->write )
            acc->value = reg_read(insn, regs, X86_RAX, acc->size);
        break;
    }
    return 0;
}

void x86_mmio_complete_read(const struct x86_insn *insn, uint64_t *regs,
                            uint64_t value)
{
    unsigned int src;

    switch ( insn->kind )
    {
    case X86_INSN_MOV:
        if ( insn->opcode & 2 )
            reg_write(insn, regs, insn->reg, insn->op_size, value);
        break;
    case X86_INSN_MOV_MOFFS:
        if ( !(insn->opcode & 2) )
            reg_write(insn, regs, X86_RAX, insn->op_size, value);
        break;
    case X86_INSN_MOVZX:
    case X86_INSN_MOVSX:
        src = (insn->opcode & 1) ? 2 : 1;
        value &= addr_mask(src);
        if ( insn->kind == X86_INSN_MOVSX )
            value = (uint64_t)((int64_t)(value << (64 - 8 * src)) >>
                               (64 - 8 * src));
        reg_write(insn, regs, insn->reg, insn->op_size,
                  value & addr_mask(insn->op_size));
        break;
    default:
        break;
    }
}
