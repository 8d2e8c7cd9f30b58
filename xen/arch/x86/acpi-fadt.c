/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The FADT (PM1 control blocks, PM timer port) and ACPI power-off: the S5
 * sleep type is read from the DSDT's \_S5 package by pattern matching
 * (no AML interpreter), which covers what QEMU, Bochs and most firmware
 * emit. Entry: acpi_parse_fadt() from acpi.c; acpi_power_off_hook.
 */
#include <xen/lib.h>
#include <asm/acpi.h>
#include <asm/io.h>

#define ACPI_HDR_LEN    36
#define SLP_EN          (1u << 13)
#define SLP_TYP_SHIFT   10

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get64(const uint8_t *p)
{
    return get32(p) | ((uint64_t)get32(p + 4) << 32);
}

/* One AML integer element of a package; -1 if not a simple constant. */
static int aml_small_int(const uint8_t *p, const uint8_t *end,
                         unsigned int *used)
{
    if ( p >= end )
        return -1;
    *used = 1;
    switch ( p[0] )
    {
    case 0x00:                          /* ZeroOp */
        return 0;
    case 0x01:                          /* OneOp */
        return 1;
    case 0x0a:                          /* BytePrefix */
        if ( p + 1 >= end )
            return -1;
        *used = 2;
        return p[1];
    default:
        return -1;
    }
}

/*
 * Find "Name(_S5, Package(n) { a, b, ... })": NameOp 0x08, optional root
 * prefix '\', "_S5_", PackageOp 0x12, PkgLength, NumElements, elements.
 */
static void find_s5(const uint8_t *aml, uint32_t len)
{
    uint32_t i;

    for ( i = 1; i + 4 + 4 <= len; i++ )
    {
        const uint8_t *p = aml + i, *end = aml + len;
        unsigned int used;
        int a, b;

        if ( memcmp(p, "_S5_", 4) ||
             !(p[-1] == 0x08 || (p[-1] == '\\' && i >= 2 && p[-2] == 0x08)) )
            continue;
        p += 4;
        if ( *p++ != 0x12 )
            continue;
        p += 1 + (*p >> 6);             /* PkgLength: lead byte + extra */
        p++;                            /* NumElements */
        a = aml_small_int(p, end, &used);
        if ( a < 0 )
            continue;
        b = aml_small_int(p + used, end, &used);
        acpi_info.s5_slp_typa = a & 7;
        acpi_info.s5_slp_typb = b < 0 ? a & 7 : b & 7;
        return;
    }
}

static void acpi_power_off(void)
{
    uint16_t v;

    v = inw(acpi_info.pm1a_cnt) & ~(7u << SLP_TYP_SHIFT);
    outw(v | (acpi_info.s5_slp_typa << SLP_TYP_SHIFT), acpi_info.pm1a_cnt);
    outw(v | (acpi_info.s5_slp_typa << SLP_TYP_SHIFT) | SLP_EN,
         acpi_info.pm1a_cnt);
    if ( acpi_info.pm1b_cnt )
        outw((acpi_info.s5_slp_typb << SLP_TYP_SHIFT) | SLP_EN,
             acpi_info.pm1b_cnt);
}

/* A legacy 32-bit port field, else the extended GAS if it is I/O space. */
static uint16_t fadt_port(const uint8_t *t, uint32_t len, unsigned int off,
                          unsigned int xoff)
{
    uint32_t v = get32(t + off);

    if ( !v && len >= xoff + 12 && t[xoff] == 1 )
        v = (uint32_t)get64(t + xoff + 4);
    return v <= 0xffff ? (uint16_t)v : 0;
}

void acpi_parse_fadt(const void *table, uint32_t len)
{
    const uint8_t *t = table;
    const uint8_t *dsdt;
    paddr_t dsdt_pa;

    if ( len < 116 )
    {
        printk(XENLOG_WARNING "ACPI: FADT too short (%u); ignored\n", len);
        return;
    }
    acpi_info.pm1a_cnt = fadt_port(t, len, 64, 172);
    acpi_info.pm1b_cnt = fadt_port(t, len, 68, 184);
    acpi_info.pm_tmr = fadt_port(t, len, 76, 208);
    dsdt_pa = len >= 148 && get64(t + 140) ? get64(t + 140) : get32(t + 40);

    dsdt = acpi_map_table(dsdt_pa, "DSDT");
    if ( dsdt )
        find_s5(dsdt + ACPI_HDR_LEN, get32(dsdt + 4) - ACPI_HDR_LEN);
    printk("ACPI: PM1a_CNT %#x, PM timer %#x, S5 sleep type %d\n",
           acpi_info.pm1a_cnt, acpi_info.pm_tmr, acpi_info.s5_slp_typa);
    if ( acpi_info.pm1a_cnt && acpi_info.s5_slp_typa >= 0 )
        acpi_power_off_hook = acpi_power_off;
}
