/* SPDX-License-Identifier: MIT */
/*
 * x86 part of the guest interface, shared by 32- and 64-bit guests.
 *
 * Owns: the guest-handle machinery, xen_pfn_t, xen_ulong_t,
 * uint64_aligned_t and XEN_LEGACY_MAX_VCPUS. The width-specific pieces
 * (register frame, arch_vcpu_info, arch_shared_info) live in
 * xen-x86_64.h and xen-x86_32.h, one of which is included below.
 * Only included through ../xen.h; nothing here is useful on its own.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

/*
 * Fixed-width integer types. A guest that has its own uint32_t and friends
 * (a kernel, say) defines XEN_NO_STDINT before including any public header.
 */
#ifndef XEN_NO_STDINT
#include <stdint.h>
#endif

/*
 * Guest handles.
 *
 * A guest handle is a guest virtual address wrapped in a one-member
 * struct, so that the compiler refuses to mix handles to different types
 * and refuses to dereference a guest pointer by accident. On x86 the
 * wrapper is exactly the size of a pointer of the guest's own width:
 * 8 bytes for a 64-bit guest, 4 bytes for a 32-bit guest.
 *
 * __DEFINE_XEN_GUEST_HANDLE(name, type) declares two handle types:
 *   XEN_GUEST_HANDLE(name)        points at "type"
 *   XEN_GUEST_HANDLE(const_name)  points at "const type"
 * DEFINE_XEN_GUEST_HANDLE(name) is the common case where the type is
 * itself called "name" (usually a typedef ending in _t).
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name

#define __DEFINE_XEN_GUEST_HANDLE(name, type)           \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);             \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)

#define DEFINE_XEN_GUEST_HANDLE(name)  __DEFINE_XEN_GUEST_HANDLE(name, name)

/* The type of a handle to "name" (see above). */
#define __XEN_GUEST_HANDLE(name)       __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)         __XEN_GUEST_HANDLE(name)

/*
 * Handle passed directly as a hypercall argument (in a register) rather
 * than inside a structure. On x86 both have the same representation.
 */
#define XEN_GUEST_HANDLE_PARAM(name)   XEN_GUEST_HANDLE(name)

/* Store a plain pointer into a handle, or read it back. */
#define set_xen_guest_handle_raw(hnd, val) \
    do { (hnd).p = (val); } while ( 0 )
#define set_xen_guest_handle(hnd, val)  set_xen_guest_handle_raw(hnd, val)
#define get_xen_guest_handle(val, hnd)  do { (val) = (hnd).p; } while ( 0 )

/*
 * Width-dependent scalar types.
 *
 * xen_pfn_t   a guest or machine frame number (address >> 12).
 * xen_ulong_t a register-sized unsigned value: the type of hypercall
 *             arguments and of the event-channel bitmap words.
 * Both are 64 bits for a 64-bit guest and 32 bits for a 32-bit guest,
 * matching Xen's "unsigned long" on each. PRI_* give printf conversions
 * for the hypervisor's own (LP64) build and for 32-bit guests.
 */
#if defined(__x86_64__)
typedef uint64_t xen_pfn_t;
typedef uint64_t xen_ulong_t;
#define PRI_xen_pfn   "lx"
#define PRI_xen_ulong "lx"
#elif defined(__i386__)
typedef uint32_t xen_pfn_t;
typedef uint32_t xen_ulong_t;
#define PRI_xen_pfn   "x"
#define PRI_xen_ulong "x"
#else
#error "arch-x86/xen.h included on a non-x86 target"
#endif

/*
 * A 64-bit field that is 8-byte aligned for both guest widths. The
 * i386 psABI aligns uint64_t to 4 only; structures shared with tools use
 * this type so that 32-bit and 64-bit callers agree on the layout.
 */
#if defined(__x86_64__)
typedef uint64_t uint64_aligned_t;
#else
typedef uint64_t uint64_aligned_t __attribute__((__aligned__(8)));
#endif

/*
 * Number of vcpu_info slots embedded in struct shared_info. vCPUs with a
 * higher id must register a vcpu_info of their own with
 * VCPUOP_register_vcpu_info (see ../vcpu.h).
 */
#define XEN_LEGACY_MAX_VCPUS 32

/*
 * x86 vcpu_info carries the per-vCPU upcall mask byte (PV event
 * delivery). HVM/PVH guests leave it alone and use RFLAGS.IF instead.
 */
#define XEN_HAVE_PV_UPCALL_MASK 1

#if defined(__x86_64__)
#include "xen-x86_64.h"
#else
#include "xen-x86_32.h"
#endif

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
