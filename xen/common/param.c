/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command line parsing (xen/param.h): splits the command line into
 * options, finds each in the table the *_param() macros build in the
 * "lamina_params" section, and stores the decoded value. Decoding is
 * all-or-nothing: a value is checked completely before the variable is
 * written. Also the value parsers custom options share. Boot only.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/string.h>

/* Longest option (name=value) accepted, including the NUL. */
#define CMDLINE_TOKEN_MAX 256

/* Weak, so that a host test without any option still links. */
extern const struct kernel_param __start_lamina_params[] __attribute__((weak));
extern const struct kernel_param __stop_lamina_params[] __attribute__((weak));

#define for_each_param(p) \
    for ( (p) = __start_lamina_params; (p) < __stop_lamina_params; (p)++ )

int parse_bool(const char *s, const char *e)
{
    static const char *const words[] = {
        "0", "no", "off", "false", "disable",
        "1", "yes", "on", "true", "enable",
    };
    size_t len = e ? (size_t)(e - s) : strlen(s);
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(words); i++ )
        if ( strlen(words[i]) == len && !strncmp(s, words[i], len) )
            return i >= ARRAY_SIZE(words) / 2;

    return -EINVAL;
}

/* Value of digit c in bases up to 16, or 16 if c is not a digit. */
static unsigned int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return 16;
}

/*
 * An unsigned number as simple_strtoull() reads it (0x hex, 0 octal, else
 * decimal), but reporting overflow. Returns 0, -EINVAL or -ERANGE.
 */
static int parse_number(const char *s, const char **end, uint64_t *val)
{
    unsigned int base = 10, d;
    uint64_t v = 0;

    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        base = 16;
        s += 2;
        if ( digit_value(*s) >= base )
            return -EINVAL;
    }
    else if ( s[0] == '0' )
        base = 8;
    else if ( digit_value(*s) >= base )
        return -EINVAL;

    for ( ; (d = digit_value(*s)) < base; s++ )
    {
        if ( v > (UINT64_MAX - d) / base )
            return -ERANGE;
        v = v * base + d;
    }

    *end = s;
    *val = v;
    return 0;
}

int parse_size(const char *s, const char **end, uint64_t *size)
{
    static const char units[] = "KMGT";
    unsigned int shift = 0;
    const char *unit;
    uint64_t v;
    int rc = parse_number(s, &s, &v);

    if ( rc )
        return rc;
    if ( *s && (unit = strchr(units, *s & ~0x20)) != NULL )
    {
        shift = 10 * (unit - units + 1);
        s++;
    }
    if ( v > (UINT64_MAX >> shift) )
        return -ERANGE;
    if ( end )
        *end = s;
    else if ( *s )
        return -EINVAL;

    *size = v << shift;
    return 0;
}

/* Option names match with '-' and '_' taken as the same character. */
static bool name_eq(const char *a, const char *b)
{
    for ( ; *a || *b; a++, b++ )
        if ( *a != *b && !((*a == '-' || *a == '_') &&
                           (*b == '-' || *b == '_')) )
            return false;

    return true;
}

static int bad_value(const struct kernel_param *p, const char *value)
{
    printk(XENLOG_WARNING "cmdline: bad value '%s' for option '%s' ignored\n",
           value, p->name);
    return 1;
}

/* Decode value (NULL: bare name) into p's variable. Returns warnings. */
static int apply_param(const struct kernel_param *p, const char *value)
{
    uint64_t v;
    const char *end;
    int rc;

    if ( p->type == PARAM_CUSTOM )
        return p->par.func(value ? value : "") < 0
               ? bad_value(p, value ? value : "") : 0;
    if ( p->type == PARAM_BOOL )
    {
        rc = value ? parse_bool(value, NULL) : 1;
        if ( rc < 0 )
            return bad_value(p, value);
        *(bool *)p->par.var = rc;
        return 0;
    }
    if ( !value )
    {
        printk(XENLOG_WARNING "cmdline: option '%s' needs a value\n",
               p->name);
        return 1;
    }

    switch ( p->type )
    {
    case PARAM_UINT:
        if ( parse_number(value, &end, &v) || *end ||
             (p->len == 4 && v > UINT32_MAX) )
            return bad_value(p, value);
        if ( p->len == 4 )
            *(uint32_t *)p->par.var = v;
        else
            *(uint64_t *)p->par.var = v;
        return 0;
    case PARAM_SIZE:
        if ( parse_size(value, NULL, &v) )
            return bad_value(p, value);
        *(uint64_t *)p->par.var = v;
        return 0;
    case PARAM_STRING:
        if ( strlcpy(p->par.var, value, p->len) < p->len )
            return 0;
        printk(XENLOG_WARNING
               "cmdline: value for option '%s' truncated to '%s'\n",
               p->name, (const char *)p->par.var);
        return 1;
    default:
        ASSERT_UNREACHABLE();
        return 0;
    }
}

/* Apply one "name[=value]" option, modifying opt. Returns warnings. */
static int handle_option(char *opt)
{
    const struct kernel_param *p;
    char *eq = strchr(opt, '=');
    const char *value = NULL;
    bool found = false;
    int problems = 0;

    if ( eq )
    {
        *eq = '\0';
        value = eq + 1;
    }

    /* Every option of that name gets the value (subsystems may share). */
    for_each_param ( p )
        if ( name_eq(p->name, opt) )
        {
            found = true;
            problems += apply_param(p, value);
        }

    /* "no-name" turns a boolean off. */
    if ( !found && !strncmp(opt, "no", 2) && (opt[2] == '-' || opt[2] == '_') )
        for_each_param ( p )
            if ( p->type == PARAM_BOOL && name_eq(p->name, opt + 3) )
            {
                found = true;
                if ( value )
                    problems += bad_value(p, value);
                else
                    *(bool *)p->par.var = false;
            }

    if ( found )
        return problems;

    printk(XENLOG_WARNING "cmdline: unknown option '%s' ignored\n", opt);
    return 1;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copy the option at s into buf (CMDLINE_TOKEN_MAX bytes) without its
 * double quotes and return the text after it. An over-long option is
 * returned as "" (skipped); both it and a missing closing quote count as
 * problems.
 */
static const char *read_option(const char *s, char *buf, int *problems)
{
    const char *start = s;
    bool quoted = false;
    size_t n = 0;

    for ( ; *s && (quoted || !is_space(*s)); s++ )
    {
        if ( *s == '"' )
            quoted = !quoted;
        else if ( n++ < CMDLINE_TOKEN_MAX - 1 )
            buf[n - 1] = *s;
    }

    if ( n > CMDLINE_TOKEN_MAX - 1 )
    {
        printk(XENLOG_WARNING "cmdline: option '%.32s...' too long, ignored\n",
               start);
        (*problems)++;
        n = 0;
    }
    buf[n] = '\0';

    if ( quoted )
    {
        printk(XENLOG_WARNING "cmdline: missing closing quote in '%s'\n",
               buf);
        (*problems)++;
    }

    return s;
}

int cmdline_parse(const char *cmdline)
{
    char opt[CMDLINE_TOKEN_MAX];
    int problems = 0;
    const char *s = cmdline;

    if ( !s )
        return 0;

    for ( ; ; )
    {
        while ( is_space(*s) )
            s++;
        if ( !*s )
            break;
        /* "--": the rest is not ours. */
        if ( s[0] == '-' && s[1] == '-' && (!s[2] || is_space(s[2])) )
            break;

        s = read_option(s, opt, &problems);
        if ( opt[0] )
            problems += handle_option(opt);
    }

    return problems;
}

/* "512M" style when the size is a whole number of a unit. */
static void format_size(char *buf, size_t size, uint64_t v)
{
    static const char units[] = "TGMK";
    unsigned int i;

    for ( i = 0; v && i < 4; i++ )
    {
        unsigned int shift = 10 * (4 - i);

        if ( !(v & ((1ULL << shift) - 1)) )
        {
            snprintf(buf, size, "%llu%c", (unsigned long long)(v >> shift),
                     units[i]);
            return;
        }
    }
    snprintf(buf, size, "%llu", (unsigned long long)v);
}

static void format_value(const struct kernel_param *p, char *buf,
                         size_t size)
{
    switch ( p->type )
    {
    case PARAM_BOOL:
        snprintf(buf, size, "%s", *(const bool *)p->par.var ? "yes" : "no");
        break;
    case PARAM_UINT:
        snprintf(buf, size, "%llu", p->len == 4
                 ? *(const uint32_t *)p->par.var
                 : (unsigned long long)*(const uint64_t *)p->par.var);
        break;
    case PARAM_SIZE:
        format_size(buf, size, *(const uint64_t *)p->par.var);
        break;
    case PARAM_STRING:
        snprintf(buf, size, "\"%s\"", (const char *)p->par.var);
        break;
    default:
        snprintf(buf, size, "-");
        break;
    }
}

void param_print_help(void)
{
    static const char *const type_names[] = {
        [PARAM_BOOL] = "bool", [PARAM_UINT] = "int", [PARAM_SIZE] = "size",
        [PARAM_STRING] = "string", [PARAM_CUSTOM] = "custom",
    };
    const struct kernel_param *p;
    char value[48];

    printk("Command line options (name, type, current value, meaning):\n");
    for_each_param ( p )
    {
        format_value(p, value, sizeof(value));
        printk("  %-24s %-6s %-12s %s\n", p->name, type_names[p->type],
               value, p->desc);
    }
}
