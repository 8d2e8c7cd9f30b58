/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH domain building (hvm/pvh-build.c, hvm/pvh-acpi.c): the guest
 * physical memory map, placement and writing of the kernel, ramdisk,
 * hvm_start_info, command line, module list, memory map and ACPI tables,
 * and the boot vCPU's initial register state. Guest memory is reached only
 * through struct guest_mem_ops, so this is host-testable and p2m-agnostic.
 * Layout and reasons: docs/hypervisor/pvh-boot.md.
 */
#ifndef __ASM_PVH_BUILD_H__
#define __ASM_PVH_BUILD_H__

#include <xen/elf.h>
#include <xen/types.h>
#include <public/hvm/start_info.h>

/* Limits of what pvh_build() accepts. */
#define PVH_MAX_VCPUS           128         /* APIC ids 0..254 (2 * id) */
#define PVH_MAX_MEMMAP          8           /* entries pvh_memory_map() uses */
#define PVH_CMDLINE_MAX         4096        /* bytes, including the NUL */
#define PVH_MIN_MEM             (1ULL << 20)
#define PVH_MAX_MEM             (1ULL << 40)

/* Guest physical layout (all fixed; see docs/hypervisor/pvh-boot.md). */
#define PVH_BOOT_AREA_START     0x1000ULL   /* page 0 stays unused */
#define PVH_START_INFO_GPA      0x1000ULL   /* struct hvm_start_info */
#define PVH_MODLIST_GPA         0x1080ULL   /* hvm_modlist_entry[1] */
#define PVH_MEMMAP_GPA          0x1100ULL   /* hvm_memmap_table_entry[] */
#define PVH_CMDLINE_GPA         0x2000ULL   /* PVH_CMDLINE_MAX bytes */
#define PVH_BOOT_AREA_END       0x3000ULL
#define PVH_LEGACY_RSDP_GPA     0xFFFC0ULL  /* RSDP for old Linux (64 B) */
#define PVH_LOW_RAM_END         0xF0000000ULL   /* MMIO hole starts here */
#define PVH_ACPI_GPA            0xFC000000ULL   /* ACPI tables, E820 ACPI */
#define PVH_ACPI_SIZE           0x4000ULL
#define PVH_SPECIAL_GPA         0xFEFF8000ULL   /* 8 special pages, as Xen */
#define PVH_SPECIAL_SIZE        0x8000ULL
#define PVH_HIGH_RAM_START      (1ULL << 32)
#define PVH_LAPIC_GPA           0xFEE00000ULL
#define PVH_MODULE_ALIGN        0x1000ULL

/* Xen's APIC id for a vCPU (libxl acpi_lapic_id: 2 * id, as for HVM). */
static inline uint32_t pvh_vcpu_apic_id(unsigned int vcpu_id)
{
    return vcpu_id * 2;
}

/*
 * Access to the guest under construction, by guest physical address.
 * populate (may be NULL: the caller backed the memory already) is called
 * once per memory-map range that needs backing (RAM and ACPI entries)
 * before anything is written; it must supply zeroed pages. copy and zero
 * fail with -EFAULT on a hole. Each returns 0 or a negative errno.
 */
struct guest_mem_ops {
    int (*populate)(void *ctx, uint64_t gpa, uint64_t len);
    elf_copy_fn copy;
    elf_zero_fn zero;
};

/* What to build. */
struct pvh_build_params {
    uint64_t mem_bytes;             /* RAM, multiple of 4 KiB */
    unsigned int nr_vcpus;          /* 1..PVH_MAX_VCPUS */
    uint32_t start_flags;           /* SIF_* for hvm_start_info.flags */
    const char *cmdline;            /* NULL: none */
    const void *kernel;             /* the image given to elf_parse() */
    const void *ramdisk;            /* NULL: none */
    size_t ramdisk_size;
};

/* Where everything went (guest physical addresses; 0 = absent). */
struct pvh_layout {
    struct hvm_memmap_table_entry map[PVH_MAX_MEMMAP];
    unsigned int nr_map;
    uint64_t kernel_start, kernel_end;      /* [pstart, pend) */
    uint64_t ramdisk_start, ramdisk_size;
    uint64_t start_info, modlist, memmap, cmdline;
    uint64_t rsdp, xsdt, fadt, madt, dsdt;
};

/*
 * A segment register: attr holds descriptor bits 40-47 in bits 0-7 and
 * bits 52-55 in bits 12-15 (the VMX access-rights layout; SVM attrib is
 * (attr & 0xff) | ((attr >> 4) & 0xf00)). attr 0 means unusable/null.
 */
struct pvh_segment {
    uint16_t sel;
    uint16_t attr;
    uint32_t limit;                 /* in bytes, granularity applied */
    uint64_t base;
};

/* Boot vCPU state at the PVH entry (public/hvm/start_info.h). */
struct pvh_initial_state {
    uint64_t rip, rflags, rbx, rsp;
    uint64_t cr0, cr3, cr4, efer;
    struct pvh_segment cs, ds, es, ss, fs, gs, tr, ldtr;
    uint64_t gdtr_base, idtr_base;
    uint32_t gdtr_limit, idtr_limit;
};

/*
 * Fill map[0..max) with the guest memory map for mem_bytes of RAM: RAM
 * [0, min(mem, PVH_LOW_RAM_END)), ACPI tables at PVH_ACPI_GPA, the
 * reserved special pages at PVH_SPECIAL_GPA, and RAM from 4 GiB for the
 * rest. Sorted, non-overlapping. Also the source of XENMEM_memory_map.
 * Context: any. Returns the number of entries, -EINVAL for a size that
 * is not page aligned or outside [PVH_MIN_MEM, PVH_MAX_MEM], or -ENOSPC
 * if max is too small.
 */
int pvh_memory_map(uint64_t mem_bytes, struct hvm_memmap_table_entry *map,
                   unsigned int max);

/*
 * Build a PVH guest: populate (if ops->populate) and fill its memory with
 * the kernel described by elf (already accepted by elf_parse() for
 * p->kernel), the ramdisk (4 KiB aligned after the kernel), the boot data
 * and ACPI tables, record the placement in out, and the boot vCPU state
 * in st for the vendor code to load. Refuses (one-line reason in err) a
 * kernel outside RAM or overlapping the boot data area, a ramdisk that
 * does not fit, bad parameters. Context: domain not running.
 * Returns 0, -EINVAL (bad parameters), -ENOMEM (does not fit in the
 * guest's RAM) or the first guest_mem_ops error.
 */
int __must_check pvh_build(const struct pvh_build_params *p,
                           const struct elf_info *elf,
                           struct pvh_layout *out,
                           struct pvh_initial_state *st,
                           const struct guest_mem_ops *ops, void *ctx,
                           char *err, size_t errlen);

/*
 * Write the ACPI tables (RSDP, XSDT, FADT, MADT, DSDT) for nr_vcpus into
 * [PVH_ACPI_GPA, +PVH_ACPI_SIZE) and, if legacy_rsdp, an RSDP copy at
 * PVH_LEGACY_RSDP_GPA that out->rsdp then names. Fills out->rsdp..dsdt.
 * Internal to pvh_build() (pvh-acpi.c). Returns 0 or an ops error.
 */
int pvh_acpi_build(unsigned int nr_vcpus, bool legacy_rsdp,
                   const struct guest_mem_ops *ops, void *ctx,
                   struct pvh_layout *out);

#endif /* __ASM_PVH_BUILD_H__ */
