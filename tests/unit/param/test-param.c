/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for common/param.c: options of every kind are declared here
 * with the xen/param.h macros, then command lines good and bad are parsed,
 * checking the variables, the returned problem counts and the exact
 * warnings printed (captured by stub-printk.c).
 */
#include <stdio.h>
#include <string.h>
#include <xen/errno.h>
#include <xen/param.h>
#include "test.h"

extern char printk_log[];

static bool opt_flag;
boolean_param("flag", opt_flag, "A test flag");
static bool opt_on = true;
boolean_param("on-by-default", opt_on);
static bool opt_noreboot;
boolean_param("noreboot", opt_noreboot, "Named like a negation");
static bool opt_shared_a, opt_shared_b;
boolean_param("shared", opt_shared_a);
boolean_param("shared", opt_shared_b);
static unsigned int opt_uint = 7;
integer_param("uint", opt_uint, "A 32-bit integer");
static unsigned long opt_ulong = 9;
integer_param("ulong_opt", opt_ulong);
static uint64_t opt_size = 1 << 20;
size_param("mem-size", opt_size, "A size");
static char opt_str[8] = "def";
string_param("str", opt_str, "A string of up to 7 characters");

static int custom_calls;
static char custom_last[64];

static int parse_custom(const char *value)
{
    custom_calls++;
    snprintf(custom_last, sizeof(custom_last), "%s", value);
    return strcmp(value, "bad") ? 0 : -EINVAL;
}
custom_param("custom", parse_custom, "A custom parser");

extern const struct kernel_param __start_lamina_params[];
extern const struct kernel_param __stop_lamina_params[];

static void reset(void)
{
    opt_flag = false;
    opt_on = true;
    opt_noreboot = false;
    opt_shared_a = opt_shared_b = false;
    opt_uint = 7;
    opt_ulong = 9;
    opt_size = 1 << 20;
    strcpy(opt_str, "def");
    custom_calls = 0;
    custom_last[0] = '\0';
    printk_log[0] = '\0';
}

/* Parse cmdline from a fresh state; check the count and the whole log. */
#define PARSE(cmdline, problems, log) do {                      \
    reset();                                                    \
    CHECK_EQ(cmdline_parse(cmdline), problems);                 \
    CHECK_STR(printk_log, log);                                 \
} while ( 0 )

#define W "<1>cmdline: "
#define BAD(v, o)  W "bad value '" v "' for option '" o "' ignored\n"
#define UNKNOWN(o) W "unknown option '" o "' ignored\n"

static void test_table(void)
{
    const struct kernel_param *p;
    unsigned int n = 0;

    for ( p = __start_lamina_params; p < __stop_lamina_params; p++ )
        n++;
    CHECK_EQ(n, 10);
    CHECK_EQ(sizeof(struct kernel_param), 32);
    /* The table order is the compiler's; find entries by name. */
    for ( p = __start_lamina_params; p < __stop_lamina_params; p++ )
    {
        if ( !strcmp(p->name, "flag") )
            CHECK_STR(p->desc, "A test flag");
        if ( !strcmp(p->name, "on-by-default") )
            CHECK_STR(p->desc, "");
        if ( !strcmp(p->name, "str") )
            CHECK(p->type == PARAM_STRING && p->len == 8 &&
                  p->par.var == opt_str);
        if ( !strcmp(p->name, "ulong_opt") )
            CHECK(p->type == PARAM_UINT && p->len == 8);
        if ( !strcmp(p->name, "uint") )
            CHECK(p->type == PARAM_UINT && p->len == 4);
    }
}

static void test_empty(void)
{
    PARSE(NULL, 0, "");
    PARSE("", 0, "");
    PARSE("  \t \n", 0, "");
    CHECK(!opt_flag && opt_uint == 7 && !strcmp(opt_str, "def"));
}

static void test_bool(void)
{
    static const char *const yes[] = { "yes", "on", "true", "1", "enable" };
    static const char *const no[] = { "no", "off", "false", "0", "disable" };
    char line[64];

    PARSE("flag", 0, "");
    CHECK(opt_flag);
    PARSE("flag no-flag", 0, "");
    CHECK(!opt_flag);
    PARSE("no-on-by-default", 0, "");
    CHECK(!opt_on);
    PARSE("no_on_by_default", 0, "");
    CHECK(!opt_on);
    PARSE("on_by-default=no", 0, "");
    CHECK(!opt_on);
    for ( unsigned int i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        snprintf(line, sizeof(line), "flag=%s", yes[i]);
        PARSE(line, 0, "");
        CHECK(opt_flag);
        snprintf(line, sizeof(line), "flag on-by-default=%s", no[i]);
        PARSE(line, 0, "");
        CHECK(opt_flag && !opt_on);
    }

    PARSE("flag=maybe", 1, BAD("maybe", "flag"));
    CHECK(!opt_flag);
    PARSE("flag=", 1, BAD("", "flag"));
    PARSE("flag=YES", 1, BAD("YES", "flag"));
    PARSE("flag=1x", 1, BAD("1x", "flag"));
    PARSE("no-on-by-default=1", 1, BAD("1", "on-by-default"));
    CHECK(opt_on);

    /* An exact name wins over the "no-" form; "no-" needs a boolean. */
    PARSE("noreboot", 0, "");
    CHECK(opt_noreboot);
    PARSE("no-uint", 1, UNKNOWN("no-uint"));
    PARSE("no-", 1, UNKNOWN("no-"));
    PARSE("noflag", 1, UNKNOWN("noflag"));

    /* Options registered twice are all set. */
    PARSE("shared", 0, "");
    CHECK(opt_shared_a && opt_shared_b);
    PARSE("shared=off no-shared", 0, "");
    CHECK(!opt_shared_a && !opt_shared_b);
}

static void test_integer(void)
{
    PARSE("uint=42", 0, "");
    CHECK_EQ(opt_uint, 42);
    PARSE("uint=0x10", 0, "");
    CHECK_EQ(opt_uint, 16);
    PARSE("uint=010", 0, "");
    CHECK_EQ(opt_uint, 8);
    PARSE("uint=0", 0, "");
    CHECK_EQ(opt_uint, 0);
    PARSE("uint=4294967295", 0, "");
    CHECK_EQ(opt_uint, 4294967295u);
    PARSE("uint=0xFFFFffff", 0, "");
    CHECK_EQ(opt_uint, 0xffffffffu);

    PARSE("uint=4294967296", 1, BAD("4294967296", "uint"));
    CHECK_EQ(opt_uint, 7);
    PARSE("uint=-1", 1, BAD("-1", "uint"));
    PARSE("uint=12abc", 1, BAD("12abc", "uint"));
    PARSE("uint=abc", 1, BAD("abc", "uint"));
    PARSE("uint=0x", 1, BAD("0x", "uint"));
    PARSE("uint=08", 1, BAD("08", "uint"));
    PARSE("uint= 5", 2, BAD("", "uint") UNKNOWN("5"));
    PARSE("uint=", 1, BAD("", "uint"));
    PARSE("uint", 1, W "option 'uint' needs a value\n");
    CHECK_EQ(opt_uint, 7);

    PARSE("ulong-opt=18446744073709551615", 0, "");
    CHECK(opt_ulong == ~0UL);
    PARSE("ulong_opt=18446744073709551616", 1,
          BAD("18446744073709551616", "ulong_opt"));
    CHECK_EQ(opt_ulong, 9);
    PARSE("ulong_opt=0x10000000000000000", 1,
          BAD("0x10000000000000000", "ulong_opt"));
    PARSE("ulong_opt=99999999999999999999999", 1,
          BAD("99999999999999999999999", "ulong_opt"));
    PARSE("ulong_opt=4294967296", 0, "");
    CHECK(opt_ulong == 4294967296UL);
}

static void test_size(void)
{
    static const struct { const char *text; uint64_t val; } good[] = {
        { "mem-size=512M", 512ULL << 20 }, { "mem-size=1G", 1ULL << 30 },
        { "mem-size=4k", 4096 }, { "mem-size=4K", 4096 },
        { "mem-size=2T", 2ULL << 40 }, { "mem-size=2t", 2ULL << 40 },
        { "mem-size=123", 123 }, { "mem-size=0x1000", 0x1000 },
        { "mem_size=0", 0 }, { "mem-size=16777215T", 16777215ULL << 40 },
        { "mem-size=18446744073709551615", ~0ULL },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(good); i++ )
    {
        PARSE(good[i].text, 0, "");
        CHECK(opt_size == good[i].val);
    }

    PARSE("mem-size=16777216T", 1, BAD("16777216T", "mem-size"));
    CHECK(opt_size == 1 << 20);
    PARSE("mem-size=1MB", 1, BAD("1MB", "mem-size"));
    PARSE("mem-size=M", 1, BAD("M", "mem-size"));
    PARSE("mem-size=1P", 1, BAD("1P", "mem-size"));
    PARSE("mem-size=-1", 1, BAD("-1", "mem-size"));
    PARSE("mem-size=18446744073709551616", 1,
          BAD("18446744073709551616", "mem-size"));
    PARSE("mem-size", 1, W "option 'mem-size' needs a value\n");
    CHECK(opt_size == 1 << 20);
}

static void test_string_custom(void)
{
    PARSE("str=hello", 0, "");
    CHECK_STR(opt_str, "hello");
    PARSE("str=", 0, "");
    CHECK_STR(opt_str, "");
    PARSE("str=1234567", 0, "");
    CHECK_STR(opt_str, "1234567");
    PARSE("str=12345678", 1,
          W "value for option 'str' truncated to '1234567'\n");
    CHECK_STR(opt_str, "1234567");
    PARSE("str=a=b", 0, "");
    CHECK_STR(opt_str, "a=b");
    PARSE("str=\"a b\"", 0, "");
    CHECK_STR(opt_str, "a b");
    PARSE("\"str=x  y\" flag", 0, "");
    CHECK_STR(opt_str, "x  y");
    CHECK(opt_flag);
    PARSE("str=\"\"", 0, "");
    CHECK_STR(opt_str, "");
    PARSE("str", 1, W "option 'str' needs a value\n");
    CHECK_STR(opt_str, "def");

    PARSE("custom=xyz", 0, "");
    CHECK_EQ(custom_calls, 1);
    CHECK_STR(custom_last, "xyz");
    PARSE("custom", 0, "");
    CHECK_EQ(custom_calls, 1);
    CHECK_STR(custom_last, "");
    PARSE("custom=\"1, 2\"", 0, "");
    CHECK_STR(custom_last, "1, 2");
    PARSE("custom=bad", 1, BAD("bad", "custom"));
    CHECK_EQ(custom_calls, 1);
}

static void test_syntax(void)
{
    char line[600];

    PARSE("bogus", 1, UNKNOWN("bogus"));
    PARSE("bogus=1 other", 2, UNKNOWN("bogus") UNKNOWN("other"));
    PARSE("=5", 1, UNKNOWN(""));
    PARSE("FLAG", 1, UNKNOWN("FLAG"));

    /* "--" ends our options; only a whole word counts. */
    PARSE("flag -- uint=5 bogus", 0, "");
    CHECK(opt_flag);
    CHECK_EQ(opt_uint, 7);
    PARSE("--", 0, "");
    PARSE("flag --", 0, "");
    CHECK(opt_flag);
    PARSE("--flag", 1, UNKNOWN("--flag"));
    PARSE("uint=1 --x uint=2", 1, UNKNOWN("--x"));
    CHECK_EQ(opt_uint, 2);

    PARSE("\tflag \n uint=3\r\n", 0, "");
    CHECK(opt_flag);
    CHECK_EQ(opt_uint, 3);

    PARSE("str=\"abc", 1, W "missing closing quote in 'str=abc'\n");
    CHECK_STR(opt_str, "abc");
    PARSE("str=\"ab c  ", 1, W "missing closing quote in 'str=ab c  '\n");
    CHECK_STR(opt_str, "ab c  ");

    /* A mix: good options apply, each bad one is one problem. */
    PARSE("flag uint=3 bogus mem-size=1G uint=zz str=ok", 2,
          UNKNOWN("bogus") BAD("zz", "uint"));
    CHECK(opt_flag);
    CHECK_EQ(opt_uint, 3);
    CHECK(opt_size == 1ULL << 30);
    CHECK_STR(opt_str, "ok");

    /* Over-long options are skipped whole. */
    memset(line, 'x', sizeof(line));
    memcpy(line, "str=", 4);
    strcpy(line + 300, " flag");
    PARSE(line, 1, W "option 'str=xxxxxxxxxxxxxxxxxxxxxxxxxxxx...' too long, "
                     "ignored\n");
    CHECK(opt_flag);
    CHECK_STR(opt_str, "def");
    memset(line, 'y', 255);
    memcpy(line, "str=", 4);
    line[255] = '\0';
    PARSE(line, 1, W "value for option 'str' truncated to 'yyyyyyy'\n");
}

static void test_helpers(void)
{
    const char *end, *s;
    uint64_t v;

    CHECK_EQ(parse_bool("on", NULL), 1);
    CHECK_EQ(parse_bool("disable", NULL), 0);
    s = "yes,no";
    CHECK_EQ(parse_bool(s, s + 3), 1);
    CHECK_EQ(parse_bool(s, s + 2), -EINVAL);
    CHECK_EQ(parse_bool(s + 4, NULL), 0);
    CHECK_EQ(parse_bool("", NULL), -EINVAL);

    CHECK_EQ(parse_size("512M,max:1G", &end, &v), 0);
    CHECK(v == 512ULL << 20);
    CHECK_STR(end, ",max:1G");
    CHECK_EQ(parse_size("1G", NULL, &v), 0);
    CHECK(v == 1ULL << 30);
    CHECK_EQ(parse_size("1G,", NULL, &v), -EINVAL);
    CHECK_EQ(parse_size("x", &end, &v), -EINVAL);
    CHECK_EQ(parse_size("16777216T", &end, &v), -ERANGE);
    CHECK_EQ(parse_size("99999999999999999999", &end, &v), -ERANGE);
}

static void test_help(void)
{
    reset();
    opt_flag = true;
    opt_size = 512ULL << 20;
    param_print_help();
    CHECK(strstr(printk_log, "Command line options") == printk_log);
    CHECK(strstr(printk_log, "flag") && strstr(printk_log, "A test flag"));
    CHECK(strstr(printk_log, "  flag                     bool   yes"));
    CHECK(strstr(printk_log, "  uint                     int    7"));
    CHECK(strstr(printk_log, "  mem-size                 size   512M"));
    CHECK(strstr(printk_log, "  str                      string \"def\""));
    CHECK(strstr(printk_log, "  custom                   custom -"));
    CHECK(strstr(printk_log, "A custom parser\n"));
    opt_size = 1000;
    printk_log[0] = '\0';
    param_print_help();
    CHECK(strstr(printk_log, "size   1000 "));
}

int main(void)
{
    test_table();
    test_empty();
    test_bool();
    test_integer();
    test_size();
    test_string_custom();
    test_syntax();
    test_helpers();
    test_help();
    return test_done();
}
