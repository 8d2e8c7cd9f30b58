/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VMCS field encodings (SDM Vol3 Appendix B), the control bits we use
 * (SDM Vol3 24.6-24.8), VMX capability MSRs (Appendix A) and basic exit
 * reasons (Appendix C). Numbers only; used by hvm/vmx/ alone.
 */
#ifndef __HVM_VMX_VMCS_H__
#define __HVM_VMX_VMCS_H__

/* 16-bit fields. */
#define VMCS_VPID                   0x0000
#define VMCS_GUEST_ES_SEL           0x0800  /* ES, CS, SS, DS, FS, GS, LDTR,
                                               TR follow, 2 apart */
#define VMCS_HOST_ES_SEL            0x0c00
#define VMCS_HOST_CS_SEL            0x0c02
#define VMCS_HOST_SS_SEL            0x0c04
#define VMCS_HOST_DS_SEL            0x0c06
#define VMCS_HOST_FS_SEL            0x0c08
#define VMCS_HOST_GS_SEL            0x0c0a
#define VMCS_HOST_TR_SEL            0x0c0c

/* 64-bit fields. */
#define VMCS_TSC_OFFSET             0x2010
#define VMCS_EPT_POINTER            0x201a
#define VMCS_GUEST_PHYS_ADDR        0x2400
#define VMCS_LINK_POINTER           0x2800
#define VMCS_GUEST_DEBUGCTL         0x2802
#define VMCS_GUEST_PAT              0x2804
#define VMCS_GUEST_EFER             0x2806
#define VMCS_GUEST_PDPTE0           0x280a  /* PDPTE1-3 follow, 2 apart */
#define VMCS_HOST_PAT               0x2c00
#define VMCS_HOST_EFER              0x2c02

/* 32-bit fields. */
#define VMCS_PIN_CTLS               0x4000
#define VMCS_PROC_CTLS              0x4002
#define VMCS_EXCEPTION_BITMAP       0x4004
#define VMCS_CR3_TARGET_COUNT       0x400a
#define VMCS_EXIT_CTLS              0x400c
#define VMCS_EXIT_MSR_STORE_COUNT   0x400e
#define VMCS_EXIT_MSR_LOAD_COUNT    0x4010
#define VMCS_ENTRY_CTLS             0x4012
#define VMCS_ENTRY_MSR_LOAD_COUNT   0x4014
#define VMCS_ENTRY_INTR_INFO        0x4016
#define VMCS_ENTRY_EXC_ERRCODE      0x4018
#define VMCS_ENTRY_INSN_LEN         0x401a
#define VMCS_PROC_CTLS2             0x401e
#define VMCS_INSN_ERROR             0x4400
#define VMCS_EXIT_REASON            0x4402
#define VMCS_EXIT_INTR_INFO         0x4404
#define VMCS_EXIT_INTR_ERRCODE      0x4406
#define VMCS_IDT_VEC_INFO           0x4408
#define VMCS_IDT_VEC_ERRCODE        0x440a
#define VMCS_EXIT_INSN_LEN          0x440c
#define VMCS_GUEST_ES_LIMIT         0x4800  /* same order as selectors */
#define VMCS_GUEST_GDTR_LIMIT       0x4810
#define VMCS_GUEST_IDTR_LIMIT       0x4812
#define VMCS_GUEST_ES_AR            0x4814  /* same order as selectors */
#define VMCS_GUEST_INTR_STATE       0x4824
#define VMCS_GUEST_ACTIVITY         0x4826
#define VMCS_GUEST_SYSENTER_CS      0x482a
#define VMCS_PREEMPT_TIMER          0x482e
#define VMCS_HOST_SYSENTER_CS       0x4c00

/* Natural-width fields. */
#define VMCS_CR0_MASK               0x6000
#define VMCS_CR4_MASK               0x6002
#define VMCS_CR0_SHADOW             0x6004
#define VMCS_CR4_SHADOW             0x6006
#define VMCS_EXIT_QUAL              0x6400
#define VMCS_GUEST_CR0              0x6800
#define VMCS_GUEST_CR3              0x6802
#define VMCS_GUEST_CR4              0x6804
#define VMCS_GUEST_ES_BASE          0x6806  /* same order as selectors */
#define VMCS_GUEST_GDTR_BASE        0x6816
#define VMCS_GUEST_IDTR_BASE        0x6818
#define VMCS_GUEST_DR7              0x681a
#define VMCS_GUEST_RSP              0x681c
#define VMCS_GUEST_RIP              0x681e
#define VMCS_GUEST_RFLAGS           0x6820
#define VMCS_GUEST_PENDING_DBG      0x6822
#define VMCS_GUEST_SYSENTER_ESP     0x6824
#define VMCS_GUEST_SYSENTER_EIP     0x6826
#define VMCS_HOST_CR0               0x6c00
#define VMCS_HOST_CR3               0x6c02
#define VMCS_HOST_CR4               0x6c04
#define VMCS_HOST_FS_BASE           0x6c06
#define VMCS_HOST_GS_BASE           0x6c08
#define VMCS_HOST_TR_BASE           0x6c0a
#define VMCS_HOST_GDTR_BASE         0x6c0c
#define VMCS_HOST_IDTR_BASE         0x6c0e
#define VMCS_HOST_SYSENTER_ESP      0x6c10
#define VMCS_HOST_SYSENTER_EIP      0x6c12
#define VMCS_HOST_RSP               0x6c14  /* written by entry.S */
#define VMCS_HOST_RIP               0x6c16

/* Guest segment registers: index into the per-kind field groups above. */
enum vmx_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR,
               SEG_TR };
#define VMCS_SEG_SEL(s)     (VMCS_GUEST_ES_SEL + 2 * (s))
#define VMCS_SEG_LIMIT(s)   (VMCS_GUEST_ES_LIMIT + 2 * (s))
#define VMCS_SEG_AR(s)      (VMCS_GUEST_ES_AR + 2 * (s))
#define VMCS_SEG_BASE(s)    (VMCS_GUEST_ES_BASE + 2 * (s))
#define VMX_AR_UNUSABLE     (1u << 16)

/* Pin-based controls. */
#define PIN_EXT_INTR                (1u << 0)
#define PIN_NMI                     (1u << 3)
#define PIN_PREEMPT_TIMER           (1u << 6)
/* Primary processor-based controls. */
#define PROC_INTR_WINDOW            (1u << 2)
#define PROC_TSC_OFFSET             (1u << 3)
#define PROC_HLT                    (1u << 7)
#define PROC_MWAIT                  (1u << 10)
#define PROC_CR3_LOAD               (1u << 15)
#define PROC_CR3_STORE              (1u << 16)
#define PROC_UNCOND_IO              (1u << 24)
#define PROC_MONITOR                (1u << 29)
#define PROC_SECONDARY              (1u << 31)
/* Secondary processor-based controls. */
#define PROC2_EPT                   (1u << 1)
#define PROC2_RDTSCP                (1u << 3)
#define PROC2_VPID                  (1u << 5)
#define PROC2_UNRESTRICTED          (1u << 7)
#define PROC2_INVPCID               (1u << 12)
#define PROC2_XSAVES                (1u << 20)
/* VM-exit controls. */
#define EXIT_HOST_64                (1u << 9)
#define EXIT_SAVE_PAT               (1u << 18)
#define EXIT_LOAD_PAT               (1u << 19)
#define EXIT_SAVE_EFER              (1u << 20)
#define EXIT_LOAD_EFER              (1u << 21)
/* VM-entry controls. */
#define ENTRY_IA32E                 (1u << 9)
#define ENTRY_LOAD_PAT              (1u << 14)
#define ENTRY_LOAD_EFER             (1u << 15)

/* Interruption information (entry, exit, IDT vectoring). */
#define INTR_INFO_VALID             (1u << 31)
#define INTR_INFO_ERR_VALID         (1u << 11)
#define INTR_INFO_TYPE(i)           (((i) >> 8) & 7)
#define INTR_TYPE_EXTINT            0
#define INTR_TYPE_NMI               2
#define INTR_TYPE_HW_EXC            3
#define INTR_TYPE_SOFTINT           4
/* Guest interruptibility state. */
#define INTR_STATE_STI              (1u << 0)
#define INTR_STATE_MOV_SS           (1u << 1)

/* Capability MSRs. */
#define MSR_FEATURE_CONTROL         0x0000003a
#define  FEATURE_CONTROL_LOCK       (1u << 0)
#define  FEATURE_CONTROL_VMXON      (1u << 2)   /* outside SMX */
#define MSR_VMX_BASIC               0x00000480
#define  VMX_BASIC_TRUE_CTLS        (1ULL << 55)
#define MSR_VMX_PINBASED            0x00000481
#define MSR_VMX_PROCBASED           0x00000482
#define MSR_VMX_EXIT                0x00000483
#define MSR_VMX_ENTRY               0x00000484
#define MSR_VMX_MISC                0x00000485
#define  VMX_MISC_TIMER_RATE(m)     ((m) & 0x1f)  /* TSC >> rate */
#define  VMX_MISC_SAVES_LMA         (1u << 5)
#define MSR_VMX_CR0_FIXED0          0x00000486
#define MSR_VMX_CR0_FIXED1          0x00000487
#define MSR_VMX_CR4_FIXED0          0x00000488
#define MSR_VMX_CR4_FIXED1          0x00000489
#define MSR_VMX_PROCBASED2          0x0000048b
#define MSR_VMX_EPT_VPID_CAP        0x0000048c
#define  EPT_CAP_WALK4              (1ULL << 6)
#define  EPT_CAP_WB                 (1ULL << 14)
#define  EPT_CAP_INVEPT             (1ULL << 20)
#define  EPT_CAP_INVEPT_SINGLE      (1ULL << 25)
#define  EPT_CAP_INVEPT_ALL         (1ULL << 26)
#define  VPID_CAP_INVVPID           (1ULL << 32)
#define  VPID_CAP_INVVPID_SINGLE    (1ULL << 41)
#define  VPID_CAP_INVVPID_ALL       (1ULL << 42)
#define MSR_VMX_TRUE_PINBASED       0x0000048d
#define MSR_VMX_TRUE_PROCBASED      0x0000048e
#define MSR_VMX_TRUE_EXIT           0x0000048f
#define MSR_VMX_TRUE_ENTRY          0x00000490

/* Basic exit reasons (low 16 bits of the exit-reason field). */
#define EXIT_REASON_FAILED_ENTRY    (1u << 31)
#define EXIT_EXC_NMI                0
#define EXIT_EXT_INTR               1
#define EXIT_TRIPLE_FAULT           2
#define EXIT_INIT                   3
#define EXIT_SIPI                   4
#define EXIT_INTR_WINDOW            7
#define EXIT_CPUID                  10
#define EXIT_HLT                    12
#define EXIT_RDTSC                  16
#define EXIT_VMCALL                 18
#define EXIT_CR_ACCESS              28
#define EXIT_IO                     30
#define EXIT_RDMSR                  31
#define EXIT_WRMSR                  32
#define EXIT_INVALID_STATE          33
#define EXIT_MSR_LOADING            34
#define EXIT_PAUSE                  40
#define EXIT_MCE_ENTRY              41
#define EXIT_EPT_VIOLATION          48
#define EXIT_EPT_MISCONFIG          49
#define EXIT_RDTSCP                 51
#define EXIT_PREEMPT_TIMER          52

/* EPTP: write-back paging structures, 4-level walk (SDM Vol3 24.6.11). */
#define EPTP_WB_WALK4               (6u | (3u << 3))

#endif /* __HVM_VMX_VMCS_H__ */
