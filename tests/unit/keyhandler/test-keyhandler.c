/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host tests for common/keyhandler.c: deferred and IRQ-time handlers,
 * the 'h' listing, '*' running only diagnostic keys, unknown keys and
 * the backlog limit.
 */
#include <xen/keyhandler.h>
#include <xen/softirq.h>
#include <asm/system.h>
#include "test.h"

static char outbuf[8192];
static size_t outlen;

void vprintk(const char *fmt, va_list args)
{
    if ( outlen < sizeof(outbuf) )
        outlen += vsnprintf(outbuf + outlen, sizeof(outbuf) - outlen, fmt,
                            args);
}

static void out_reset(void)
{
    outlen = 0;
    outbuf[0] = '\0';
}

static unsigned int runs[256];
static bool irq_ctx_ok = true, softirq_ctx_ok = true;

static void soft_fn(unsigned char key)
{
    runs[key]++;
    if ( !local_irq_is_enabled() )
        softirq_ctx_ok = false;
}

static void irq_fn(unsigned char key)
{
    runs[key]++;
    if ( local_irq_is_enabled() )
        irq_ctx_ok = false;
}

/* The serial driver calls handle_keypress() from its IRQ handler. */
static void serial_irq(unsigned char key)
{
    local_irq_disable();
    handle_keypress(key);
    local_irq_enable();
}

int main(void)
{
    keyhandler_init();
    register_keyhandler('a', soft_fn, "alpha dump", true);
    register_keyhandler('b', soft_fn, "bravo action", false);
    register_irq_keyhandler('r', irq_fn, "registers", true);

    serial_irq('a');
    CHECK_EQ(runs['a'], 0);             /* deferred */
    CHECK(softirq_pending(0) & (1UL << KEYPRESS_SOFTIRQ));
    do_softirq();
    CHECK_EQ(runs['a'], 1);

    serial_irq('r');
    CHECK_EQ(runs['r'], 1);             /* at once */
    CHECK(irq_ctx_ok);

    out_reset();
    serial_irq('h');
    do_softirq();
    CHECK(strstr(outbuf, "'a' * alpha dump") != NULL);
    CHECK(strstr(outbuf, "'b'   bravo action") != NULL);
    CHECK(strstr(outbuf, "'h'   show this list") != NULL);

    serial_irq('*');
    do_softirq();
    CHECK_EQ(runs['a'], 2);
    CHECK_EQ(runs['b'], 0);
    CHECK_EQ(runs['r'], 1);             /* IRQ keys not run from '*' */

    out_reset();
    serial_irq('z');
    CHECK(strstr(outbuf, "no handler") != NULL);

    /* More keys than the backlog: the excess is dropped and reported. */
    out_reset();
    for ( int i = 0; i < 40; i++ )
        serial_irq('b');
    do_softirq();
    CHECK_EQ(runs['b'], 16);
    CHECK(strstr(outbuf, "24 keys dropped") != NULL);
    CHECK(softirq_ctx_ok);
    return test_done();
}
