/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SVM exit decoding into the vendor-neutral struct hvm_exit, and the
 * guest MSRs that live in the VMCB (EFER, segment bases, syscall MSRs).
 * QEMU TCG offers no NRIPS or decode assists: only IOIO exits carry the
 * next RIP (EXITINFO2); other lengths come from the decoder in hvm/.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include "svm.h"
#include "vmcb.h"

#define IOIO_IN         (1u << 0)
#define IOIO_STR        (1u << 2)
#define IOIO_REP        (1u << 3)
#define IOIO_SZ8        (1u << 4)
#define IOIO_SZ16       (1u << 5)
#define IOIO_SZ32       (1u << 6)

static uint64_t decode_ioio(uint64_t info1)
{
    unsigned int size = (info1 & IOIO_SZ32) ? 4 : (info1 & IOIO_SZ16) ? 2 : 1;
    uint64_t q = (uint64_t)(uint16_t)(info1 >> 16) << 16;

    q |= (uint64_t)size << 4;
    if ( info1 & IOIO_IN )
        q |= HVM_IO_IN;
    if ( info1 & IOIO_STR )
        q |= HVM_IO_STRING;
    if ( info1 & IOIO_REP )
        q |= HVM_IO_REP;
    return q;
}

/* NPF error code (EXITINFO1): bit 0 present, 1 write, 4 fetch. */
static uint64_t decode_npf(uint64_t info1)
{
    uint64_t q = (info1 & 2) ? HVM_NPF_WRITE : HVM_NPF_READ;

    if ( info1 & 1 )
        q |= HVM_NPF_PRESENT;
    if ( info1 & 0x10 )
        q |= HVM_NPF_FETCH;
    return q;
}

void svm_decode_exit(struct vcpu *v, const struct vmcb *vmcb,
                     struct hvm_exit *e)
{
    uint32_t code = (uint32_t)vmcb->exitcode;

    memset(e, 0, sizeof(*e));
    e->raw_code = vmcb->exitcode;
    e->raw_info1 = vmcb->exitinfo1;
    e->raw_info2 = vmcb->exitinfo2;
    switch ( code )
    {
    case SVM_EXIT_INTR:
    case SVM_EXIT_NMI:          /* taken by the host after STGI */
    case SVM_EXIT_SMI:
        e->reason = HVM_EXIT_NONE;
        break;
    case SVM_EXIT_VINTR:    e->reason = HVM_EXIT_INTR_WINDOW; break;
    case SVM_EXIT_CPUID:    e->reason = HVM_EXIT_CPUID; break;
    case SVM_EXIT_HLT:      e->reason = HVM_EXIT_HLT; break;
    case SVM_EXIT_VMMCALL:  e->reason = HVM_EXIT_HYPERCALL; break;
    case SVM_EXIT_SHUTDOWN: e->reason = HVM_EXIT_TRIPLE_FAULT; break;
    case SVM_EXIT_PAUSE:    e->reason = HVM_EXIT_PAUSE; break;
    case SVM_EXIT_RDTSC:
    case SVM_EXIT_RDTSCP:   e->reason = HVM_EXIT_RDTSC; break;
    case SVM_EXIT_MSR:
        e->reason = vmcb->exitinfo1 ? HVM_EXIT_MSR_WRITE : HVM_EXIT_MSR_READ;
        break;
    case SVM_EXIT_IOIO:
        e->reason = HVM_EXIT_IO;
        e->qual = decode_ioio(vmcb->exitinfo1);
        e->next_rip = vmcb->exitinfo2;
        break;
    case SVM_EXIT_NPF:
        e->reason = HVM_EXIT_NPF;
        e->gpa = vmcb->exitinfo2;
        e->qual = decode_npf(vmcb->exitinfo1);
        break;
    case SVM_EXIT_INVALID:
        e->reason = HVM_EXIT_INVALID_STATE;
        break;
    case SVM_EXIT_EXCP_BASE + 1:        /* #DB: DR6 is in the VMCB already */
    case SVM_EXIT_EXCP_BASE + 17:       /* #AC: EXITINFO1 = error code */
        e->reason = HVM_EXIT_EXCEPTION;
        e->qual = code - SVM_EXIT_EXCP_BASE;
        break;
    default:
        e->reason = HVM_EXIT_UNHANDLED;
        break;
    }
}

#define EFER_GUEST_MASK (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)
#define MSR_TSC_COUNTER 0x00000010u  /* the guest's TSC: host + tsc_offset */

int svm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    switch ( msr )
    {
    case MSR_EFER:          *val = vmcb->efer & EFER_GUEST_MASK; break;
    case MSR_FS_BASE:       *val = vmcb->fs.base; break;
    case MSR_GS_BASE:       *val = vmcb->gs.base; break;
    case MSR_KERNEL_GS_BASE: *val = vmcb->kernel_gs_base; break;
    case MSR_STAR:          *val = vmcb->star; break;
    case MSR_LSTAR:         *val = vmcb->lstar; break;
    case MSR_CSTAR:         *val = vmcb->cstar; break;
    case MSR_SFMASK:        *val = vmcb->sfmask; break;
    case MSR_SYSENTER_CS:   *val = vmcb->sysenter_cs; break;
    case MSR_SYSENTER_ESP:  *val = vmcb->sysenter_esp; break;
    case MSR_SYSENTER_EIP:  *val = vmcb->sysenter_eip; break;
    case MSR_PAT:           *val = vmcb->g_pat; break;
    case MSR_TSC_COUNTER:   *val = rdtsc() + vmcb->tsc_offset; break;
    default:                return -ENOENT;
    }
    return 0;
}

static bool is_canonical(uint64_t a)
{
    return (uint64_t)(((int64_t)a << 16) >> 16) == a;
}

/* Returns 0, -ENOENT (not a VMCB MSR) or -EINVAL (inject #GP). */
int svm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmcb *vmcb = ((struct svm_vcpu *)v->arch.vendor)->vmcb;

    switch ( msr )
    {
    case MSR_EFER:
        if ( val & ~(uint64_t)(EFER_SCE | EFER_LME | EFER_NXE | EFER_LMA) )
            return -EINVAL;
        /* LMA is the CPU's to set; keep its current value, force SVME. */
        vmcb->efer = (val & ~(uint64_t)EFER_LMA) |
                     (vmcb->efer & EFER_LMA) | EFER_SVME;
        break;
    case MSR_FS_BASE:
    case MSR_GS_BASE:
    case MSR_KERNEL_GS_BASE:
    case MSR_LSTAR:
    case MSR_CSTAR:
    case MSR_SYSENTER_ESP:
    case MSR_SYSENTER_EIP:
        if ( !is_canonical(val) )
            return -EINVAL;
        if ( msr == MSR_FS_BASE )
            vmcb->fs.base = val;
        else if ( msr == MSR_GS_BASE )
            vmcb->gs.base = val;
        else if ( msr == MSR_KERNEL_GS_BASE )
            vmcb->kernel_gs_base = val;
        else if ( msr == MSR_LSTAR )
            vmcb->lstar = val;
        else if ( msr == MSR_CSTAR )
            vmcb->cstar = val;
        else if ( msr == MSR_SYSENTER_ESP )
            vmcb->sysenter_esp = val;
        else
            vmcb->sysenter_eip = val;
        break;
    case MSR_STAR:          vmcb->star = val; break;
    case MSR_SFMASK:        vmcb->sfmask = val; break;
    case MSR_SYSENTER_CS:   vmcb->sysenter_cs = val; break;
    case MSR_TSC_COUNTER:   vmcb->tsc_offset = val - rdtsc(); break;
    case MSR_PAT:
        /* Each byte must be a valid memory type: 0, 1, 4, 5, 6 or 7. */
        for ( unsigned int i = 0; i < 8; i++ )
        {
            uint8_t t = (uint8_t)(val >> (i * 8));

            if ( t > 7 || t == 2 || t == 3 )
                return -EINVAL;
        }
        vmcb->g_pat = val;
        break;
    default:
        return -ENOENT;
    }
    return 0;
}
