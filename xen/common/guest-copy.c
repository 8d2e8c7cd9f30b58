/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copies between hypervisor buffers and guest memory, by guest-physical
 * address (through the domain's p2m) or by a vCPU's guest-virtual
 * address (through arch_guest_virt_to_phys(), then the p2m). Interface
 * and return convention: xen/guest_access.h.
 *
 * Locking: takes p2m->lock for reading around each page's lookup and
 * memcpy, so that a concurrent p2m_remove() cannot free the frame in
 * between. Never holds it across pages or across a guest page walk.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/string.h>

enum copy_dir {
    COPY_TO,            /* src -> guest */
    COPY_FROM,          /* guest -> dst */
    COPY_CLEAR,         /* zeros -> guest */
};

struct copy_buf {
    enum copy_dir dir;
    void *dst;          /* COPY_FROM */
    const void *src;    /* COPY_TO */
};

/* Copy len bytes at gpa, all inside one guest page; advance buf. */
static int copy_page(struct p2m_domain *p2m, uint64_t gpa, size_t len,
                     struct copy_buf *buf)
{
    enum p2m_type t;
    mfn_t mfn;
    char *p;
    int rc = 0;

    ASSERT((gpa & ~PAGE_MASK) + len <= PAGE_SIZE);
    read_lock(&p2m->lock);
    mfn = p2m_lookup_locked(p2m, gpa >> PAGE_SHIFT, &t);
    if ( mfn == INVALID_MFN ||
         !(buf->dir == COPY_FROM ? p2m_is_readable(t) : p2m_is_writable(t)) )
    {
        rc = -EFAULT;
        goto out;
    }
    p = (char *)mfn_to_virt(mfn) + (gpa & ~PAGE_MASK);
    switch ( buf->dir )
    {
    case COPY_TO:
        memcpy(p, buf->src, len);
        buf->src = (const char *)buf->src + len;
        break;
    case COPY_FROM:
        memcpy(buf->dst, p, len);
        buf->dst = (char *)buf->dst + len;
        break;
    case COPY_CLEAR:
        memset(p, 0, len);
        break;
    }
 out:
    read_unlock(&p2m->lock);
    return rc;
}

static size_t page_chunk(uint64_t addr, size_t len)
{
    return min_t(size_t, len, PAGE_SIZE - (addr & ~PAGE_MASK));
}

static int copy_phys(struct domain *d, paddr_t gpa, size_t len,
                     struct copy_buf *buf)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(d);

    if ( gpa + len < gpa )
        return -EFAULT;
    while ( len )
    {
        size_t n = page_chunk(gpa, len);
        int rc = copy_page(p2m, gpa, n, buf);

        if ( rc )
            return rc;
        gpa += n;
        len -= n;
    }
    return 0;
}

static int copy_virt(struct vcpu *v, unsigned long gva, size_t len,
                     struct copy_buf *buf)
{
    struct p2m_domain *p2m = p2m_get_hostp2m(v->domain);

    if ( gva + len < gva )
        return -EFAULT;
    while ( len )
    {
        size_t n = page_chunk(gva, len);
        uint64_t gpa;
        int rc = arch_guest_virt_to_phys(v, gva, buf->dir != COPY_FROM,
                                         &gpa);

        if ( !rc )
            rc = copy_page(p2m, gpa, n, buf);
        if ( rc )
            return -EFAULT;
        gva += n;
        len -= n;
    }
    return 0;
}

int copy_to_guest_phys(struct domain *d, paddr_t gpa, const void *src,
                       size_t len)
{
    struct copy_buf buf = { .dir = COPY_TO, .src = src };

    return copy_phys(d, gpa, len, &buf);
}

int copy_from_guest_phys(struct domain *d, void *dst, paddr_t gpa,
                         size_t len)
{
    struct copy_buf buf = { .dir = COPY_FROM, .dst = dst };

    return copy_phys(d, gpa, len, &buf);
}

int clear_guest_phys(struct domain *d, paddr_t gpa, size_t len)
{
    struct copy_buf buf = { .dir = COPY_CLEAR };

    return copy_phys(d, gpa, len, &buf);
}

int copy_from_guest_virt(struct vcpu *v, void *dst, unsigned long gva,
                         size_t len)
{
    struct copy_buf buf = { .dir = COPY_FROM, .dst = dst };

    return copy_virt(v, gva, len, &buf);
}

int copy_to_guest_virt(struct vcpu *v, unsigned long gva, const void *src,
                       size_t len)
{
    struct copy_buf buf = { .dir = COPY_TO, .src = src };

    return copy_virt(v, gva, len, &buf);
}

int clear_guest_virt(struct vcpu *v, unsigned long gva, size_t len)
{
    struct copy_buf buf = { .dir = COPY_CLEAR };

    return copy_virt(v, gva, len, &buf);
}
