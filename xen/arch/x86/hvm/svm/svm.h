/* SPDX-License-Identifier: GPL-2.0-only */
/* Shared between the files of hvm/svm/ only. */
#ifndef __HVM_SVM_SVM_H__
#define __HVM_SVM_SVM_H__

#include <xen/types.h>
#include <asm/hvm/hvm.h>

struct vcpu;
struct vmcb;

struct svm_vcpu {
    struct vmcb *vmcb;          /* [V] */
    paddr_t vmcb_pa;            /* [I] */
    uint32_t asid_cpu;          /* [V] pCPU the ASID belongs to */
    uint64_t asid_gen;          /* [V] that pCPU's generation */
    bool need_flush;            /* [A] p2m changed: take a new ASID */
};

extern const struct hvm_vendor_ops svm_ops;

int svm_cpu_up(void);
void svm_vmrun(struct guest_regs *regs, paddr_t vmcb, paddr_t host_vmcb);
void svm_decode_exit(struct vcpu *v, const struct vmcb *vmcb,
                     struct hvm_exit *e);
int svm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int svm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

#endif /* __HVM_SVM_SVM_H__ */
