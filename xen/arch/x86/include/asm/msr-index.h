/* SPDX-License-Identifier: GPL-2.0-only */
/* Model-specific register numbers and bits the hypervisor itself uses. */
#ifndef __ASM_MSR_INDEX_H__
#define __ASM_MSR_INDEX_H__

#define MSR_EFER                0xc0000080
#define  EFER_SCE               (1U << 0)
#define  EFER_LME               (1U << 8)
#define  EFER_LMA               (1U << 10)
#define  EFER_NXE               (1U << 11)
#define  EFER_SVME              (1U << 12)
#define MSR_STAR                0xc0000081
#define MSR_LSTAR               0xc0000082
#define MSR_CSTAR               0xc0000083
#define MSR_SFMASK              0xc0000084
#define MSR_FS_BASE             0xc0000100
#define MSR_GS_BASE             0xc0000101
#define MSR_KERNEL_GS_BASE      0xc0000102

#define MSR_APIC_BASE           0x0000001b
#define  APIC_BASE_BSP          (1U << 8)
#define  APIC_BASE_EXTD         (1U << 10)
#define  APIC_BASE_ENABLE       (1U << 11)
#define  APIC_BASE_ADDR_MASK    0x000ffffffffff000ULL
#define MSR_TSC_DEADLINE        0x000006e0
#define MSR_X2APIC_FIRST        0x00000800
#define MSR_PAT                 0x00000277
#define MSR_SYSENTER_CS         0x00000174
#define MSR_SYSENTER_ESP        0x00000175
#define MSR_SYSENTER_EIP        0x00000176
#define MSR_IA32_MISC_ENABLE    0x000001a0

#endif /* __ASM_MSR_INDEX_H__ */
