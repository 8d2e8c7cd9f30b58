/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The launch plan parser: module command lines like
 *   [file] domain name=web memory=64 vcpus=2 affinity=0-1 -- console=hvc0
 *   [file] ramdisk
 * become struct launch_plan. Pure string handling, no side effects, so
 * it is unit tested on the host (tests/unit/launch).
 */
#include <xen/lib.h>
#include <xen/bitmap.h>
#include <xen/errno.h>
#include <xen/launch.h>
#include <xen/param.h>

/* Next space-separated word of *s into w (bounded); false at the end. */
static bool next_word(const char **s, char *w, size_t len)
{
    const char *p = *s;
    size_t n = 0;

    while ( *p == ' ' )
        p++;
    if ( !*p )
        return false;
    while ( *p && *p != ' ' )
    {
        if ( n + 1 < len )
            w[n++] = *p;
        p++;
    }
    w[n] = '\0';
    *s = p;
    return true;
}

static int parse_action(const char *v, enum domain_action *a)
{
    if ( !strcmp(v, "destroy") )
        *a = ACTION_destroy;
    else if ( !strcmp(v, "restart") )
        *a = ACTION_restart;
    else if ( !strcmp(v, "preserve") )
        *a = ACTION_preserve;
    else
        return -EINVAL;
    return 0;
}

static int parse_uint(const char *v, unsigned long min, unsigned long max,
                      unsigned long *out)
{
    const char *end;
    unsigned long x;

    if ( *v < '0' || *v > '9' )
        return -EINVAL;
    x = simple_strtoul(v, &end, 0);
    if ( *end || x < min || x > max )
        return -EINVAL;
    *out = x;
    return 0;
}

/* Apply one key=value to ld. Returns 0, -EINVAL (bad value), -ENOENT. */
static int apply_key(struct launch_domain *ld, const char *key,
                     const char *val)
{
    unsigned long x;
    int b;

    if ( !strcmp(key, "name") )
    {
        if ( !*val || strlen(val) >= sizeof(ld->name) )
            return -EINVAL;
        strlcpy(ld->name, val, sizeof(ld->name));
        return 0;
    }
    if ( !strcmp(key, "memory") )
    {
        if ( parse_uint(val, 1, 1UL << 20, &x) )
            return -EINVAL;
        ld->memory_mb = x;
        return 0;
    }
    if ( !strcmp(key, "vcpus") )
    {
        if ( parse_uint(val, 1, MAX_VIRT_CPUS, &x) )
            return -EINVAL;
        ld->vcpus = (unsigned int)x;
        return 0;
    }
    if ( !strcmp(key, "weight") )
    {
        if ( parse_uint(val, 1, 65535, &x) )
            return -EINVAL;
        ld->weight = (unsigned int)x;
        return 0;
    }
    if ( !strcmp(key, "cap") )
    {
        if ( parse_uint(val, 0, 100UL * MAX_VIRT_CPUS, &x) )
            return -EINVAL;
        ld->cap = (unsigned int)x;
        return 0;
    }
    if ( !strcmp(key, "affinity") )
        return bitmap_parselist(val, ld->affinity.bits, NR_CPUS) ? -EINVAL
                                                                 : 0;
    if ( !strcmp(key, "privileged") )
    {
        b = parse_bool(val, NULL);
        if ( b < 0 )
            return -EINVAL;
        ld->privileged = b;
        return 0;
    }
    if ( !strcmp(key, "on_poweroff") )
        return parse_action(val, &ld->on_poweroff);
    if ( !strcmp(key, "on_reboot") )
        return parse_action(val, &ld->on_reboot);
    if ( !strcmp(key, "on_crash") )
        return parse_action(val, &ld->on_crash);
    return -ENOENT;
}

static void set_defaults(struct launch_domain *ld, unsigned int idx,
                         int mod)
{
    memset(ld, 0, sizeof(*ld));
    snprintf(ld->name, sizeof(ld->name), "domain%u", idx);
    ld->kernel_mod = mod;
    ld->ramdisk_mod = -1;
    ld->memory_mb = 128;
    ld->vcpus = 1;
    ld->on_poweroff = ACTION_destroy;
    ld->on_reboot = ACTION_restart;
    ld->on_crash = ACTION_destroy;
    ld->weight = 256;
}

/* Parse the words after "domain". Returns the number of problems. */
static int parse_domain(struct launch_domain *ld, const char *s,
                        unsigned int mod)
{
    char w[256];
    int problems = 0;

    while ( next_word(&s, w, sizeof(w)) )
    {
        char *eq = strchr(w, '=');
        int rc;

        if ( !strcmp(w, "--") )
        {
            while ( *s == ' ' )
                s++;
            if ( strlen(s) >= sizeof(ld->cmdline) )
            {
                printk(XENLOG_ERR "launch: module %u: guest command line "
                       "longer than %zu characters\n", mod,
                       sizeof(ld->cmdline) - 1);
                return problems + 1;
            }
            strlcpy(ld->cmdline, s, sizeof(ld->cmdline));
            break;
        }
        if ( !eq )
        {
            printk(XENLOG_ERR "launch: module %u: '%s' is not key=value\n",
                   mod, w);
            problems++;
            continue;
        }
        *eq = '\0';
        rc = apply_key(ld, w, eq + 1);
        if ( rc == -ENOENT )
            printk(XENLOG_ERR "launch: module %u: unknown key '%s'\n", mod,
                   w);
        else if ( rc )
            printk(XENLOG_ERR "launch: module %u: bad value '%s' for '%s'\n",
                   mod, eq + 1, w);
        problems += rc != 0;
    }
    return problems;
}

int launch_parse(const struct boot_module_desc *mods, unsigned int nr,
                 struct launch_plan *plan)
{
    struct launch_domain *cur = NULL;
    int problems = 0;
    unsigned int i;

    plan->nr = 0;
    for ( i = 0; i < nr; i++ )
    {
        const char *s = mods[i].cmdline ? mods[i].cmdline : "";
        char w[64];
        int p;

        /* Loaders other than GRUB put the file name first: skip it. */
        if ( !next_word(&s, w, sizeof(w)) )
            continue;
        if ( strcmp(w, "domain") && strcmp(w, "ramdisk") &&
             !next_word(&s, w, sizeof(w)) )
            continue;
        if ( !strcmp(w, "ramdisk") )
        {
            if ( !cur || cur->ramdisk_mod >= 0 )
            {
                printk(XENLOG_ERR "launch: module %u: ramdisk without a "
                       "domain before it, or a second one\n", i);
                problems++;
                continue;
            }
            cur->ramdisk_mod = (int)i;
            continue;
        }
        if ( strcmp(w, "domain") )
            continue;
        if ( plan->nr == LAUNCH_MAX_DOMAINS )
        {
            printk(XENLOG_ERR "launch: module %u: more than %u domains\n", i,
                   LAUNCH_MAX_DOMAINS);
            problems++;
            cur = NULL;
            continue;
        }
        cur = &plan->dom[plan->nr];
        set_defaults(cur, plan->nr, (int)i);
        p = parse_domain(cur, s, i);
        problems += p;
        if ( p )
        {
            printk(XENLOG_ERR "launch: module %u: domain not started\n", i);
            cur = NULL;             /* a following ramdisk is an error too */
            continue;
        }
        plan->nr++;
    }
    return problems;
}
