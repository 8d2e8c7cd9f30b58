/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Copying to and from guest memory (common/guest-copy.c): by guest-
 * physical address, by guest-virtual address of a vCPU (hypercall
 * arguments: translated through the guest's own page tables, then the
 * p2m), and Xen's typed guest-handle macros on top of the latter.
 *
 * Return convention (differs from Xen, whose copies return the number
 * of bytes not copied): every function and macro here returns 0 or
 * -EFAULT, so Xen's idiom "if ( copy_from_guest(...) ) return -EFAULT;"
 * works unchanged. A failed copy may have copied a prefix: bytes of the
 * pages before the faulting one are already written.
 */
#ifndef __XEN_GUEST_ACCESS_H__
#define __XEN_GUEST_ACCESS_H__

#include <xen/types.h>
#include <public/xen.h>

struct domain;
struct vcpu;

/*
 * Arch hook (arch/x86/mm/guest-walk.c): translate v's guest-virtual
 * address gva for a supervisor read or write, using v's current paging
 * mode. Returns 0 and *gpa, or -EFAULT. Context: v is current or paused.
 */
int arch_guest_virt_to_phys(struct vcpu *v, unsigned long gva, bool write,
                            uint64_t *gpa);

/*
 * Guest-physical copies for d: every page touched must be mapped in d's
 * p2m, readable (RAM or a borrowed RAM frame) for reads and writable
 * for writes (so never MMIO or read-only RAM). Holds the p2m lock for
 * reading across each page's memcpy. Context: any, no p2m lock held.
 */
int copy_to_guest_phys(struct domain *d, paddr_t gpa, const void *src,
                       size_t len);
int copy_from_guest_phys(struct domain *d, void *dst, paddr_t gpa,
                         size_t len);
int clear_guest_phys(struct domain *d, paddr_t gpa, size_t len);

/*
 * Guest-virtual copies for v, page by page, each page translated by
 * arch_guest_virt_to_phys() then copied as above. Context: v is current
 * or paused, no p2m lock held.
 */
int copy_from_guest_virt(struct vcpu *v, void *dst, unsigned long gva,
                         size_t len);
int copy_to_guest_virt(struct vcpu *v, unsigned long gva, const void *src,
                       size_t len);
int clear_guest_virt(struct vcpu *v, unsigned long gva, size_t len);

/*
 * Typed access through guest handles (public/arch-x86/xen.h): a handle's
 * .p is a guest-virtual address of the current vCPU. The macros expand
 * "current" (the running struct vcpu *, from xen/sched.h). As in Xen,
 * offsets and counts are in elements of *ptr's type (of the handle's
 * type for clear_guest*). The pointer comparison in each macro only makes
 * the compiler check that the types match.
 */
#define guest_handle_addr(hnd)          ((unsigned long)(hnd).p)
#define guest_handle_is_null(hnd)       ((hnd).p == NULL)
#define guest_handle_add_offset(hnd, nr) ((void)((hnd).p += (nr)))
#define guest_handle_subtract_offset(hnd, nr) ((void)((hnd).p -= (nr)))
#define guest_handle_cast(hnd, type) ({                     \
    type *_x = (type *)(hnd).p;                             \
    (XEN_GUEST_HANDLE_PARAM(type)){ _x }; })
/* Parameter and in-struct handles are the same type on x86. */
#define guest_handle_to_param(hnd, type)    (hnd)
#define guest_handle_from_param(hnd, type)  (hnd)
/* Every address is checked at copy time for HVM/PVH guests. */
#define guest_handle_okay(hnd, nr)          ((void)(hnd), (void)(nr), 1)

#define copy_to_guest_offset(hnd, off, ptr, nr) ({                  \
    const __typeof__(*(ptr)) *_s = (ptr);                           \
    (void)((hnd).p == _s);                                          \
    copy_to_guest_virt(current, guest_handle_addr(hnd) +            \
                       (off) * sizeof(*_s), _s, (nr) * sizeof(*_s)); })

#define copy_from_guest_offset(ptr, hnd, off, nr) ({                \
    __typeof__(*(ptr)) *_d = (ptr);                                 \
    (void)((hnd).p == _d);                                          \
    copy_from_guest_virt(current, _d, guest_handle_addr(hnd) +      \
                         (off) * sizeof(*_d), (nr) * sizeof(*_d)); })

#define copy_to_guest(hnd, ptr, nr)     copy_to_guest_offset(hnd, 0, ptr, nr)
#define copy_from_guest(ptr, hnd, nr)   copy_from_guest_offset(ptr, hnd, 0, nr)

/* Copy one field of *ptr to/from the same field of the guest's struct. */
#define copy_field_to_guest(hnd, ptr, field) ({                     \
    const __typeof__(*(ptr)) *_s = (ptr);                           \
    (void)((hnd).p == _s);                                          \
    copy_to_guest_virt(current, guest_handle_addr(hnd) +            \
                       __builtin_offsetof(__typeof__(*_s), field),  \
                       &_s->field, sizeof(_s->field)); })

#define copy_field_from_guest(ptr, hnd, field) ({                   \
    __typeof__(*(ptr)) *_d = (ptr);                                 \
    (void)((hnd).p == _d);                                          \
    copy_from_guest_virt(current, &_d->field, guest_handle_addr(hnd) + \
                         __builtin_offsetof(__typeof__(*_d), field),   \
                         sizeof(_d->field)); })

#define clear_guest_offset(hnd, off, nr) ({                         \
    __typeof__((hnd).p) _c = (hnd).p;                               \
    clear_guest_virt(current, guest_handle_addr(hnd) +              \
                     (off) * sizeof(*_c), (nr) * sizeof(*_c)); })
#define clear_guest(hnd, nr)            clear_guest_offset(hnd, 0, nr)

/* Xen's unchecked variants: the same here (every copy is checked). */
#define __copy_to_guest_offset          copy_to_guest_offset
#define __copy_from_guest_offset        copy_from_guest_offset
#define __copy_to_guest                 copy_to_guest
#define __copy_from_guest               copy_from_guest
#define __copy_field_to_guest           copy_field_to_guest
#define __copy_field_from_guest         copy_field_from_guest
#define __clear_guest_offset            clear_guest_offset

#endif /* __XEN_GUEST_ACCESS_H__ */
