/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the small printf formatter and the console
 * output paths (console_io hypercall, port 0xe9, COM1).
 */
#include <stdbool.h>
#include <stdint.h>
#include <guest/console.h>
#include <guest/hypercall.h>
#include <guest/lib.h>
#include <guest/x86.h>

#define DEBUG_PORT  0xe9
#define COM1        0x3f8
#define UART_LSR    5
#define LSR_THRE    0x20

/* ---- formatter ---- */

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

struct spec {
    bool left, zero;
    unsigned int width;
};

static void put_padded(struct out *o, const char *s, size_t n,
                       const struct spec *sp)
{
    size_t pad = sp->width > n ? sp->width - n : 0;
    char fill = sp->zero && !sp->left ? '0' : ' ';

    /* With zero padding a sign goes before the zeros. */
    if ( fill == '0' && n && *s == '-' )
    {
        put(o, *s++);
        n--;
    }
    if ( !sp->left )
        while ( pad-- )
            put(o, fill);
    while ( n-- )
        put(o, *s++);
    if ( sp->left )
        while ( pad-- )
            put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool neg,
                       unsigned int base, bool upper, const struct spec *sp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    size_t i = sizeof(tmp);

    do {
        tmp[--i] = digits[v % base];
        v /= base;
    } while ( v );
    if ( neg )
        tmp[--i] = '-';
    put_padded(o, tmp + i, sizeof(tmp) - i, sp);
}

static const char *parse_spec(const char *f, struct spec *sp)
{
    sp->left = sp->zero = false;
    sp->width = 0;
    for ( ; *f == '-' || *f == '0'; f++ )
    {
        if ( *f == '-' )
            sp->left = true;
        else
            sp->zero = true;
    }
    for ( ; *f >= '0' && *f <= '9'; f++ )
        sp->width = sp->width * 10 + (unsigned int)(*f - '0');
    return f;
}

/* One conversion at f (after '%' and the flags). Returns the next char. */
static const char *convert(struct out *o, const char *f, const struct spec *sp,
                           va_list *ap)
{
    int lng = 0;
    unsigned long long u;
    long long s;

    for ( ; *f == 'l' || *f == 'z'; f++ )
        lng++;
    switch ( *f )
    {
    case 'd': case 'i':
        s = lng >= 2 ? va_arg(*ap, long long)
            : lng ? va_arg(*ap, long) : va_arg(*ap, int);
        u = s < 0 ? 0ULL - (unsigned long long)s : (unsigned long long)s;
        put_number(o, u, s < 0, 10, false, sp);
        break;
    case 'u': case 'x': case 'X':
        u = lng >= 2 ? va_arg(*ap, unsigned long long)
            : lng ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
        put_number(o, u, false, *f == 'u' ? 10 : 16, *f == 'X', sp);
        break;
    case 'p':
    {
        struct spec p = { .zero = true, .width = 16 };

        put(o, '0');
        put(o, 'x');
        put_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, &p);
        break;
    }
    case 's':
    {
        const char *str = va_arg(*ap, const char *);

        if ( !str )
            str = "(null)";
        put_padded(o, str, strlen(str), sp);
        break;
    }
    case 'c':
    {
        char c = (char)va_arg(*ap, int);

        put_padded(o, &c, 1, sp);
        break;
    }
    case '%':
        put(o, '%');
        break;
    default:
        put(o, '%');
        if ( !*f )
            return f;
        put(o, *f);
        break;
    }
    return f + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { .buf = buf, .size = size };
    struct spec sp;
    va_list aq;

    va_copy(aq, ap);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            put(&o, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp);
        fmt = convert(&o, fmt, &sp, &aq);
    }
    va_end(aq);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- output ---- */

enum con_path {
    CON_UNKNOWN,        /* hypervisor present, console_io not tried yet */
    CON_HYPERCALL,
    CON_PORT_E9,
    CON_BARE,           /* no hypervisor: 0xe9 and COM1 */
};
static enum con_path con_path = CON_UNKNOWN;

static void port_e9_write(const char *s, size_t len)
{
    while ( len-- )
        outb((uint8_t)*s++, DEBUG_PORT);
}

static void com1_putc(char c)
{
    unsigned int tries = 100000;

    while ( !(inb(COM1 + UART_LSR) & LSR_THRE) && --tries )
        ;
    outb((uint8_t)c, COM1);
}

static void com1_write(const char *s, size_t len)
{
    for ( ; len; len--, s++ )
    {
        if ( *s == '\n' )
            com1_putc('\r');
        com1_putc(*s);
    }
}

void console_write(const char *s, size_t len)
{
    if ( con_path == CON_UNKNOWN )
        con_path = hv.base ? CON_HYPERCALL : CON_BARE;
    if ( con_path == CON_HYPERCALL )
    {
        long rc = hypervisor_console_io(CONSOLEIO_write, (unsigned int)len, s);

        if ( rc >= 0 )
            return;
        con_path = CON_PORT_E9;
    }
    port_e9_write(s, len);
    if ( con_path == CON_BARE )
        com1_write(s, len);
}

const char *console_path(void)
{
    switch ( con_path )
    {
    case CON_HYPERCALL: return "console_io";
    case CON_PORT_E9:   return "port 0xe9";
    case CON_BARE:      return "0xe9+COM1";
    default:            return "unknown";
    }
}

int vprintf(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    console_write(buf, strlen(buf));
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
