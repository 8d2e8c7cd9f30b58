/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot data parsing: turns the Multiboot1 info block, the Multiboot2 tag
 * list or the PVH hvm_start_info into struct boot_info. Every length and
 * count from the loader is checked; strings are copied with bounds. Runs
 * once on the boot CPU, before any allocator exists.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <asm/boot.h>
#include <asm/bootinfo.h>
#include <asm/page.h>

struct boot_info boot_info;

/* Loader data must sit in the first 4 GiB: that is all head.S maps. */
#define BOOT_DATA_LIMIT (1ULL << 32)

static const void *boot_ptr(paddr_t pa, size_t len)
{
    if ( pa == 0 || pa >= BOOT_DATA_LIMIT || len > BOOT_DATA_LIMIT - pa )
        return NULL;
    return maddr_to_virt(pa);
}

static void copy_boot_string(char *dst, size_t size, paddr_t pa)
{
    const char *s = boot_ptr(pa, 1);
    size_t n = 0;

    dst[0] = '\0';
    if ( !s )
        return;
    /* Bounded by both our buffer and the 4 GiB window. */
    while ( n + 1 < size && pa + n < BOOT_DATA_LIMIT && s[n] )
    {
        dst[n] = s[n];
        n++;
    }
    dst[n] = '\0';
    if ( pa + n < BOOT_DATA_LIMIT && s[n] )
        printk(XENLOG_WARNING "boot: command line at %#lx truncated to %zu "
               "characters\n", (unsigned long)pa, size - 1);
}

static void add_map(uint64_t addr, uint64_t size, uint32_t type)
{
    struct boot_map_entry *e;

    if ( size == 0 )
        return;
    if ( boot_info.nr_map == BOOT_MAX_MAP )
    {
        printk(XENLOG_WARNING "boot: memory map has more than %u entries; "
               "ignoring [%#lx, +%#lx)\n", BOOT_MAX_MAP,
               (unsigned long)addr, (unsigned long)size);
        return;
    }
    if ( addr + size < addr )
        size = -addr;           /* clip an entry that wraps */
    e = &boot_info.map[boot_info.nr_map++];
    e->addr = addr;
    e->size = size;
    e->type = type ? type : E820_RESERVED;
}

static int add_module(paddr_t start, paddr_t end, paddr_t cmdline_pa)
{
    struct boot_module *m;

    if ( boot_info.nr_modules == BOOT_MAX_MODULES )
    {
        printk(XENLOG_ERR "boot: more than %u modules; the rest are "
               "ignored\n", BOOT_MAX_MODULES);
        return -E2BIG;
    }
    if ( end < start )
    {
        printk(XENLOG_ERR "boot: module %u has end %#lx below start %#lx; "
               "ignored\n", boot_info.nr_modules, (unsigned long)end,
               (unsigned long)start);
        return -EINVAL;
    }
    m = &boot_info.modules[boot_info.nr_modules++];
    m->start = start;
    m->size = end - start;
    if ( cmdline_pa )
        copy_boot_string(m->cmdline, sizeof(m->cmdline), cmdline_pa);
    return 0;
}

/* ---- Multiboot1 ----------------------------------------------------------- */

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr, syms[4], mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, loader_name;
};

struct mb1_module {
    uint32_t start, end, cmdline, reserved;
};

#define MB1_MEM     (1u << 0)
#define MB1_CMDLINE (1u << 2)
#define MB1_MODS    (1u << 3)
#define MB1_MMAP    (1u << 6)
#define MB1_LOADER  (1u << 9)

static char mb1_loader_name[64];

static void parse_mb1_mmap(const struct mb1_info *mbi)
{
    const uint8_t *p = boot_ptr(mbi->mmap_addr, mbi->mmap_length);
    uint32_t off = 0;

    if ( !p )
    {
        printk(XENLOG_ERR "boot: Multiboot1 memory map at %#x (+%#x) is "
               "outside the first 4 GiB\n", mbi->mmap_addr,
               mbi->mmap_length);
        return;
    }
    /* Each entry: u32 size (not counting itself), u64 base, u64 len, u32 type. */
    while ( off + 24 <= mbi->mmap_length )
    {
        uint32_t size, type;
        uint64_t base, len;

        memcpy(&size, p + off, 4);
        memcpy(&base, p + off + 4, 8);
        memcpy(&len, p + off + 12, 8);
        memcpy(&type, p + off + 20, 4);
        if ( size < 20 )
        {
            printk(XENLOG_ERR "boot: Multiboot1 memory map entry of size "
                   "%u is malformed; map truncated\n", size);
            return;
        }
        add_map(base, len, type);
        off += size + 4;
    }
}

static int parse_mb1(paddr_t pa)
{
    const struct mb1_info *mbi = boot_ptr(pa, sizeof(*mbi));
    unsigned int i;

    if ( !mbi )
        return -EINVAL;
    boot_info.loader = "multiboot1";
    if ( mbi->flags & MB1_LOADER )
    {
        copy_boot_string(mb1_loader_name, sizeof(mb1_loader_name),
                         mbi->loader_name);
        if ( mb1_loader_name[0] )
            boot_info.loader = mb1_loader_name;
    }
    boot_info.info_start = pa;
    boot_info.info_end = pa + sizeof(*mbi);
    if ( mbi->flags & MB1_CMDLINE )
        copy_boot_string(boot_info.cmdline, sizeof(boot_info.cmdline),
                         mbi->cmdline);
    if ( mbi->flags & MB1_MMAP )
        parse_mb1_mmap(mbi);
    else if ( mbi->flags & MB1_MEM )
    {
        printk(XENLOG_WARNING "boot: no memory map from the loader; using "
               "mem_lower/mem_upper (%u KiB / %u KiB)\n", mbi->mem_lower,
               mbi->mem_upper);
        add_map(0, (uint64_t)mbi->mem_lower << 10, E820_RAM);
        add_map(1ULL << 20, (uint64_t)mbi->mem_upper << 10, E820_RAM);
    }
    if ( mbi->flags & MB1_MODS )
    {
        const struct mb1_module *mods =
            boot_ptr(mbi->mods_addr, mbi->mods_count * sizeof(*mods));

        if ( mbi->mods_count > 4096 || (mbi->mods_count && !mods) )
        {
            printk(XENLOG_ERR "boot: Multiboot1 module list (%u entries at "
                   "%#x) is unreadable; no modules\n", mbi->mods_count,
                   mbi->mods_addr);
            return 0;
        }
        for ( i = 0; i < mbi->mods_count; i++ )
            if ( add_module(mods[i].start, mods[i].end, mods[i].cmdline) ==
                 -E2BIG )
                break;
    }
    return 0;
}

/* ---- Multiboot2 ----------------------------------------------------------- */

#define MB2_TAG_END        0
#define MB2_TAG_CMDLINE    1
#define MB2_TAG_LOADER     2
#define MB2_TAG_MODULE     3
#define MB2_TAG_MEMINFO    4
#define MB2_TAG_MMAP       6
#define MB2_TAG_ACPI_OLD   14
#define MB2_TAG_ACPI_NEW   15

static char mb2_loader_name[64];

static void parse_mb2_mmap(const uint8_t *tag, uint32_t size)
{
    uint32_t esize, off;

    if ( size < 16 )
        return;
    memcpy(&esize, tag + 8, 4);
    if ( esize < 24 || esize > size )
    {
        printk(XENLOG_ERR "boot: Multiboot2 memory map entry size %u is "
               "malformed; map ignored\n", esize);
        return;
    }
    for ( off = 16; off + esize <= size; off += esize )
    {
        uint64_t base, len;
        uint32_t type;

        memcpy(&base, tag + off, 8);
        memcpy(&len, tag + off + 8, 8);
        memcpy(&type, tag + off + 16, 4);
        add_map(base, len, type);
    }
}

static void parse_mb2_tag(const uint8_t *tag, uint32_t type, uint32_t size,
                          paddr_t tag_pa)
{
    uint32_t a, b;

    switch ( type )
    {
    case MB2_TAG_CMDLINE:
        copy_boot_string(boot_info.cmdline, sizeof(boot_info.cmdline),
                         tag_pa + 8);
        break;
    case MB2_TAG_LOADER:
        copy_boot_string(mb2_loader_name, sizeof(mb2_loader_name),
                         tag_pa + 8);
        break;
    case MB2_TAG_MODULE:
        if ( size < 17 )
            break;
        memcpy(&a, tag + 8, 4);
        memcpy(&b, tag + 12, 4);
        add_module(a, b, tag_pa + 16);
        break;
    case MB2_TAG_MMAP:
        parse_mb2_mmap(tag, size);
        break;
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        /* The tag holds a copy of the RSDP; its address is good enough. */
        if ( !boot_info.rsdp || type == MB2_TAG_ACPI_NEW )
            boot_info.rsdp = tag_pa + 8;
        break;
    }
}

static int parse_mb2(paddr_t pa)
{
    const uint32_t *hdr = boot_ptr(pa, 8);
    uint32_t total, off = 8;

    mb2_loader_name[0] = '\0';
    if ( !hdr )
        return -EINVAL;
    total = hdr[0];
    if ( total < 16 || total > (16u << 20) || !boot_ptr(pa, total) )
    {
        printk(XENLOG_ERR "boot: Multiboot2 info size %u is malformed\n",
               total);
        return -EINVAL;
    }
    boot_info.info_start = pa;
    boot_info.info_end = pa + total;
    while ( off + 8 <= total )
    {
        const uint8_t *tag = (const uint8_t *)hdr + off;
        uint32_t type, size;

        memcpy(&type, tag, 4);
        memcpy(&size, tag + 4, 4);
        if ( type == MB2_TAG_END )
            break;
        if ( size < 8 || size > total - off )
        {
            printk(XENLOG_ERR "boot: Multiboot2 tag %u at offset %u has bad "
                   "size %u; rest of the list ignored\n", type, off, size);
            break;
        }
        parse_mb2_tag(tag, type, size, pa + off);
        off += ROUNDUP(size, 8u);
    }
    boot_info.loader = mb2_loader_name[0] ? mb2_loader_name : "multiboot2";
    return 0;
}

/* ---- PVH (hvm_start_info, see public/hvm/start_info.h) -------------------- */

struct pvh_start_info {
    uint32_t magic, version, flags, nr_modules;
    uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
    uint32_t memmap_entries, reserved;
};

struct pvh_mod {
    uint64_t paddr, size, cmdline_paddr, reserved;
};

struct pvh_memmap {
    uint64_t addr, size;
    uint32_t type, reserved;
};

static int parse_pvh(paddr_t pa)
{
    const struct pvh_start_info *si = boot_ptr(pa, sizeof(*si));
    unsigned int i;

    if ( !si )
        return -EINVAL;
    boot_info.loader = "pvh";
    boot_info.info_start = pa;
    boot_info.info_end = pa + sizeof(*si);
    boot_info.rsdp = si->rsdp_paddr;
    if ( si->cmdline_paddr )
        copy_boot_string(boot_info.cmdline, sizeof(boot_info.cmdline),
                         si->cmdline_paddr);
    if ( si->version >= 1 && si->memmap_entries )
    {
        const struct pvh_memmap *mm = boot_ptr(si->memmap_paddr,
            (size_t)si->memmap_entries * sizeof(*mm));

        if ( !mm || si->memmap_entries > 4096 )
            printk(XENLOG_ERR "boot: PVH memory map (%u entries at %#lx) "
                   "is unreadable\n", si->memmap_entries,
                   (unsigned long)si->memmap_paddr);
        else
            for ( i = 0; i < si->memmap_entries; i++ )
                add_map(mm[i].addr, mm[i].size, mm[i].type);
    }
    if ( si->nr_modules )
    {
        const struct pvh_mod *mods = boot_ptr(si->modlist_paddr,
            (size_t)si->nr_modules * sizeof(*mods));

        if ( !mods || si->nr_modules > 4096 )
        {
            printk(XENLOG_ERR "boot: PVH module list (%u entries at %#lx) "
                   "is unreadable; no modules\n", si->nr_modules,
                   (unsigned long)si->modlist_paddr);
            return 0;
        }
        for ( i = 0; i < si->nr_modules; i++ )
            if ( add_module(mods[i].paddr, mods[i].paddr + mods[i].size,
                            mods[i].cmdline_paddr) == -E2BIG )
                break;
    }
    return 0;
}

/*
 * Multiboot loaders other than GRUB 2 (QEMU among them) put the image's
 * file name first on the command line. Drop a leading word without '='.
 */
static void strip_image_name(void)
{
    char *c = boot_info.cmdline, *sp;

    if ( !strncmp(boot_info.loader, "GRUB", 4) )
        return;
    sp = strchr(c, ' ');
    if ( !sp )
        sp = c + strlen(c);
    if ( memchr(c, '=', (size_t)(sp - c)) )
        return;
    while ( *sp == ' ' )
        sp++;
    memmove(c, sp, strlen(sp) + 1);
}

int bootinfo_parse(unsigned int protocol, paddr_t info_pa)
{
    int rc;

    boot_info.protocol = protocol;
    switch ( protocol )
    {
    case BOOT_PROTO_MB1: rc = parse_mb1(info_pa); break;
    case BOOT_PROTO_MB2: rc = parse_mb2(info_pa); break;
    case BOOT_PROTO_PVH: rc = parse_pvh(info_pa); break;
    default:
        printk(XENLOG_ERR "boot: entered by an unknown boot protocol (no "
               "Multiboot magic, no PVH start info); cannot continue\n");
        return -EINVAL;
    }
    if ( rc )
    {
        printk(XENLOG_ERR "boot: boot information at %#lx is unreadable; "
               "cannot continue\n", (unsigned long)info_pa);
        return rc;
    }
    if ( protocol != BOOT_PROTO_PVH )
        strip_image_name();
    if ( boot_info.nr_map == 0 )
    {
        printk(XENLOG_ERR "boot: the boot loader (%s) passed no memory map; "
               "cannot continue\n", boot_info.loader);
        return -ENOENT;
    }
    return 0;
}

static const char *map_type_name(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:      return "usable";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI data";
    case E820_NVS:      return "ACPI NVS";
    case E820_UNUSABLE: return "unusable";
    default:            return "type?";
    }
}

void bootinfo_print(void)
{
    unsigned int i;

    printk("Boot loader: %s\n", boot_info.loader);
    printk("Command line: %s\n", boot_info.cmdline);
    printk("Memory map:\n");
    for ( i = 0; i < boot_info.nr_map; i++ )
        printk(" [%016lx, %016lx] (%s)\n",
               (unsigned long)boot_info.map[i].addr,
               (unsigned long)(boot_info.map[i].addr +
                               boot_info.map[i].size - 1),
               map_type_name(boot_info.map[i].type));
    for ( i = 0; i < boot_info.nr_modules; i++ )
        printk("Module %u: [%016lx, +%#lx) \"%s\"\n", i,
               (unsigned long)boot_info.modules[i].start,
               (unsigned long)boot_info.modules[i].size,
               boot_info.modules[i].cmdline);
}
