/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Virtual Machine Control Block (AMD APM vol. 2, appendix B): control
 * area at 0x000, state-save area at 0x400. Offsets are pinned by
 * BUILD_BUG_ON in svm.c. Private to hvm/svm/.
 */
#ifndef __HVM_SVM_VMCB_H__
#define __HVM_SVM_VMCB_H__

#include <xen/types.h>

/* Intercept word 3 (offset 0x00c). */
#define SVM_INT_INTR        (1u << 0)
#define SVM_INT_NMI         (1u << 1)
#define SVM_INT_SMI         (1u << 2)
#define SVM_INT_INIT        (1u << 3)
#define SVM_INT_VINTR       (1u << 4)
#define SVM_INT_RDTSC       (1u << 14)
#define SVM_INT_CPUID       (1u << 18)
#define SVM_INT_INVD        (1u << 22)
#define SVM_INT_PAUSE       (1u << 23)
#define SVM_INT_HLT         (1u << 24)
#define SVM_INT_INVLPGA     (1u << 26)
#define SVM_INT_IOIO        (1u << 27)
#define SVM_INT_MSR         (1u << 28)
#define SVM_INT_TASK_SWITCH (1u << 29)
#define SVM_INT_SHUTDOWN    (1u << 31)
/* Intercept word 4 (offset 0x010). */
#define SVM_INT_VMRUN       (1u << 0)
#define SVM_INT_VMMCALL     (1u << 1)
#define SVM_INT_VMLOAD      (1u << 2)
#define SVM_INT_VMSAVE      (1u << 3)
#define SVM_INT_STGI        (1u << 4)
#define SVM_INT_CLGI        (1u << 5)
#define SVM_INT_SKINIT      (1u << 6)
#define SVM_INT_RDTSCP      (1u << 7)
#define SVM_INT_WBINVD      (1u << 9)
#define SVM_INT_MONITOR     (1u << 10)
#define SVM_INT_MWAIT       (1u << 11)
#define SVM_INT_XSETBV      (1u << 13)

/* Exit codes. */
#define SVM_EXIT_EXCP_BASE  0x040
#define SVM_EXIT_INTR       0x060
#define SVM_EXIT_NMI        0x061
#define SVM_EXIT_SMI        0x062
#define SVM_EXIT_INIT       0x063
#define SVM_EXIT_VINTR      0x064
#define SVM_EXIT_RDTSC      0x06e
#define SVM_EXIT_CPUID      0x072
#define SVM_EXIT_PAUSE      0x077
#define SVM_EXIT_HLT        0x078
#define SVM_EXIT_IOIO       0x07b
#define SVM_EXIT_MSR        0x07c
#define SVM_EXIT_SHUTDOWN   0x07f
#define SVM_EXIT_VMRUN      0x080
#define SVM_EXIT_VMMCALL    0x081
#define SVM_EXIT_RDTSCP     0x087
#define SVM_EXIT_NPF        0x400
#define SVM_EXIT_INVALID    0xffffffffu     /* compare the low 32 bits */

/* EVENTINJ / EXITINTINFO. */
#define SVM_EVENT_VALID     (1u << 31)
#define SVM_EVENT_ERR_VALID (1u << 11)

#define SVM_TLB_FLUSH_NONE  0
#define SVM_TLB_FLUSH_ALL   1

#define SVM_V_IRQ           (1u << 8)
#define SVM_V_INTR_PRIO(p)  ((uint32_t)(p) << 16)
#define SVM_V_IGN_TPR       (1u << 20)
#define SVM_V_INTR_MASKING  (1u << 24)

struct vmcb_seg {
    uint16_t sel;
    uint16_t attr;          /* type:4 S:1 DPL:2 P:1 AVL:1 L:1 DB:1 G:1 */
    uint32_t limit;
    uint64_t base;
} __attribute__((__packed__));

struct vmcb {
    /* ---- control area ---- */
    uint32_t intercept_cr;          /* 0x000 reads 0-15, writes 16-31 */
    uint32_t intercept_dr;          /* 0x004 */
    uint32_t intercept_exc;         /* 0x008 */
    uint32_t intercept_misc3;       /* 0x00c */
    uint32_t intercept_misc4;       /* 0x010 */
    uint32_t intercept_misc5;       /* 0x014 */
    uint8_t  res_018[0x03c - 0x018];
    uint16_t pause_filter_thresh;   /* 0x03c */
    uint16_t pause_filter_count;    /* 0x03e */
    uint64_t iopm_base_pa;          /* 0x040 */
    uint64_t msrpm_base_pa;         /* 0x048 */
    uint64_t tsc_offset;            /* 0x050 */
    uint32_t asid;                  /* 0x058 */
    uint8_t  tlb_control;           /* 0x05c */
    uint8_t  res_05d[3];
    uint32_t int_ctl;               /* 0x060 V_TPR, V_IRQ, V_INTR_MASKING */
    uint32_t int_vector;            /* 0x064 */
    uint64_t int_state;             /* 0x068 bit 0: interrupt shadow */
    uint64_t exitcode;              /* 0x070 */
    uint64_t exitinfo1;             /* 0x078 */
    uint64_t exitinfo2;             /* 0x080 */
    uint64_t exitintinfo;           /* 0x088 */
    uint64_t np_enable;             /* 0x090 bit 0 */
    uint64_t avic_apic_bar;         /* 0x098 */
    uint64_t ghcb_pa;               /* 0x0a0 */
    uint64_t eventinj;              /* 0x0a8 */
    uint64_t n_cr3;                 /* 0x0b0 */
    uint64_t virt_ext;              /* 0x0b8 */
    uint32_t clean_bits;            /* 0x0c0 */
    uint32_t res_0c4;
    uint64_t nrip;                  /* 0x0c8 (not offered by QEMU TCG) */
    uint8_t  insn_len;              /* 0x0d0 */
    uint8_t  insn_bytes[15];
    uint8_t  res_0e0[0x400 - 0x0e0];
    /* ---- state-save area ---- */
    struct vmcb_seg es, cs, ss, ds, fs, gs;     /* 0x400 */
    struct vmcb_seg gdtr, ldtr, idtr, tr;       /* 0x460 */
    uint8_t  res_4a0[0x4cb - 0x4a0];
    uint8_t  cpl;                   /* 0x4cb */
    uint32_t res_4cc;
    uint64_t efer;                  /* 0x4d0 */
    uint8_t  res_4d8[0x548 - 0x4d8];
    uint64_t cr4;                   /* 0x548 */
    uint64_t cr3;                   /* 0x550 */
    uint64_t cr0;                   /* 0x558 */
    uint64_t dr7;                   /* 0x560 */
    uint64_t dr6;                   /* 0x568 */
    uint64_t rflags;                /* 0x570 */
    uint64_t rip;                   /* 0x578 */
    uint8_t  res_580[0x5d8 - 0x580];
    uint64_t rsp;                   /* 0x5d8 */
    uint8_t  res_5e0[0x5f8 - 0x5e0];
    uint64_t rax;                   /* 0x5f8 */
    uint64_t star;                  /* 0x600 */
    uint64_t lstar;                 /* 0x608 */
    uint64_t cstar;                 /* 0x610 */
    uint64_t sfmask;                /* 0x618 */
    uint64_t kernel_gs_base;        /* 0x620 */
    uint64_t sysenter_cs;           /* 0x628 */
    uint64_t sysenter_esp;          /* 0x630 */
    uint64_t sysenter_eip;          /* 0x638 */
    uint64_t cr2;                   /* 0x640 */
    uint8_t  res_648[0x668 - 0x648];
    uint64_t g_pat;                 /* 0x668 */
    uint64_t dbgctl;                /* 0x670 */
    uint8_t  res_678[0x1000 - 0x678];
} __attribute__((__packed__));

#endif /* __HVM_SVM_VMCB_H__ */
