/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exit handlers, one per enum hvm_exit_reason, in topic files under
 * hvm/ (cpuid.c, msr.c, io.c, misc.c, npf.c, vmcall.c); hvm/exit.c holds
 * the table that maps reasons to them.
 */
#ifndef __ASM_HVM_EXIT_H__
#define __ASM_HVM_EXIT_H__

#include <asm/hvm/hvm.h>

typedef enum hvm_exit_action (*hvm_exit_handler_t)(struct vcpu *v,
                                                   const struct hvm_exit *e);

/* Dispatch one exit. Context: v's pCPU, IRQs on. */
enum hvm_exit_action hvm_handle_exit(struct vcpu *v,
                                     const struct hvm_exit *e);

enum hvm_exit_action hvm_handle_cpuid(struct vcpu *v, const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_msr_read(struct vcpu *v,
                                         const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_msr_write(struct vcpu *v,
                                          const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_io(struct vcpu *v, const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_hlt(struct vcpu *v, const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_npf(struct vcpu *v, const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_exception(struct vcpu *v,
                                          const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_triple_fault(struct vcpu *v,
                                             const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_hypercall(struct vcpu *v,
                                          const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_intr_window(struct vcpu *v,
                                            const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_pause(struct vcpu *v, const struct hvm_exit *e);
enum hvm_exit_action hvm_handle_invalid(struct vcpu *v,
                                        const struct hvm_exit *e);

/*
 * Length of the instruction at RIP, decoded from guest memory (no NRIPS
 * under QEMU TCG). Returns 0 if it cannot be fetched or decoded; the
 * caller then crashes the domain.
 */
unsigned int hvm_insn_length(struct vcpu *v);

/*
 * Move RIP past the instruction that exited: the vendor's next RIP when
 * it gave one, else the decoded length. False if neither is known (the
 * caller crashes the domain).
 */
bool hvm_skip_insn(struct vcpu *v, const struct hvm_exit *e);

/* Per-CPU count of exits by reason (debug key 'x'). */
unsigned long hvm_exit_count(unsigned int cpu, enum hvm_exit_reason r);

/* Register debug key 'x'. Context: boot, once. */
void hvm_exit_init(void);

/*
 * Log one line with d's VM exits by reason, summed over its vCPUs.
 * Context: teardown (arch_domain_destroy(), the vCPUs still exist).
 */
void hvm_exit_summary(const struct domain *d);

#endif /* __ASM_HVM_EXIT_H__ */
