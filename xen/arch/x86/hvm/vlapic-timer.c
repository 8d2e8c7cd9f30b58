/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Emulated local APIC timer: one-shot, periodic and TSC-deadline modes,
 * the initial/current count and the divide configuration, on a 1 GHz
 * bus (VLAPIC_BUS_NS). The counter is not stored: it is computed from
 * the start of the current period. Expiry comes back through
 * vlapic_timer_expired() from the timer the environment armed.
 * Locking: vl->lock for every timer field (the owner and the timer's
 * softirq both change them); IRR is raised after dropping it.
 */
#include <xen/lib.h>
#include <asm/hvm/vlapic-model.h>

static unsigned int divisor(uint32_t tdcr)
{
    unsigned int v = (tdcr & 3) | ((tdcr & 8) >> 1);

    return v == 7 ? 1 : 2u << v;        /* SDM Vol3 10.5.4 */
}

static unsigned int timer_mode(const struct vlapic *vl)
{
    return VLAPIC_TIMER_MODE(vl->lvt[VLAPIC_LVT_TIMER]);
}

static s_time_t ns_per_count(const struct vlapic *vl)
{
    return (s_time_t)divisor(vl->tdcr) * VLAPIC_BUS_NS;
}

static void arm(struct vlapic *vl, s_time_t expires)
{
    vl->timer_armed = expires;
    vlapic_env_timer_set(vl, expires);
}

static void disarm(struct vlapic *vl)
{
    vl->timer_armed = 0;
    vl->timer_running = false;
    vlapic_env_timer_stop(vl);
}

/* Counts left in the current period. Caller holds vl->lock. */
static uint32_t current_count(const struct vlapic *vl, s_time_t now)
{
    s_time_t elapsed = now - vl->timer_start, left;

    if ( !vl->timer_running || vl->timer_period <= 0 )
        return 0;
    if ( elapsed < 0 )
        elapsed = 0;
    if ( timer_mode(vl) == VLAPIC_TIMER_PERIODIC )
        elapsed %= vl->timer_period;
    else if ( elapsed >= vl->timer_period )
        return 0;
    left = vl->timer_period - elapsed;
    return (uint32_t)((left + ns_per_count(vl) - 1) / ns_per_count(vl));
}

void vlapic_timer_write_lvt(struct vlapic *vl, uint32_t val)
{
    unsigned int old, new;

    if ( VLAPIC_TIMER_MODE(val) == 3 )          /* reserved: one-shot */
        val &= ~(3u << 17);
    spin_lock(&vl->lock);
    old = timer_mode(vl);
    vl->lvt[VLAPIC_LVT_TIMER] = val;
    new = timer_mode(vl);
    /* Switching to or from TSC-deadline disarms (SDM Vol3 10.5.4.1). */
    if ( old != new &&
         (old == VLAPIC_TIMER_DEADLINE || new == VLAPIC_TIMER_DEADLINE) )
    {
        disarm(vl);
        vl->tmict = 0;
        vl->tsc_deadline = 0;
    }
    spin_unlock(&vl->lock);
}

void vlapic_timer_write_tmict(struct vlapic *vl, uint32_t val)
{
    spin_lock(&vl->lock);
    if ( timer_mode(vl) != VLAPIC_TIMER_DEADLINE )
    {
        vl->tmict = val;
        disarm(vl);
        if ( val )
        {
            vl->timer_start = vlapic_env_now();
            vl->timer_period = (s_time_t)val * ns_per_count(vl);
            vl->timer_running = true;
            arm(vl, vl->timer_start + vl->timer_period);
        }
    }
    spin_unlock(&vl->lock);
}

/*
 * A new divisor while counting: keep the current count and let it run
 * down at the new rate; later periods use the new rate throughout.
 */
void vlapic_timer_write_tdcr(struct vlapic *vl, uint32_t val)
{
    s_time_t now, left;
    uint32_t count;

    spin_lock(&vl->lock);
    now = vlapic_env_now();
    count = current_count(vl, now);
    vl->tdcr = val & 0xb;
    if ( vl->timer_running && count && timer_mode(vl) != VLAPIC_TIMER_DEADLINE )
    {
        left = (s_time_t)count * ns_per_count(vl);
        vl->timer_period = (s_time_t)vl->tmict * ns_per_count(vl);
        vl->timer_start = now + left - vl->timer_period;
        arm(vl, now + left);
    }
    spin_unlock(&vl->lock);
}

uint32_t vlapic_timer_read_tmcct(struct vlapic *vl)
{
    uint32_t count;

    spin_lock(&vl->lock);
    count = current_count(vl, vlapic_env_now());
    spin_unlock(&vl->lock);
    return count;
}

uint64_t vlapic_timer_read_deadline(struct vlapic *vl)
{
    uint64_t d;

    spin_lock(&vl->lock);
    d = timer_mode(vl) == VLAPIC_TIMER_DEADLINE ? vl->tsc_deadline : 0;
    spin_unlock(&vl->lock);
    return d;
}

/* Writes outside TSC-deadline mode are ignored (SDM Vol3 10.5.4.1). */
void vlapic_timer_write_deadline(struct vlapic *vl, uint64_t tsc)
{
    spin_lock(&vl->lock);
    if ( timer_mode(vl) == VLAPIC_TIMER_DEADLINE )
    {
        disarm(vl);
        vl->tsc_deadline = tsc;
        if ( tsc )
            arm(vl, vlapic_env_tsc_to_stime(vl, tsc));
    }
    spin_unlock(&vl->lock);
}

void vlapic_timer_stop(struct vlapic *vl)
{
    spin_lock(&vl->lock);
    disarm(vl);
    vl->tmict = 0;
    vl->tsc_deadline = 0;
    spin_unlock(&vl->lock);
}

/* Decide whether this expiry delivers; re-arm a periodic timer. */
static bool expire_locked(struct vlapic *vl, s_time_t now)
{
    if ( !vl->timer_armed || now < vl->timer_armed )
        return false;               /* stopped or re-armed meanwhile */
    vl->timer_armed = 0;
    switch ( timer_mode(vl) )
    {
    case VLAPIC_TIMER_DEADLINE:
        vl->tsc_deadline = 0;
        break;
    case VLAPIC_TIMER_PERIODIC:
        vl->timer_start += vl->timer_period;
        /* Late by more than a period: drop the missed ticks. */
        if ( vl->timer_start + vl->timer_period <= now )
            vl->timer_start = now;
        /*
         * However short the guest made the period (TMICT 1 at divisor 1
         * is 1 ns), the next expiry is at least VLAPIC_MIN_PERIOD away:
         * otherwise it is already due when the timer softirq looks again
         * and that pCPU never leaves it.
         */
        if ( vl->timer_start + vl->timer_period < now + VLAPIC_MIN_PERIOD )
            vl->timer_start = now + VLAPIC_MIN_PERIOD - vl->timer_period;
        arm(vl, vl->timer_start + vl->timer_period);
        break;
    default:
        vl->timer_running = false;
        break;
    }
    vl->timer_fired++;
    return true;
}

void vlapic_timer_expired(struct vlapic *vl)
{
    uint32_t lvt;
    bool fire;

    spin_lock(&vl->lock);
    fire = expire_locked(vl, vlapic_env_now());
    lvt = vl->lvt[VLAPIC_LVT_TIMER];
    spin_unlock(&vl->lock);
    if ( fire && !(lvt & VLAPIC_LVT_MASKED) )
        vlapic_set_irq(vl, lvt & 0xff);
}
