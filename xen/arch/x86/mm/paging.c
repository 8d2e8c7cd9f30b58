/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's page tables. Replaces head.S's temporary 4 GiB tables
 * with: a direct map of RAM (largest pages that fit, never executable),
 * the image with 4 KiB granularity and W^X (text RX, rodata R, data RW),
 * and an uncached window for device registers (ioremap). Table pages come
 * from the boot allocator until the heap exists, then from the xenheap.
 *
 * Locking: map_lock (spinlock) serialises changes after boot (ioremap,
 * paging_map_ram); boot-time building runs on the boot CPU alone.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/bootinfo.h>
#include <asm/msr-index.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/processor.h>

typedef uint64_t pgentry_t;

#define TABLE_FLAGS     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                         _PAGE_DIRTY)
#define DIRECTMAP_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                         _PAGE_DIRTY | _PAGE_GLOBAL | nx_bit)

extern const char _stext[], _etext[], _srodata[], _erodata[];
extern const char _sdata[], _end[];

paddr_t idle_pg_table_pa;
bool cpu_has_nx, cpu_has_smep, cpu_has_smap, cpu_has_pdpe1gb;
static pgentry_t *root;                 /* [L:map_lock] */
static uint64_t nx_bit;                 /* [I] _PAGE_NX if usable */
static bool heap_ready;                 /* [I] after the heap takes over */
static unsigned long ioremap_next = IOREMAP_VIRT_START; /* [L:map_lock] */
static DEFINE_SPINLOCK(map_lock);

static pgentry_t *alloc_table(void)
{
    pgentry_t *t;

    if ( heap_ready )
    {
        t = alloc_xenheap_pages(0, 0);
        BUG_ON(!t);         /* page tables for our own mappings: host state */
    }
    else
        t = mfn_to_virt(alloc_boot_pages(1, 1));
    memset(t, 0, PAGE_SIZE);
    return t;
}

static unsigned int table_index(unsigned long va, unsigned int level)
{
    return (va >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

/* The entry for va at 'level' (1 = 4K leaf), creating tables on the way. */
static pgentry_t *walk_create(unsigned long va, unsigned int level)
{
    pgentry_t *t = root;
    unsigned int l;

    for ( l = 4; l > level; l-- )
    {
        pgentry_t *e = &t[table_index(va, l)];

        if ( !(*e & _PAGE_PRESENT) )
            *e = virt_to_maddr(alloc_table()) | TABLE_FLAGS;
        BUG_ON(*e & _PAGE_PSE);     /* never split: callers avoid it */
        t = maddr_to_virt(*e & PADDR_MASK);
    }
    return &t[table_index(va, level)];
}

/*
 * Bytes from va to the end of a large page that already maps va to pa
 * (e.g. RAM direct-mapped by a 1 GiB page, then an ACPI range inside
 * it), or 0 if no large page covers va. A large page mapping va
 * elsewhere is a bug.
 */
static uint64_t large_page_left(unsigned long va, paddr_t pa)
{
    const pgentry_t *t = root;
    unsigned int l;

    for ( l = 4; l > 1; l-- )
    {
        pgentry_t e = t[table_index(va, l)];
        uint64_t sz = 1ULL << (PAGE_SHIFT + 9 * (l - 1));

        if ( !(e & _PAGE_PRESENT) )
            return 0;
        if ( e & _PAGE_PSE )
        {
            BUG_ON((e & PADDR_MASK & ~(sz - 1)) + (va & (sz - 1)) != pa);
            return sz - (va & (sz - 1));
        }
        t = maddr_to_virt(e & PADDR_MASK);
    }
    return 0;
}

/* Map [va, va+size) to pa with flags, using 1G/2M pages where aligned. */
static void map_range(unsigned long va, paddr_t pa, uint64_t size,
                      uint64_t flags)
{
    while ( size )
    {
        uint64_t left = large_page_left(va, pa);

        if ( left )
        {
            left = min(left, size);
            va += left, pa += left, size -= left;
        }
        else if ( cpu_has_pdpe1gb && !((va | pa) & (L3_PAGE_SIZE - 1)) &&
             size >= L3_PAGE_SIZE )
        {
            *walk_create(va, 3) = pa | flags | _PAGE_PSE;
            va += L3_PAGE_SIZE, pa += L3_PAGE_SIZE, size -= L3_PAGE_SIZE;
        }
        else if ( !((va | pa) & (L2_PAGE_SIZE - 1)) && size >= L2_PAGE_SIZE )
        {
            *walk_create(va, 2) = pa | flags | _PAGE_PSE;
            va += L2_PAGE_SIZE, pa += L2_PAGE_SIZE, size -= L2_PAGE_SIZE;
        }
        else
        {
            *walk_create(va, 1) = pa | flags;
            va += PAGE_SIZE, pa += PAGE_SIZE, size -= PAGE_SIZE;
        }
    }
}

static void map_image_part(const char *s, const char *e, uint64_t flags)
{
    map_range((unsigned long)s, virt_to_maddr(s),
              (uint64_t)(e - s), flags | _PAGE_PRESENT | _PAGE_ACCESSED |
              _PAGE_GLOBAL);
}

/*
 * Direct-map RAM in [start, end), 2 MiB aligned outward so large pages
 * apply; the slack is never touched, since only RAM frames are used.
 */
void paging_map_ram(paddr_t start, paddr_t end)
{
    unsigned int i;

    for ( i = 0; i < boot_info.nr_map; i++ )
    {
        const struct boot_map_entry *m = &boot_info.map[i];
        paddr_t s = max(m->addr, start), e = min(m->addr + m->size, end);

        if ( m->type != E820_RAM && m->type != E820_ACPI &&
             m->type != E820_NVS )
            continue;
        s = ROUNDDOWN(s, L2_PAGE_SIZE);
        e = ROUNDUP(e, L2_PAGE_SIZE);
        if ( s >= e || e > DIRECTMAP_SIZE )
            continue;
        map_range(DIRECTMAP_VIRT_START + s, s, e - s, DIRECTMAP_FLAGS);
    }
}

static void detect_features(void)
{
    struct cpuid_regs r;

    cpuid(0x80000001, &r);
    cpu_has_nx = r.edx & (1u << 20);
    cpu_has_pdpe1gb = r.edx & (1u << 26);
    if ( cpuid_max_leaf(0) >= 7 )
    {
        cpuid_count(7, 0, &r);
        cpu_has_smep = r.ebx & (1u << 7);
        cpu_has_smap = r.ebx & (1u << 20);
    }
    nx_bit = cpu_has_nx ? _PAGE_NX : 0;
}

void paging_init(paddr_t limit)
{
    detect_features();
    root = alloc_table();
    /* Low 1 MiB is not always in the RAM map; firmware tables live there. */
    map_range(DIRECTMAP_VIRT_START, 0, L2_PAGE_SIZE, DIRECTMAP_FLAGS);
    paging_map_ram(0, limit);

    map_image_part(_stext, _etext, 0);                  /* RX */
    map_image_part(_srodata, _erodata, nx_bit);         /* R  */
    map_image_part(_sdata, _end, _PAGE_RW | _PAGE_DIRTY | nx_bit);  /* RW */

    idle_pg_table_pa = virt_to_maddr(root);
    write_cr3(idle_pg_table_pa);
}

void paging_enable_features(void)
{
    unsigned long cr4 = read_cr4() | X86_CR4_PGE;

    if ( cpu_has_smep )
        cr4 |= X86_CR4_SMEP;
    if ( cpu_has_smap )
        cr4 |= X86_CR4_SMAP;
    write_cr4(cr4);
    if ( cpu_has_nx )
        wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
}

void paging_heap_ready(void)
{
    heap_ready = true;
}

void *ioremap(paddr_t pa, size_t size)
{
    paddr_t base = ROUNDDOWN(pa, PAGE_SIZE);
    uint64_t len = ROUNDUP(pa + size, PAGE_SIZE) - base;
    unsigned long flags, va;

    spin_lock_irqsave(&map_lock, flags);
    if ( ioremap_next + len > IOREMAP_VIRT_START + IOREMAP_VIRT_SIZE )
    {
        spin_unlock_irqrestore(&map_lock, flags);
        return NULL;
    }
    va = ioremap_next;
    ioremap_next += len;
    for ( uint64_t off = 0; off < len; off += PAGE_SIZE )
        *walk_create(va + off, 1) = (base + off) | _PAGE_PRESENT | _PAGE_RW |
            _PAGE_PCD | _PAGE_PWT | _PAGE_ACCESSED | _PAGE_DIRTY | nx_bit;
    spin_unlock_irqrestore(&map_lock, flags);
    return (void *)(va + (pa - base));
}
