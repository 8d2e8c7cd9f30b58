/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls from guests: VMMCALL (AMD) or VMCALL (Intel) exits, either
 * issued directly or through the hypercall page, whose 32-byte stubs are
 * written here. Arguments come from the registers of the guest's current
 * mode; the result goes to RAX. A hypercall from CPL > 0 gets -EPERM, as
 * on Xen.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/vmcall.h>
#include <public/xen.h>

extern const struct hvm_vendor_ops svm_ops;

#define STUB_SIZE 32

int hvm_write_hypercall_page(struct vcpu *v, uint64_t val)
{
    uint8_t page[PAGE_SIZE];
    bool amd = hvm_ops == &svm_ops;
    unsigned int i;

    if ( val & (PAGE_SIZE - 1) )
        return -EPERM;                  /* page index > 0: no such page */
    memset(page, 0xcc, sizeof(page));   /* int3 between stubs */
    for ( i = 0; i < PAGE_SIZE / STUB_SIZE; i++ )
    {
        uint8_t *p = page + i * STUB_SIZE;

        if ( i == __HYPERVISOR_iret )
        {
            p[0] = 0x0f;                /* ud2: PV-only, as on Xen */
            p[1] = 0x0b;
            continue;
        }
        p[0] = 0xb8;                    /* mov $i, %eax */
        memcpy(p + 1, &i, 4);
        p[5] = 0x0f;                    /* vmmcall 0f 01 d9 / vmcall c1 */
        p[6] = 0x01;
        p[7] = amd ? 0xd9 : 0xc1;
        p[8] = 0xc3;                    /* ret */
    }
    if ( copy_to_guest_phys(v->domain, val, page, sizeof(page)) )
        return -EPERM;
    return 0;
}

static void get_args(struct vcpu *v, bool is64, struct hypercall_args *a)
{
    const struct guest_regs *r = &v->arch.regs;

    if ( is64 )
    {
        a->a[0] = r->rdi;
        a->a[1] = r->rsi;
        a->a[2] = r->rdx;
        a->a[3] = r->r10;
        a->a[4] = r->r8;
    }
    else
    {
        a->a[0] = (uint32_t)r->rbx;
        a->a[1] = (uint32_t)r->rcx;
        a->a[2] = (uint32_t)r->rdx;
        a->a[3] = (uint32_t)r->rsi;
        a->a[4] = (uint32_t)r->rdi;
    }
}

static void put_args(struct vcpu *v, bool is64, const struct hypercall_args *a)
{
    struct guest_regs *r = &v->arch.regs;

    if ( is64 )
    {
        r->rdi = a->a[0];
        r->rsi = a->a[1];
        r->rdx = a->a[2];
        r->r10 = a->a[3];
        r->r8 = a->a[4];
    }
    else
    {
        r->rbx = (uint32_t)a->a[0];
        r->rcx = (uint32_t)a->a[1];
        r->rdx = (uint32_t)a->a[2];
        r->rsi = (uint32_t)a->a[3];
        r->rdi = (uint32_t)a->a[4];
    }
}

enum hvm_exit_action hvm_handle_hypercall(struct vcpu *v,
                                          const struct hvm_exit *e)
{
    struct guest_regs *r = &v->arch.regs;
    struct hvm_cpu_state st;
    struct hypercall_args args;
    unsigned long nr;
    long rc;

    hvm_ops->get_state(v, &st);
    /* VMMCALL and VMCALL are both 0f 01 xx: 3 bytes, no prefixes needed. */
    if ( st.cpl )
    {
        r->rax = (unsigned long)-EPERM;
        hvm_advance_rip(v, e, 3);
        return HVM_RESUME;
    }
    nr = st.mode == 64 ? r->rax : (uint32_t)r->rax;
    get_args(v, st.mode == 64, &args);
    rc = hypercall_dispatch(nr, &args);
    if ( rc == -ERESTART )
    {
        put_args(v, st.mode == 64, &args);  /* re-issued on next entry */
        return HVM_RESUME;
    }
    r->rax = st.mode == 64 ? (unsigned long)rc : (uint32_t)rc;
    hvm_advance_rip(v, e, 3);
    return v->domain->state == DOMSTATE_running ? HVM_RESUME : HVM_BLOCK;
}
