/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's own PV console back-end for boot-time domains: a
 * xencons_interface page per domain, mapped into its physmap, and a
 * hypervisor-bound event channel. Guest sends drain the OUT ring into
 * guest_console_write() ("(dN)" lines, rate-limited); serial input goes
 * to the IN ring of the domain holding the input focus, which three
 * Ctrl-A in a row move: hypervisor -> d1 -> d2 ... -> hypervisor.
 * Design: docs/hypervisor/pv-console.md.
 *
 * Locking: pvcons_lock (IRQ-safe) guards consoles[]; taken before
 * d->console.lock (via guest_console_write) and d->event_lock. Input
 * bytes from the serial interrupt go through input_lock (IRQ-safe, leaf)
 * into a small ring; input_timer moves them to the guest in softirq
 * context, where the event lock may be taken.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest-console.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/pv-console.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <public/io/console.h>
#include <public/xen.h>

#define PV_CONSOLE_MAX  32
#define SWITCH_CODE     0x01    /* Ctrl-A */
#define INPUT_RING      256     /* power of two */

struct pv_console {
    struct domain *d;                   /* NULL: slot free */
    struct xencons_interface *ring;     /* xenheap page */
    uint64_t gfn;
    uint32_t port;
};

static DEFINE_SPINLOCK(pvcons_lock);
static struct pv_console consoles[PV_CONSOLE_MAX];     /* [L:pvcons_lock] */

static DEFINE_SPINLOCK(input_lock);
static domid_t input_focus = DOMID_XEN;     /* [L:input_lock] */
/*
 * [L:input_lock] The domain whose destroy took the focus back to Xen,
 * until the focus is switched by hand: when a console appears for that
 * id again (launch.c restarting it after a reboot: restarts reuse the
 * lowest free id), the focus goes back to it. DOMID_INVALID: none.
 */
static domid_t focus_lost = DOMID_INVALID;
static unsigned int switch_count;           /* [L:input_lock] Ctrl-As */
static char input_ring[INPUT_RING];         /* [L:input_lock] */
static unsigned int input_prod, input_cons; /* [L:input_lock] */
static struct timer input_timer;
static bool input_timer_ready;

static int parse_console_to(const char *s)
{
    unsigned int id = 0;

    if ( !strcmp(s, "hv") || !strcmp(s, "xen") )
    {
        input_focus = DOMID_XEN;
        return 0;
    }
    if ( *s++ != 'd' || !*s )
        return -1;
    for ( ; *s; s++ )
    {
        if ( *s < '0' || *s > '9' || id > DOMID_FIRST_RESERVED )
            return -1;
        id = id * 10 + (unsigned int)(*s - '0');
    }
    if ( id >= DOMID_FIRST_RESERVED )
        return -1;
    input_focus = (domid_t)id;
    return 0;
}
custom_param("console_to", parse_console_to,
             "who gets serial input at boot: hv (the debug keys) or dN "
             "(domain N's PV console); three Ctrl-A switch later (hv)");

/* Caller holds pvcons_lock. */
static struct pv_console *find(const struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < PV_CONSOLE_MAX; i++ )
        if ( consoles[i].d == d )
            return &consoles[i];
    return NULL;
}

/* Caller holds pvcons_lock. */
static struct pv_console *find_id(domid_t id)
{
    unsigned int i;

    for ( i = 0; i < PV_CONSOLE_MAX; i++ )
        if ( consoles[i].d && consoles[i].d->domain_id == id )
            return &consoles[i];
    return NULL;
}

/*
 * The guest sent on its console port: print what it wrote. The ring is
 * copied out under pvcons_lock (IRQs off) and printed after it is
 * dropped, since printing waits for the serial line (~90 us a byte at
 * 115200 baud). out_lock keeps drains, and so the output, in order.
 * Context: evtchn_send() after the event lock is dropped (IRQs on).
 */
static DEFINE_SPINLOCK(out_lock);

static void out_event(struct domain *d, uint32_t port)
{
    struct xencons_interface *r;
    struct pv_console *c;
    XENCONS_RING_IDX cons, prod;
    unsigned long flags;
    char buf[sizeof(r->out)];
    unsigned int n = 0;

    spin_lock(&out_lock);
    spin_lock_irqsave(&pvcons_lock, flags);
    c = find(d);
    if ( c && c->port == port )
    {
        r = c->ring;
        cons = r->out_cons;
        prod = __atomic_load_n(&r->out_prod, __ATOMIC_ACQUIRE);
        if ( prod - cons > sizeof(r->out) )
            cons = prod - sizeof(r->out);   /* bogus index: keep the last */
        while ( cons != prod )
            buf[n++] = r->out[MASK_XENCONS_IDX(cons++, r->out)];
        __atomic_store_n(&r->out_cons, cons, __ATOMIC_RELEASE);
        (void)evtchn_notify_xen_port(d, port);  /* there is room again */
    }
    spin_unlock_irqrestore(&pvcons_lock, flags);
    if ( n )
        guest_console_write(d, buf, n);
    spin_unlock(&out_lock);
}

/* Caller holds pvcons_lock. Bytes that do not fit are dropped. */
static void put_input(struct pv_console *c, const char *s, unsigned int n)
{
    struct xencons_interface *r = c->ring;
    XENCONS_RING_IDX prod = r->in_prod;
    XENCONS_RING_IDX cons = __atomic_load_n(&r->in_cons, __ATOMIC_ACQUIRE);
    unsigned int i;

    if ( prod - cons > sizeof(r->in) )
        return;                         /* the guest broke its index */
    for ( i = 0; i < n && prod - cons < sizeof(r->in); i++ )
        r->in[MASK_XENCONS_IDX(prod++, r->in)] = s[i];
    __atomic_store_n(&r->in_prod, prod, __ATOMIC_RELEASE);
    (void)evtchn_notify_xen_port(c->d, c->port);
}

/* Softirq (timer): move queued serial input to the focused domain. */
static void input_timer_fn(void *unused)
{
    unsigned long flags;
    struct pv_console *c;
    unsigned int n;
    domid_t focus;
    char buf[INPUT_RING];

    (void)unused;
    spin_lock_irqsave(&input_lock, flags);
    for ( n = 0; input_cons != input_prod; n++ )
        buf[n] = input_ring[input_cons++ % INPUT_RING];
    focus = input_focus;
    spin_unlock_irqrestore(&input_lock, flags);
    if ( !n || focus == DOMID_XEN )
        return;

    spin_lock_irqsave(&pvcons_lock, flags);
    c = find_id(focus);
    if ( c )
        put_input(c, buf, n);
    spin_unlock_irqrestore(&pvcons_lock, flags);
}

/* Caller holds input_lock. */
static void queue_input(char ch)
{
    if ( input_prod - input_cons < INPUT_RING )
        input_ring[input_prod++ % INPUT_RING] = ch;
}

/* Caller holds input_lock: the next domain with a console, or Xen. */
static void switch_focus(void)
{
    domid_t next = DOMID_XEN;
    unsigned int i;

    spin_lock(&pvcons_lock);
    for ( i = 0; i < PV_CONSOLE_MAX; i++ )
    {
        const struct domain *d = consoles[i].d;

        if ( d && (input_focus == DOMID_XEN || d->domain_id > input_focus) &&
             (next == DOMID_XEN || d->domain_id < next) )
            next = d->domain_id;
    }
    spin_unlock(&pvcons_lock);
    input_focus = next;
    focus_lost = DOMID_INVALID;
    if ( next == DOMID_XEN )
        printk("*** Serial input to Xen (type 'CTRL-a' three times to "
               "switch input)\n");
    else
        printk("*** Serial input to d%u (type 'CTRL-a' three times to "
               "switch input)\n", next);
}

bool pv_console_rx(char c)
{
    unsigned long flags;
    bool taken = true, kick = false;

    spin_lock_irqsave(&input_lock, flags);
    if ( c == SWITCH_CODE )
    {
        if ( ++switch_count == 3 )
        {
            switch_count = 0;
            switch_focus();
        }
    }
    else if ( input_focus == DOMID_XEN )
    {
        switch_count = 0;               /* held-back Ctrl-As are dropped */
        taken = false;
    }
    else
    {
        for ( ; switch_count; switch_count-- )
            queue_input(SWITCH_CODE);
        queue_input(c);
        kick = input_timer_ready;
    }
    spin_unlock_irqrestore(&input_lock, flags);
    if ( kick )
        set_timer(&input_timer, NOW());
    return taken;
}

/* A console for id appeared: give it back the focus its destroy took. */
static void refocus(domid_t id)
{
    unsigned long flags;
    bool back;

    spin_lock_irqsave(&input_lock, flags);
    back = input_focus == DOMID_XEN && focus_lost == id;
    if ( back )
    {
        input_focus = id;
        focus_lost = DOMID_INVALID;
        switch_count = 0;
    }
    spin_unlock_irqrestore(&input_lock, flags);
    if ( back )
        printk("*** Serial input to d%u (restarted; type 'CTRL-a' three "
               "times to switch input)\n", id);
}

int pv_console_create(struct domain *d, uint64_t gfn)
{
    struct xencons_interface *r;
    struct pv_console *c;
    unsigned long flags;
    int port, rc;

    if ( !input_timer_ready )
    {
        init_timer(&input_timer, input_timer_fn, NULL, 0);
        input_timer_ready = true;
    }
    r = alloc_xenheap_pages(0, 0);
    if ( !r )
        return -ENOMEM;
    memset(r, 0, PAGE_SIZE);
    port = evtchn_alloc_xen_port(d, out_event);
    if ( port < 0 )
    {
        free_xenheap_pages(r, 0);
        return port;
    }
    rc = p2m_map_mfn(p2m_get_hostp2m(d), gfn, virt_to_mfn(r), p2m_map_rw);
    spin_lock_irqsave(&pvcons_lock, flags);
    c = rc ? NULL : find(NULL);
    if ( c )
    {
        c->ring = r;
        c->gfn = gfn;
        c->port = port;
        c->d = d;
    }
    spin_unlock_irqrestore(&pvcons_lock, flags);
    if ( c )
    {
        refocus(d->domain_id);
        return port;
    }
    if ( !rc )
    {
        /* No slot. A 4 KiB entry needs no split: removal cannot fail. */
        rc = -ENOSPC;
        if ( p2m_remove(p2m_get_hostp2m(d), gfn, 0) )
            BUG_ON(1);
    }
    evtchn_free_xen_port(d, port, out_event);
    free_xenheap_pages(r, 0);
    return rc;
}

void pv_console_destroy(struct domain *d)
{
    struct pv_console copy = { 0 };
    struct p2m_domain *p2m;
    struct pv_console *c;
    unsigned long flags;
    enum p2m_type t;

    spin_lock_irqsave(&pvcons_lock, flags);
    c = find(d);
    if ( c )
    {
        copy = *c;
        c->d = NULL;
    }
    spin_unlock_irqrestore(&pvcons_lock, flags);
    if ( !copy.d )
        return;

    spin_lock_irqsave(&input_lock, flags);
    if ( input_focus == d->domain_id )
    {
        input_focus = DOMID_XEN;
        focus_lost = d->domain_id;
        printk("*** Serial input to Xen (d%u is gone)\n", d->domain_id);
    }
    spin_unlock_irqrestore(&input_lock, flags);

    evtchn_free_xen_port(d, copy.port, out_event);
    p2m = p2m_get_hostp2m(d);
    if ( p2m_lookup(p2m, copy.gfn, &t) == virt_to_mfn(copy.ring) &&
         t == p2m_map_rw && p2m_remove(p2m, copy.gfn, 0) )
        printk(XENLOG_WARNING "d%u: console frame %#lx still mapped\n",
               d->domain_id, (unsigned long)copy.gfn);
    free_xenheap_pages(copy.ring, 0);
}
