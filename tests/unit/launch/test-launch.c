/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the launch-plan parser (xen/common/launch-parse.c):
 * module command lines with and without the loader's file name, every
 * key, defaults, the guest command line after "--", ramdisks, and each
 * kind of problem with its message.
 */
#include <string.h>
#include <xen/launch.h>
#include "test.h"

extern char printk_log[16384];

static struct launch_plan plan;

static int parse(const char *const *lines, unsigned int nr)
{
    struct boot_module_desc mods[8];
    unsigned int i;

    memset(mods, 0, sizeof(mods));
    for ( i = 0; i < nr; i++ )
        mods[i].cmdline = lines[i];
    printk_log[0] = '\0';
    return launch_parse(mods, nr, &plan);
}

static void test_defaults(void)
{
    const char *l[] = { "/tmp/k.elf domain" };

    CHECK_EQ(parse(l, 1), 0);
    CHECK_EQ(plan.nr, 1);
    CHECK_STR(plan.dom[0].name, "domain0");
    CHECK_EQ(plan.dom[0].memory_mb, 128);
    CHECK_EQ(plan.dom[0].vcpus, 1);
    CHECK_EQ(plan.dom[0].kernel_mod, 0);
    CHECK_EQ(plan.dom[0].ramdisk_mod, -1);
    CHECK_EQ(plan.dom[0].on_poweroff, ACTION_destroy);
    CHECK_EQ(plan.dom[0].on_reboot, ACTION_restart);
    CHECK_EQ(plan.dom[0].on_crash, ACTION_destroy);
    CHECK_EQ(plan.dom[0].weight, 256);
    CHECK_EQ(plan.dom[0].cap, 0);
    CHECK(!plan.dom[0].privileged);
    CHECK(cpumask_empty(&plan.dom[0].affinity));
    CHECK_STR(plan.dom[0].cmdline, "");
}

static void test_all_keys(void)
{
    const char *l[] = {
        "domain name=web memory=64 vcpus=4 affinity=0-1,3 privileged=yes "
        "on_poweroff=preserve on_reboot=destroy on_crash=restart weight=512 "
        "cap=50 -- console=hvc0 a=b  c",
        "initrd.cpio ramdisk",
    };

    CHECK_EQ(parse(l, 2), 0);
    CHECK_EQ(plan.nr, 1);
    CHECK_STR(plan.dom[0].name, "web");
    CHECK_EQ(plan.dom[0].memory_mb, 64);
    CHECK_EQ(plan.dom[0].vcpus, 4);
    CHECK(cpumask_test_cpu(0, &plan.dom[0].affinity));
    CHECK(cpumask_test_cpu(1, &plan.dom[0].affinity));
    CHECK(!cpumask_test_cpu(2, &plan.dom[0].affinity));
    CHECK(cpumask_test_cpu(3, &plan.dom[0].affinity));
    CHECK(plan.dom[0].privileged);
    CHECK_EQ(plan.dom[0].on_poweroff, ACTION_preserve);
    CHECK_EQ(plan.dom[0].on_reboot, ACTION_destroy);
    CHECK_EQ(plan.dom[0].on_crash, ACTION_restart);
    CHECK_EQ(plan.dom[0].weight, 512);
    CHECK_EQ(plan.dom[0].cap, 50);
    CHECK_STR(plan.dom[0].cmdline, "console=hvc0 a=b  c");
    CHECK_EQ(plan.dom[0].ramdisk_mod, 1);
}

static void test_several(void)
{
    const char *l[] = {
        "a.elf domain name=a", "rd ramdisk", "notes.txt something else",
        "b.elf domain name=b vcpus=2",
    };

    CHECK_EQ(parse(l, 4), 0);
    CHECK_EQ(plan.nr, 2);
    CHECK_STR(plan.dom[0].name, "a");
    CHECK_EQ(plan.dom[0].ramdisk_mod, 1);
    CHECK_STR(plan.dom[1].name, "b");
    CHECK_EQ(plan.dom[1].kernel_mod, 3);
    CHECK_EQ(plan.dom[1].ramdisk_mod, -1);
    CHECK_EQ(plan.dom[1].vcpus, 2);
}

static void test_problems(void)
{
    const char *unknown[] = { "k domain colour=blue" };
    const char *badmem[] = { "k domain memory=lots" };
    const char *zero[] = { "k domain vcpus=0" };
    const char *toomany[] = { "k domain vcpus=65" };
    const char *noeq[] = { "k domain fast" };
    const char *lonely[] = { "rd ramdisk" };
    const char *two[] = { "k domain", "r1 ramdisk", "r2 ramdisk" };
    const char *badact[] = { "k domain on_crash=explode" };
    const char *badaff[] = { "k domain affinity=3-1" };
    const char *longname[] = { "k domain name=abcdefghijklmnopqrstuvwxyz0123456" };
    const char *then_ok[] = { "k domain memory=x", "k2 domain name=ok" };

    CHECK_EQ(parse(unknown, 1), 1);
    CHECK_EQ(plan.nr, 0);
    CHECK(strstr(printk_log, "launch: module 0: unknown key 'colour'"));
    CHECK(strstr(printk_log, "launch: module 0: domain not started"));
    CHECK_EQ(parse(badmem, 1), 1);
    CHECK(strstr(printk_log, "bad value 'lots' for 'memory'"));
    CHECK_EQ(parse(zero, 1), 1);
    CHECK_EQ(parse(toomany, 1), 1);
    CHECK_EQ(parse(noeq, 1), 1);
    CHECK(strstr(printk_log, "'fast' is not key=value"));
    CHECK_EQ(parse(lonely, 1), 1);
    CHECK(strstr(printk_log, "ramdisk without a domain"));
    CHECK_EQ(parse(two, 3), 1);
    CHECK_EQ(plan.nr, 1);
    CHECK_EQ(plan.dom[0].ramdisk_mod, 1);
    CHECK_EQ(parse(badact, 1), 1);
    CHECK_EQ(parse(badaff, 1), 1);
    CHECK_EQ(parse(longname, 1), 1);
    CHECK_EQ(parse(then_ok, 2), 1);
    CHECK_EQ(plan.nr, 1);
    CHECK_STR(plan.dom[0].name, "ok");
    CHECK_EQ(plan.dom[0].kernel_mod, 1);
}

static void test_limits(void)
{
    const char *l[LAUNCH_MAX_DOMAINS + 1];
    struct boot_module_desc mods[LAUNCH_MAX_DOMAINS + 1];
    static char longline[LAUNCH_CMDLINE_LEN + 32];
    const char *lng[1];
    unsigned int i;

    for ( i = 0; i <= LAUNCH_MAX_DOMAINS; i++ )
    {
        l[i] = "k domain";
        mods[i].cmdline = l[i];
        mods[i].data = NULL;
        mods[i].size = 0;
    }
    printk_log[0] = '\0';
    CHECK_EQ(launch_parse(mods, LAUNCH_MAX_DOMAINS + 1, &plan), 1);
    CHECK_EQ(plan.nr, LAUNCH_MAX_DOMAINS);
    CHECK(strstr(printk_log, "more than 16 domains"));

    strcpy(longline, "k domain -- ");
    memset(longline + strlen(longline), 'x', LAUNCH_CMDLINE_LEN);
    lng[0] = longline;
    CHECK_EQ(parse(lng, 1), 1);
    CHECK(strstr(printk_log, "guest command line longer than"));
    CHECK_EQ(plan.nr, 0);
}

int main(void)
{
    test_defaults();
    test_all_keys();
    test_several();
    test_problems();
    test_limits();
    return test_done();
}
