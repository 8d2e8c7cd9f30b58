/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the firmware's ACPI tables say about the machine (acpi.c): CPUs
 * and their APIC ids, IOAPICs and ISA interrupt overrides (MADT), the
 * HPET base (HPET), PM registers and the S5 sleep type (FADT/DSDT).
 * Filled once by acpi_init() on the boot CPU, read-only afterwards.
 */
#ifndef __ASM_ACPI_H__
#define __ASM_ACPI_H__

#include <xen/types.h>
#include <asm/smp.h>

#define ACPI_MAX_IOAPICS    8
#define ACPI_MAX_OVERRIDES  16

/* MPS INTI flags of an interrupt source override (ACPI 6.x 5.2.12.5). */
#define ACPI_INTI_POL_MASK      0x3
#define  ACPI_INTI_POL_HIGH     0x1
#define  ACPI_INTI_POL_LOW      0x3
#define ACPI_INTI_TRIG_MASK     0xc
#define  ACPI_INTI_TRIG_EDGE    0x4
#define  ACPI_INTI_TRIG_LEVEL   0xc

struct acpi_cpu {
    uint32_t apic_id;
    bool enabled;               /* false: online-capable, not started */
};

struct acpi_ioapic {
    uint8_t id;
    paddr_t addr;
    uint32_t gsi_base;
};

struct acpi_irq_override {
    uint8_t isa_irq;
    uint32_t gsi;
    uint16_t flags;             /* ACPI_INTI_* */
};

struct acpi_info {
    paddr_t rsdp;                       /* 0: no valid RSDP found */
    bool have_madt;
    paddr_t lapic_addr;                 /* MADT (or its override) */
    bool pcat_compat;                   /* MADT: dual 8259 present */
    unsigned int nr_cpus;               /* entries in cpus[] */
    unsigned int nr_enabled_cpus;       /* of those, enabled */
    struct acpi_cpu cpus[NR_CPUS];
    unsigned int nr_ioapics;
    struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
    unsigned int nr_overrides;
    struct acpi_irq_override overrides[ACPI_MAX_OVERRIDES];
    paddr_t hpet_addr;                  /* 0: no HPET table */
    uint16_t pm1a_cnt, pm1b_cnt;        /* I/O ports, 0: absent */
    uint16_t pm_tmr;                    /* I/O port, 0: absent */
    int s5_slp_typa, s5_slp_typb;       /* -1: unknown */
};

/* [I] after acpi_init(). */
extern struct acpi_info acpi_info;

/*
 * Find and parse the ACPI tables. Bad tables are reported and skipped;
 * without ACPI the fields stay empty and callers fall back to defaults.
 * Context: boot CPU, after the heap (uses ioremap()), before time_init().
 */
void acpi_init(void);

/*
 * Translate ISA IRQ irq to its GSI and trigger/polarity via the MADT
 * overrides (identity, edge, active high if none).
 */
void acpi_isa_irq_to_gsi(unsigned int irq, uint32_t *gsi, bool *level,
                         bool *active_low);

/*
 * Called by machine_power_off() (shutdown.c) to enter S5 via PM1x_CNT;
 * set by acpi_init() when the FADT and \_S5 are usable, else NULL.
 */
extern void (*acpi_power_off_hook)(void);

/* Map len bytes of firmware table memory at pa (read-only use). */
const void *acpi_map(paddr_t pa, size_t len);

/* FADT/DSDT parsing (acpi-fadt.c); table is a validated FADT. */
void acpi_parse_fadt(const void *table, uint32_t len);

/* Validate the table at pa (length bounds, checksum); NULL if bad. */
const void *acpi_map_table(paddr_t pa, const char *expect_sig);

#endif /* __ASM_ACPI_H__ */
