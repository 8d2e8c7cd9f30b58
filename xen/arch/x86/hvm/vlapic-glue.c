/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated local APIC, hypervisor side: per-vCPU allocation, the
 * environment the register model needs (clock, a per-vCPU timer, the
 * domain's other APICs, kicks), INIT/SIPI starting a vCPU in real mode,
 * the interrupt source for hvm/intr.c and the MSR entry points. The
 * APIC page's MMIO emulation is in vlapic-mmio.c.
 * Locking: the model's (asm/hvm/vlapic-model.h); SIPI takes the domain's
 * domain_lock to load the target's state, as VCPUOP_initialise does.
 */
#include <xen/lib.h>
#include <xen/bitops.h>
#include <xen/domain.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/sched-api.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/intr.h>
#include <asm/hvm/mmio.h>
#include <asm/hvm/vlapic.h>
#include <asm/hvm/vlapic-model.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/system.h>
#include <asm/time.h>

#define SIPI_WAIT_NS        MILLISECS(10)   /* target still leaving */
#define MSR_TSC_NR          0x10u

static struct vcpu *owner(const struct vlapic *vl)
{
    return vl->owner;
}

/* --- Environment of the model --- */

s_time_t vlapic_env_now(void)
{
    return NOW();
}

void vlapic_env_timer_set(struct vlapic *vl, s_time_t expires)
{
    /* Keep the timer on the pCPU that runs the vCPU when it arms it. */
    if ( current == owner(vl) )
        migrate_timer(&vl->timer, smp_processor_id());
    set_timer(&vl->timer, expires);
}

void vlapic_env_timer_stop(struct vlapic *vl)
{
    /* Also reached from vlapic_model_init(), before init_timer(). */
    if ( timer_is_active(&vl->timer) )
        stop_timer(&vl->timer);
}

s_time_t vlapic_env_tsc_to_stime(struct vlapic *vl, uint64_t tsc)
{
    uint64_t guest_tsc;
    int64_t delta;
    s_time_t now = NOW();

    if ( hvm_ops->msr_read(owner(vl), MSR_TSC_NR, &guest_tsc) )
        guest_tsc = rdtsc();
    delta = (int64_t)(tsc - guest_tsc);
    if ( delta <= 0 || !cpu_khz )
        return now;
    /* ns = ticks * 10^6 / kHz; far deadlines are capped at ~146 years. */
    if ( (uint64_t)delta > (1ULL << 62) / 1000000 )
        return STIME_MAX / 2;
    return now + (s_time_t)((uint64_t)delta * 1000000 / cpu_khz);
}

void vlapic_env_kick(struct vlapic *vl)
{
    hvm_intr_kick(owner(vl));
}

void vlapic_env_sw_enabled(struct vlapic *vl)
{
    hvm_evtchn_apic_enabled(owner(vl));
}

unsigned int vlapic_env_nr_peers(struct vlapic *vl)
{
    return owner(vl)->domain->max_vcpus;
}

struct vlapic *vlapic_env_peer(struct vlapic *vl, unsigned int i)
{
    const struct vcpu *t = owner(vl)->domain->vcpu[i];

    return t ? t->arch.vlapic : NULL;
}

/*
 * INIT: the target waits for a STARTUP. A running target goes down now
 * (it stops at its next exit); its APIC is reset when the SIPI loads
 * the new state, once it no longer runs.
 */
void vlapic_env_init(struct vlapic *target)
{
    struct vcpu *t = owner(target);

    __atomic_store_n(&target->wait_for_sipi, true, __ATOMIC_RELEASE);
    if ( !test_and_set_bit(VPF_down, &t->pause_flags) )
        vcpu_sleep_nosync(t);
}

/* Real mode at vector:0000, as a CPU leaves wait-for-SIPI (SDM 8.4.4.1). */
static void sipi_context(struct hvm_vcpu_context *c, unsigned int vector)
{
    static const struct hvm_seg data = { 0, 0x93, 0xffff, 0 };

    memset(c, 0, sizeof(*c));
    c->regs.rflags = 0x2;
    c->cr0 = 0x10;                      /* ET; caches on, as Xen does */
    c->cs.sel = (uint16_t)(vector << 8);
    c->cs.base = (uint64_t)vector << 12;
    c->cs.limit = 0xffff;
    c->cs.attr = 0x9b;                  /* P, S, code: execute/read, acc. */
    c->ds = c->es = c->ss = c->fs = c->gs = data;
    c->tr.attr = 0x8b;                  /* busy 32-bit TSS */
    c->tr.limit = 0xffff;
    c->ldtr.attr = 0x82;
    c->ldtr.limit = 0xffff;
    c->gdtr.limit = c->idtr.limit = 0xffff;
}

/* Wait (bounded) until t has left its pCPU; false: give up. */
static bool wait_stopped(struct vcpu *self, struct vcpu *t)
{
    s_time_t end = NOW() + SIPI_WAIT_NS;

    while ( READ_ONCE(t->is_running) )
    {
        /* Two vCPUs INITing each other must not wait for each other. */
        if ( test_bit(VPF_down, &self->pause_flags) || NOW() > end )
            return false;
        cpu_relax();
    }
    return true;
}

void vlapic_env_sipi(struct vlapic *sender, struct vlapic *target,
                     unsigned int vector)
{
    struct vcpu *t = owner(target);
    struct hvm_vcpu_context c;

    /* Only a CPU waiting for SIPI starts: the second SIPI is ignored. */
    if ( !__atomic_exchange_n(&target->wait_for_sipi, false,
                              __ATOMIC_ACQ_REL) )
        return;
    if ( !test_bit(VPF_down, &t->pause_flags) || !hvm_ops->set_context ||
         !wait_stopped(owner(sender), t) )
    {
        __atomic_store_n(&target->wait_for_sipi, true, __ATOMIC_RELEASE);
        return;
    }
    sipi_context(&c, vector);
    spin_lock(&t->domain->domain_lock);
    vlapic_model_reset(target);
    hvm_ops->set_context(t, &c);
    hvm_fpu_init(t);
    t->arch.initialised = true;
    vcpu_up(t);
    spin_unlock(&t->domain->domain_lock);
}

/* --- Interrupt source --- */

static int vlapic_src_pending(struct vcpu *v)
{
    return v->arch.vlapic ? vlapic_pending_vector(v->arch.vlapic) : -1;
}

static void vlapic_src_acked(struct vcpu *v, int vector)
{
    vlapic_ack_vector(v->arch.vlapic, (unsigned int)vector);
}

static const struct hvm_intr_source vlapic_source = {
    .name = "lapic",
    .pending = vlapic_src_pending,
    .acked = vlapic_src_acked,
};

/* --- Life cycle and entry points --- */

static void vlapic_timer_fn(void *data)
{
    vlapic_timer_expired(data);
}

int vlapic_init(struct vcpu *v)
{
    struct vlapic *vl = xzalloc(struct vlapic);

    if ( !vl )
        return -ENOMEM;
    vlapic_model_init(vl, v, v->vcpu_id);
    init_timer(&vl->timer, vlapic_timer_fn, vl, v->processor);
    v->arch.vlapic = vl;
    return 0;
}

void vlapic_destroy(struct vcpu *v)
{
    struct vlapic *vl = v->arch.vlapic;

    if ( !vl )
        return;
    kill_timer(&vl->timer);
    v->arch.vlapic = NULL;
    xfree(vl);
}

static const struct hvm_mmio_region vlapic_mmio = {
    .start = VLAPIC_BASE_DEFAULT,
    .end = VLAPIC_BASE_DEFAULT + 0x1000,
    .handle = vlapic_handle_mmio,
};

void vlapic_setup(void)
{
    hvm_register_mmio(&vlapic_mmio);
    hvm_register_intr_source(&vlapic_source);
}

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if ( !v->arch.vlapic )
        return -ENOENT;
    return vlapic_model_msr_read(v->arch.vlapic, msr, val);
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    int rc;

    if ( !v->arch.vlapic )
        return -ENOENT;
    rc = vlapic_model_msr_write(v->arch.vlapic, msr, val);
    /* Keep the MSR policy's copy (and so CPUID's view) in step. */
    if ( !rc && msr == MSR_APIC_BASE )
        v->arch.msr.apic_base = v->arch.vlapic->apic_base;
    return rc;
}

bool vlapic_raise(struct vcpu *v, unsigned int vector)
{
    return v->arch.vlapic && vlapic_set_irq(v->arch.vlapic, vector);
}

bool vlapic_take_nmi_pending(struct vcpu *v)
{
    return v->arch.vlapic && vlapic_take_nmi(v->arch.vlapic);
}

bool vlapic_enabled(const struct vcpu *v)
{
    return !v->arch.vlapic || vlapic_hw_enabled(v->arch.vlapic);
}
