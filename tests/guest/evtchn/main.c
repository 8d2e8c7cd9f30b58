/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * evtchn: event channels and shared memory from a PVH domU, without
 * interrupts (no callback is set: the test reads the bits itself),
 * checked against Xen 4.17. shared_info is placed over a RAM page with
 * XENMEM_add_to_physmap and shows a valid pvclock and wall clock;
 * vcpu_info moves with VCPUOP_register_vcpu_info (everything marked
 * pending, a second registration refused, an area crossing the page
 * -ENXIO as on Xen 4.17). A loopback interdomain
 * channel (alloc_unbound to DOMID_SELF + bind_interdomain) starts
 * pending, carries sends both ways, respects the mask, re-delivers on
 * EVTCHNOP_unmask (selector bit = port / 64), and closing one end
 * leaves the other unbound. IPIs, status, bind_vcpu errors, reset.
 * SCHEDOP_poll returns at once for a pending port and rejects ports
 * beyond 4095; a VIRQ_TIMER port polled with a singleshot timer 20 ms
 * ahead becomes pending and ends the poll in time.
 */
#include <guest/test.h>
#include <public/event_channel.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>

const char test_title[] = "Event channels, shared_info and pvclock";

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static uint8_t vcpu_page[4096] __attribute__((aligned(4096)));
static struct shared_info *sh = (struct shared_info *)shinfo_page;
static struct vcpu_info *vi;            /* the one in use */

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-44s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

static long evop(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static long vcpu_op(unsigned int cmd, unsigned int id, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, id, arg);
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* pvclock read, as Linux does it. */
static uint64_t pvclock_now(void)
{
    volatile struct vcpu_time_info *t = &vi->time;
    uint32_t ver;
    uint64_t d, ns;

    do {
        ver = t->version;
        __asm__ __volatile__ ( "" ::: "memory" );
        d = rdtsc() - t->tsc_timestamp;
        d = t->tsc_shift >= 0 ? d << t->tsc_shift : d >> -t->tsc_shift;
        ns = t->system_time +
             (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
        __asm__ __volatile__ ( "" ::: "memory" );
    } while ( (ver & 1) || ver != t->version );
    return ns;
}

static bool pending(uint32_t port)
{
    return (sh->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

static void mask(uint32_t port, bool on)
{
    if ( on )
        __atomic_fetch_or(&sh->evtchn_mask[port / 64], 1UL << (port % 64),
                          __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&sh->evtchn_mask[port / 64],
                           ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
}

/* What an upcall handler would do: consume everything. */
static void ack_all(void)
{
    unsigned int i;

    vi->evtchn_upcall_pending = 0;
    vi->evtchn_pending_sel = 0;
    for ( i = 0; i < 64; i++ )
        sh->evtchn_pending[i] = 0;
}

static long port_op(unsigned int cmd, uint32_t port)
{
    return evop(cmd, &port);
}

static uint32_t status_of(uint32_t port, struct evtchn_status *s)
{
    s->dom = DOMID_SELF;
    s->port = port;
    if ( evop(EVTCHNOP_status, s) )
        return ~0u;
    return s->status;
}

static void map_shared_info(void)
{
    struct xen_add_to_physmap x = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info, .idx = 0,
        .gpfn = (unsigned long)shinfo_page >> 12 };
    volatile struct vcpu_time_info *t;

    x.idx = 1;
    EXPECT("add_to_physmap(shared_info, idx 1)",
           hypercall2(__HYPERVISOR_memory_op, XENMEM_add_to_physmap, &x),
           -XEN_EINVAL);
    x.idx = 0;
    if ( EXPECT("add_to_physmap(shared_info)",
                hypercall2(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                           &x), 0) )
        return;
    vi = &sh->vcpu_info[0];
    t = &vi->time;
    printf("  pvclock: version %u mul %u shift %d flags 0x%x now %lu ns\n",
           t->version, t->tsc_to_system_mul, t->tsc_shift, t->flags,
           (unsigned long)pvclock_now());
    printf("  wall clock: version %u %u.%09u s\n", sh->wc_version,
           sh->wc_sec, sh->wc_nsec);
    CHECK(!(t->version & 1) && t->version, "pvclock version %u", t->version);
    CHECK(t->tsc_to_system_mul != 0, "pvclock mul is 0");
    CHECK(sh->wc_sec > 1500000000u, "wall clock %u s", sh->wc_sec);
    CHECK(!(sh->wc_version & 1), "wc_version %u", sh->wc_version);
}

static void register_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = {
        .mfn = (unsigned long)vcpu_page >> 12, .offset = 128 };
    struct vcpu_info *nvi = (struct vcpu_info *)(vcpu_page + 128);
    uint64_t t0, t1;

    r.offset = 4096 - 32;
    EXPECT("register_vcpu_info(crosses page)",
           vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -XEN_ENXIO);
    r.offset = 128;
    if ( EXPECT("register_vcpu_info(0)",
                vcpu_op(VCPUOP_register_vcpu_info, 0, &r), 0) )
        return;
    t0 = pvclock_now();
    vi = nvi;
    t1 = pvclock_now();
    printf("  new vcpu_info: upcall_pending %u sel 0x%lx, clock %lu -> %lu\n",
           vi->evtchn_upcall_pending, (unsigned long)vi->evtchn_pending_sel,
           (unsigned long)t0, (unsigned long)t1);
    CHECK(vi->time.tsc_to_system_mul != 0 && !(vi->time.version & 1),
          "registered pvclock not valid");
    CHECK(t1 >= t0 && t1 - t0 < 1000000000ULL, "clock jumped %lu -> %lu",
          (unsigned long)t0, (unsigned long)t1);
    EXPECT("register_vcpu_info(0) again",
           vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -XEN_EINVAL);
}

static void loopback(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF,
                                      .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain b = { .remote_dom = DOMID_SELF };
    struct evtchn_status s;
    uint32_t p, q;

    if ( EXPECT("alloc_unbound(self, self)",
                evop(EVTCHNOP_alloc_unbound, &a), 0) )
        return;
    p = a.port;
    CHECK(status_of(p, &s) == EVTCHNSTAT_unbound, "status %u", s.status);
    EXPECT("send on unbound port", port_op(EVTCHNOP_send, p), 0);
    CHECK(!pending(p), "unbound port %u pending", p);
    b.remote_port = p;
    ack_all();
    if ( EXPECT("bind_interdomain(self, p)",
                evop(EVTCHNOP_bind_interdomain, &b), 0) )
        return;
    q = b.local_port;
    printf("  ports p %u q %u; q pending %d\n", p, q, pending(q));
    CHECK(pending(q), "new local port not pending (Xen sets it)");
    CHECK(status_of(q, &s) == EVTCHNSTAT_interdomain &&
          s.u.interdomain.port == p, "status of q: %u", s.status);
    EXPECT("bind_interdomain(self, p) again",
           evop(EVTCHNOP_bind_interdomain, &b), -XEN_EINVAL);

    ack_all();
    EXPECT("send p", port_op(EVTCHNOP_send, p), 0);
    CHECK(pending(q) && !pending(p), "send p: p %d q %d", pending(p),
          pending(q));
    CHECK(vi->evtchn_pending_sel == 1UL << (q / 64) &&
          vi->evtchn_upcall_pending == 1, "sel 0x%lx upcall %u",
          (unsigned long)vi->evtchn_pending_sel, vi->evtchn_upcall_pending);
    EXPECT("send q", port_op(EVTCHNOP_send, q), 0);
    CHECK(pending(p), "send q: p not pending");

    ack_all();
    mask(q, true);
    EXPECT("send p (q masked)", port_op(EVTCHNOP_send, p), 0);
    CHECK(pending(q) && !vi->evtchn_pending_sel &&
          !vi->evtchn_upcall_pending, "masked: sel 0x%lx upcall %u",
          (unsigned long)vi->evtchn_pending_sel, vi->evtchn_upcall_pending);
    EXPECT("unmask q", port_op(EVTCHNOP_unmask, q), 0);
    CHECK(vi->evtchn_pending_sel == 1UL << (q / 64) &&
          vi->evtchn_upcall_pending == 1 &&
          !(sh->evtchn_mask[q / 64] & (1UL << (q % 64))),
          "unmask: sel 0x%lx upcall %u", (unsigned long)vi->evtchn_pending_sel,
          vi->evtchn_upcall_pending);

    EXPECT("close q", port_op(EVTCHNOP_close, q), 0);
    CHECK(status_of(p, &s) == EVTCHNSTAT_unbound, "p after close: %u",
          s.status);
    CHECK(status_of(q, &s) == EVTCHNSTAT_closed, "q after close: %u",
          s.status);
    EXPECT("close q again", port_op(EVTCHNOP_close, q), -XEN_EINVAL);
    EXPECT("send q (closed)", port_op(EVTCHNOP_send, q), -XEN_EINVAL);
    EXPECT("close p", port_op(EVTCHNOP_close, p), 0);
    ack_all();
}

static void ipi_and_errors(void)
{
    struct evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct evtchn_bind_vcpu bv;
    struct evtchn_bind_virq bvq = { .virq = VIRQ_CONSOLE, .vcpu = 1 };
    struct evtchn_reset r = { .dom = DOMID_SELF };
    struct evtchn_status s;

    if ( EXPECT("bind_ipi(0)", evop(EVTCHNOP_bind_ipi, &ipi), 0) )
        return;
    ack_all();
    EXPECT("send ipi", port_op(EVTCHNOP_send, ipi.port), 0);
    CHECK(pending(ipi.port), "IPI port not pending");
    CHECK(status_of(ipi.port, &s) == EVTCHNSTAT_ipi && s.vcpu == 0,
          "ipi status %u vcpu %u", s.status, s.vcpu);
    bv.port = ipi.port;
    bv.vcpu = 0;
    EXPECT("bind_vcpu(ipi port)", evop(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL);
    bv.vcpu = 200;
    EXPECT("bind_vcpu(vcpu 200)", evop(EVTCHNOP_bind_vcpu, &bv), -XEN_ENOENT);
    ipi.vcpu = 200;
    EXPECT("bind_ipi(vcpu 200)", evop(EVTCHNOP_bind_ipi, &ipi), -XEN_ENOENT);
    EXPECT("bind_virq(CONSOLE, vcpu 1)", evop(EVTCHNOP_bind_virq, &bvq),
           -XEN_EINVAL);
    bvq.virq = NR_VIRQS;
    bvq.vcpu = 0;
    EXPECT("bind_virq(24)", evop(EVTCHNOP_bind_virq, &bvq), -XEN_EINVAL);
    EXPECT("close port 0", port_op(EVTCHNOP_close, 0), -XEN_EINVAL);
    EXPECT("reset(self)", evop(EVTCHNOP_reset, &r), 0);
    CHECK(status_of(bv.port, &s) == EVTCHNSTAT_closed,
          "after reset: status %u", s.status);
    EXPECT("status, unmapped argument", evop(EVTCHNOP_status,
                                             BAD_PTR_UNMAPPED), -XEN_EFAULT);
    ack_all();
}

static long poll(uint32_t *ports, unsigned int n, uint64_t timeout)
{
    struct sched_poll sp = { .nr_ports = n, .timeout = timeout };

    set_xen_guest_handle(sp.ports, ports);
    return hypervisor_sched_op(SCHEDOP_poll, &sp);
}

static void poll_and_timer(void)
{
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct vcpu_set_singleshot_timer st = { .flags = 0 };
    uint32_t ports[2];
    uint64_t t0, t1;

    if ( EXPECT("bind_virq(TIMER, 0)", evop(EVTCHNOP_bind_virq, &bv), 0) )
        return;
    EXPECT("bind_virq(TIMER, 0) again", evop(EVTCHNOP_bind_virq, &bv),
           -XEN_EEXIST);
    ports[0] = bv.port;
    ports[1] = 4096;
    EXPECT("poll(port 4096)", poll(ports, 2, 0), -XEN_EINVAL);

    /* Armed 20 ms ahead; the poll's own deadline is 3 s ahead. */
    ack_all();
    t0 = pvclock_now();
    st.timeout_abs_ns = t0 + 20000000ULL;
    EXPECT("set_singleshot_timer(+20 ms)",
           vcpu_op(VCPUOP_set_singleshot_timer, 0, &st), 0);
    EXPECT("poll(timer port)", poll(ports, 1, t0 + 3000000000ULL), 0);
    t1 = pvclock_now();
    printf("  poll ended after %lu us; timer port pending %d\n",
           (unsigned long)((t1 - t0) / 1000), pending(bv.port));
    CHECK(pending(bv.port), "VIRQ_TIMER not pending after the poll");
    CHECK(t1 - t0 >= 19000000ULL && t1 - t0 < 2000000000ULL,
          "poll took %lu us", (unsigned long)((t1 - t0) / 1000));

    /* Already pending: returns at once (the deadline is far away). */
    t0 = pvclock_now();
    EXPECT("poll(pending port)", poll(ports, 1, t0 + 5000000000ULL), 0);
    t1 = pvclock_now();
    CHECK(t1 - t0 < 1000000000ULL, "poll of a pending port took %lu us",
          (unsigned long)((t1 - t0) / 1000));
    EXPECT("close timer port", port_op(EVTCHNOP_close, bv.port), 0);
    ack_all();
}

void test_main(void)
{
    map_shared_info();
    if ( !vi )
        return test_failure("no shared_info");
    register_vcpu_info();
    loopback();
    ipi_and_errors();
    poll_and_timer();
    if ( test_status() == STATUS_SUCCESS )
        test_success();
}
