/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vendor-neutral face of hardware virtualization. SVM and VMX each
 * fill one const struct hvm_vendor_ops at boot; everything above them
 * (exit handlers, domain building, hypercalls) sees only this file.
 *
 * Exits: the vendor code translates its exit into a struct hvm_exit and
 * hvm/exit.c dispatches it through one table of handlers, each of which
 * returns an enum hvm_exit_action.
 */
#ifndef __ASM_HVM_HVM_H__
#define __ASM_HVM_HVM_H__

#include <xen/types.h>
#include <asm/domain.h>

struct vcpu;
struct domain;

enum hvm_exit_reason {
    HVM_EXIT_NONE,          /* nothing to do (e.g. host interrupt taken) */
    HVM_EXIT_CPUID,
    HVM_EXIT_MSR_READ,
    HVM_EXIT_MSR_WRITE,
    HVM_EXIT_IO,            /* qual: see HVM_IO_* */
    HVM_EXIT_HLT,
    HVM_EXIT_NPF,           /* gpa; qual: HVM_NPF_* */
    HVM_EXIT_TRIPLE_FAULT,
    HVM_EXIT_HYPERCALL,     /* VMMCALL or VMCALL */
    HVM_EXIT_RDTSC,         /* RDTSC or RDTSCP: decode to tell them apart */
    HVM_EXIT_PAUSE,
    HVM_EXIT_INTR_WINDOW,   /* the guest can take an interrupt now */
    HVM_EXIT_INVALID_STATE, /* VM entry refused the guest state */
    HVM_EXIT_EXCEPTION,     /* qual: vector (#DB, #AC); raw_info1: errcode */
    HVM_EXIT_UNHANDLED,     /* an exit we never expect: crash the guest */
    HVM_EXIT_NR
};

enum hvm_exit_action {
    HVM_RESUME,             /* re-enter the guest */
    HVM_INJECTED,           /* an event was queued; re-enter */
    HVM_FORWARD,            /* handed to a device model or back-end */
    HVM_BLOCK,              /* the vCPU blocked: back to the scheduler */
    HVM_CRASH,              /* crash the domain */
};

/* HVM_EXIT_IO qualification. */
#define HVM_IO_IN           (1u << 0)
#define HVM_IO_STRING       (1u << 1)
#define HVM_IO_REP          (1u << 2)
#define HVM_IO_SIZE(q)      (((q) >> 4) & 7)    /* 1, 2 or 4 bytes */
#define HVM_IO_PORT(q)      ((uint16_t)((q) >> 16))

/* HVM_EXIT_NPF qualification. */
#define HVM_NPF_READ        (1u << 0)
#define HVM_NPF_WRITE       (1u << 1)
#define HVM_NPF_FETCH       (1u << 2)
#define HVM_NPF_PRESENT     (1u << 3)   /* the entry existed: permissions */

struct hvm_exit {
    enum hvm_exit_reason reason;
    uint64_t qual;
    uint64_t gpa;           /* NPF */
    uint64_t next_rip;      /* 0: unknown, handlers decode the length */
    uint64_t raw_code;      /* vendor's exit code, for logs */
    uint64_t raw_info1, raw_info2;
};

/* Register state a handler may need besides the GPRs in arch_vcpu. */
struct hvm_cpu_state {
    uint64_t cr0, cr2, cr3, cr4, efer;
    uint64_t cs_base, ss_base, ds_base;
    uint16_t cs_sel;
    uint32_t cs_attr;       /* SVM-style compressed attributes */
    unsigned int cpl;
    unsigned int mode;      /* 16, 32 or 64: code segment width */
};

/* Event types for inject_event. */
#define HVM_EVENT_EXTINT    0
#define HVM_EVENT_NMI       2
#define HVM_EVENT_EXCEPTION 3
#define HVM_EVENT_SOFTINT   4
#define HVM_NO_ERRCODE      (-1)

/* Initial state of a vCPU: PVH's 32-bit flat protected mode. */
struct hvm_initial_state {
    uint32_t eip, ebx, esi;
    uint32_t cr0, cr4;
};

/* A full register state (VCPUOP_initialise). Segment attr: SVM format. */
struct hvm_seg {
    uint16_t sel, attr;
    uint32_t limit;
    uint64_t base;
};

struct hvm_vcpu_context {
    struct guest_regs regs;
    uint64_t cr0, cr3, cr4, efer;
    struct hvm_seg cs, ds, es, ss, fs, gs, tr, ldtr, gdtr, idtr;
};

struct hvm_vendor_ops {
    const char *name;
    /* Enable virtualization on the calling CPU. */
    int (*cpu_up)(void);
    /* Allocate and set up the vendor state of v (paused, not running). */
    int (*vcpu_init)(struct vcpu *v);
    void (*vcpu_destroy)(struct vcpu *v);
    /* Load the PVH/initial register state (also for VCPUOP_initialise). */
    void (*set_initial_state)(struct vcpu *v, const struct hvm_initial_state *s);
    /* Load a full, already validated register state (may be NULL). */
    void (*set_context)(struct vcpu *v, const struct hvm_vcpu_context *c);
    /* Enter the guest until the next exit; fill *e. IRQs off on entry. */
    void (*run)(struct vcpu *v, struct hvm_exit *e);
    /*
     * Optional: v stops running on this pCPU for now (hvm_vcpu_run()
     * returns); it may next run on another pCPU. VMX: VMCLEAR. IRQs on.
     */
    void (*vcpu_leave)(struct vcpu *v);
    /* Queue an event for the next entry. */
    void (*inject_event)(struct vcpu *v, unsigned int vector,
                         unsigned int type, int errcode);
    /* True if the guest can take an external interrupt now. */
    bool (*interrupts_enabled)(struct vcpu *v);
    /* Request (or cancel) an exit as soon as the guest can take one. */
    void (*intr_window)(struct vcpu *v, bool open);
    void (*get_state)(struct vcpu *v, struct hvm_cpu_state *st);
    /* Read/write the guest's EFER/segment MSRs kept in vendor state. */
    int (*msr_read)(struct vcpu *v, uint32_t msr, uint64_t *val);
    int (*msr_write)(struct vcpu *v, uint32_t msr, uint64_t val);
    /* The p2m changed in a way that needs a TLB flush before next entry. */
    void (*flush_guest_tlb)(struct vcpu *v);
    /* Dump vendor state for a crash report. */
    void (*dump)(struct vcpu *v);
};

extern const struct hvm_vendor_ops *hvm_ops;   /* [I] after hvm_init() */

/* Pick SVM or VMX and enable it on the boot CPU. Returns -ENODEV if none. */
int hvm_init(void);
/* Enable on a secondary CPU (called from start_secondary). */
void hvm_cpu_up(void);

/* Give v a clean x87/SSE state (at creation and VCPUOP_initialise). */
void hvm_fpu_init(struct vcpu *v);

/* Run v until it must give up the pCPU. Context: the pCPU's run loop. */
void hvm_vcpu_run(struct vcpu *v);

/* Move RIP past the current instruction (len from exit or decoder). */
void hvm_advance_rip(struct vcpu *v, const struct hvm_exit *e,
                     unsigned int len);
/* Inject #GP(0) / #UD into the guest. */
void hvm_inject_gp(struct vcpu *v);
void hvm_inject_ud(struct vcpu *v);

/*
 * Fetch the instruction at the guest's RIP into buf (up to 15 bytes).
 * Returns the number of bytes read (0 if RIP is unmapped).
 */
unsigned int hvm_fetch_insn(struct vcpu *v, uint8_t *buf, unsigned int len);

/* Print the guest's registers (crash reports). */
void hvm_dump_vcpu(struct vcpu *v);

#endif /* __ASM_HVM_HVM_H__ */
