/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated local APIC's register model (hvm/vlapic.c, the timer in
 * hvm/vlapic-timer.c): per-vCPU state, xAPIC register and x2APIC MSR
 * access, interrupt priority, IPI decoding and the timer. It knows nothing
 * of vCPUs or VM exits: what it needs from the machine (the clock, a
 * timer, the other APICs of the domain, waking a vCPU, INIT/SIPI) comes
 * through the vlapic_env_*() hooks, which hvm/vlapic-glue.c implements
 * and host unit tests fake. Design: docs/hypervisor/vlapic.md.
 */
#ifndef __ASM_HVM_VLAPIC_MODEL_H__
#define __ASM_HVM_VLAPIC_MODEL_H__

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

/* Register offsets in the xAPIC page (x2APIC MSR = 0x800 + off / 16). */
#define VLAPIC_ID           0x020
#define VLAPIC_LVR          0x030
#define VLAPIC_TPR          0x080
#define VLAPIC_APR          0x090
#define VLAPIC_PPR          0x0a0
#define VLAPIC_EOI          0x0b0
#define VLAPIC_RRD          0x0c0
#define VLAPIC_LDR          0x0d0
#define VLAPIC_DFR          0x0e0
#define VLAPIC_SVR          0x0f0
#define VLAPIC_ISR          0x100       /* 8 registers, 0x10 apart */
#define VLAPIC_TMR          0x180
#define VLAPIC_IRR          0x200
#define VLAPIC_ESR          0x280
#define VLAPIC_ICR          0x300
#define VLAPIC_ICR2         0x310
#define VLAPIC_LVT_FIRST    0x320       /* timer, thermal, perf, LINT0/1, err */
#define VLAPIC_TMICT        0x380
#define VLAPIC_TMCCT        0x390
#define VLAPIC_TDCR         0x3e0
#define VLAPIC_SELF_IPI     0x3f0       /* x2APIC only */

/* Version: 0x14 (integrated APIC), max LVT entry 5 (as Xen's 0x50014). */
#define VLAPIC_VERSION      0x00050014u
#define VLAPIC_NR_LVT       6
enum vlapic_lvt {
    VLAPIC_LVT_TIMER, VLAPIC_LVT_THERMAL, VLAPIC_LVT_PERF,
    VLAPIC_LVT_LINT0, VLAPIC_LVT_LINT1, VLAPIC_LVT_ERROR,
};

#define VLAPIC_SVR_ENABLE   (1u << 8)
#define VLAPIC_LVT_MASKED   (1u << 16)
#define VLAPIC_TIMER_MODE(l) (((l) >> 17) & 3)
#define  VLAPIC_TIMER_ONESHOT   0
#define  VLAPIC_TIMER_PERIODIC  1
#define  VLAPIC_TIMER_DEADLINE  2

/* ICR (SDM Vol3 10.6.1). */
#define VLAPIC_ICR_DM(i)    (((i) >> 8) & 7)
#define  VLAPIC_DM_FIXED    0
#define  VLAPIC_DM_LOWEST   1
#define  VLAPIC_DM_SMI      2
#define  VLAPIC_DM_NMI      4
#define  VLAPIC_DM_INIT     5
#define  VLAPIC_DM_STARTUP  6
#define VLAPIC_ICR_LOGICAL  (1u << 11)
#define VLAPIC_ICR_ASSERT   (1u << 14)
#define VLAPIC_ICR_LEVEL    (1u << 15)
#define VLAPIC_ICR_SH(i)    (((i) >> 18) & 3)
#define  VLAPIC_SH_NONE     0
#define  VLAPIC_SH_SELF     1
#define  VLAPIC_SH_ALL      2
#define  VLAPIC_SH_OTHERS   3

/* ESR bits. */
#define VLAPIC_ESR_SEND_ILL     (1u << 5)
#define VLAPIC_ESR_RECV_ILL     (1u << 6)
#define VLAPIC_ESR_ILL_REG      (1u << 7)

/* IA32_APIC_BASE. */
#define VLAPIC_BASE_BSP     (1u << 8)
#define VLAPIC_BASE_EXTD    (1u << 10)
#define VLAPIC_BASE_EN      (1u << 11)
#define VLAPIC_BASE_DEFAULT 0xfee00000ULL

/*
 * Timer bus: one count per ns at divide-by-1 (a 1 GHz bus, as Xen's
 * APIC_BUS_CYCLE_NS = 1). Guests measure it; nothing else depends on it.
 */
#define VLAPIC_BUS_NS       1

/*
 * Locking: 'lock' guards the timer fields, which the owning vCPU and the
 * timer's softirq both change. irr is set by any CPU with atomic bit
 * operations (IPIs, the timer) and cleared only by the owner. Everything
 * else is [V]: only the owning vCPU changes it; other vCPUs read id, ldr,
 * dfr, svr and apic_base racily to match IPI destinations, as on
 * hardware where a message races with a reconfiguration.
 */
struct vlapic {
    void *owner;                /* [I] struct vcpu, for the env hooks */
    uint32_t phys_id;           /* [I] APIC id: 2 * vCPU id */
    uint64_t apic_base;         /* [V] IA32_APIC_BASE */
    uint32_t irr[8];            /* [A] requests, bit n = vector n */
    uint32_t isr[8], tmr[8];    /* [V] in service, trigger mode */
    uint32_t tpr, ldr, dfr, svr;/* [V] */
    uint32_t esr, esr_pending;  /* [V] ESR latched / accumulating */
    uint32_t icr, icr2;         /* [V] last ICR written (low / high) */
    uint32_t lvt[VLAPIC_NR_LVT];/* [V] except timer: [L:lock] */
    bool nmi_pending;           /* [A] an NMI IPI was sent: not injected */
    bool wait_for_sipi;         /* [A] INIT received: next SIPI starts it */

    spinlock_t lock;            /* timer fields below */
    uint32_t tmict, tdcr;       /* [L:lock] initial count, divide conf */
    bool timer_running;         /* [L:lock] counting (one-shot/periodic) */
    s_time_t timer_start;       /* [L:lock] start of the current period */
    s_time_t timer_period;      /* [L:lock] ns per period (count * div) */
    s_time_t timer_armed;       /* [L:lock] expiry asked for, 0: none */
    uint64_t tsc_deadline;      /* [L:lock] armed TSC deadline, 0: none */
    unsigned long timer_fired;  /* [L:lock] expiries delivered (stats) */
    struct timer timer;         /* the environment's (vlapic-glue.c) */
};

/* --- Environment (hvm/vlapic-glue.c; faked by tests/unit/vlapic). --- */

/* System time in ns (NOW()). */
s_time_t vlapic_env_now(void);
/* (Re)arm / disarm vl's timer; at expiry call vlapic_timer_expired(). */
void vlapic_env_timer_set(struct vlapic *vl, s_time_t expires);
void vlapic_env_timer_stop(struct vlapic *vl);
/* System time at which the owner's TSC reaches tsc. Context: owner. */
s_time_t vlapic_env_tsc_to_stime(struct vlapic *vl, uint64_t tsc);
/* Something may be pending for vl's vCPU: wake it / make it look. */
void vlapic_env_kick(struct vlapic *vl);
/* The APICs of vl's domain, by vCPU id (NULL for a hole). */
unsigned int vlapic_env_nr_peers(struct vlapic *vl);
struct vlapic *vlapic_env_peer(struct vlapic *vl, unsigned int i);
/* The owner's guest software-enabled its APIC (SVR bit 8: 0 -> 1). */
void vlapic_env_sw_enabled(struct vlapic *vl);
/* INIT and STARTUP messages for target (never the sender itself). */
void vlapic_env_init(struct vlapic *target);
void vlapic_env_sipi(struct vlapic *sender, struct vlapic *target,
                     unsigned int vector);

/* --- The model (hvm/vlapic.c, hvm/vlapic-timer.c). --- */

/* Power-on state for the vCPU with this id (apic_base EN, BSP if 0). */
void vlapic_model_init(struct vlapic *vl, void *owner, unsigned int vcpu_id);
/* INIT: everything but apic_base and the id to the reset values. */
void vlapic_model_reset(struct vlapic *vl);

static inline bool vlapic_hw_enabled(const struct vlapic *vl)
{
    return vl->apic_base & VLAPIC_BASE_EN;
}
static inline bool vlapic_x2apic_mode(const struct vlapic *vl)
{
    return vl->apic_base & VLAPIC_BASE_EXTD;
}
/* x2APIC logical id: cluster (id / 16) << 16 | bit (id % 16). */
static inline uint32_t vlapic_x2apic_ldr(uint32_t id)
{
    return ((id >> 4) << 16) | (1u << (id & 0xf));
}
static inline bool vlapic_sw_enabled(const struct vlapic *vl)
{
    return vl->svr & VLAPIC_SVR_ENABLE;
}

/*
 * xAPIC register access at offset off (4-byte aligned, < 0x1000).
 * Reads of absent or write-only registers return 0; writes to read-only
 * or absent ones are dropped (a real xAPIC does not fault either; the
 * ESR records an illegal register). Context: owner.
 */
uint32_t vlapic_reg_read(struct vlapic *vl, unsigned int off);
void vlapic_reg_write(struct vlapic *vl, unsigned int off, uint32_t val);

/*
 * x2APIC MSRs 0x800-0x8ff and IA32_TSC_DEADLINE. Return 0, -ENOENT (not
 * an APIC MSR) or -EPERM (#GP: x2APIC off, absent or read-only register,
 * reserved bits). Context: owner.
 */
int vlapic_model_msr_read(struct vlapic *vl, uint32_t msr, uint64_t *val);
int vlapic_model_msr_write(struct vlapic *vl, uint32_t msr, uint64_t val);

/*
 * IA32_APIC_BASE write with the SDM's mode transitions (Vol3 10.12.5):
 * disabled <-> xAPIC <-> x2APIC, never x2APIC -> xAPIC or disabled ->
 * x2APIC; the base stays 0xfee00000. Returns 0 or -EPERM (#GP).
 */
int vlapic_set_base(struct vlapic *vl, uint64_t val);

/* Priority: PPR, and the vector to inject now (or -1). Context: any. */
uint32_t vlapic_ppr(const struct vlapic *vl);
int vlapic_pending_vector(const struct vlapic *vl);
/* The vector was injected: IRR -> ISR. Context: owner. */
void vlapic_ack_vector(struct vlapic *vl, unsigned int vector);
/*
 * Request vector on vl (edge-triggered, fixed): set IRR and kick. Ignored
 * while vl is disabled; vectors < 16 set the receive-illegal error.
 * Returns true if accepted. Context: any.
 */
bool vlapic_set_irq(struct vlapic *vl, unsigned int vector);
/* Record ESR bits (VLAPIC_ESR_*), raising the error LVT. Context: any. */
void vlapic_error(struct vlapic *vl, uint32_t bits);
/*
 * Deliver an ICR value from vl: low | (uint64_t)dest << 32, dest being the
 * 32-bit x2APIC destination or, in xAPIC mode, ICR2 bits 31:24. Context:
 * owner.
 */
void vlapic_send_ipi(struct vlapic *vl, uint64_t icr);
/* Take a pending NMI (true once per NMI IPI). Context: any. */
bool vlapic_take_nmi(struct vlapic *vl);

/* Shortest time between periodic expiries (ns), whatever TMICT says. */
#define VLAPIC_MIN_PERIOD   100000

/* --- Timer (hvm/vlapic-timer.c). Context: owner unless said. --- */

void vlapic_timer_write_lvt(struct vlapic *vl, uint32_t val);
void vlapic_timer_write_tmict(struct vlapic *vl, uint32_t val);
void vlapic_timer_write_tdcr(struct vlapic *vl, uint32_t val);
uint32_t vlapic_timer_read_tmcct(struct vlapic *vl);
uint64_t vlapic_timer_read_deadline(struct vlapic *vl);
void vlapic_timer_write_deadline(struct vlapic *vl, uint64_t tsc);
/* Stop the timer (INIT, APIC disable). */
void vlapic_timer_stop(struct vlapic *vl);
/* The timer armed through vlapic_env_timer_set() fired. Context: any. */
void vlapic_timer_expired(struct vlapic *vl);

#endif /* __ASM_HVM_VLAPIC_MODEL_H__ */
