/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PVH domain builder: the guest memory map (pvh_memory_map), placement
 * checks for kernel and ramdisk, the boot data in the low boot area
 * (hvm_start_info, command line, module list, memory map) and the boot
 * vCPU's initial state. ACPI tables come from pvh-acpi.c. Guest memory is
 * written only through struct guest_mem_ops (asm/pvh-build.h).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/pvh-build.h>
#include <public/elfnote.h>

/* Xen's public/features.h bit number: Linux accepts rsdp_paddr as is. */
#define XENFEAT_linux_rsdp_unrestricted 15

#define X86_CR0_PE      (1U << 0)
#define X86_CR0_ET      (1U << 4)

/* Segment attributes (VMX access-rights layout, see pvh_segment). */
#define SEG_ATTR_CODE32 0xc9b   /* G, D, P, S, type 11: exec/read, accessed */
#define SEG_ATTR_DATA32 0xc93   /* G, B, P, S, type 3: read/write, accessed */
#define SEG_ATTR_TSS32  0x08b   /* P, type 11: busy 32-bit TSS */

struct pvh_builder {
    const struct pvh_build_params *p;
    const struct elf_info *elf;
    struct pvh_layout *out;
    const struct guest_mem_ops *ops;
    void *ctx;
    char *err;
    size_t errlen;
    bool legacy_rsdp;
};

static int __printf(3, 4) refuse(struct pvh_builder *b, int rc,
                                 const char *fmt, ...)
{
    va_list args;

    if ( b->errlen )
    {
        va_start(args, fmt);
        vsnprintf(b->err, b->errlen, fmt, args);
        va_end(args);
    }
    return rc;
}

int pvh_memory_map(uint64_t mem_bytes, struct hvm_memmap_table_entry *map,
                   unsigned int max)
{
    uint64_t low = min_t(uint64_t, mem_bytes, PVH_LOW_RAM_END);
    unsigned int n = 0, need = mem_bytes > low ? 4 : 3;

    if ( mem_bytes < PVH_MIN_MEM || mem_bytes > PVH_MAX_MEM ||
         !IS_ALIGNED(mem_bytes, 0x1000ULL) )
        return -EINVAL;
    if ( max < need )
        return -ENOSPC;

    /* RAM from 0: Linux needs RAM below 1 MiB for its AP trampoline. */
    map[n++] = (struct hvm_memmap_table_entry){
        .addr = 0, .size = low, .type = XEN_HVM_MEMMAP_TYPE_RAM };
    map[n++] = (struct hvm_memmap_table_entry){
        .addr = PVH_ACPI_GPA, .size = PVH_ACPI_SIZE,
        .type = XEN_HVM_MEMMAP_TYPE_ACPI };
    /* Xen's special pages (console, xenstore, ...): never guest RAM. */
    map[n++] = (struct hvm_memmap_table_entry){
        .addr = PVH_SPECIAL_GPA, .size = PVH_SPECIAL_SIZE,
        .type = XEN_HVM_MEMMAP_TYPE_RESERVED };
    if ( mem_bytes > low )
        map[n++] = (struct hvm_memmap_table_entry){
            .addr = PVH_HIGH_RAM_START, .size = mem_bytes - low,
            .type = XEN_HVM_MEMMAP_TYPE_RAM };
    return n;
}

/* The RAM entry holding all of [start, end), or NULL. */
static const struct hvm_memmap_table_entry *
ram_entry(const struct pvh_layout *out, uint64_t start, uint64_t end)
{
    unsigned int i;

    for ( i = 0; i < out->nr_map; i++ )
        if ( out->map[i].type == XEN_HVM_MEMMAP_TYPE_RAM &&
             start >= out->map[i].addr && end >= start &&
             end <= out->map[i].addr + out->map[i].size )
            return &out->map[i];
    return NULL;
}

static bool overlaps(uint64_t s1, uint64_t e1, uint64_t s2, uint64_t e2)
{
    return s1 < e2 && s2 < e1;
}

/* [start, end) must be RAM and clear of the boot data we write. */
static int check_range(struct pvh_builder *b, const char *what,
                       uint64_t start, uint64_t end)
{
    if ( !ram_entry(b->out, start, end) )
        return refuse(b, -ENOMEM, "%s [0x%lx, 0x%lx) is outside guest RAM "
                      "(%lu MiB)", what, (unsigned long)start,
                      (unsigned long)end,
                      (unsigned long)(b->p->mem_bytes >> 20));
    if ( overlaps(start, end, PVH_BOOT_AREA_START, PVH_BOOT_AREA_END) )
        return refuse(b, -EINVAL, "%s [0x%lx, 0x%lx) overlaps the boot data "
                      "area [0x%lx, 0x%lx)", what, (unsigned long)start,
                      (unsigned long)end, (unsigned long)PVH_BOOT_AREA_START,
                      (unsigned long)PVH_BOOT_AREA_END);
    if ( b->legacy_rsdp &&
         overlaps(start, end, PVH_LEGACY_RSDP_GPA, PVH_LEGACY_RSDP_GPA + 64) )
        return refuse(b, -EINVAL, "%s [0x%lx, 0x%lx) overlaps the legacy "
                      "RSDP at 0x%lx", what, (unsigned long)start,
                      (unsigned long)end,
                      (unsigned long)PVH_LEGACY_RSDP_GPA);
    return 0;
}

static int check_params(struct pvh_builder *b)
{
    const struct pvh_build_params *p = b->p;
    const struct elf_xen_notes *n = &b->elf->notes;
    int rc;

    if ( !b->ops || !b->ops->copy || !b->ops->zero || !p->kernel )
        return refuse(b, -EINVAL, "PVH build: missing kernel or memory ops");
    if ( p->nr_vcpus < 1 || p->nr_vcpus > PVH_MAX_VCPUS )
        return refuse(b, -EINVAL, "%u vCPUs: must be 1..%u", p->nr_vcpus,
                      PVH_MAX_VCPUS);
    if ( p->cmdline && strnlen(p->cmdline, PVH_CMDLINE_MAX) ==
                       PVH_CMDLINE_MAX )
        return refuse(b, -EINVAL, "command line too long (max %u bytes)",
                      PVH_CMDLINE_MAX - 1);
    if ( !p->ramdisk != !p->ramdisk_size ||
         p->ramdisk_size > PVH_MAX_MEM )
        return refuse(b, -EINVAL, "bad ramdisk (%zu bytes)",
                      p->ramdisk_size);
    if ( !b->elf->nr_segments || b->elf->nr_segments > ELF_MAX_SEGMENTS ||
         !elf_note_present(n, XEN_ELFNOTE_PHYS32_ENTRY) )
        return refuse(b, -EINVAL, "kernel was not accepted by elf_parse()");

    rc = pvh_memory_map(p->mem_bytes, b->out->map, PVH_MAX_MEMMAP);
    if ( rc < 0 )
        return refuse(b, rc, "bad guest memory size 0x%lx (page multiple, "
                      "%lu MiB..%lu GiB)", (unsigned long)p->mem_bytes,
                      (unsigned long)(PVH_MIN_MEM >> 20),
                      (unsigned long)(PVH_MAX_MEM >> 30));
    b->out->nr_map = rc;

    /* As libxl: old Linux only finds the RSDP by scanning the BIOS area. */
    b->legacy_rsdp = !strcmp(n->guest_os, "linux") &&
                     !(n->supported_features &
                       (1ULL << XENFEAT_linux_rsdp_unrestricted));
    return 0;
}

static int place_images(struct pvh_builder *b)
{
    const struct elf_info *elf = b->elf;
    struct pvh_layout *out = b->out;
    unsigned int i;
    int rc;

    for ( i = 0; i < elf->nr_segments; i++ )
    {
        rc = check_range(b, "kernel segment", elf->seg[i].paddr,
                         elf->seg[i].paddr + elf->seg[i].memsz);
        if ( rc )
            return rc;
    }
    out->kernel_start = elf->pstart;
    out->kernel_end = elf->pend;
    if ( !b->p->ramdisk )
        return 0;

    out->ramdisk_start = ROUNDUP(elf->pend, PVH_MODULE_ALIGN);
    out->ramdisk_size = b->p->ramdisk_size;
    return check_range(b, "ramdisk", out->ramdisk_start,
                       out->ramdisk_start + out->ramdisk_size);
}

static int populate(struct pvh_builder *b)
{
    const struct hvm_memmap_table_entry *e;
    unsigned int i;
    int rc;

    if ( !b->ops->populate )
        return 0;
    for ( i = 0; i < b->out->nr_map; i++ )
    {
        e = &b->out->map[i];
        if ( e->type != XEN_HVM_MEMMAP_TYPE_RAM &&
             e->type != XEN_HVM_MEMMAP_TYPE_ACPI )
            continue;
        rc = b->ops->populate(b->ctx, e->addr, e->size);
        if ( rc )
            return refuse(b, rc, "populating [0x%lx, 0x%lx) failed (%d)",
                          (unsigned long)e->addr,
                          (unsigned long)(e->addr + e->size), rc);
    }
    return 0;
}

/* Command line, module list, memory map, start info: the boot area. */
static int write_boot_data(struct pvh_builder *b)
{
    const struct pvh_build_params *p = b->p;
    struct pvh_layout *out = b->out;
    struct hvm_modlist_entry mod = { 0 };
    struct hvm_start_info si = { 0 };
    void *ctx = b->ctx;
    int rc;

    BUILD_BUG_ON(PVH_START_INFO_GPA + sizeof(si) > PVH_MODLIST_GPA);
    BUILD_BUG_ON(PVH_MODLIST_GPA + sizeof(mod) > PVH_MEMMAP_GPA);
    BUILD_BUG_ON(PVH_MEMMAP_GPA + PVH_MAX_MEMMAP * sizeof(out->map[0]) >
                 PVH_CMDLINE_GPA);
    BUILD_BUG_ON(PVH_CMDLINE_GPA + PVH_CMDLINE_MAX > PVH_BOOT_AREA_END);

    rc = b->ops->zero(ctx, PVH_BOOT_AREA_START,
                      PVH_BOOT_AREA_END - PVH_BOOT_AREA_START);
    if ( !rc && p->cmdline )
    {
        out->cmdline = PVH_CMDLINE_GPA;
        rc = b->ops->copy(ctx, out->cmdline, p->cmdline,
                          strlen(p->cmdline) + 1);
    }
    if ( !rc && p->ramdisk )
    {
        out->modlist = PVH_MODLIST_GPA;
        mod.paddr = out->ramdisk_start;
        mod.size = out->ramdisk_size;
        rc = b->ops->copy(ctx, out->modlist, &mod, sizeof(mod));
    }
    out->memmap = PVH_MEMMAP_GPA;
    if ( !rc )
        rc = b->ops->copy(ctx, out->memmap, out->map,
                          out->nr_map * sizeof(out->map[0]));

    out->start_info = PVH_START_INFO_GPA;
    si.magic = XEN_HVM_START_MAGIC_VALUE;
    si.version = 1;
    si.flags = p->start_flags;
    si.nr_modules = p->ramdisk ? 1 : 0;
    si.modlist_paddr = out->modlist;
    si.cmdline_paddr = out->cmdline;
    si.rsdp_paddr = out->rsdp;
    si.memmap_paddr = out->memmap;
    si.memmap_entries = out->nr_map;
    if ( !rc )
        rc = b->ops->copy(ctx, out->start_info, &si, sizeof(si));
    return rc ? refuse(b, rc, "writing the PVH boot data failed (%d)", rc)
              : 0;
}

static void set_seg(struct pvh_segment *s, uint16_t sel, uint16_t attr,
                    uint32_t limit)
{
    *s = (struct pvh_segment){ .sel = sel, .attr = attr, .limit = limit };
}

/* State at PHYS32_ENTRY: 32-bit flat protected mode, paging off. */
static void initial_state(struct pvh_initial_state *st, uint64_t entry,
                          uint64_t start_info)
{
    memset(st, 0, sizeof(*st));
    st->rip = entry;
    st->rflags = 0x2;               /* reserved bit 1; IF, TF, VM clear */
    st->rbx = start_info;
    st->cr0 = X86_CR0_PE | X86_CR0_ET;
    /* Selectors are unspecified by the PVH ABI; these name a flat GDT. */
    set_seg(&st->cs, 0x08, SEG_ATTR_CODE32, 0xffffffff);
    set_seg(&st->ds, 0x10, SEG_ATTR_DATA32, 0xffffffff);
    st->es = st->ss = st->fs = st->gs = st->ds;
    set_seg(&st->tr, 0x18, SEG_ATTR_TSS32, 0x67);
    set_seg(&st->ldtr, 0, 0, 0);    /* unusable */
}

int pvh_build(const struct pvh_build_params *p, const struct elf_info *elf,
              struct pvh_layout *out, struct pvh_initial_state *st,
              const struct guest_mem_ops *ops, void *ctx,
              char *err, size_t errlen)
{
    struct pvh_builder b = {
        .p = p, .elf = elf, .out = out, .ops = ops, .ctx = ctx,
        .err = err, .errlen = errlen,
    };
    int rc;

    memset(out, 0, sizeof(*out));
    if ( errlen )
        err[0] = '\0';

    rc = check_params(&b);
    if ( !rc )
        rc = place_images(&b);
    if ( !rc )
        rc = populate(&b);
    if ( rc )
        return rc;

    rc = elf_load(elf, p->kernel, ops->copy, ops->zero, ctx);
    if ( rc )
        return refuse(&b, rc, "loading the kernel segments failed (%d)", rc);
    if ( p->ramdisk )
    {
        rc = ops->copy(ctx, out->ramdisk_start, p->ramdisk, p->ramdisk_size);
        if ( rc )
            return refuse(&b, rc, "copying the ramdisk failed (%d)", rc);
    }
    rc = ops->zero(ctx, PVH_ACPI_GPA, PVH_ACPI_SIZE);
    if ( !rc )
        rc = pvh_acpi_build(p->nr_vcpus, b.legacy_rsdp, ops, ctx, out);
    if ( rc )
        return refuse(&b, rc, "writing the ACPI tables failed (%d)", rc);
    rc = write_boot_data(&b);
    if ( rc )
        return rc;

    initial_state(st, elf->phys32_entry, out->start_info);
    return 0;
}
