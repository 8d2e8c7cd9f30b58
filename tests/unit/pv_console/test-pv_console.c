/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host test of common/pv-console.c over the real event-channel code and
 * the event-channel test's stubs: the console page mapped at its gfn, a
 * hypervisor-bound port (status, send, close), OUT ring drained into
 * guest_console_write() with wrap-around and a bogus index, the triple
 * Ctrl-A focus cycle and input delivered to the IN ring by the timer.
 */
#include <string.h>
#include <xen/bitops.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/p2m.h>
#include <xen/pv-console.h>
#include <xen/timer.h>
#include <public/io/console.h>
#include "../event_channel/stub-evtchn.h"
#include "test.h"

#define GFN 40

static char out_buf[8192];
static size_t out_len;

void guest_console_write(struct domain *d, const char *s, size_t len)
{
    (void)d;
    if ( out_len + len < sizeof(out_buf) )
    {
        memcpy(out_buf + out_len, s, len);
        out_len += len;
    }
}

static long evop(unsigned long cmd, void *arg)
{
    return do_event_channel_op(cmd, (unsigned long)arg, 0, 0, 0);
}

static bool pending(struct domain *d, uint32_t port)
{
    return test_bit(port, (unsigned long *)d->shared_info->evtchn_pending);
}

static void clear_pending(struct domain *d, uint32_t port)
{
    clear_bit(port, (unsigned long *)d->shared_info->evtchn_pending);
}

static void guest_write(struct xencons_interface *r, const char *s)
{
    for ( ; *s; s++ )
        r->out[MASK_XENCONS_IDX(r->out_prod++, r->out)] = *s;
}

static void test_output(struct domain *d, struct xencons_interface *r,
                        uint32_t port)
{
    struct evtchn_send snd = { .port = port };
    unsigned int i;

    guest_write(r, "hello\nworld");
    CHECK_EQ(evop(EVTCHNOP_send, &snd), 0);
    CHECK_EQ(out_len, 11u);
    CHECK(!memcmp(out_buf, "hello\nworld", 11));
    CHECK_EQ(r->out_cons, r->out_prod);
    CHECK(pending(d, port));            /* room again */

    /* Wrap-around: 3000 bytes in three sends. */
    out_len = 0;
    for ( i = 0; i < 3; i++ )
    {
        unsigned int j;

        for ( j = 0; j < 1000; j++ )
            r->out[MASK_XENCONS_IDX(r->out_prod++, r->out)] = 'a' + i;
        CHECK_EQ(evop(EVTCHNOP_send, &snd), 0);
    }
    CHECK_EQ(out_len, 3000u);
    CHECK(out_buf[999] == 'a' && out_buf[1000] == 'b' &&
          out_buf[2999] == 'c');

    /* A bogus producer far ahead: only one ring's worth is read. */
    out_len = 0;
    r->out_prod += 100000;
    CHECK_EQ(evop(EVTCHNOP_send, &snd), 0);
    CHECK_EQ(out_len, sizeof(r->out));
    CHECK_EQ(r->out_cons, r->out_prod);
}

static void run_input_timer(void)
{
    CHECK(stub_last_timer != NULL);
    if ( stub_last_timer )
        stub_last_timer->function(stub_last_timer->data);
}

/* A restarted domain (a new console, same id) gets its focus back. */
static void test_refocus(struct domain *d)
{
    CHECK(pv_console_create(d, GFN) > 0);
    CHECK(pv_console_rx(0x01) && pv_console_rx(0x01) && pv_console_rx(0x01));
    CHECK(pv_console_rx('a'));          /* d1 has the focus */
    pv_console_destroy(d);
    CHECK(!pv_console_rx('b'));         /* gone: Xen has it */
    CHECK(pv_console_create(d, GFN) > 0);
    CHECK(pv_console_rx('c'));          /* back to the new d1 */

    /* Switched away by hand: a later restart leaves the focus alone. */
    CHECK(pv_console_rx(0x01) && pv_console_rx(0x01) && pv_console_rx(0x01));
    CHECK(!pv_console_rx('d'));
    pv_console_destroy(d);
    CHECK(pv_console_create(d, GFN) > 0);
    CHECK(!pv_console_rx('e'));
    pv_console_destroy(d);
}

static void test_input(struct domain *d, struct xencons_interface *r,
                       uint32_t port)
{
    CHECK(!pv_console_rx('x'));         /* Xen has the focus */
    CHECK(pv_console_rx(0x01));
    CHECK(pv_console_rx(0x01));
    CHECK(!pv_console_rx('y'));         /* held-back Ctrl-As dropped */
    CHECK(pv_console_rx(0x01) && pv_console_rx(0x01) && pv_console_rx(0x01));

    clear_pending(d, port);
    CHECK(pv_console_rx('h'));
    CHECK(pv_console_rx(0x01));
    CHECK(pv_console_rx('i'));          /* one Ctrl-A passed on */
    run_input_timer();
    CHECK_EQ(r->in_prod, 3u);
    CHECK(r->in[0] == 'h' && r->in[1] == 0x01 && r->in[2] == 'i');
    CHECK(pending(d, port));

    /* A full IN ring drops the excess. */
    r->in_cons = r->in_prod - 1020;
    CHECK(pv_console_rx('1') && pv_console_rx('2') && pv_console_rx('3') &&
          pv_console_rx('4') && pv_console_rx('5'));
    run_input_timer();
    CHECK_EQ(r->in_prod - r->in_cons, 1024u);

    /* Back to Xen: the only console was d1. */
    CHECK(pv_console_rx(0x01) && pv_console_rx(0x01) && pv_console_rx(0x01));
    CHECK(!pv_console_rx('z'));
}

int main(void)
{
    struct domain *d = test_domain_create(1, 1, false);
    struct evtchn_status st = { .dom = DOMID_SELF };
    struct evtchn_close cl;
    struct xencons_interface *r;
    int port;

    test_set_current(d->vcpu[0]);
    port = pv_console_create(d, GFN);
    CHECK(port > 0);
    CHECK_EQ(stub_p2m_type[GFN], p2m_map_rw);
    r = (struct xencons_interface *)(test_ram +
                                     stub_p2m_mfn[GFN] * PAGE_SIZE);
    st.port = port;
    CHECK_EQ(evop(EVTCHNOP_status, &st), 0);
    CHECK_EQ(st.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(st.u.interdomain.dom, DOMID_XEN);

    test_output(d, r, port);
    test_input(d, r, port);

    /*
     * The port is bound to the hypervisor: the guest cannot close it (as
     * Xen refuses to close a Xen-attached channel), and it keeps working.
     */
    cl.port = port;
    CHECK_EQ(evop(EVTCHNOP_close, &cl), -EINVAL);
    CHECK_EQ(evtchn_notify_xen_port(d, port), 0);

    pv_console_destroy(d);
    CHECK_EQ(stub_p2m_type[GFN], p2m_invalid);
    pv_console_destroy(d);              /* idempotent */
    test_refocus(d);
    test_domain_free(1);
    return test_done();
}
