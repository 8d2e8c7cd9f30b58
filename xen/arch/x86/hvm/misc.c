/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small exits: HLT (block until an event or a timer; with interrupts off
 * the vCPU goes down, as on Xen), PAUSE, triple fault
 * (a reboot, as on Xen), and VM entries refused for invalid guest state
 * (the domain crashes with a dump).
 */
#include <xen/lib.h>
#include <xen/domain.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/intr.h>
#include <asm/system.h>
#include <public/xen.h>

enum hvm_exit_action hvm_handle_hlt(struct vcpu *v, const struct hvm_exit *e)
{
    if ( !hvm_skip_insn(v, e) )
        return HVM_CRASH;
    /*
     * As Xen's hvm_hlt(): a halt with IF=0 can only end with an NMI, so
     * it means "this vCPU is done": take it down (the last one powers
     * the domain off).
     */
    if ( !(v->arch.regs.rflags & X86_EFLAGS_IF) )
    {
        vcpu_down(v);
        return HVM_BLOCK;
    }
    /*
     * Sleep unless an interrupt could wake the vCPU at once. A source
     * that becomes pending later unblocks it (its state is set before the
     * unblock, so checking after vcpu_block() closes the race).
     */
    vcpu_block(v);
    if ( hvm_intr_pending(v) )
        vcpu_unblock(v);
    return HVM_BLOCK;
}

/* The window opened: the next hvm_intr_assist() injects. */
enum hvm_exit_action hvm_handle_intr_window(struct vcpu *v,
                                            const struct hvm_exit *e)
{
    hvm_ops->intr_window(v, false);
    return HVM_RESUME;
}

enum hvm_exit_action hvm_handle_pause(struct vcpu *v, const struct hvm_exit *e)
{
    if ( !hvm_skip_insn(v, e) )
        return HVM_CRASH;
    return HVM_RESUME;
}

/*
 * Xen treats a triple fault of an HVM/PVH guest as SHUTDOWN_reboot
 * (HVM_PARAM_TRIPLE_FAULT_REASON), so on_reboot decides what follows.
 */
enum hvm_exit_action hvm_handle_triple_fault(struct vcpu *v,
                                             const struct hvm_exit *e)
{
    printk(XENLOG_WARNING "d%uv%u: triple fault; treating it as a reboot "
           "request, as Xen does\n", v->domain->domain_id, v->vcpu_id);
    hvm_dump_vcpu(v);
    domain_shutdown(v->domain, SHUTDOWN_reboot);
    return HVM_BLOCK;
}

enum hvm_exit_action hvm_handle_invalid(struct vcpu *v,
                                        const struct hvm_exit *e)
{
    printk(XENLOG_ERR "d%uv%u: VM entry refused the guest state; crashing "
           "the domain\n", v->domain->domain_id, v->vcpu_id);
    hvm_dump_vcpu(v);
    return HVM_CRASH;
}
