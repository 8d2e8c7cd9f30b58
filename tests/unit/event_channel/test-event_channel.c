/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests of event channels (common/event_channel*.c, event_2l.c) and
 * of the shared_info/vcpu_info/pvclock code (shared-info.c,
 * guest-time.c): every EVTCHNOP with its documented errors, the exact
 * 2-level bit protocol, re-delivery on unmask, bind_vcpu moving delivery,
 * interdomain close, reset, port exhaustion, pollers, VIRQ_TIMER, and
 * vcpu_info registration with its pin. Guest memory is host memory.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/sched-api.h>
#include <xen/shared-info.h>
#include <public/vcpu.h>
#include <public/memory.h>
#include "stub-evtchn.h"
#include "stub-time.h"
#include "test.h"

static struct domain *d0, *d1;

static long evop(unsigned long cmd, void *arg)
{
    return do_event_channel_op(cmd, (unsigned long)arg, 0, 0, 0);
}

static long vcpuop(unsigned int cmd, unsigned int id, void *arg)
{
    return vcpu_op_areas(cmd, current->domain->vcpu[id], (unsigned long)arg);
}

static int alloc_unbound(domid_t dom, domid_t remote)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    long rc = evop(EVTCHNOP_alloc_unbound, &a);

    return rc ? (int)rc : (int)a.port;
}

static int bind_interdomain(domid_t rdom, uint32_t rport)
{
    struct evtchn_bind_interdomain b = { .remote_dom = rdom,
                                         .remote_port = rport };
    long rc = evop(EVTCHNOP_bind_interdomain, &b);

    return rc ? (int)rc : (int)b.local_port;
}

static int bind_virq(uint32_t virq, uint32_t vcpu)
{
    struct evtchn_bind_virq b = { .virq = virq, .vcpu = vcpu };
    long rc = evop(EVTCHNOP_bind_virq, &b);

    return rc ? (int)rc : (int)b.port;
}

static int bind_ipi(uint32_t vcpu)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = evop(EVTCHNOP_bind_ipi, &b);

    return rc ? (int)rc : (int)b.port;
}

static long port_op(unsigned int cmd, uint32_t port)
{
    return evop(cmd, &port);
}

static long bind_vcpu(uint32_t port, uint32_t vcpu)
{
    struct evtchn_bind_vcpu b = { .port = port, .vcpu = vcpu };

    return evop(EVTCHNOP_bind_vcpu, &b);
}

static struct evtchn_status status(domid_t dom, uint32_t port, long *rc)
{
    struct evtchn_status s = { .dom = dom, .port = port };

    *rc = evop(EVTCHNOP_status, &s);
    return s;
}

static bool pending(struct domain *d, uint32_t port)
{
    return test_bit(port, (unsigned long *)d->shared_info->evtchn_pending);
}

static void set_mask(struct domain *d, uint32_t port, bool on)
{
    unsigned long *m = (unsigned long *)d->shared_info->evtchn_mask;

    if ( on )
        set_bit(port, m);
    else
        clear_bit(port, m);
}

/* What a guest handler does: forget everything pending. */
static void guest_ack_all(struct domain *d)
{
    unsigned int i;

    memset(d->shared_info->evtchn_pending, 0,
           sizeof(d->shared_info->evtchn_pending));
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        d->vcpu[i]->vcpu_info->evtchn_upcall_pending = 0;
        d->vcpu[i]->vcpu_info->evtchn_pending_sel = 0;
    }
    test_counters_reset();
}

static void test_basics(void)
{
    long rc;
    struct evtchn_status s;

    s = status(DOMID_SELF, 0, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(s.status, EVTCHNSTAT_closed);           /* reserved port 0 */
    CHECK_EQ(port_op(EVTCHNOP_close, 0), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_send, 0), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_send, 4095), -EINVAL); /* no bucket yet */
    CHECK_EQ(port_op(EVTCHNOP_unmask, 64), -EINVAL);
    status(DOMID_SELF, 64, &rc);
    CHECK_EQ(rc, -EINVAL);
    status(2, 1, &rc);
    CHECK_EQ(rc, -EPERM);                   /* d0 is not privileged */
    status(7, 1, &rc);
    CHECK_EQ(rc, -ESRCH);
    CHECK_EQ(alloc_unbound(2, DOMID_SELF), -EPERM);
    CHECK_EQ(alloc_unbound(7, DOMID_SELF), -ESRCH);
    CHECK_EQ(evop(EVTCHNOP_init_control, NULL), -ENOSYS);
    CHECK_EQ(evop(EVTCHNOP_expand_array, NULL), -ENOSYS);
    CHECK_EQ(evop(EVTCHNOP_set_priority, NULL), -ENOSYS);
    CHECK_EQ(evop(99, NULL), -ENOSYS);
    CHECK_EQ(evop(EVTCHNOP_bind_pirq, NULL), -EOPNOTSUPP);
    CHECK_EQ(evop(EVTCHNOP_alloc_unbound, NULL), -EFAULT);
    CHECK_EQ(evop(EVTCHNOP_send, NULL), -EFAULT);
    CHECK_EQ(evop(EVTCHNOP_status, NULL), -EFAULT);
    CHECK_EQ(evop((1UL << 32) | EVTCHNOP_send, NULL), -EFAULT);
}

/* Loopback: alloc_unbound(remote SELF) + bind_interdomain(SELF). */
static void test_loopback(void)
{
    struct vcpu_info *vi = d0->vcpu[0]->vcpu_info;
    struct evtchn_status s;
    int a, b;
    long rc;

    a = alloc_unbound(DOMID_SELF, DOMID_SELF);
    CHECK_EQ(a, 1);
    s = status(DOMID_SELF, a, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 0);
    CHECK_EQ(s.vcpu, 0);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);       /* unbound: dropped */
    CHECK(!pending(d0, a));

    CHECK_EQ(bind_interdomain(DOMID_SELF, 5), -EINVAL);   /* free port */
    CHECK_EQ(bind_interdomain(DOMID_SELF, 0), -EINVAL);   /* reserved */
    CHECK_EQ(bind_interdomain(DOMID_SELF, 9999), -EINVAL);
    CHECK_EQ(bind_interdomain(7, a), -ESRCH);
    b = bind_interdomain(DOMID_SELF, a);
    CHECK_EQ(b, 2);
    /* Xen's fix-up: the new local port starts pending, and delivered. */
    CHECK(pending(d0, b));
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(stub_upcalls[0][0], 1);
    CHECK_EQ(bind_interdomain(DOMID_SELF, a), -EINVAL);   /* bound now */
    s = status(DOMID_SELF, b, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(s.u.interdomain.dom, 0);
    CHECK_EQ(s.u.interdomain.port, a);

    guest_ack_all(d0);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK(pending(d0, b) && !pending(d0, a));
    CHECK_EQ(stub_upcalls[0][0], 1);
    CHECK_EQ(stub_unblocks[0][0], 1);
    /* Already pending, upcall byte still set: nothing new is raised. */
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK_EQ(stub_upcalls[0][0], 1);
    CHECK_EQ(port_op(EVTCHNOP_send, b), 0);
    CHECK(pending(d0, a));
    CHECK_EQ(stub_upcalls[0][0], 1);        /* byte was still 1 */

    /* Masked: pending, but no selector bit and no upcall until unmask. */
    guest_ack_all(d0);
    set_mask(d0, b, true);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK(pending(d0, b));
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    CHECK_EQ(stub_upcalls[0][0], 0);
    CHECK_EQ(port_op(EVTCHNOP_unmask, b), 0);
    CHECK(!test_bit(b, (unsigned long *)d0->shared_info->evtchn_mask));
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(stub_upcalls[0][0], 1);
    /* Unmask of a port whose mask is already clear: no re-delivery. */
    guest_ack_all(d0);
    set_mask(d0, b, false);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    guest_ack_all(d0);
    d0->shared_info->evtchn_pending[0] |= 1UL << b;
    CHECK_EQ(port_op(EVTCHNOP_unmask, b), 0);
    CHECK_EQ(stub_upcalls[0][0], 0);
    CHECK_EQ(port_op(EVTCHNOP_unmask, 3), 0);     /* valid, free: ok */

    /* Close one end: the other goes back to unbound (for us). */
    guest_ack_all(d0);
    CHECK_EQ(port_op(EVTCHNOP_close, b), 0);
    s = status(DOMID_SELF, a, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 0);
    s = status(DOMID_SELF, b, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_closed);
    CHECK_EQ(port_op(EVTCHNOP_close, b), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_send, b), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK(!pending(d0, a) && !pending(d0, b));
    CHECK_EQ(port_op(EVTCHNOP_close, a), 0);
}

/* Selector word index = port / 64; bind_vcpu moves delivery. */
static void test_selector_and_rebind(void)
{
    struct vcpu_info *v0 = d0->vcpu[0]->vcpu_info;
    struct vcpu_info *v1 = d0->vcpu[1]->vcpu_info;
    int ports[200], n, a, b;

    for ( n = 0; n < 130; n++ )
        ports[n] = bind_ipi(0);
    CHECK_EQ(ports[0], 1);
    CHECK_EQ(ports[129], 130);
    guest_ack_all(d0);
    CHECK_EQ(port_op(EVTCHNOP_send, 128), 0);
    CHECK(pending(d0, 128));
    CHECK_EQ(v0->evtchn_pending_sel, 1UL << 2);
    CHECK_EQ(port_op(EVTCHNOP_send, 63), 0);
    CHECK_EQ(v0->evtchn_pending_sel, (1UL << 2) | 1);
    CHECK_EQ(port_op(EVTCHNOP_send, 64), 0);
    CHECK_EQ(v0->evtchn_pending_sel, 7);
    CHECK_EQ(stub_upcalls[0][0], 1);
    CHECK_EQ(bind_vcpu(128, 1), -EINVAL);           /* IPI: fixed vCPU */
    CHECK_EQ(bind_ipi(TEST_VCPUS), -ENOENT);
    for ( n = 0; n < 130; n++ )
        CHECK_EQ(port_op(EVTCHNOP_close, ports[n]), 0);

    /* An IPI bound to vCPU 1 notifies vCPU 1. */
    guest_ack_all(d0);
    n = bind_ipi(1);
    CHECK_EQ(port_op(EVTCHNOP_send, n), 0);
    CHECK_EQ(v1->evtchn_pending_sel, 1);
    CHECK_EQ(v0->evtchn_pending_sel, 0);
    CHECK_EQ(stub_upcalls[0][1], 1);
    CHECK_EQ(port_op(EVTCHNOP_close, n), 0);

    /* Rebinding an interdomain port really moves its notifications. */
    a = alloc_unbound(DOMID_SELF, DOMID_SELF);
    b = bind_interdomain(DOMID_SELF, a);
    guest_ack_all(d0);
    CHECK_EQ(bind_vcpu(b, 1), 0);
    CHECK_EQ(bind_vcpu(b, TEST_VCPUS), -ENOENT);
    CHECK_EQ(bind_vcpu(4000, 1), -EINVAL);
    CHECK_EQ(bind_vcpu(b + 1, 1), -EINVAL);         /* free port */
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK_EQ(v1->evtchn_pending_sel, 1);
    CHECK_EQ(v0->evtchn_pending_sel, 0);
    CHECK_EQ(stub_upcalls[0][1], 1);
    CHECK_EQ(stub_upcalls[0][0], 0);
    CHECK_EQ(status(DOMID_SELF, b, &(long){ 0 }).vcpu, 1);
    /* Unmask re-delivers to the port's (new) vCPU. */
    guest_ack_all(d0);
    set_mask(d0, b, true);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK_EQ(port_op(EVTCHNOP_unmask, b), 0);
    CHECK_EQ(stub_upcalls[0][1], 1);
    CHECK_EQ(stub_upcalls[0][0], 0);
    CHECK_EQ(port_op(EVTCHNOP_close, a), 0);
    /* A closed port forgets its vCPU. */
    CHECK_EQ(status(DOMID_SELF, b, &(long){ 0 }).u.unbound.dom, 0);
    CHECK_EQ(port_op(EVTCHNOP_close, b), 0);
    CHECK_EQ(status(DOMID_SELF, b, &(long){ 0 }).vcpu, 0);
    guest_ack_all(d0);
}

static void test_virq(void)
{
    struct vcpu *v0 = d0->vcpu[0], *v1 = d0->vcpu[1];
    struct evtchn_status s;
    int t0, t1, con, dbg;
    long rc;

    CHECK_EQ(bind_virq(NR_VIRQS, 0), -EINVAL);
    CHECK_EQ(bind_virq(VIRQ_CONSOLE, 1), -EINVAL);   /* global: vCPU 0 */
    CHECK_EQ(bind_virq(VIRQ_TIMER, TEST_VCPUS), -ENOENT);
    t0 = bind_virq(VIRQ_TIMER, 0);
    CHECK(t0 > 0);
    CHECK_EQ(bind_virq(VIRQ_TIMER, 0), -EEXIST);
    t1 = bind_virq(VIRQ_TIMER, 1);
    CHECK(t1 > 0 && t1 != t0);
    dbg = bind_virq(VIRQ_DEBUG, 1);
    CHECK(dbg > 0);
    con = bind_virq(VIRQ_CONSOLE, 0);
    CHECK(con > 0);
    s = status(DOMID_SELF, t1, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_virq);
    CHECK_EQ(s.u.virq, VIRQ_TIMER);
    CHECK_EQ(s.vcpu, 1);
    CHECK_EQ(port_op(EVTCHNOP_send, t0), -EINVAL);   /* not sendable */
    CHECK_EQ(bind_vcpu(t0, 1), -EINVAL);             /* per-vCPU VIRQ */
    CHECK(evtchn_virq_is_bound(v1, VIRQ_TIMER));
    CHECK(evtchn_virq_is_bound(v1, VIRQ_CONSOLE));   /* global: vCPU 0 */
    CHECK(!evtchn_virq_is_bound(v0, VIRQ_DEBUG));

    guest_ack_all(d0);
    vcpu_timer_expired(v1);                 /* the singleshot timer */
    CHECK(pending(d0, t1) && !pending(d0, t0));
    CHECK_EQ(v1->vcpu_info->evtchn_upcall_pending, 1);
    CHECK_EQ(stub_upcalls[0][1], 1);
    CHECK(stub_unblocks[0][1] >= 1);
    evtchn_send_vcpu_virq(v0, VIRQ_DEBUG);  /* not bound on vCPU 0 */
    CHECK_EQ(v0->vcpu_info->evtchn_pending_sel, 0);

    /* A global VIRQ follows bind_vcpu. */
    guest_ack_all(d0);
    CHECK_EQ(bind_vcpu(con, 2), 0);
    evtchn_send_global_virq(d0, VIRQ_CONSOLE);
    CHECK(pending(d0, con));
    CHECK_EQ(stub_upcalls[0][2], 1);

    /* Close unbinds: the VIRQ can be bound again, sends go nowhere. */
    CHECK_EQ(port_op(EVTCHNOP_close, t1), 0);
    CHECK(!evtchn_virq_is_bound(v1, VIRQ_TIMER));
    guest_ack_all(d0);
    vcpu_timer_expired(v1);
    CHECK_EQ(stub_upcalls[0][1], 0);
    CHECK_EQ(stub_unblocks[0][1], 1);       /* still woken */
    CHECK_EQ(bind_virq(VIRQ_TIMER, 1), t1);
    guest_ack_all(d0);
}

static void test_periodic(void)
{
    struct vcpu *v1 = d0->vcpu[1];
    struct vcpu_set_periodic_timer p = { .period_ns = 999999 };
    int t1 = (int)v1->virq_to_port[VIRQ_TIMER];

    CHECK_EQ(vcpuop(VCPUOP_set_periodic_timer, 1, &p), -EINVAL);
    p.period_ns = 0;
    CHECK_EQ(vcpuop(VCPUOP_set_periodic_timer, 1, &p), -EINVAL);
    CHECK_EQ(vcpuop(VCPUOP_set_periodic_timer, 1, NULL), -EFAULT);
    p.period_ns = 1ULL << 63;
    CHECK_EQ(vcpuop(VCPUOP_set_periodic_timer, 1, &p), -EINVAL);
    stub_now = 1000;
    p.period_ns = 10000000;
    CHECK_EQ(vcpuop(VCPUOP_set_periodic_timer, 1, &p), 0);
    CHECK(timer_is_active(&v1->periodic_timer));
    CHECK_EQ(v1->periodic_timer.expires, 1000 + 10000000);
    guest_ack_all(d0);
    stub_now = 1000 + 10000000;
    v1->periodic_timer.function(v1);        /* it fires */
    CHECK(t1 > 0 && pending(d0, t1));
    CHECK_EQ(v1->periodic_timer.expires, 1000 + 20000000);
    stub_now = 1000 + 55000000;             /* late: no catch-up burst */
    v1->periodic_timer.function(v1);
    CHECK_EQ(v1->periodic_timer.expires, 1000 + 65000000);
    CHECK_EQ(vcpuop(VCPUOP_stop_periodic_timer, 1, NULL), 0);
    CHECK(!timer_is_active(&v1->periodic_timer));
    stub_now = 0;
    guest_ack_all(d0);
}

/* Two domains: close from either side; teardown unbinds the peer. */
static void test_interdomain(void)
{
    struct evtchn_status s;
    int p1, p0;
    long rc;

    test_set_current(d1->vcpu[0]);
    p1 = alloc_unbound(DOMID_SELF, 0);
    CHECK(p1 > 0);
    test_set_current(d0->vcpu[0]);
    CHECK_EQ(bind_interdomain(1, p1 + 1), -EINVAL);
    p0 = bind_interdomain(1, p1);
    CHECK(p0 > 0);
    guest_ack_all(d0);
    guest_ack_all(d1);
    CHECK_EQ(port_op(EVTCHNOP_send, p0), 0);
    CHECK(pending(d1, p1));
    CHECK(!pending(d0, p0));
    CHECK_EQ(stub_upcalls[1][0], 1);
    /* d0 may not look at d1's ports, d1 (privileged) at d0's. */
    status(1, p1, &rc);
    CHECK_EQ(rc, -EPERM);
    test_set_current(d1->vcpu[0]);
    s = status(0, p0, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(s.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(s.u.interdomain.dom, 1);
    CHECK_EQ(s.u.interdomain.port, p1);
    /* d1 closes its end: d0's goes back to unbound for d1. */
    CHECK_EQ(port_op(EVTCHNOP_close, p1), 0);
    s = status(0, p0, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 1);
    /* Bind again from d1 to d0's now-unbound port. */
    p1 = bind_interdomain(0, p0);
    CHECK(p1 > 0);
    /* d1 dies: d0's port is unbound again, nothing left dangling. */
    domain_events_teardown(d1);
    test_set_current(d0->vcpu[0]);
    s = status(DOMID_SELF, p0, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(port_op(EVTCHNOP_send, p0), 0);
    test_set_current(d1->vcpu[0]);
    CHECK_EQ(alloc_unbound(DOMID_SELF, 0), -EINVAL);    /* dead */
    test_set_current(d0->vcpu[0]);
    CHECK_EQ(port_op(EVTCHNOP_close, p0), 0);
    guest_ack_all(d0);
}

static void test_poll(void)
{
    struct vcpu *v = d0->vcpu[0];
    uint32_t ports[2];
    int a, b;

    a = alloc_unbound(DOMID_SELF, DOMID_SELF);
    b = bind_interdomain(DOMID_SELF, a);
    guest_ack_all(d0);
    ports[0] = b;
    ports[1] = 4096;
    CHECK_EQ(evtchn_poll_check(d0, ports, 1), 0);
    CHECK_EQ(evtchn_poll_check(d0, ports, 2), -EINVAL);
    ports[1] = 3000;                        /* unallocated: fine */
    CHECK_EQ(evtchn_poll_check(d0, ports, 2), 0);

    /* A poller on port b wakes when b becomes pending, even masked. */
    set_mask(d0, b, true);
    v->poll_port = b;
    set_bit(0, &d0->poll_mask);
    vcpu_block(v);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK(!test_bit(VPF_blocked, &v->pause_flags));
    CHECK_EQ(d0->poll_mask, 0);
    CHECK_EQ(stub_upcalls[0][0], 0);        /* masked: no upcall */
    CHECK_EQ(evtchn_poll_check(d0, ports, 2), 1);
    CHECK(!evtchn_vcpu_has_upcall(v));
    /* A poller on another port sleeps on. */
    guest_ack_all(d0);
    v->poll_port = 77;
    set_bit(0, &d0->poll_mask);
    vcpu_block(v);
    CHECK_EQ(port_op(EVTCHNOP_send, a), 0);
    CHECK(test_bit(VPF_blocked, &v->pause_flags));
    CHECK_EQ(d0->poll_mask, 1);
    d0->poll_mask = 0;
    set_mask(d0, b, false);
    CHECK_EQ(port_op(EVTCHNOP_close, a), 0);
    CHECK_EQ(port_op(EVTCHNOP_close, b), 0);
    guest_ack_all(d0);
}

/* reset closes everything but port 0; ports then run out at 4095. */
static unsigned int xen_port_sends;

static void xen_port_fn(struct domain *d, uint32_t port)
{
    (void)d;
    (void)port;
    xen_port_sends++;
}

/* A port bound to the hypervisor survives the guest's close and reset. */
static void test_xen_port(void)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    int port = evtchn_alloc_xen_port(d0, xen_port_fn);

    CHECK(port > 0);
    CHECK_EQ(port_op(EVTCHNOP_close, port), -EINVAL);
    CHECK_EQ(evop(EVTCHNOP_reset, &r), 0);
    xen_port_sends = 0;
    CHECK_EQ(port_op(EVTCHNOP_send, port), 0);
    CHECK_EQ(xen_port_sends, 1);
    CHECK_EQ(evtchn_notify_xen_port(d0, port), 0);
    evtchn_free_xen_port(d0, port, xen_port_fn);
    CHECK_EQ(evtchn_notify_xen_port(d0, port), -EINVAL);
    CHECK_EQ(port_op(EVTCHNOP_close, port), -EINVAL);   /* free now */
}

static void test_reset_and_exhaustion(void)
{
    struct evtchn_reset r = { .dom = DOMID_SELF };
    int n, last = 0, rc;

    for ( n = 0; n < 10; n++ )
        CHECK(bind_ipi(0) > 0);
    CHECK_EQ(evop(EVTCHNOP_reset, &r), 0);
    CHECK(!evtchn_virq_is_bound(d0->vcpu[1], VIRQ_TIMER));
    CHECK_EQ(status(DOMID_SELF, 1, &(long){ 0 }).status, EVTCHNSTAT_closed);
    r.dom = 1;
    CHECK_EQ(evop(EVTCHNOP_reset, &r), -EPERM);
    r.dom = 9;
    CHECK_EQ(evop(EVTCHNOP_reset, &r), -ESRCH);
    CHECK_EQ(evop(EVTCHNOP_reset, NULL), -EFAULT);

    for ( n = 0; n < (int)EVTCHN_2L_NR_CHANNELS; n++ )
    {
        rc = bind_ipi(0);
        if ( rc < 0 )
            break;
        last = rc;
    }
    CHECK_EQ(n, EVTCHN_2L_NR_CHANNELS - 1);
    CHECK_EQ(last, EVTCHN_2L_NR_CHANNELS - 1);
    CHECK_EQ(rc, -ENOSPC);
    CHECK_EQ(alloc_unbound(DOMID_SELF, DOMID_SELF), -ENOSPC);
    CHECK_EQ(port_op(EVTCHNOP_close, 1000), 0);
    CHECK_EQ(bind_ipi(0), 1000);            /* lowest free port */
    r.dom = DOMID_SELF;
    CHECK_EQ(evop(EVTCHNOP_reset, &r), 0);
    CHECK_EQ(bind_ipi(0), 1);
    CHECK_EQ(evop(EVTCHNOP_reset, &r), 0);
}

int main(void)
{
    d0 = test_domain_create(0, TEST_VCPUS, false);
    d1 = test_domain_create(1, 2, true);
    test_domain_create(2, 1, false);
    test_set_current(d0->vcpu[0]);

    test_basics();
    test_loopback();
    test_selector_and_rebind();
    test_virq();
    test_periodic();
    test_interdomain();
    test_poll();
    test_xen_port();
    test_reset_and_exhaustion();

    test_domain_free(2);
    test_domain_free(1);
    test_domain_free(0);
    return test_done();
}
