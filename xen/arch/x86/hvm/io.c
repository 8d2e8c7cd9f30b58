/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O exits. A PVH guest has almost no emulated devices: port 0xe9
 * is the debug console (as on Xen), PIT channel 2 and port 0x61 are
 * modelled (vpit2.c: kernels time it to measure the CPU clock), every
 * other port reads as all ones and ignores writes, and both are logged
 * with a per-domain rate limit.
 * String forms (INS/OUTS) are completed the same way, a bounded number of
 * iterations per exit so that a huge REP count cannot hog the pCPU.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/guest-console.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/guest-walk.h>
#include <asm/hvm/exit.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vpit2.h>

#define DEBUG_CONSOLE_PORT  0xe9
#define LOG_FIRST           8       /* log this many, then every 1000th */
#define STRING_BATCH        1024    /* iterations per exit */

static void log_unhandled(struct vcpu *v, uint16_t port, bool in,
                          unsigned int size)
{
    unsigned int n = __atomic_fetch_add(&v->domain->arch.unhandled_logged,
                                        1, __ATOMIC_RELAXED);

    if ( n < LOG_FIRST || n % 1000 == 0 )
        printk(XENLOG_WARNING "d%uv%u: unhandled %s of %u byte%s at port "
               "%#x, rip %#lx (%s; %u such accesses so far)\n",
               v->domain->domain_id, v->vcpu_id, in ? "read" : "write",
               size, size > 1 ? "s" : "", port,
               (unsigned long)v->arch.regs.rip,
               in ? "reads as all ones" : "dropped", n + 1);
}

static uint32_t port_read(struct vcpu *v, uint16_t port, unsigned int size)
{
    struct arch_domain *a = &v->domain->arch;

    if ( vpit2_claims(port, true, size, 0) )
    {
        uint8_t val;

        spin_lock(&a->vpit2_lock);
        val = vpit2_read(&a->vpit2, port, NOW());
        spin_unlock(&a->vpit2_lock);
        return val;
    }
    log_unhandled(v, port, true, size);
    return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
}

static void port_write(struct vcpu *v, uint16_t port, unsigned int size,
                       uint32_t val)
{
    if ( port == DEBUG_CONSOLE_PORT )
    {
        char c = (char)val;

        guest_console_write(v->domain, &c, 1);
        return;
    }
    if ( vpit2_claims(port, false, size, (uint8_t)val) )
    {
        struct arch_domain *a = &v->domain->arch;

        spin_lock(&a->vpit2_lock);
        vpit2_write(&a->vpit2, port, (uint8_t)val, NOW());
        spin_unlock(&a->vpit2_lock);
        return;
    }
    log_unhandled(v, port, false, size);
}

/*
 * One element of INS/OUTS between val and guest-virtual gva, with the
 * rights of the instruction's privilege level: at CPL 3 (a process given
 * the port by the kernel) the page must be user-accessible, as for the
 * real access. Returns 0 or -EFAULT.
 */
static int string_elem(struct vcpu *v, uint64_t gva, uint32_t *val,
                       unsigned int size, bool in, bool user)
{
    unsigned int done = 0;

    if ( !user )
        return in ? copy_to_guest_virt(v, gva, val, size)
                  : copy_from_guest_virt(v, val, gva, size);
    while ( done < size )
    {
        unsigned int n = min(size - done,
                             (unsigned int)(PAGE_SIZE - ((gva + done) &
                                                         (PAGE_SIZE - 1))));
        uint64_t gpa;

        if ( guest_walk_vcpu(v, gva + done, GW_USER | (in ? GW_WRITE : 0),
                             &gpa) )
            return -EFAULT;
        if ( in ? copy_to_guest_phys(v->domain, gpa, (char *)val + done, n)
                : copy_from_guest_phys(v->domain, (char *)val + done, gpa,
                                       n) )
            return -EFAULT;
        done += n;
    }
    return 0;
}

/*
 * INS/OUTS in a flat segment model (PVH guests run with flat segments;
 * segment bases other than 0 are not applied). Returns false if the
 * guest's buffer is not mapped: it gets #GP, as a faulting access would;
 * the elements done before stay done (RCX counts them).
 */
static bool do_string_io(struct vcpu *v, const struct hvm_exit *e,
                         unsigned int size, uint16_t port)
{
    struct guest_regs *r = &v->arch.regs;
    bool rep = e->qual & HVM_IO_REP, in = e->qual & HVM_IO_IN, ok = true;
    uint64_t count = rep ? r->rcx : 1, done;
    long step = (r->rflags & (1u << 10)) ? -(long)size : (long)size;
    struct hvm_cpu_state st;

    hvm_ops->get_state(v, &st);
    for ( done = 0; done < count && done < STRING_BATCH; done++ )
    {
        uint32_t val = 0;

        if ( in )
        {
            val = port_read(v, port, size);
            if ( string_elem(v, r->rdi, &val, size, true, st.cpl == 3) )
            {
                ok = false;
                break;
            }
            r->rdi += step;
        }
        else
        {
            if ( string_elem(v, r->rsi, &val, size, false, st.cpl == 3) )
            {
                ok = false;
                break;
            }
            port_write(v, port, size, val);
            r->rsi += step;
        }
    }
    if ( rep )
        r->rcx -= done;
    if ( !ok )
        return false;
    /* Unfinished REP: leave RIP alone so the guest re-executes it. */
    if ( rep && r->rcx )
        return true;
    r->rip = e->next_rip;
    return true;
}

enum hvm_exit_action hvm_handle_io(struct vcpu *v, const struct hvm_exit *e)
{
    unsigned int size = HVM_IO_SIZE(e->qual);
    uint16_t port = HVM_IO_PORT(e->qual);
    struct guest_regs *r = &v->arch.regs;

    if ( size != 1 && size != 2 && size != 4 )
        return HVM_CRASH;
    if ( e->qual & HVM_IO_STRING )
    {
        if ( do_string_io(v, e, size, port) )
            return HVM_RESUME;
        hvm_inject_gp(v);
        return HVM_INJECTED;
    }
    if ( e->qual & HVM_IO_IN )
    {
        uint64_t mask = size == 4 ? 0xffffffffULL : (1ULL << (size * 8)) - 1;
        uint32_t val = port_read(v, port, size);

        /* IN to AL/AX merges; IN to EAX zero-extends into RAX. */
        if ( size == 4 )
            r->rax = val;
        else
            r->rax = (r->rax & ~mask) | (val & mask);
    }
    else
        port_write(v, port, size, (uint32_t)r->rax);
    hvm_advance_rip(v, e, 0);
    return HVM_RESUME;
}
