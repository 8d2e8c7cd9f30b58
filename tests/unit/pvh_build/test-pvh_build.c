/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests of hvm/pvh-build.c and hvm/pvh-acpi.c against a fake guest
 * memory (sparse 4 KiB pages, only populated ranges writable): the memory
 * map, hvm_start_info and what it points to, every ACPI table (checksums,
 * links, MADT entries), placement refusals and the initial vCPU state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <asm/pvh-build.h>
#include "test.h"
#include "../libelf/elf-image.h"

/* --- fake guest memory ------------------------------------------------ */

#define GM_SLOTS    4096
#define GM_MAX_POP  16

struct gm {
    uint64_t pop_start[GM_MAX_POP], pop_end[GM_MAX_POP];
    unsigned int nr_pop;
    int populate_rc;            /* returned by populate if non-zero */
    uint64_t pfn[GM_SLOTS];
    uint8_t *page[GM_SLOTS];
};

static struct gm gm;

static void gm_reset(void)
{
    unsigned int i;

    for ( i = 0; i < GM_SLOTS; i++ )
        free(gm.page[i]);
    memset(&gm, 0, sizeof(gm));
}

static uint8_t *gm_page(uint64_t pfn, bool create)
{
    unsigned int i = (unsigned int)(pfn * 2654435761u) % GM_SLOTS, n;

    for ( n = 0; n < GM_SLOTS; n++, i = (i + 1) % GM_SLOTS )
    {
        if ( gm.page[i] && gm.pfn[i] == pfn )
            return gm.page[i];
        if ( !gm.page[i] )
        {
            if ( !create )
                return NULL;
            gm.pfn[i] = pfn;
            gm.page[i] = calloc(1, 4096);
            return gm.page[i];
        }
    }
    abort();                    /* test wrote more than GM_SLOTS pages */
}

static bool gm_backed(uint64_t gpa, uint64_t len)
{
    unsigned int i;

    for ( i = 0; i < gm.nr_pop; i++ )
        if ( gpa >= gm.pop_start[i] && gpa + len <= gm.pop_end[i] &&
             gpa + len >= gpa )
            return true;
    return false;
}

static int gm_populate(void *ctx, uint64_t gpa, uint64_t len)
{
    (void)ctx;
    if ( gm.populate_rc )
        return gm.populate_rc;
    if ( gm.nr_pop == GM_MAX_POP )
        abort();
    gm.pop_start[gm.nr_pop] = gpa;
    gm.pop_end[gm.nr_pop++] = gpa + len;
    return 0;
}

static int gm_copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    const uint8_t *s = src;

    (void)ctx;
    if ( !gm_backed(gpa, len) )
        return -EFAULT;
    while ( len )
    {
        size_t n = 4096 - (gpa & 4095);

        n = n < len ? n : len;
        memcpy(gm_page(gpa >> 12, true) + (gpa & 4095), s, n);
        gpa += n, s += n, len -= n;
    }
    return 0;
}

static int gm_zero(void *ctx, uint64_t gpa, size_t len)
{
    (void)ctx;
    if ( !gm_backed(gpa, len) )
        return -EFAULT;
    while ( len )
    {
        size_t n = 4096 - (gpa & 4095);
        uint8_t *pg = gm_page(gpa >> 12, false);

        n = n < len ? n : len;
        if ( pg )
            memset(pg + (gpa & 4095), 0, n);
        gpa += n, len -= n;
    }
    return 0;
}

static void gm_read(uint64_t gpa, void *dst, size_t len)
{
    uint8_t *d = dst;

    while ( len )
    {
        size_t n = 4096 - (gpa & 4095);
        uint8_t *pg = gm_page(gpa >> 12, false);

        n = n < len ? n : len;
        if ( pg )
            memcpy(d, pg + (gpa & 4095), n);
        else
            memset(d, 0, n);
        gpa += n, d += n, len -= n;
    }
}

static uint64_t rd64(uint64_t gpa)
{
    uint64_t v;

    gm_read(gpa, &v, 8);
    return v;
}

static uint32_t rd32(uint64_t gpa)
{
    uint32_t v;

    gm_read(gpa, &v, 4);
    return v;
}

static uint8_t rd8(uint64_t gpa)
{
    uint8_t v;

    gm_read(gpa, &v, 1);
    return v;
}

static const struct guest_mem_ops ops = { gm_populate, gm_copy, gm_zero };

/* --- helpers ---------------------------------------------------------- */

static uint8_t kimg[IMG_SIZE];
static struct elf_info elf;
static struct pvh_layout lay;
static struct pvh_initial_state st;
static char err[200];

static void make_kernel(struct img_spec *s)
{
    size_t size = img_build(s, kimg);

    if ( elf_parse(kimg, size, &elf, err, sizeof(err)) )
    {
        printf("# test kernel refused: %s\n", err);
        abort();
    }
}

static int build(uint64_t mem, unsigned int vcpus, const char *cmdline,
                 const void *rd, size_t rdsz)
{
    struct pvh_build_params p = {
        .mem_bytes = mem, .nr_vcpus = vcpus, .cmdline = cmdline,
        .kernel = kimg, .ramdisk = rd, .ramdisk_size = rdsz,
        .start_flags = SIF_PRIVILEGED,
    };

    gm_reset();
    return pvh_build(&p, &elf, &lay, &st, &ops, NULL, err, sizeof(err));
}

static bool in_acpi_entry(uint64_t gpa, uint64_t len)
{
    unsigned int i;

    for ( i = 0; i < lay.nr_map; i++ )
        if ( lay.map[i].type == XEN_HVM_MEMMAP_TYPE_ACPI &&
             gpa >= lay.map[i].addr &&
             gpa + len <= lay.map[i].addr + lay.map[i].size )
            return true;
    return false;
}

/* Sum of an ACPI table's bytes (0 when the checksum is right). */
static uint8_t table_sum(uint64_t gpa, uint32_t len)
{
    uint8_t s = 0;
    uint32_t i;

    for ( i = 0; i < len; i++ )
        s += rd8(gpa + i);
    return s;
}

static bool sig_is(uint64_t gpa, const char *sig)
{
    char b[8];

    gm_read(gpa, b, strlen(sig));
    return !memcmp(b, sig, strlen(sig));
}

/* A table: signature, checksum, inside the ACPI range; returns length. */
static uint32_t check_table(uint64_t gpa, const char *sig)
{
    uint32_t len = rd32(gpa + 4);

    CHECK(sig_is(gpa, sig));
    CHECK(len >= 36);
    CHECK(in_acpi_entry(gpa, len));
    CHECK_EQ(table_sum(gpa, len), 0);
    return len;
}

#define RANGES_DISJOINT(s1, e1, s2, e2) ((e1) <= (s2) || (e2) <= (s1))


/* --- cases ------------------------------------------------------------ */

static void check_map_sane(const struct hvm_memmap_table_entry *m,
                           unsigned int n, uint64_t mem)
{
    uint64_t ram = 0;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        CHECK(m[i].size > 0);
        CHECK_EQ(m[i].reserved, 0);
        CHECK_EQ(m[i].addr & 0xfff, 0);
        if ( i )
            CHECK(m[i - 1].addr + m[i - 1].size <= m[i].addr);
        if ( m[i].type == XEN_HVM_MEMMAP_TYPE_RAM )
            ram += m[i].size;
    }
    CHECK_EQ(ram, mem);
    CHECK_EQ(m[0].addr, 0);                     /* RAM below 1 MiB */
    CHECK_EQ(m[0].type, XEN_HVM_MEMMAP_TYPE_RAM);
}

static void test_memory_map(void)
{
    struct hvm_memmap_table_entry m[PVH_MAX_MEMMAP];
    int n;

    n = pvh_memory_map(64 << 20, m, PVH_MAX_MEMMAP);
    CHECK_EQ(n, 3);
    check_map_sane(m, n, 64 << 20);
    CHECK_EQ(m[0].size, 64 << 20);
    CHECK_EQ(m[1].addr, PVH_ACPI_GPA);
    CHECK_EQ(m[1].type, XEN_HVM_MEMMAP_TYPE_ACPI);
    CHECK_EQ(m[2].addr, PVH_SPECIAL_GPA);
    CHECK_EQ(m[2].type, XEN_HVM_MEMMAP_TYPE_RESERVED);

    n = pvh_memory_map(5ULL << 30, m, PVH_MAX_MEMMAP);
    CHECK_EQ(n, 4);
    check_map_sane(m, n, 5ULL << 30);
    CHECK_EQ(m[0].size, PVH_LOW_RAM_END);
    CHECK_EQ(m[3].addr, 1ULL << 32);
    CHECK_EQ(m[3].size, (5ULL << 30) - PVH_LOW_RAM_END);

    n = pvh_memory_map(PVH_LOW_RAM_END, m, PVH_MAX_MEMMAP);
    CHECK_EQ(n, 3);
    check_map_sane(m, n, PVH_LOW_RAM_END);
    n = pvh_memory_map(PVH_LOW_RAM_END + 4096, m, PVH_MAX_MEMMAP);
    CHECK_EQ(n, 4);
    CHECK_EQ(m[3].size, 4096);

    CHECK_EQ(pvh_memory_map((64 << 20) + 100, m, PVH_MAX_MEMMAP), -EINVAL);
    CHECK_EQ(pvh_memory_map(512 << 10, m, PVH_MAX_MEMMAP), -EINVAL);
    CHECK_EQ(pvh_memory_map(PVH_MAX_MEM + 4096, m, PVH_MAX_MEMMAP), -EINVAL);
    CHECK_EQ(pvh_memory_map(~0ULL & ~4095ULL, m, PVH_MAX_MEMMAP), -EINVAL);
    CHECK_EQ(pvh_memory_map(64 << 20, m, 2), -ENOSPC);
    CHECK_EQ(pvh_memory_map(5ULL << 30, m, 3), -ENOSPC);
}

static void check_start_info(const char *cmdline, size_t rdsz)
{
    struct hvm_start_info si;
    struct hvm_memmap_table_entry m[PVH_MAX_MEMMAP];
    char buf[PVH_CMDLINE_MAX];

    gm_read(lay.start_info, &si, sizeof(si));
    CHECK_EQ(lay.start_info, PVH_START_INFO_GPA);
    CHECK_EQ(si.magic, XEN_HVM_START_MAGIC_VALUE);
    CHECK_EQ(si.version, 1);
    CHECK_EQ(si.flags, SIF_PRIVILEGED);
    CHECK_EQ(si.nr_modules, rdsz ? 1 : 0);
    CHECK_EQ(si.modlist_paddr, rdsz ? PVH_MODLIST_GPA : 0);
    CHECK_EQ(si.cmdline_paddr, cmdline ? PVH_CMDLINE_GPA : 0);
    CHECK_EQ(si.rsdp_paddr, lay.rsdp);
    CHECK_EQ(si.memmap_paddr, lay.memmap);
    CHECK_EQ(si.memmap_entries, lay.nr_map);
    CHECK_EQ(si.reserved, 0);
    CHECK(si.memmap_paddr < (1ULL << 30) && si.modlist_paddr < (1ULL << 30));
    if ( cmdline )
    {
        gm_read(si.cmdline_paddr, buf, strlen(cmdline) + 1);
        CHECK_STR(buf, cmdline);
    }
    gm_read(si.memmap_paddr, m, lay.nr_map * sizeof(m[0]));
    CHECK(!memcmp(m, lay.map, lay.nr_map * sizeof(m[0])));
    check_map_sane(m, lay.nr_map, 64 << 20);
}

static void test_build_basic(void)
{
    static const char cmd[] = "console=hvc0 root=/dev/ram0 quiet";
    static uint8_t rd[10000];
    struct hvm_modlist_entry mod;
    struct img_spec s;
    uint8_t buf[0x800];
    unsigned int i, nonzero = 0;

    for ( i = 0; i < sizeof(rd); i++ )
        rd[i] = (uint8_t)(i * 13 + 5);
    img_default(&s, 64);
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, 2, cmd, rd, sizeof(rd)), 0);
    CHECK_STR(err, "");
    check_start_info(cmd, sizeof(rd));

    /* Kernel bytes and bss. */
    gm_read(0x100000, buf, 0x800);
    CHECK(!memcmp(buf, kimg + IMG_CODE_OFF, 0x800));
    gm_read(0x200000, buf, 0x800);
    CHECK(!memcmp(buf, kimg + IMG_CODE_OFF + 0x800, 0x800));
    for ( i = 0x100800; i < 0x103000; i++ )
        nonzero += rd8(i) != 0;
    CHECK_EQ(nonzero, 0);
    CHECK_EQ(lay.kernel_start, 0x100000);
    CHECK_EQ(lay.kernel_end, 0x200800);

    /* Module list and ramdisk: after the kernel, 4 KiB aligned. */
    gm_read(PVH_MODLIST_GPA, &mod, sizeof(mod));
    CHECK_EQ(mod.paddr, 0x201000);
    CHECK_EQ(mod.size, sizeof(rd));
    CHECK_EQ(mod.cmdline_paddr, 0);
    CHECK_EQ(mod.reserved, 0);
    CHECK_EQ(lay.ramdisk_start, mod.paddr);
    for ( i = 0, nonzero = 0; i < sizeof(rd); i++ )
        nonzero += rd8(mod.paddr + i) != rd[i];
    CHECK_EQ(nonzero, 0);
    CHECK(RANGES_DISJOINT(mod.paddr, mod.paddr + mod.size,
                          lay.kernel_start, lay.kernel_end));
    CHECK(RANGES_DISJOINT(mod.paddr, mod.paddr + mod.size,
                          PVH_BOOT_AREA_START, PVH_BOOT_AREA_END));
    CHECK(!in_acpi_entry(mod.paddr, 1));

    /* Initial state (PVH ABI, start_info.h). */
    CHECK_EQ(st.rip, 0x100010);
    CHECK_EQ(st.rbx, PVH_START_INFO_GPA);
    CHECK_EQ(st.rflags, 0x2);
    CHECK_EQ(st.cr0, 0x11);
    CHECK_EQ(st.cr4, 0);
    CHECK_EQ(st.efer, 0);
    CHECK_EQ(st.cs.attr, 0xc9b);
    CHECK_EQ(st.cs.limit, 0xffffffff);
    CHECK_EQ(st.cs.base, 0);
    CHECK_EQ(st.ds.attr, 0xc93);
    CHECK_EQ(st.ss.attr, 0xc93);
    CHECK_EQ(st.es.limit, 0xffffffff);
    CHECK_EQ(st.tr.attr, 0x8b);
    CHECK_EQ(st.tr.limit, 0x67);

    /* No ramdisk, no command line. */
    CHECK_EQ(build(64 << 20, 1, NULL, NULL, 0), 0);
    check_start_info(NULL, 0);
    CHECK_EQ(lay.ramdisk_start, 0);
}

/* PVH_ACPI_DUMP=dir writes the tables (dir/NAME.dat) for "iasl -d". */
static void dump_table(const char *name, uint64_t gpa, uint32_t len)
{
    const char *dir = getenv("PVH_ACPI_DUMP");
    char path[512];
    uint8_t *buf;
    FILE *f;

    if ( !dir || len > 65536 )
        return;
    snprintf(path, sizeof(path), "%s/%s.dat", dir, name);
    buf = malloc(len);
    gm_read(gpa, buf, len);
    f = fopen(path, "wb");
    if ( f )
    {
        fwrite(buf, 1, len, f);
        fclose(f);
    }
    free(buf);
}

static void test_acpi(unsigned int vcpus)
{
    uint64_t xsdt, fadt = 0, madt = 0, dsdt, e;
    uint32_t len, n, i, bad = 0;
    struct img_spec s;

    img_default(&s, 32);
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, vcpus, "x", NULL, 0), 0);

    /* RSDP: two checksums, revision 2, points at the XSDT. */
    CHECK(sig_is(lay.rsdp, "RSD PTR "));
    CHECK(in_acpi_entry(lay.rsdp, 36));
    CHECK_EQ(table_sum(lay.rsdp, 20), 0);
    CHECK_EQ(table_sum(lay.rsdp, 36), 0);
    CHECK_EQ(rd8(lay.rsdp + 15), 2);
    CHECK_EQ(rd32(lay.rsdp + 20), 36);
    CHECK_EQ(lay.rsdp & 15, 0);
    xsdt = rd64(lay.rsdp + 24);
    CHECK_EQ(xsdt, lay.xsdt);

    /* XSDT -> FADT, MADT (found by signature, not by position). */
    len = check_table(xsdt, "XSDT");
    n = (len - 36) / 8;
    CHECK_EQ(n, 2);
    for ( i = 0; i < n; i++ )
    {
        e = rd64(xsdt + 36 + 8 * i);
        if ( sig_is(e, "FACP") )
            fadt = e;
        else if ( sig_is(e, "APIC") )
            madt = e;
    }
    CHECK(fadt && madt);

    /* FADT: revision 5, hardware reduced, DSDT in both fields. */
    CHECK_EQ(check_table(fadt, "FACP"), 268);
    CHECK_EQ(rd8(fadt + 8), 5);
    CHECK(rd32(fadt + 112) & (1u << 20));
    CHECK_EQ(rd32(fadt + 56), 0);               /* no PM1a event block */
    CHECK_EQ(rd32(fadt + 64), 0);               /* no PM1a control block */
    dsdt = rd64(fadt + 140);
    CHECK_EQ(rd32(fadt + 40), dsdt);
    CHECK(check_table(dsdt, "DSDT") >= 36);

    /* MADT: LAPIC base, one enabled LAPIC entry per vCPU. */
    len = check_table(madt, "APIC");
    CHECK_EQ(rd32(madt + 36), 0xfee00000);
    CHECK_EQ(len, 44 + 8 * vcpus);
    for ( i = 0, n = 0; 44 + 8 * i < len; i++, n++ )
    {
        uint64_t ent = madt + 44 + 8 * i;

        bad += rd8(ent) != 0 || rd8(ent + 1) != 8;
        bad += rd8(ent + 2) != i || rd8(ent + 3) != 2 * i;
        bad += rd32(ent + 4) != 1;
    }
    CHECK_EQ(n, vcpus);
    CHECK_EQ(bad, 0);
    CHECK_EQ(pvh_vcpu_apic_id(3), 6);

    dump_table("rsdp", lay.rsdp, 36);
    dump_table("xsdt", xsdt, rd32(xsdt + 4));
    dump_table("facp", fadt, rd32(fadt + 4));
    dump_table("apic", madt, rd32(madt + 4));
    dump_table("dsdt", dsdt, rd32(dsdt + 4));
}

static void test_high_memory(void)
{
    struct img_spec s;
    unsigned int i, high = 0;

    img_default(&s, 64);
    make_kernel(&s);
    CHECK_EQ(build(6ULL << 30, 4, "mem", "rd", 2), 0);
    CHECK_EQ(lay.nr_map, 4);
    for ( i = 0; i < gm.nr_pop; i++ )
        high += gm.pop_start[i] == (1ULL << 32);
    CHECK_EQ(high, 1);
    CHECK_EQ(gm.nr_pop, 3);                     /* low RAM, ACPI, high RAM */
    CHECK_EQ(rd32(PVH_START_INFO_GPA + 48), 4);
}

#define BUILD_REFUSED(expr, rc, text) do {                                \
    int _rc = (expr);                                                     \
    CHECK_EQ(_rc, rc);                                                    \
    CHECK(strstr(err, text) != NULL);                                     \
    if ( !strstr(err, text) )                                             \
        printf("#   err \"%s\", want \"%s\"\n", err, text);              \
} while ( 0 )

static void test_refusals(void)
{
    static char longcmd[PVH_CMDLINE_MAX + 10];
    static uint8_t big[2 << 20];
    struct pvh_build_params p = { .mem_bytes = 64 << 20, .nr_vcpus = 1 };
    struct img_spec s;

    img_default(&s, 64);
    make_kernel(&s);
    BUILD_REFUSED(build(64 << 20, 0, NULL, NULL, 0), -EINVAL, "0 vCPUs");
    BUILD_REFUSED(build(64 << 20, PVH_MAX_VCPUS + 1, NULL, NULL, 0),
                  -EINVAL, "vCPUs: must be");
    memset(longcmd, 'a', sizeof(longcmd) - 1);
    BUILD_REFUSED(build(64 << 20, 1, longcmd, NULL, 0), -EINVAL,
                  "command line too long");
    longcmd[PVH_CMDLINE_MAX - 1] = '\0';        /* 4095 chars: fits */
    CHECK_EQ(build(64 << 20, 1, longcmd, NULL, 0), 0);
    BUILD_REFUSED(build((64 << 20) + 1, 1, NULL, NULL, 0), -EINVAL,
                  "bad guest memory size");
    BUILD_REFUSED(build(64 << 20, 1, NULL, big, 0), -EINVAL, "bad ramdisk");

    /* Kernel beyond the guest's RAM. */
    BUILD_REFUSED(build(2 << 20, 1, NULL, NULL, 0), -ENOMEM,
                  "kernel segment [0x200000, 0x200800) is outside guest RAM");
    /* Ramdisk that does not fit after the kernel. */
    BUILD_REFUSED(build(3 << 20, 1, NULL, big, sizeof(big)), -ENOMEM,
                  "ramdisk [0x201000, 0x401000) is outside guest RAM");
    CHECK_EQ(build(5 << 20, 1, NULL, big, sizeof(big)), 0);

    /* Kernel over the boot data area. */
    s.seg[2].paddr = 0x2800;
    make_kernel(&s);
    BUILD_REFUSED(build(64 << 20, 1, NULL, NULL, 0), -EINVAL,
                  "overlaps the boot data area");
    s.seg[2].paddr = 0x3000;                    /* just above: fine */
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, 1, NULL, NULL, 0), 0);
    /* A tiny segment ending below the boot area is fine too. */
    s.seg[2].paddr = 0x0;
    s.seg[2].filesz = s.seg[2].memsz = 0x10;
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, 1, NULL, NULL, 0), 0);

    /* Memory callbacks failing. */
    img_default(&s, 64);
    make_kernel(&s);
    gm_reset();
    gm.populate_rc = -ENOMEM;
    p.kernel = kimg;
    CHECK_EQ(pvh_build(&p, &elf, &lay, &st, &ops, NULL, err, sizeof(err)),
             -ENOMEM);
    CHECK(strstr(err, "populating") != NULL);
    gm_reset();
    {
        const struct guest_mem_ops noop = { NULL, gm_copy, gm_zero };

        CHECK_EQ(pvh_build(&p, &elf, &lay, &st, &noop, NULL, err,
                           sizeof(err)), -EFAULT);
        CHECK(strstr(err, "loading the kernel") != NULL);
        CHECK_EQ(pvh_build(&p, &elf, &lay, &st, NULL, NULL, err,
                           sizeof(err)), -EINVAL);
    }
    /* An elf_info that elf_parse() never accepted. */
    memset(&elf, 0, sizeof(elf));
    BUILD_REFUSED(build(64 << 20, 1, NULL, NULL, 0), -EINVAL,
                  "not accepted by elf_parse");
}

static void test_legacy_rsdp(void)
{
    static const uint32_t feat_none = 0, feat_rsdp = 1u << 15;
    struct img_spec s;

    img_default(&s, 64);
    s.note[1].desc = "linux";
    s.note[1].descsz = 6;
    s.note[3].desc = &feat_none;
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, 1, NULL, NULL, 0), 0);
    CHECK_EQ(lay.rsdp, PVH_LEGACY_RSDP_GPA);
    CHECK_EQ(rd32(PVH_START_INFO_GPA + 32), PVH_LEGACY_RSDP_GPA);
    CHECK(sig_is(PVH_LEGACY_RSDP_GPA, "RSD PTR "));
    CHECK_EQ(table_sum(PVH_LEGACY_RSDP_GPA, 36), 0);
    CHECK_EQ(rd64(PVH_LEGACY_RSDP_GPA + 24), lay.xsdt);

    /* Kernel over 0xFFFC0 only matters when the copy is needed. */
    s.seg[2].paddr = 0xff800;
    make_kernel(&s);
    BUILD_REFUSED(build(64 << 20, 1, NULL, NULL, 0), -EINVAL,
                  "legacy RSDP");
    s.note[3].desc = &feat_rsdp;
    make_kernel(&s);
    CHECK_EQ(build(64 << 20, 1, NULL, NULL, 0), 0);
    CHECK_EQ(lay.rsdp, PVH_ACPI_GPA);
}

/* A guest test kernel from build/guest/, if one was built. */
static void test_real_kernel(void)
{
    const char *root = getenv("LAMINA_ROOT");
    static uint8_t img[4 << 20];
    char path[512];
    size_t size;
    FILE *f;

    snprintf(path, sizeof(path), "%s/build/guest/example.elf",
             root ? root : "../..");
    f = fopen(path, "rb");
    if ( !f )
    {
        printf("# %s not built: skipped\n", path);
        return;
    }
    size = fread(img, 1, sizeof(img), f);
    fclose(f);
    CHECK_EQ(elf_parse(img, size, &elf, err, sizeof(err)), 0);
    {
        struct pvh_build_params p = {
            .mem_bytes = 32 << 20, .nr_vcpus = 2, .cmdline = "",
            .kernel = img,
        };

        gm_reset();
        CHECK_EQ(pvh_build(&p, &elf, &lay, &st, &ops, NULL, err,
                           sizeof(err)), 0);
        CHECK_EQ(st.rip, elf.phys32_entry);
    }
}

int main(void)
{
    test_memory_map();
    test_build_basic();
    test_acpi(1);
    test_acpi(2);
    test_acpi(PVH_MAX_VCPUS);
    test_high_memory();
    test_refusals();
    test_legacy_rsdp();
    test_real_kernel();
    gm_reset();
    return test_done();
}
