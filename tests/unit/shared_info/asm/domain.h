/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test-local shadow of asm/domain.h for the shared_info test: struct
 * domain/vcpu need an arch part, which the code under test never reads.
 */
#ifndef __ASM_DOMAIN_H__
#define __ASM_DOMAIN_H__

struct arch_domain {
    int unused;
};

struct arch_vcpu {
    int unused;
};

#endif /* __ASM_DOMAIN_H__ */
