/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domain console lines on the hypervisor console. Each domain's bytes are
 * collected into a line buffer and printed as "(dN) text" when a newline
 * arrives or the buffer fills. A byte budget per domain and second
 * ("guest_console_rate=") limits what one domain can print; the excess is
 * counted and reported once the domain is back under its budget.
 *
 * Locking: d->console.lock (spinlock) guards the line buffer and budget;
 * printk's console_lock is taken inside it.
 */
#include <xen/lib.h>
#include <xen/guest-console.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/time.h>

static unsigned int console_rate = 16384;
integer_param("guest_console_rate", console_rate,
              "bytes per second each domain may print on the hypervisor "
              "console before output is dropped; 0 = no limit (16384)");

/* Caller holds d->console.lock. */
static void flush_line(struct domain *d)
{
    struct domain_console *c = &d->console;

    if ( !c->len )
        return;
    c->buf[c->len] = '\0';
    printk("(d%u) %s\n", d->domain_id, c->buf);
    c->len = 0;
}

/* Caller holds d->console.lock. Returns false if the byte is dropped. */
static bool within_budget(struct domain_console *c)
{
    s_time_t now = NOW();

    if ( !console_rate )
        return true;
    if ( now - c->window_start >= SECONDS(1) )
    {
        c->window_start = now;
        c->window_bytes = 0;
    }
    if ( c->window_bytes >= console_rate )
    {
        c->dropped++;
        return false;
    }
    c->window_bytes++;
    return true;
}

void guest_console_write(struct domain *d, const char *s, size_t len)
{
    struct domain_console *c = &d->console;
    size_t i;

    spin_lock(&c->lock);
    for ( i = 0; i < len; i++ )
    {
        char ch = s[i];

        if ( !within_budget(c) )
            continue;
        if ( c->dropped && c->len == 0 )
        {
            printk(XENLOG_WARNING "(d%u) [%lu bytes of console output "
                   "dropped: over the rate limit]\n", d->domain_id,
                   c->dropped);
            c->dropped = 0;
        }
        if ( ch == '\n' )
        {
            flush_line(d);
            continue;
        }
        if ( ch == '\r' )
            continue;
        /* Control characters could drive the user's terminal: show '.'. */
        if ( (unsigned char)ch < 0x20 && ch != '\t' )
            ch = '.';
        c->buf[c->len++] = ch;
        if ( c->len == sizeof(c->buf) - 1 )
            flush_line(d);
    }
    spin_unlock(&c->lock);
}

void guest_console_flush(struct domain *d)
{
    spin_lock(&d->console.lock);
    flush_line(d);
    spin_unlock(&d->console.lock);
}
