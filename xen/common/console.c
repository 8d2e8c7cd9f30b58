/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk and the console log. Each line gets a "(XEN) [seconds.micros] "
 * prefix; every line goes into the log ring, and lines at or below the
 * "loglvl=" threshold also go to the serial port. Serial input feeds the
 * debug-key handler.
 *
 * Locking: console_lock (spinlock, IRQ-safe) serialises ring and serial
 * output so lines from different CPUs do not interleave. It is the
 * innermost lock: nothing is taken while holding it. The panic path
 * breaks it with console_force_unlock().
 */
#include <xen/lib.h>
#include <xen/console.h>
#include <xen/keyhandler.h>
#include <xen/param.h>
#include <xen/pv-console.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/time.h>

#define CONRING_SIZE (64 * 1024)     /* power of two */

static char conring[CONRING_SIZE];
static uint64_t conring_prod;        /* [L:console_lock] bytes ever written */
static DEFINE_SPINLOCK(console_lock);
static bool at_line_start = true;    /* [L:console_lock] */

static unsigned int loglvl = LOGLVL_INFO;
static int parse_loglvl(const char *s)
{
    static const char *const names[] = { "error", "warning", "info",
                                         "debug" };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(names); i++ )
        if ( !strcmp(s, names[i]) )
        {
            loglvl = i;
            return 0;
        }
    if ( !strcmp(s, "all") )
    {
        loglvl = LOGLVL_DEBUG;
        return 0;
    }
    return -1;
}
custom_param("loglvl", parse_loglvl,
             "highest level printed on serial: error, warning, info, "
             "debug/all (info)");

static bool console_timestamps = true;
boolean_param("console_timestamps", console_timestamps,
              "prefix console lines with seconds since boot (on)");

static void ring_putc(char c)
{
    conring[conring_prod & (CONRING_SIZE - 1)] = c;
    conring_prod++;
}

static void emit(const char *s, size_t len, bool to_serial)
{
    size_t i;

    for ( i = 0; i < len; i++ )
    {
        ring_putc(s[i]);
        if ( to_serial )
            serial_putc(s[i]);
    }
}

static void emit_prefix(bool to_serial)
{
    char buf[40];
    int n;

    if ( console_timestamps )
    {
        s_time_t now = NOW();

        n = scnprintf(buf, sizeof(buf), "(XEN) [%5lu.%06lu] ",
                      (unsigned long)(now / NSEC_PER_SEC),
                      (unsigned long)((now % NSEC_PER_SEC) / 1000));
    }
    else
        n = scnprintf(buf, sizeof(buf), "(XEN) ");
    emit(buf, (size_t)n, to_serial);
}

/* Caller holds console_lock. */
static void put_text(const char *s, bool to_serial)
{
    while ( *s )
    {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);

        if ( at_line_start )
            emit_prefix(to_serial);
        emit(s, len, to_serial);
        at_line_start = nl != NULL;
        s += len;
    }
}

static unsigned int parse_level(const char **fmt)
{
    const char *f = *fmt;

    if ( f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>' )
    {
        *fmt = f + 3;
        return (unsigned int)(f[1] - '0');
    }
    return LOGLVL_INFO;
}

void vprintk(const char *fmt, va_list args)
{
    char buf[1024];
    unsigned int level = parse_level(&fmt);
    unsigned long flags;

    vscnprintf(buf, sizeof(buf), fmt, args);
    spin_lock_irqsave(&console_lock, flags);
    put_text(buf, level <= loglvl);
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void console_write_raw(const char *s, size_t len)
{
    unsigned long flags;

    spin_lock_irqsave(&console_lock, flags);
    emit(s, len, true);
    if ( len )
        at_line_start = s[len - 1] == '\n';
    spin_unlock_irqrestore(&console_lock, flags);
}

size_t console_ring_read(char *buf, size_t len, uint64_t *index)
{
    unsigned long flags;
    uint64_t first;
    size_t n = 0;

    spin_lock_irqsave(&console_lock, flags);
    first = conring_prod > CONRING_SIZE ? conring_prod - CONRING_SIZE : 0;
    if ( *index < first )
        *index = first;
    while ( n < len && *index < conring_prod )
        buf[n++] = conring[(*index)++ & (CONRING_SIZE - 1)];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

uint64_t console_ring_written(void)
{
    return READ_ONCE(conring_prod);
}

size_t console_ring_size(void)
{
    return CONRING_SIZE;
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}

static void serial_rx(char c)
{
    if ( pv_console_rx(c) )
        return;             /* a focus switch or a domain's input */
    handle_keypress((unsigned char)c);
}

void console_init_preirq(void)
{
    serial_init_preirq();
    serial_set_rx_handler(serial_rx);
}

void console_init_postirq(void)
{
    serial_init_postirq();
}
