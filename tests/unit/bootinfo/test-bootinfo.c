/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for arch/x86/boot/bootinfo.c: Multiboot1 info blocks,
 * Multiboot2 tag lists and PVH start infos are laid out by hand (offsets
 * from the specifications) in test_ram, the host arena behind the stub
 * maddr_to_virt(), then parsed; the test checks struct boot_info, the
 * return codes and the exact lines printed (captured by stub-printk.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/errno.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include "test.h"

extern char printk_log[];

#define ARENA       (16u << 20)
#define INFO_PA     0x1000u     /* the loader structure itself */
#define STR_PA      0x10000u    /* strings, bump-allocated */
#define MODS_PA     0x20000u    /* module lists */
#define MMAP_PA     0x30000u    /* memory maps */

#define E "<0>boot: "           /* XENLOG_ERR */
#define W "<1>boot: "           /* XENLOG_WARNING */

static paddr_t str_next;

static void reset(void)
{
    memset(&boot_info, 0, sizeof(boot_info));
    memset(test_ram, 0, ARENA);
    printk_log[0] = '\0';
    str_next = STR_PA;
}

static void put32(paddr_t pa, uint32_t v)
{
    memcpy(test_ram + pa, &v, 4);
}

static void put64(paddr_t pa, uint64_t v)
{
    memcpy(test_ram + pa, &v, 8);
}

static paddr_t put_str(const char *s)
{
    paddr_t pa = str_next;

    strcpy((char *)test_ram + pa, s);
    str_next += (strlen(s) + 16) & ~15ul;
    return pa;
}

#define CHECK_MAP(i, a, s, t) do {                                        \
    CHECK_EQ(boot_info.map[i].addr, a);                                   \
    CHECK_EQ(boot_info.map[i].size, s);                                   \
    CHECK_EQ(boot_info.map[i].type, t);                                   \
} while ( 0 )

#define CHECK_MOD(i, s, n, c) do {                                        \
    CHECK_EQ(boot_info.modules[i].start, s);                              \
    CHECK_EQ(boot_info.modules[i].size, n);                               \
    CHECK_STR(boot_info.modules[i].cmdline, c);                           \
} while ( 0 )

/* ---- Multiboot1: info block fields by 32-bit index (spec offsets / 4) --- */

enum {
    MB1_FLAGS = 0, MB1_MEM_LOWER = 1, MB1_MEM_UPPER = 2, MB1_CMDLINE = 4,
    MB1_MODS_COUNT = 5, MB1_MODS_ADDR = 6, MB1_MMAP_LENGTH = 11,
    MB1_MMAP_ADDR = 12, MB1_LOADER_NAME = 16, MB1_INFO_WORDS = 17,
};
#define F_MEM       (1u << 0)
#define F_CMDLINE   (1u << 2)
#define F_MODS      (1u << 3)
#define F_MMAP      (1u << 6)
#define F_LOADER    (1u << 9)

static void mb1_set(unsigned int idx, uint32_t v)
{
    put32(INFO_PA + idx * 4, v);
}

static void mb1_or_flags(uint32_t f)
{
    uint32_t old;

    memcpy(&old, test_ram + INFO_PA, 4);
    mb1_set(MB1_FLAGS, old | f);
}

/* One map entry: u32 size (excluding itself), u64 base, len, u32 type. */
static paddr_t mb1_mmap_entry(paddr_t pa, uint32_t size, uint64_t base,
                              uint64_t len, uint32_t type)
{
    put32(pa, size);
    put64(pa + 4, base);
    put64(pa + 12, len);
    put32(pa + 20, type);
    return pa + size + 4;
}

/* The usual PC map: 639 KiB low, BIOS area reserved, 511 MiB high. */
static void mb1_std_mmap(void)
{
    paddr_t pa = MMAP_PA;

    pa = mb1_mmap_entry(pa, 20, 0, 0x9fc00, E820_RAM);
    pa = mb1_mmap_entry(pa, 20, 0xf0000, 0x10000, E820_RESERVED);
    pa = mb1_mmap_entry(pa, 20, 0x100000, 511u << 20, E820_RAM);
    mb1_set(MB1_MMAP_ADDR, MMAP_PA);
    mb1_set(MB1_MMAP_LENGTH, pa - MMAP_PA);
    mb1_or_flags(F_MMAP);
}

static void mb1_mods(unsigned int n, const uint32_t (*m)[2], const char *c)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        put32(MODS_PA + i * 16, m[i][0]);
        put32(MODS_PA + i * 16 + 4, m[i][1]);
        put32(MODS_PA + i * 16 + 8, c ? put_str(c) : 0);
    }
    mb1_set(MB1_MODS_COUNT, n);
    mb1_set(MB1_MODS_ADDR, MODS_PA);
    mb1_or_flags(F_MODS);
}

static void test_mb1_mmap(void)
{
    static const uint32_t mods[][2] = { { 0x400000, 0x500000 } };
    paddr_t pa = MMAP_PA;

    reset();
    mb1_set(MB1_FLAGS, F_MEM | F_CMDLINE | F_MMAP);
    mb1_set(MB1_MEM_LOWER, 639);         /* ignored: there is a map */
    mb1_set(MB1_MEM_UPPER, 1024);
    mb1_set(MB1_CMDLINE, put_str("/boot/lamina.gz console=com1 loglvl=all"));
    pa = mb1_mmap_entry(pa, 20, 0, 0x9fc00, E820_RAM);
    pa = mb1_mmap_entry(pa, 28, 0x100000, 0x1000000, E820_RAM); /* padded */
    pa = mb1_mmap_entry(pa, 20, 0x2000000, 0, E820_RAM);        /* empty */
    pa = mb1_mmap_entry(pa, 20, 0xfee00000, 0x1000, 0);         /* type 0 */
    mb1_set(MB1_MMAP_ADDR, MMAP_PA);
    mb1_set(MB1_MMAP_LENGTH, pa - MMAP_PA);
    mb1_mods(1, mods, "dom0 root=/dev/xvda1");

    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, "");
    CHECK_EQ(boot_info.protocol, BOOT_PROTO_MB1);
    CHECK_STR(boot_info.loader, "multiboot1");
    CHECK_STR(boot_info.cmdline, "console=com1 loglvl=all");
    CHECK_EQ(boot_info.info_start, INFO_PA);
    CHECK_EQ(boot_info.info_end, INFO_PA + MB1_INFO_WORDS * 4);
    CHECK_EQ(boot_info.nr_map, 3);
    CHECK_MAP(0, 0, 0x9fc00, E820_RAM);
    CHECK_MAP(1, 0x100000, 0x1000000, E820_RAM);
    CHECK_MAP(2, 0xfee00000, 0x1000, E820_RESERVED);
    CHECK_EQ(boot_info.nr_modules, 1);
    CHECK_MOD(0, 0x400000, 0x100000, "dom0 root=/dev/xvda1");
    CHECK_EQ(boot_info.rsdp, 0);
}

static void test_mb1_fallback(void)
{
    reset();
    mb1_set(MB1_FLAGS, F_MEM);
    mb1_set(MB1_MEM_LOWER, 639);
    mb1_set(MB1_MEM_UPPER, 523264);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, W "no memory map from the loader; using "
              "mem_lower/mem_upper (639 KiB / 523264 KiB)\n");
    CHECK_STR(boot_info.cmdline, "");
    CHECK_EQ(boot_info.nr_map, 2);
    CHECK_MAP(0, 0, 639u << 10, E820_RAM);
    CHECK_MAP(1, 0x100000, 523264ull << 10, E820_RAM);
    CHECK_EQ(boot_info.nr_modules, 0);

    /* Neither a map nor mem_*: nothing to boot with. */
    reset();
    mb1_set(MB1_FLAGS, F_CMDLINE);
    mb1_set(MB1_CMDLINE, put_str("lamina"));
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), -ENOENT);
    CHECK_STR(printk_log, E "the boot loader (multiboot1) passed no memory "
              "map; cannot continue\n");
    CHECK_STR(boot_info.cmdline, "");

    /* A malformed entry stops the map where it is. */
    reset();
    mb1_set(MB1_FLAGS, F_MMAP);
    put32(mb1_mmap_entry(MMAP_PA, 20, 0, 0x9fc00, E820_RAM), 12);
    mb1_set(MB1_MMAP_ADDR, MMAP_PA);
    mb1_set(MB1_MMAP_LENGTH, 48);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, E "Multiboot1 memory map entry of size 12 is "
              "malformed; map truncated\n");
    CHECK_EQ(boot_info.nr_map, 1);
}

/* GRUB keeps the file name off the command line; others put it first. */
static void check_mb1_strip(const char *loader, const char *cmdline,
                            const char *want)
{
    reset();
    mb1_std_mmap();
    mb1_or_flags(F_CMDLINE);
    mb1_set(MB1_CMDLINE, put_str(cmdline));
    if ( loader )
    {
        mb1_or_flags(F_LOADER);
        mb1_set(MB1_LOADER_NAME, put_str(loader));
    }
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(boot_info.loader, loader ? loader : "multiboot1");
    CHECK_STR(boot_info.cmdline, want);
    CHECK_STR(printk_log, "");
}

static void test_mb1_strip(void)
{
    check_mb1_strip(NULL, "/tmp/lamina console=com1", "console=com1");
    check_mb1_strip(NULL, "lamina   a=b  c", "a=b  c");
    check_mb1_strip(NULL, "lamina", "");
    check_mb1_strip(NULL, "", "");
    check_mb1_strip(NULL, "console=com1 noreboot", "console=com1 noreboot");
    check_mb1_strip("GRUB 2.06", "dom0_mem=1G noreboot",
                    "dom0_mem=1G noreboot");
    check_mb1_strip("GRUB 2.06", "noreboot loglvl=all",
                    "noreboot loglvl=all");
    check_mb1_strip("qemu", "/boot/lamina.gz noreboot", "noreboot");
}

static void test_mb1_modules(void)
{
    static const uint32_t bad[][2] = {
        { 0x100000, 0x200000 }, { 0x300000, 0x280000 }, { 0x400000, 0x400000 },
    };
    uint32_t many[BOOT_MAX_MODULES + 2][2];
    unsigned int i;

    reset();
    mb1_std_mmap();
    mb1_mods(3, bad, NULL);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, E "module 1 has end 0x280000 below start 0x300000; "
              "ignored\n");
    CHECK_EQ(boot_info.nr_modules, 2);
    CHECK_MOD(0, 0x100000, 0x100000, "");
    CHECK_MOD(1, 0x400000, 0, "");

    for ( i = 0; i < BOOT_MAX_MODULES + 2; i++ )
    {
        many[i][0] = 0x1000000 + i * 0x10000;
        many[i][1] = many[i][0] + 0x1000;
    }
    reset();
    mb1_std_mmap();
    mb1_mods(BOOT_MAX_MODULES + 2, many, "m");
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, E "more than 32 modules; the rest are ignored\n");
    CHECK_EQ(boot_info.nr_modules, BOOT_MAX_MODULES);
    CHECK_MOD(31, 0x1000000 + 31 * 0x10000, 0x1000, "m");

    /* A list running past 4 GiB, and an absurd count. */
    reset();
    mb1_std_mmap();
    mb1_mods(0, NULL, NULL);
    mb1_set(MB1_MODS_COUNT, 2);
    mb1_set(MB1_MODS_ADDR, 0xfffffff0);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, E "Multiboot1 module list (2 entries at 0xfffffff0) "
              "is unreadable; no modules\n");
    CHECK_EQ(boot_info.nr_modules, 0);

    reset();
    mb1_std_mmap();
    mb1_mods(0, NULL, NULL);
    mb1_set(MB1_MODS_COUNT, 5000);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, E "Multiboot1 module list (5000 entries at 0x20000) "
              "is unreadable; no modules\n");
    CHECK_EQ(boot_info.nr_modules, 0);
}

static void test_mb1_limits(void)
{
    char long_line[BOOT_CMDLINE_LEN + 100];

    /* The info block itself beyond 4 GiB. */
    reset();
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, 1ull << 32), -EINVAL);
    CHECK_STR(printk_log, E "boot information at 0x100000000 is unreadable; "
              "cannot continue\n");

    memset(long_line, 'x', sizeof(long_line) - 1);
    long_line[sizeof(long_line) - 1] = '\0';
    memcpy(long_line, "a=b ", 4);
    reset();
    mb1_std_mmap();
    mb1_or_flags(F_CMDLINE);
    mb1_set(MB1_CMDLINE, put_str(long_line));
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB1, INFO_PA), 0);
    CHECK_STR(printk_log, W "command line at 0x10000 truncated to 1023 "
              "characters\n");
    CHECK_EQ(strlen(boot_info.cmdline), BOOT_CMDLINE_LEN - 1);
    CHECK(!strncmp(boot_info.cmdline, long_line, BOOT_CMDLINE_LEN - 1));
}

/* ---- Multiboot2: u32 total_size, u32 reserved, then 8-aligned tags ------ */

static uint32_t mb2_off;

static void mb2_begin(void)
{
    mb2_off = 8;
}

/* Writes a tag header and payload; returns the tag's address. */
static paddr_t mb2_tag(uint32_t type, uint32_t size, const void *p,
                       size_t len)
{
    paddr_t pa = INFO_PA + mb2_off;

    put32(pa, type);
    put32(pa + 4, size);
    memcpy(test_ram + pa + 8, p, len);
    mb2_off += (size + 7) & ~7u;
    return pa;
}

static paddr_t mb2_str(uint32_t type, const char *s)
{
    return mb2_tag(type, 8 + strlen(s) + 1, s, strlen(s) + 1);
}

static void mb2_module(uint32_t start, uint32_t end, const char *s)
{
    unsigned char p[64];

    memcpy(p, &start, 4);
    memcpy(p + 4, &end, 4);
    strcpy((char *)p + 8, s);
    mb2_tag(3, 16 + strlen(s) + 1, p, 8 + strlen(s) + 1);
}

/* n entries of esize bytes each: u64 base, u64 len, u32 type, pad. */
static void mb2_mmap(uint32_t esize, unsigned int n, const uint64_t (*e)[3])
{
    unsigned char p[512] = { 0 };
    uint32_t version = 0;
    unsigned int i;

    memcpy(p, &esize, 4);
    memcpy(p + 4, &version, 4);
    for ( i = 0; i < n; i++ )
    {
        uint32_t type = e[i][2];

        memcpy(p + 8 + i * esize, &e[i][0], 8);
        memcpy(p + 16 + i * esize, &e[i][1], 8);
        memcpy(p + 24 + i * esize, &type, 4);
    }
    mb2_tag(6, 16 + n * esize, p, 8 + n * esize);
}

static uint32_t mb2_end(void)
{
    mb2_tag(0, 8, "", 0);
    put32(INFO_PA, mb2_off);
    return mb2_off;
}

static const uint64_t std_map[][3] = {
    { 0, 0x9fc00, E820_RAM },
    { 0x100000, 0x1ff00000, E820_RAM },
    { 0xfffc0000, 0x40000, E820_RESERVED },
};

/*
 * Must run before any Multiboot2 case with a loader name tag: bootinfo.c
 * keeps that name in a static buffer that a later parse does not clear.
 */
static void test_mb2_plain(void)
{
    static const char rsdp[20] = "RSD PTR ";
    paddr_t acpi;
    uint32_t total;

    reset();
    mb2_begin();
    mb2_str(1, "lamina.elf loglvl=all");
    mb2_mmap(24, 2, std_map);
    mb2_module(0x800000, 0x900000, "dom0 console=hvc0");
    mb2_module(0xa00000, 0xa00800, "");
    acpi = mb2_tag(14, 8 + sizeof(rsdp), rsdp, sizeof(rsdp));
    mb2_tag(99, 12, "abc", 4);          /* unknown tags are skipped */
    total = mb2_end();

    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), 0);
    CHECK_STR(printk_log, "");
    CHECK_EQ(boot_info.protocol, BOOT_PROTO_MB2);
    CHECK_STR(boot_info.loader, "multiboot2");
    CHECK_STR(boot_info.cmdline, "loglvl=all");
    CHECK_EQ(boot_info.info_start, INFO_PA);
    CHECK_EQ(boot_info.info_end, INFO_PA + total);
    CHECK_EQ(boot_info.nr_map, 2);
    CHECK_MAP(0, 0, 0x9fc00, E820_RAM);
    CHECK_MAP(1, 0x100000, 0x1ff00000, E820_RAM);
    CHECK_EQ(boot_info.nr_modules, 2);
    CHECK_MOD(0, 0x800000, 0x100000, "dom0 console=hvc0");
    CHECK_MOD(1, 0xa00000, 0x800, "");
    CHECK_EQ(boot_info.rsdp, acpi + 8);
}

static void test_mb2_grub(void)
{
    static const char old_rsdp[20] = "RSD PTR ", new_rsdp[36] = "RSD PTR ";
    paddr_t acpi_new;

    reset();
    mb2_begin();
    mb2_str(1, "/boot/lamina.gz console=com1");
    mb2_str(2, "GRUB 2.06");
    mb2_mmap(32, 3, std_map);
    acpi_new = mb2_tag(15, 8 + sizeof(new_rsdp), new_rsdp, sizeof(new_rsdp));
    mb2_tag(14, 8 + sizeof(old_rsdp), old_rsdp, sizeof(old_rsdp));
    mb2_end();

    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), 0);
    CHECK_STR(printk_log, "");
    CHECK_STR(boot_info.loader, "GRUB 2.06");
    CHECK_STR(boot_info.cmdline, "/boot/lamina.gz console=com1");
    CHECK_EQ(boot_info.nr_map, 3);
    CHECK_MAP(0, 0, 0x9fc00, E820_RAM);
    CHECK_MAP(1, 0x100000, 0x1ff00000, E820_RAM);
    CHECK_MAP(2, 0xfffc0000, 0x40000, E820_RESERVED);
    CHECK_EQ(boot_info.rsdp, acpi_new + 8);    /* the new RSDP wins */
    CHECK_EQ(boot_info.nr_modules, 0);
}

static void test_mb2_malformed(void)
{
    reset();
    mb2_begin();
    mb2_mmap(24, 1, std_map);           /* tag at offset 8, size 40 */
    put32(INFO_PA + mb2_off, 1);        /* cmdline tag with size 4 */
    put32(INFO_PA + mb2_off + 4, 4);
    mb2_off += 8;
    mb2_module(0x800000, 0x900000, "lost");
    mb2_end();
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), 0);
    CHECK_STR(printk_log, E "Multiboot2 tag 1 at offset 48 has bad size 4; "
              "rest of the list ignored\n");
    CHECK_EQ(boot_info.nr_map, 1);
    CHECK_EQ(boot_info.nr_modules, 0);

    /* A tag running past total_size. */
    reset();
    mb2_begin();
    mb2_mmap(24, 1, std_map);
    mb2_tag(3, 4096, "", 0);
    put32(INFO_PA, mb2_off - 4096 + 16);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), 0);
    CHECK_STR(printk_log, E "Multiboot2 tag 3 at offset 48 has bad size 4096; "
              "rest of the list ignored\n");
    CHECK_EQ(boot_info.nr_map, 1);

    reset();
    put32(INFO_PA, 17u << 20);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), -EINVAL);
    CHECK_STR(printk_log, E "Multiboot2 info size 17825792 is malformed\n"
              E "boot information at 0x1000 is unreadable; cannot continue\n");

    reset();
    put32(INFO_PA, 8);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), -EINVAL);
    CHECK(!strncmp(printk_log, E "Multiboot2 info size 8 is malformed\n",
                   strlen(E "Multiboot2 info size 8 is malformed\n")));

    /* An entry size below 24 loses the whole map, hence no map at all. */
    reset();
    mb2_begin();
    mb2_str(2, "GRUB 2.06");
    mb2_mmap(16, 2, std_map);
    mb2_end();
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_MB2, INFO_PA), -ENOENT);
    CHECK_STR(printk_log, E "Multiboot2 memory map entry size 16 is "
              "malformed; map ignored\n"
              E "the boot loader (GRUB 2.06) passed no memory map; "
              "cannot continue\n");
}

/* ---- PVH: struct hvm_start_info (public/hvm/start_info.h) -------------- */

static void pvh_info(uint32_t version, uint32_t nr_modules, uint64_t cmdline,
                     uint64_t rsdp, uint32_t memmap_entries)
{
    put32(INFO_PA, PVH_START_MAGIC);
    put32(INFO_PA + 4, version);
    put32(INFO_PA + 12, nr_modules);
    put64(INFO_PA + 16, MODS_PA);
    put64(INFO_PA + 24, cmdline);
    put64(INFO_PA + 32, rsdp);
    put64(INFO_PA + 40, MMAP_PA);
    put32(INFO_PA + 48, memmap_entries);
}

static void pvh_memmap(unsigned int i, uint64_t addr, uint64_t size,
                       uint32_t type)
{
    put64(MMAP_PA + i * 24, addr);
    put64(MMAP_PA + i * 24 + 8, size);
    put32(MMAP_PA + i * 24 + 16, type);
}

static void pvh_module(unsigned int i, uint64_t pa, uint64_t size,
                       const char *cmdline)
{
    put64(MODS_PA + i * 32, pa);
    put64(MODS_PA + i * 32 + 8, size);
    put64(MODS_PA + i * 32 + 16, cmdline ? put_str(cmdline) : 0);
}

static void test_pvh(void)
{
    reset();
    pvh_memmap(0, 0, 0x9fc00, E820_RAM);     /* version 0: not looked at */
    pvh_info(0, 0, put_str("lamina.elf console=com1"), 0xf5a40, 1);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), -ENOENT);
    CHECK_STR(printk_log, E "the boot loader (pvh) passed no memory map; "
              "cannot continue\n");
    CHECK_STR(boot_info.loader, "pvh");
    CHECK_STR(boot_info.cmdline, "lamina.elf console=com1"); /* no strip */
    CHECK_EQ(boot_info.rsdp, 0xf5a40);
    CHECK_EQ(boot_info.nr_map, 0);

    reset();
    pvh_memmap(0, 0, 0x9fc00, E820_RAM);
    pvh_memmap(1, 0xf0000, 0x10000, E820_RESERVED);
    pvh_memmap(2, 0x100000, 0x1ff00000, E820_RAM);
    pvh_memmap(3, 0xfffffffffffff000ull, 0x2000, E820_ACPI);  /* wraps */
    pvh_module(0, 0x2000000, 0x345678, "dom0 root=/dev/xvda1");
    pvh_module(1, 0x3000000, 0x1000, NULL);
    pvh_info(1, 2, 0, 0, 4);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), 0);
    CHECK_STR(printk_log, "");
    CHECK_EQ(boot_info.protocol, BOOT_PROTO_PVH);
    CHECK_EQ(boot_info.info_end, INFO_PA + 56);
    CHECK_STR(boot_info.cmdline, "");
    CHECK_EQ(boot_info.rsdp, 0);
    CHECK_EQ(boot_info.nr_map, 4);
    CHECK_MAP(1, 0xf0000, 0x10000, E820_RESERVED);
    CHECK_MAP(2, 0x100000, 0x1ff00000, E820_RAM);
    CHECK_MAP(3, 0xfffffffffffff000ull, 0x1000, E820_ACPI);
    CHECK_EQ(boot_info.nr_modules, 2);
    CHECK_MOD(0, 0x2000000, 0x345678, "dom0 root=/dev/xvda1");
    CHECK_MOD(1, 0x3000000, 0x1000, "");
}

static void test_pvh_limits(void)
{
    unsigned int i;

    reset();
    pvh_memmap(0, 0x100000, 0x1000000, E820_RAM);
    pvh_info(1, 0x10000000, 0, 0, 1);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), 0);
    CHECK_STR(printk_log, E "PVH module list (268435456 entries at 0x20000) "
              "is unreadable; no modules\n");
    CHECK_EQ(boot_info.nr_modules, 0);
    CHECK_EQ(boot_info.nr_map, 1);

    reset();
    pvh_info(1, 0, 0, 0, 5000);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), -ENOENT);
    CHECK_STR(printk_log, E "PVH memory map (5000 entries at 0x30000) is "
              "unreadable\n"
              E "the boot loader (pvh) passed no memory map; cannot "
              "continue\n");

    /* Two entries too many: both reported, the first 128 kept. */
    reset();
    for ( i = 0; i < BOOT_MAX_MAP + 2; i++ )
        pvh_memmap(i, i * 0x100000ull, 0x1000, E820_RAM);
    pvh_info(1, 0, 0, 0, BOOT_MAX_MAP + 2);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), 0);
    CHECK_STR(printk_log, W "memory map has more than 128 entries; ignoring "
              "[0x8000000, +0x1000)\n"
              W "memory map has more than 128 entries; ignoring "
              "[0x8100000, +0x1000)\n");
    CHECK_EQ(boot_info.nr_map, BOOT_MAX_MAP);
}

static void test_unknown_and_print(void)
{
    reset();
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_UNKNOWN, INFO_PA), -EINVAL);
    CHECK_STR(printk_log, E "entered by an unknown boot protocol (no "
              "Multiboot magic, no PVH start info); cannot continue\n");
    CHECK_EQ(boot_info.protocol, BOOT_PROTO_UNKNOWN);

    reset();
    pvh_memmap(0, 0, 0x9fc00, E820_RAM);
    pvh_memmap(1, 0xfed00000, 0x1000, 7);
    pvh_module(0, 0x2000000, 0x1000, "dom0");
    pvh_info(1, 1, put_str("noreboot"), 0, 2);
    CHECK_EQ(bootinfo_parse(BOOT_PROTO_PVH, INFO_PA), 0);
    bootinfo_print();
    CHECK_STR(printk_log, "Boot loader: pvh\n"
              "Command line: noreboot\n"
              "Memory map:\n"
              " [0000000000000000, 000000000009fbff] (usable)\n"
              " [00000000fed00000, 00000000fed00fff] (type?)\n"
              "Module 0: [0000000002000000, +0x1000) \"dom0\"\n");
}

int main(void)
{
    test_ram = calloc(1, ARENA);
    if ( !test_ram )
        return 1;
    test_mb1_mmap();
    test_mb1_fallback();
    test_mb1_strip();
    test_mb1_modules();
    test_mb1_limits();
    test_mb2_plain();
    test_mb2_grub();
    test_mb2_malformed();
    test_pvh();
    test_pvh_limits();
    test_unknown_and_print();
    free(test_ram);
    return test_done();
}
