/* SPDX-License-Identifier: GPL-2.0-only */
/* Emulated MMIO regions reached through nested page faults (hvm/npf.c). */
#ifndef __ASM_HVM_MMIO_H__
#define __ASM_HVM_MMIO_H__

#include <asm/hvm/exit.h>

struct hvm_mmio_region {
    uint64_t start, end;        /* guest-physical [start, end) */
    hvm_exit_handler_t handle;
};

/* Register at boot; regions must not overlap RAM or each other. */
void hvm_register_mmio(const struct hvm_mmio_region *r);

#endif /* __ASM_HVM_MMIO_H__ */
