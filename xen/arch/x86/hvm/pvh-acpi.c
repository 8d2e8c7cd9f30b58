/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI tables of a PVH guest (ACPI 5.0 layouts): RSDP (revision 2) ->
 * XSDT -> { FADT (revision 5, hardware-reduced) -> DSDT (no AML), MADT
 * (one enabled Processor Local APIC per vCPU, no IOAPIC) }. Written piece
 * by piece through guest_mem_ops with the checksum accumulated on the way,
 * so no large buffer is needed. Entry point: pvh_acpi_build().
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/pvh-build.h>

#define ACPI_OEM_ID         "LAMINA"
#define ACPI_OEM_TABLE_ID   "LAMINAPV"
#define ACPI_CREATOR_ID     "LMNA"

/* FADT flags and IA-PC boot architecture flags (ACPI 5.0 5.2.9). */
#define FADT_F_WBINVD           (1U << 0)
#define FADT_F_HW_REDUCED_ACPI  (1U << 20)
#define FADT_BOOT_NO_VGA        (1U << 2)
#define FADT_BOOT_NO_CMOS_RTC   (1U << 5)

#define MADT_TYPE_LAPIC         0
#define MADT_LAPIC_ENABLED      (1U << 0)

struct acpi_header {
    char sig[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    char creator_id[4];
    uint32_t creator_revision;
} __packed;

struct acpi_rsdp {
    char sig[8];
    uint8_t checksum;               /* over the first 20 bytes */
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t ext_checksum;           /* over all 36 bytes */
    uint8_t reserved[3];
} __packed;

struct acpi_gas {
    uint8_t space_id, bit_width, bit_offset, access_size;
    uint64_t address;
} __packed;

/* FADT revision 5 (268 bytes). Unused fields stay zero. */
struct acpi_fadt {
    struct acpi_header h;
    uint32_t firmware_ctrl, dsdt;
    uint8_t reserved0, pm_profile;
    uint16_t sci_int;
    uint32_t smi_cmd;
    uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
    uint32_t pm_blocks[8];          /* PM1a/b EVT+CNT, PM2, TMR, GPE0/1 */
    uint8_t pm_lens[8];             /* their lengths, GPE1 base, CST_CNT */
    uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
    uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
    uint16_t iapc_boot_arch;
    uint8_t reserved1;
    uint32_t flags;
    struct acpi_gas reset_reg;
    uint8_t reset_value;
    uint16_t arm_boot_arch;
    uint8_t minor_version;
    uint64_t x_firmware_ctrl, x_dsdt;
    struct acpi_gas x_pm_blocks[8];
    struct acpi_gas sleep_control, sleep_status;
} __packed;

struct acpi_madt {
    struct acpi_header h;
    uint32_t lapic_addr;
    uint32_t flags;                 /* 0: no PC-AT dual 8259 */
} __packed;

struct acpi_madt_lapic {
    uint8_t type, length, uid, apic_id;
    uint32_t flags;
} __packed;

/* One table being written: bytes go out in order, summed on the way. */
struct acpi_writer {
    const struct guest_mem_ops *ops;
    void *ctx;
    uint64_t gpa;
    uint32_t off;
    uint8_t sum;
    int rc;
};

static void aw_put(struct acpi_writer *w, const void *data, size_t len)
{
    const uint8_t *b = data;
    size_t i;

    if ( w->rc )
        return;
    for ( i = 0; i < len; i++ )
        w->sum += b[i];
    w->rc = w->ops->copy(w->ctx, w->gpa + w->off, data, len);
    w->off += len;
}

/* Patch the checksum (header offset 9) so that the bytes sum to 0. */
static int aw_finish(struct acpi_writer *w, uint32_t length)
{
    uint8_t csum = (uint8_t)-w->sum;

    if ( w->rc )
        return w->rc;
    ASSERT(w->off == length);
    return w->ops->copy(w->ctx, w->gpa + 9, &csum, 1);
}

static void fill_header(struct acpi_header *h, const char *sig,
                        uint32_t length, uint8_t revision)
{
    memset(h, 0, sizeof(*h));
    memcpy(h->sig, sig, 4);
    h->length = length;
    h->revision = revision;
    memcpy(h->oem_id, ACPI_OEM_ID, 6);
    memcpy(h->oem_table_id, ACPI_OEM_TABLE_ID, 8);
    h->oem_revision = 1;
    memcpy(h->creator_id, ACPI_CREATOR_ID, 4);
    h->creator_revision = 1;
}

/* A table whose whole content is the local structure tbl. */
static int write_table(const struct guest_mem_ops *ops, void *ctx,
                       uint64_t gpa, const void *tbl, uint32_t len)
{
    struct acpi_writer w = { .ops = ops, .ctx = ctx, .gpa = gpa };

    aw_put(&w, tbl, len);
    return aw_finish(&w, len);
}

/* DSDT: header only. Linux needs no AML; no \_S5, so poweroff is HLT. */
static int write_dsdt(const struct guest_mem_ops *ops, void *ctx,
                      uint64_t gpa)
{
    struct acpi_header h;

    fill_header(&h, "DSDT", sizeof(h), 2);
    return write_table(ops, ctx, gpa, &h, sizeof(h));
}

static int write_fadt(const struct guest_mem_ops *ops, void *ctx,
                      uint64_t gpa, uint64_t dsdt)
{
    struct acpi_fadt f;

    memset(&f, 0, sizeof(f));
    fill_header(&f.h, "FACP", sizeof(f), 5);
    f.dsdt = (uint32_t)dsdt;
    f.x_dsdt = dsdt;
    f.flags = FADT_F_WBINVD | FADT_F_HW_REDUCED_ACPI;
    f.iapc_boot_arch = FADT_BOOT_NO_VGA | FADT_BOOT_NO_CMOS_RTC;
    return write_table(ops, ctx, gpa, &f, sizeof(f));
}

static int write_madt(const struct guest_mem_ops *ops, void *ctx,
                      uint64_t gpa, unsigned int nr_vcpus)
{
    struct acpi_writer w = { .ops = ops, .ctx = ctx, .gpa = gpa };
    uint32_t len = sizeof(struct acpi_madt) +
                   nr_vcpus * sizeof(struct acpi_madt_lapic);
    struct acpi_madt m;
    struct acpi_madt_lapic e;
    unsigned int i;

    fill_header(&m.h, "APIC", len, 3);
    m.lapic_addr = PVH_LAPIC_GPA;
    m.flags = 0;
    aw_put(&w, &m, sizeof(m));
    for ( i = 0; i < nr_vcpus; i++ )
    {
        /* Linux takes the vCPU id for hypercalls from the ACPI UID. */
        e = (struct acpi_madt_lapic){
            .type = MADT_TYPE_LAPIC, .length = sizeof(e),
            .uid = i, .apic_id = pvh_vcpu_apic_id(i),
            .flags = MADT_LAPIC_ENABLED,
        };
        aw_put(&w, &e, sizeof(e));
    }
    return aw_finish(&w, len);
}

static int write_xsdt(const struct guest_mem_ops *ops, void *ctx,
                      uint64_t gpa, uint64_t fadt, uint64_t madt)
{
    struct acpi_writer w = { .ops = ops, .ctx = ctx, .gpa = gpa };
    uint32_t len = sizeof(struct acpi_header) + 2 * sizeof(uint64_t);
    struct acpi_header h;

    fill_header(&h, "XSDT", len, 1);
    aw_put(&w, &h, sizeof(h));
    aw_put(&w, &fadt, sizeof(fadt));
    aw_put(&w, &madt, sizeof(madt));
    return aw_finish(&w, len);
}

static uint8_t sum_bytes(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while ( len-- )
        s += *b++;
    return s;
}

static int write_rsdp(const struct guest_mem_ops *ops, void *ctx,
                      uint64_t gpa, uint64_t xsdt)
{
    struct acpi_rsdp r;

    memset(&r, 0, sizeof(r));
    memcpy(r.sig, "RSD PTR ", 8);
    memcpy(r.oem_id, ACPI_OEM_ID, 6);
    r.revision = 2;
    r.length = sizeof(r);
    r.xsdt = xsdt;
    r.checksum = (uint8_t)-sum_bytes(&r, 20);
    r.ext_checksum = (uint8_t)-sum_bytes(&r, sizeof(r));
    return ops->copy(ctx, gpa, &r, sizeof(r));
}

int pvh_acpi_build(unsigned int nr_vcpus, bool legacy_rsdp,
                   const struct guest_mem_ops *ops, void *ctx,
                   struct pvh_layout *out)
{
    uint64_t madt_len = sizeof(struct acpi_madt) +
                        nr_vcpus * sizeof(struct acpi_madt_lapic);
    int rc;

    BUILD_BUG_ON(sizeof(struct acpi_header) != 36);
    BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);
    BUILD_BUG_ON(sizeof(struct acpi_gas) != 12);
    BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, flags) != 112);
    BUILD_BUG_ON(__builtin_offsetof(struct acpi_fadt, x_dsdt) != 140);
    BUILD_BUG_ON(sizeof(struct acpi_fadt) != 268);
    BUILD_BUG_ON(sizeof(struct acpi_madt) != 44);

    /* Fixed offsets in the region, 16-byte aligned; MADT last (grows). */
    out->rsdp = PVH_ACPI_GPA;
    out->xsdt = PVH_ACPI_GPA + 0x40;
    out->fadt = PVH_ACPI_GPA + 0x80;
    out->dsdt = PVH_ACPI_GPA + 0x200;
    out->madt = PVH_ACPI_GPA + 0x280;
    if ( out->madt + madt_len > PVH_ACPI_GPA + PVH_ACPI_SIZE )
        return -EINVAL;

    rc = write_dsdt(ops, ctx, out->dsdt);
    if ( !rc )
        rc = write_fadt(ops, ctx, out->fadt, out->dsdt);
    if ( !rc )
        rc = write_madt(ops, ctx, out->madt, nr_vcpus);
    if ( !rc )
        rc = write_xsdt(ops, ctx, out->xsdt, out->fadt, out->madt);
    if ( !rc )
        rc = write_rsdp(ops, ctx, out->rsdp, out->xsdt);
    if ( !rc && legacy_rsdp )
    {
        /* Linux without XENFEAT_linux_rsdp_unrestricted scans the BIOS. */
        rc = write_rsdp(ops, ctx, PVH_LEGACY_RSDP_GPA, out->xsdt);
        out->rsdp = PVH_LEGACY_RSDP_GPA;
    }
    return rc;
}
