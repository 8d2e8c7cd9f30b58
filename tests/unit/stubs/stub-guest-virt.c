/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest-virtual copies for host unit tests of hypercall code: a guest
 * virtual address is a host pointer, and anything below 4096 faults
 * (-EFAULT), so tests can pass bad pointers as small integers.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/string.h>

int copy_from_guest_virt(struct vcpu *v, void *dst, unsigned long gva,
                         size_t len)
{
    (void)v;
    if ( gva < 4096 && len )
        return -EFAULT;
    memcpy(dst, (void *)gva, len);
    return 0;
}

int copy_to_guest_virt(struct vcpu *v, unsigned long gva, const void *src,
                       size_t len)
{
    (void)v;
    if ( gva < 4096 && len )
        return -EFAULT;
    memcpy((void *)gva, src, len);
    return 0;
}
