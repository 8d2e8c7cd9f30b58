/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Walk a guest's own page tables in software (SDM Vol3 4.3-4.5, APM Vol2
 * 5.3): guest-virtual to guest-physical for the hypervisor's copies of
 * hypercall arguments. Entries are read (and their A/D bits set) through
 * the p2m's direct-map view of guest RAM. Not a full MMU model: no TLB,
 * no SMAP/SMEP/PKU/NX checks (see asm/guest-walk.h).
 *
 * Locking: holds p2m->lock for reading for the whole walk, so the entries
 * it points at stay guest RAM while it sets their A/D bits.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <asm/guest-walk.h>

#define PTE_P           (1ULL << 0)
#define PTE_RW          (1ULL << 1)
#define PTE_US          (1ULL << 2)
#define PTE_A           (1ULL << 5)
#define PTE_D           (1ULL << 6)
#define PTE_PS          (1ULL << 7)
#define PTE_NX          (1ULL << 63)
#define PTE_ADDR_MASK   0x000ffffffffff000ULL

#define CR0_WP          (1ULL << 16)
#define CR0_PG          (1ULL << 31)
#define CR4_PSE         (1ULL << 4)
#define CR4_PAE         (1ULL << 5)
#define CR4_LA57        (1ULL << 12)
#define EFER_LMA        (1ULL << 10)
#define EFER_NXE        (1ULL << 11)

#define MAX_LEVELS      5

struct walk {
    struct p2m_domain *p2m;
    const struct guest_paging *gp;
    unsigned int access;            /* GW_* */
    uint64_t rsvd;                  /* reserved bits of 8-byte entries */
    unsigned int pbits;             /* guest MAXPHYADDR */
    bool rw, us;                    /* rights ANDed over the levels */
    unsigned int nr;                /* entries read so far */
    void *pte[MAX_LEVELS];          /* where they are, for A/D updates */
    bool pte_writable[MAX_LEVELS];  /* in writable guest RAM */
    bool wide;                      /* 8-byte entries (else 4) */
};

static uint64_t bits(unsigned int hi, unsigned int lo)
{
    return ((hi >= 63 ? 0 : 1ULL << (hi + 1)) - 1) & ~((1ULL << lo) - 1);
}

/*
 * Read the entry at guest-physical gpa. Returns -EFAULT if it is not in
 * guest RAM or not present; with 'rights', folds R/W and U/S into w.
 */
static int read_entry(struct walk *w, uint64_t gpa, bool rights,
                      uint64_t *e)
{
    enum p2m_type t;
    mfn_t mfn = p2m_lookup_locked(w->p2m, gpa >> PAGE_SHIFT, &t);
    void *p;

    if ( mfn == INVALID_MFN || !p2m_is_readable(t) || w->nr == MAX_LEVELS )
        return -EFAULT;
    p = (char *)mfn_to_virt(mfn) + (gpa & ~PAGE_MASK);
    if ( w->wide )
        *e = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    else
        *e = __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    if ( !(*e & PTE_P) )
        return -EFAULT;
    w->pte[w->nr] = p;
    w->pte_writable[w->nr++] = p2m_is_writable(t);
    if ( rights )
    {
        w->rw = w->rw && (*e & PTE_RW);
        w->us = w->us && (*e & PTE_US);
    }
    return 0;
}

static void set_flags(const struct walk *w, unsigned int i, uint64_t f)
{
    if ( !w->pte_writable[i] )
        return;
    if ( w->wide )
        __atomic_fetch_or((uint64_t *)w->pte[i], f, __ATOMIC_RELAXED);
    else
        __atomic_fetch_or((uint32_t *)w->pte[i], (uint32_t)f,
                          __ATOMIC_RELAXED);
}

/* Check the accumulated rights; on success set A (and D) bits. */
static int finish(struct walk *w, unsigned int first_rights)
{
    bool user = w->access & GW_USER, write = w->access & GW_WRITE;
    unsigned int i;

    if ( user && !w->us )
        return -EFAULT;
    if ( write && !w->rw && (user || (w->gp->cr0 & CR0_WP)) )
        return -EFAULT;
    for ( i = first_rights; i < w->nr; i++ )
        set_flags(w, i, PTE_A | (write && i == w->nr - 1 ? PTE_D : 0));
    return 0;
}

/*
 * 8-byte entries from 'level' down, starting at the table at gpa 'table'
 * (4- and 5-level paging, and PAE below the PDPTEs).
 */
static int walk_wide(struct walk *w, uint64_t gva, uint64_t table,
                     unsigned int level, uint64_t *gpa)
{
    for ( ; ; level-- )
    {
        unsigned int shift = PAGE_SHIFT + 9 * (level - 1);
        uint64_t e;
        int rc = read_entry(w, table + ((gva >> shift) & 511) * 8, true, &e);

        if ( rc )
            return rc;
        if ( e & w->rsvd )
            return -EFAULT;
        if ( level == 1 || (e & PTE_PS) )
        {
            /* PS is reserved above level 3; large pages: bits shift-1:13. */
            if ( level > 3 || (level > 1 && (e & bits(shift - 1, 13))) )
                return -EFAULT;
            *gpa = (e & PTE_ADDR_MASK & ~bits(shift - 1, 0)) |
                   (gva & bits(shift - 1, 0));
            return 0;
        }
        table = e & PTE_ADDR_MASK;
    }
}

static int walk_long(struct walk *w, uint64_t gva, uint64_t *gpa)
{
    unsigned int levels = (w->gp->cr4 & CR4_LA57) ? 5 : 4;
    unsigned int vbits = PAGE_SHIFT + 9 * levels;
    int64_t canon = (int64_t)(gva << (64 - vbits)) >> (64 - vbits);

    if ( (uint64_t)canon != gva )
        return -EFAULT;
    return walk_wide(w, gva, w->gp->cr3 & PTE_ADDR_MASK, levels, gpa);
}

static int walk_pae(struct walk *w, uint64_t gva, uint64_t *gpa)
{
    /* PDPTE: no R/W or U/S; bits 2:1 and 8:5 reserved (SDM 4.4.1). */
    uint64_t pdpte_rsvd = w->rsvd | bits(2, 1) | bits(8, 5) | PTE_NX;
    uint64_t e;
    int rc;

    if ( gva >> 32 )
        return -EFAULT;
    rc = read_entry(w, (w->gp->cr3 & bits(31, 5)) + (gva >> 30) * 8, false,
                    &e);
    if ( rc )
        return rc;
    if ( e & pdpte_rsvd )
        return -EFAULT;
    return walk_wide(w, gva, e & PTE_ADDR_MASK, 2, gpa);
}

static int walk_2level(struct walk *w, uint64_t gva, uint64_t *gpa)
{
    unsigned int pbits = w->pbits < 32 ? 32 : min(w->pbits, 40U);
    uint64_t e;
    int rc;

    if ( gva >> 32 )
        return -EFAULT;
    rc = read_entry(w, (w->gp->cr3 & bits(31, 12)) + (gva >> 22) * 4, true,
                    &e);
    if ( rc )
        return rc;
    if ( (e & PTE_PS) && (w->gp->cr4 & CR4_PSE) )
    {
        /* 4 MiB page; PSE-36 puts address bits 39:32 in bits 20:13. */
        uint64_t high = (e >> 13) & 0xff;

        if ( (e & (1ULL << 21)) || (high >> (pbits - 32)) )
            return -EFAULT;
        *gpa = (high << 32) | (e & bits(31, 22)) | (gva & bits(21, 0));
        return 0;
    }
    rc = read_entry(w, (e & bits(31, 12)) + ((gva >> 12) & 0x3ff) * 4, true,
                    &e);
    if ( rc )
        return rc;
    *gpa = (e & bits(31, 12)) | (gva & bits(11, 0));
    return 0;
}

int guest_walk(struct p2m_domain *p2m, const struct guest_paging *gp,
               uint64_t gva, unsigned int access, uint64_t *gpa)
{
    struct walk w = {
        .p2m = p2m, .gp = gp, .access = access, .rw = true, .us = true,
    };
    unsigned int pbits = gp->paddr_bits ? min(gp->paddr_bits, 52U) : 48;
    int rc;

    if ( !(gp->cr0 & CR0_PG) )
    {
        if ( gva >> 32 )
            return -EFAULT;
        *gpa = gva;
        return 0;
    }

    w.pbits = pbits;
    w.rsvd = bits(51, pbits) | ((gp->efer & EFER_NXE) ? 0 : PTE_NX);
    read_lock(&p2m->lock);
    if ( gp->efer & EFER_LMA )
    {
        w.wide = true;
        rc = walk_long(&w, gva, gpa);
    }
    else if ( gp->cr4 & CR4_PAE )
    {
        w.wide = true;
        w.rsvd |= bits(62, 52);
        rc = walk_pae(&w, gva, gpa);
    }
    else
        rc = walk_2level(&w, gva, gpa);
    /* The PAE PDPTE carries no rights and no A bit. */
    if ( !rc )
        rc = finish(&w, (w.wide && !(gp->efer & EFER_LMA)) ? 1 : 0);
    read_unlock(&p2m->lock);
    return rc;
}

int guest_walk_vcpu(struct vcpu *v, uint64_t gva, unsigned int access,
                    uint64_t *gpa)
{
    struct guest_paging gp = {
        .cr0 = v->arch.cr0, .cr3 = v->arch.cr3, .cr4 = v->arch.cr4,
        .efer = v->arch.efer,
    };

    return guest_walk(p2m_get_hostp2m(v->domain), &gp, gva, access, gpa);
}

int arch_guest_virt_to_phys(struct vcpu *v, unsigned long gva, bool write,
                            uint64_t *gpa)
{
    return guest_walk_vcpu(v, gva, write ? GW_WRITE : 0, gpa);
}
