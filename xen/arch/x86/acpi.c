/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ACPI table discovery: the RSDP (from the loader, else the EBDA and BIOS
 * area scan), the RSDT/XSDT, and the MADT and HPET tables. Every table is
 * length-bounded and checksummed before use; a bad one is reported and
 * skipped. FADT/DSDT (power-off) are in acpi-fadt.c. Entry: acpi_init().
 * No AML interpreter: what needs AML is read by pattern, best effort.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <asm/acpi.h>
#include <asm/bootinfo.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/processor.h>

#define ACPI_HDR_LEN        36
#define ACPI_MAX_TABLE_LEN  (4u << 20)  /* anything larger is corrupt */
#define ACPI_MAX_ENTRIES    64          /* RSDT/XSDT entries looked at */

struct acpi_info acpi_info = { .s5_slp_typa = -1, .s5_slp_typb = -1 };

static bool acpi_disabled;
boolean_param("acpi_off", acpi_disabled,
              "ignore the ACPI tables (single CPU, no IOAPIC, no HPET) (off)");

static uint8_t rsdp_copy[36];       /* the RSDP may live in loader data */

struct acpi_header {
    char sig[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __packed;

static uint8_t checksum(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return sum;
}

/* Memory the direct map covers: low 2 MiB, RAM/ACPI/NVS below 4 GiB. */
static bool direct_mapped(paddr_t pa, size_t len)
{
    unsigned int i;

    if ( pa + len <= L2_PAGE_SIZE )
        return true;
    if ( pa + len > (1ULL << 32) )
        return false;
    for ( i = 0; i < boot_info.nr_map; i++ )
    {
        const struct boot_map_entry *m = &boot_info.map[i];

        if ( (m->type == E820_RAM || m->type == E820_ACPI ||
              m->type == E820_NVS) &&
             pa >= m->addr && pa + len <= m->addr + m->size )
            return true;
    }
    return false;
}

/* Addresses beyond MAXPHYADDR would make reserved-bit page faults. */
static bool paddr_ok(paddr_t pa, size_t len)
{
    struct cpuid_regs r;
    unsigned int bits = 36;

    if ( cpuid_max_leaf(0x80000000) >= 0x80000008 )
    {
        cpuid(0x80000008, &r);
        bits = r.eax & 0xff;
    }
    return pa + len >= pa && pa + len <= (1ULL << bits);
}

const void *acpi_map(paddr_t pa, size_t len)
{
    if ( !paddr_ok(pa, len) )
    {
        printk(XENLOG_WARNING "ACPI: bad table address %#lx\n",
               (unsigned long)pa);
        return NULL;
    }
    if ( direct_mapped(pa, len) )
        return maddr_to_virt(pa);
    return ioremap(pa, len);
}

static void print_table(const struct acpi_header *h, paddr_t pa)
{
    printk("ACPI: %.4s %016lx %06x (v%02u %.6s %.8s)\n", h->sig,
           (unsigned long)pa, h->length, h->revision, h->oem_id,
           h->oem_table_id);
}

const void *acpi_map_table(paddr_t pa, const char *expect_sig)
{
    const struct acpi_header *h;
    uint32_t len;

    if ( !pa )
        return NULL;
    h = acpi_map(pa, ACPI_HDR_LEN);
    if ( !h )
        return NULL;
    len = h->length;
    if ( expect_sig && memcmp(h->sig, expect_sig, 4) )
    {
        printk(XENLOG_WARNING "ACPI: table at %#lx is %.4s, expected %s; "
               "skipped\n", (unsigned long)pa, h->sig, expect_sig);
        return NULL;
    }
    if ( len < ACPI_HDR_LEN || len > ACPI_MAX_TABLE_LEN )
    {
        printk(XENLOG_WARNING "ACPI: %.4s at %#lx has bad length %u; "
               "skipped\n", h->sig, (unsigned long)pa, len);
        return NULL;
    }
    h = acpi_map(pa, len);
    if ( !h )
        return NULL;
    if ( checksum(h, len) )
    {
        printk(XENLOG_WARNING "ACPI: %.4s at %#lx has a bad checksum; "
               "skipped\n", h->sig, (unsigned long)pa);
        return NULL;
    }
    print_table(h, pa);
    return h;
}

/* ---- RSDP --------------------------------------------------------------- */

static bool rsdp_valid(const uint8_t *p, size_t avail)
{
    uint32_t len;

    if ( avail < 20 || memcmp(p, "RSD PTR ", 8) || checksum(p, 20) )
        return false;
    if ( p[15] < 2 )                    /* ACPI 1.0: 20 bytes */
        return true;
    len = p[20] | (p[21] << 8) | (p[22] << 16) | ((uint32_t)p[23] << 24);
    return len >= 36 && len <= avail && !checksum(p, 36);
}

static paddr_t rsdp_scan(paddr_t start, size_t len)
{
    const uint8_t *base = maddr_to_virt(start);
    size_t off;

    for ( off = 0; off + 20 <= len; off += 16 )
        if ( rsdp_valid(base + off, len - off) )
            return start + off;
    return 0;
}

static paddr_t rsdp_find(void)
{
    paddr_t ebda, pa;

    if ( boot_info.rsdp )
    {
        const uint8_t *p = acpi_map(boot_info.rsdp, 36);

        if ( p && rsdp_valid(p, 36) )
            return boot_info.rsdp;
        printk(XENLOG_WARNING "ACPI: RSDP from the boot loader (%#lx) is "
               "invalid; scanning\n", (unsigned long)boot_info.rsdp);
    }
    /* The EBDA segment is at 0x40e (BDA); search its first KiB. */
    ebda = (paddr_t)*(const uint16_t *)maddr_to_virt(0x40e) << 4;
    if ( ebda >= 0x80000 && ebda < 0xa0000 && (pa = rsdp_scan(ebda, 1024)) )
        return pa;
    return rsdp_scan(0xe0000, 0x20000);
}

/* ---- MADT --------------------------------------------------------------- */

static void madt_add_cpu(uint32_t apic_id, uint32_t flags)
{
    struct acpi_info *a = &acpi_info;
    unsigned int i;

    if ( !(flags & 3) )                 /* neither enabled nor capable */
        return;
    for ( i = 0; i < a->nr_cpus; i++ )
        if ( a->cpus[i].apic_id == apic_id )
            return;                     /* listed as LAPIC and x2APIC */
    if ( a->nr_cpus >= NR_CPUS )
    {
        printk(XENLOG_WARNING "ACPI: more than %u CPUs; APIC id %u "
               "ignored\n", NR_CPUS, apic_id);
        return;
    }
    a->cpus[a->nr_cpus].apic_id = apic_id;
    a->cpus[a->nr_cpus].enabled = flags & 1;
    a->nr_cpus++;
    if ( flags & 1 )
        a->nr_enabled_cpus++;
}

static uint32_t get32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t get64(const uint8_t *p)
{
    return get32(p) | ((uint64_t)get32(p + 4) << 32);
}

static void madt_ioapic(const uint8_t *e)
{
    struct acpi_info *a = &acpi_info;
    struct acpi_ioapic *io;

    if ( a->nr_ioapics >= ACPI_MAX_IOAPICS )
    {
        printk(XENLOG_WARNING "ACPI: too many IOAPICs; id %u ignored\n",
               e[2]);
        return;
    }
    io = &a->ioapics[a->nr_ioapics++];
    io->id = e[2];
    io->addr = get32(e + 4);
    io->gsi_base = get32(e + 8);
    printk("ACPI: IOAPIC (id[%#04x] address[%#010lx] gsi_base[%u])\n",
           io->id, (unsigned long)io->addr, io->gsi_base);
}

static void madt_override(const uint8_t *e)
{
    struct acpi_info *a = &acpi_info;
    struct acpi_irq_override *o;

    if ( e[2] != 0 || e[3] >= 16 )      /* bus 0 = ISA, IRQ 0-15 */
        return;
    if ( a->nr_overrides >= ACPI_MAX_OVERRIDES )
        return;
    o = &a->overrides[a->nr_overrides++];
    o->isa_irq = e[3];
    o->gsi = get32(e + 4);
    o->flags = e[8] | (e[9] << 8);
    printk("ACPI: INT_SRC_OVR (bus 0 bus_irq %u global_irq %u %s %s)\n",
           o->isa_irq, o->gsi,
           (o->flags & ACPI_INTI_POL_MASK) == ACPI_INTI_POL_LOW ? "low" :
           (o->flags & ACPI_INTI_POL_MASK) ? "high" : "dfl",
           (o->flags & ACPI_INTI_TRIG_MASK) == ACPI_INTI_TRIG_LEVEL ? "level" :
           (o->flags & ACPI_INTI_TRIG_MASK) ? "edge" : "dfl");
}

/* Each entry: type, length, body. min_len per type, 0 = ignored type. */
static void madt_entry(const uint8_t *e, unsigned int len)
{
    static const uint8_t min_len[] = { 8, 12, 10, 8, 6, 12, 0, 0, 0, 16 };

    if ( e[0] >= ARRAY_SIZE(min_len) || !min_len[e[0]] ||
         len < min_len[e[0]] )
        return;
    switch ( e[0] )
    {
    case 0:                             /* processor local APIC */
        if ( e[3] != 0xff )
            madt_add_cpu(e[3], get32(e + 4));
        break;
    case 1:
        madt_ioapic(e);
        break;
    case 2:
        madt_override(e);
        break;
    case 5:                             /* local APIC address override */
        acpi_info.lapic_addr = get64(e + 4);
        break;
    case 9:                             /* processor local x2APIC */
        if ( get32(e + 4) != 0xffffffffu )
            madt_add_cpu(get32(e + 4), get32(e + 8));
        break;
    }
}

static void parse_madt(const uint8_t *t, uint32_t len)
{
    uint32_t off = ACPI_HDR_LEN + 8;

    if ( len < off )
        return;
    acpi_info.have_madt = true;
    acpi_info.lapic_addr = get32(t + ACPI_HDR_LEN);
    acpi_info.pcat_compat = get32(t + ACPI_HDR_LEN + 4) & 1;
    while ( off + 2 <= len )
    {
        unsigned int elen = t[off + 1];

        if ( elen < 2 || off + elen > len )
        {
            printk(XENLOG_WARNING "ACPI: MADT entry at offset %u has bad "
                   "length %u; rest ignored\n", off, elen);
            break;
        }
        madt_entry(t + off, elen);
        off += elen;
    }
    printk("ACPI: MADT: local APIC at %#lx, %u CPUs (%u enabled), "
           "%u IOAPICs\n", (unsigned long)acpi_info.lapic_addr,
           acpi_info.nr_cpus, acpi_info.nr_enabled_cpus,
           acpi_info.nr_ioapics);
}

static void parse_hpet(const uint8_t *t, uint32_t len)
{
    /* Event timer block id (4), then a GAS: space id at 40, address 44. */
    if ( len < 56 || t[40] != 0 )       /* must be system memory */
    {
        printk(XENLOG_WARNING "ACPI: HPET table unusable; ignored\n");
        return;
    }
    acpi_info.hpet_addr = get64(t + 44);
    printk("ACPI: HPET id %#x base %#lx\n", get32(t + 36),
           (unsigned long)acpi_info.hpet_addr);
}

/* ---- RSDT/XSDT walk ----------------------------------------------------- */

static void parse_table(paddr_t pa)
{
    const struct acpi_header *h = acpi_map_table(pa, NULL);

    if ( !h )
        return;
    if ( !memcmp(h->sig, "APIC", 4) && !acpi_info.have_madt )
        parse_madt((const uint8_t *)h, h->length);
    else if ( !memcmp(h->sig, "HPET", 4) && !acpi_info.hpet_addr )
        parse_hpet((const uint8_t *)h, h->length);
    else if ( !memcmp(h->sig, "FACP", 4) )
        acpi_parse_fadt(h, h->length);
}

static bool walk_sdt(paddr_t pa, bool xsdt)
{
    const uint8_t *t = acpi_map_table(pa, xsdt ? "XSDT" : "RSDT");
    unsigned int esz = xsdt ? 8 : 4, i, n;

    if ( !t )
        return false;
    n = (get32(t + 4) - ACPI_HDR_LEN) / esz;
    if ( n > ACPI_MAX_ENTRIES )
        n = ACPI_MAX_ENTRIES;
    for ( i = 0; i < n; i++ )
    {
        const uint8_t *e = t + ACPI_HDR_LEN + i * esz;

        parse_table(xsdt ? get64(e) : get32(e));
    }
    return true;
}

void acpi_init(void)
{
    paddr_t pa;
    const uint8_t *r;

    if ( acpi_disabled )
    {
        printk("ACPI: disabled by \"acpi_off\"\n");
        return;
    }
    pa = rsdp_find();
    if ( !pa )
    {
        printk(XENLOG_WARNING "ACPI: no RSDP found; running without ACPI\n");
        return;
    }
    r = acpi_map(pa, 20);
    memcpy(rsdp_copy, r, r[15] >= 2 ? 36 : 20);
    acpi_info.rsdp = pa;
    printk("ACPI: RSDP %016lx %05x (v%02u %.6s)\n", (unsigned long)pa,
           r[15] >= 2 ? get32(rsdp_copy + 20) : 20, rsdp_copy[15],
           (const char *)rsdp_copy + 9);
    /* Prefer the XSDT (ACPI 2.0+); fall back to the RSDT if it is bad. */
    if ( !(rsdp_copy[15] >= 2 && get64(rsdp_copy + 24) &&
           walk_sdt(get64(rsdp_copy + 24), true)) )
        walk_sdt(get32(rsdp_copy + 16), false);
    if ( !acpi_info.have_madt )
        printk(XENLOG_WARNING "ACPI: no usable MADT; one CPU, no IOAPIC\n");
}

void acpi_isa_irq_to_gsi(unsigned int irq, uint32_t *gsi, bool *level,
                         bool *active_low)
{
    unsigned int i;

    *gsi = irq;
    *level = false;
    *active_low = false;
    for ( i = 0; i < acpi_info.nr_overrides; i++ )
    {
        const struct acpi_irq_override *o = &acpi_info.overrides[i];

        if ( o->isa_irq != irq )
            continue;
        *gsi = o->gsi;
        *level = (o->flags & ACPI_INTI_TRIG_MASK) == ACPI_INTI_TRIG_LEVEL;
        *active_low = (o->flags & ACPI_INTI_POL_MASK) == ACPI_INTI_POL_LOW;
        break;
    }
}
