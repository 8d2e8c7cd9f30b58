/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printf-style formatting for printk() and friends: vsnprintf(),
 * snprintf(), vscnprintf(), scnprintf() (declared in xen/lib.h).
 * Supports %d %i %u %x %X %o %c %s %p %% with the C99 flags, width,
 * precision ('*' too) and the hh h l ll z t j length modifiers, plus %pS
 * ("symbol+0xoff/0xsize") and %ps ("symbol") for code addresses.
 * No floating point and, deliberately, no %n. Never writes past size.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/symbols.h>
#include <xen/types.h>

#define F_LEFT      (1U << 0)   /* '-' */
#define F_ZERO      (1U << 1)   /* '0' */
#define F_PLUS      (1U << 2)   /* '+' */
#define F_SPACE     (1U << 3)   /* ' ' */
#define F_ALT       (1U << 4)   /* '#' */
#define F_PREFIX    (1U << 5)   /* print 0x even for 0 (used by %p) */

/* Cap on widths and precisions, so that parsing them cannot overflow. */
#define FIELD_MAX   (1 << 20)

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
    unsigned int flags;
    int width;                  /* 0 if none */
    int prec;                   /* -1 if none */
    enum length len;
    char conv;
};

/* Output cursor; len counts every character, stored or not. */
struct out {
    char *buf;
    size_t size;
    size_t len;
};

static void put_char(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
    for ( ; n > 0; n-- )
        put_char(o, c);
}

/* n characters of s, padded with spaces to the field width. */
static void put_padded(struct out *o, const struct spec *sp, const char *s,
                       int n)
{
    int i;

    if ( !(sp->flags & F_LEFT) )
        put_repeat(o, ' ', sp->width - n);
    for ( i = 0; i < n; i++ )
        put_char(o, s[i]);
    if ( sp->flags & F_LEFT )
        put_repeat(o, ' ', sp->width - n);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
    if ( !s )
        s = "(null)";
    put_padded(o, sp, s, strnlen(s, sp->prec >= 0 ? sp->prec : FIELD_MAX));
}

/*
 * An integer of magnitude v (negative if neg) in the base of sp->conv:
 * [spaces] [sign or 0x] [zeros] digits [spaces], per C99 7.19.6.1.
 */
static void put_number(struct out *o, const struct spec *sp,
                       unsigned long long v, bool neg)
{
    const char *xdigits = sp->conv == 'X' ? "0123456789ABCDEF"
                                          : "0123456789abcdef";
    unsigned int base = sp->conv == 'o' ? 8 :
                        (sp->conv == 'x' || sp->conv == 'X') ? 16 : 10;
    bool is_signed = sp->conv == 'd' || sp->conv == 'i';
    char buf[2 + 64 / 3 + 2], *p = buf + sizeof(buf);
    int n, plen = 0, zeros, prec = sp->prec, pad;

    if ( v || prec != 0 )
    {
        bool nonzero = v;

        do {
            *--p = xdigits[v % base];
            v /= base;
        } while ( v );
        /* '#' with 'o' raises the precision so that the first digit is 0. */
        if ( base == 8 && (sp->flags & F_ALT) && *p != '0' &&
             prec <= buf + sizeof(buf) - p )
            prec = buf + sizeof(buf) - p + 1;
        if ( base == 16 && (sp->flags & F_ALT) && nonzero )
            plen = 2;
    }
    else if ( base == 8 && (sp->flags & F_ALT) )
        prec = 1;                       /* %#.0o of 0 still prints "0" */
    n = buf + sizeof(buf) - p;

    if ( base == 16 && (sp->flags & F_PREFIX) )
        plen = 2;
    if ( plen )
    {
        *--p = sp->conv;
        *--p = '0';
    }
    else if ( neg || (is_signed && (sp->flags & (F_PLUS | F_SPACE))) )
    {
        *--p = neg ? '-' : (sp->flags & F_PLUS) ? '+' : ' ';
        plen = 1;
    }

    zeros = prec > n ? prec - n : 0;
    if ( sp->prec < 0 && (sp->flags & (F_ZERO | F_LEFT)) == F_ZERO &&
         sp->width - plen - n > zeros )
        zeros = sp->width - plen - n;
    pad = sp->width - plen - zeros - n;

    if ( !(sp->flags & F_LEFT) )
        put_repeat(o, ' ', pad);
    for ( ; plen; plen-- )
        put_char(o, *p++);
    put_repeat(o, '0', zeros);
    for ( ; n; n-- )
        put_char(o, *p++);
    if ( sp->flags & F_LEFT )
        put_repeat(o, ' ', pad);
}

/* %p, %pS, %ps. Returns how many extra format characters were used. */
static int put_pointer(struct out *o, const struct spec *sp,
                       unsigned long addr, char ext)
{
    struct spec hex = { .flags = F_PREFIX | (sp->flags & F_LEFT),
                        .width = sp->width, .prec = 16, .conv = 'x' };
    char name[KSYM_NAME_LEN], text[KSYM_NAME_LEN + 40];
    unsigned long size, offset;
    const char *sym;

    if ( ext != 'S' && ext != 's' )
    {
        put_number(o, &hex, addr, false);
        return 0;
    }

    sym = symbols_lookup(addr, &size, &offset, name);
    if ( !sym )
        put_number(o, &hex, addr, false);
    else
    {
        if ( ext == 'S' )
            snprintf(text, sizeof(text), "%s+%#lx/%#lx", sym, offset, size);
        else
            snprintf(text, sizeof(text), "%s", sym);
        put_string(o, &(struct spec){ .flags = sp->flags & F_LEFT,
                                      .width = sp->width, .prec = -1 },
                   text);
    }

    return 1;
}

/* A width or precision: digits, or '*' taking an int argument. */
static int parse_field(const char **fmt, va_list *ap, bool *from_arg)
{
    int val = 0;

    *from_arg = **fmt == '*';
    if ( *from_arg )
    {
        (*fmt)++;
        return va_arg(*ap, int);
    }
    for ( ; **fmt >= '0' && **fmt <= '9'; (*fmt)++ )
        if ( val < FIELD_MAX )
            val = val * 10 + (**fmt - '0');

    return val;
}

/* Parse flags, width, precision and length after '%' into sp. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
    static const char flag_chars[] = "-0+ #";
    const char *f;
    bool from_arg;

    *sp = (struct spec){ .prec = -1 };
    while ( *fmt && (f = strchr(flag_chars, *fmt)) != NULL )
    {
        sp->flags |= 1U << (f - flag_chars);
        fmt++;
    }

    sp->width = parse_field(&fmt, ap, &from_arg);
    if ( sp->width < 0 )
    {
        /* A negative '*' width is a '-' flag and a positive width. */
        sp->flags |= F_LEFT;
        sp->width = sp->width < -FIELD_MAX ? FIELD_MAX : -sp->width;
    }
    sp->width = min(sp->width, FIELD_MAX);

    if ( *fmt == '.' )
    {
        fmt++;
        sp->prec = parse_field(&fmt, ap, &from_arg);
        if ( sp->prec < 0 )
            sp->prec = from_arg ? -1 : 0;   /* negative '*': none given */
        sp->prec = min(sp->prec, FIELD_MAX);
    }

    if ( *fmt == 'h' )
        sp->len = *++fmt == 'h' ? (fmt++, LEN_HH) : LEN_H;
    else if ( *fmt == 'l' )
        sp->len = *++fmt == 'l' ? (fmt++, LEN_LL) : LEN_L;
    else if ( *fmt == 'z' || *fmt == 't' || *fmt == 'j' )
        sp->len = *fmt++ == 'z' ? LEN_Z : fmt[-1] == 't' ? LEN_T : LEN_J;

    sp->conv = *fmt;
    return fmt;
}

/* Fetch a signed integer argument of the spec's length. */
static long long get_signed(const struct spec *sp, va_list *ap)
{
    switch ( sp->len )
    {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return va_arg(*ap, ptrdiff_t);    /* signed size_t */
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    switch ( sp->len )
    {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return va_arg(*ap, size_t);       /* unsigned ptrdiff_t */
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

/*
 * Format one conversion whose spec has been parsed; fmt points at the
 * conversion character. Returns the format position after it, or NULL if
 * the conversion is unknown (the caller then copies the spec literally).
 */
static const char *convert(struct out *o, const struct spec *sp,
                           const char *fmt, va_list *ap)
{
    long long sv;
    char c;

    switch ( sp->conv )
    {
    case 'd':
    case 'i':
        sv = get_signed(sp, ap);
        put_number(o, sp, sv < 0 ? -(unsigned long long)sv
                                 : (unsigned long long)sv, sv < 0);
        break;
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        put_number(o, sp, get_unsigned(sp, ap), false);
        break;
    case 'c':
        c = va_arg(*ap, int);
        put_padded(o, sp, &c, 1);
        break;
    case 's':
        put_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'p':
        fmt += put_pointer(o, sp, (unsigned long)va_arg(*ap, void *), fmt[1]);
        break;
    case '%':
        put_char(o, '%');
        break;
    default:
        return NULL;
    }

    return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size };
    struct spec sp;
    const char *start, *next;
    va_list ap;

    va_copy(ap, args);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            put_char(&o, *fmt++);
            continue;
        }
        start = fmt;
        fmt = parse_spec(fmt + 1, &sp, &ap);
        next = convert(&o, &sp, fmt, &ap);
        if ( next )
        {
            fmt = next;
            continue;
        }
        /* Unknown conversion (or %n): print it as text. */
        while ( start < fmt )
            put_char(&o, *start++);
        if ( *fmt )
            put_char(&o, *fmt++);
    }
    va_end(ap);

    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';

    return o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);

    return n;
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n = vsnprintf(buf, size, fmt, args);

    if ( !size )
        return 0;

    return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vscnprintf(buf, size, fmt, args);
    va_end(args);

    return n;
}
