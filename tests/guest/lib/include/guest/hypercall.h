/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: hypervisor detection through the CPUID leaves and
 * hypercalls in either style: through the hypercall page (the page whose
 * address the guest writes to the MSR named by CPUID base+2) or directly
 * with VMCALL (Intel) / VMMCALL (AMD). The default style is the page; the
 * guest command line option "hcall=page|direct" selects one.
 *
 * Register convention (64-bit): RAX = number, arguments in RDI, RSI, RDX,
 * R10, R8; result in RAX (>= 0 success, -XEN_E* failure).
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>
#include <stdbool.h>
#include <public/xen.h>
#include <public/errno.h>

enum hcall_mode {
    HCALL_PAGE,
    HCALL_DIRECT,
};

/* Filled by hypervisor_detect(); base 0 = no Xen-compatible hypervisor. */
struct hv_info {
    uint32_t base;          /* CPUID leaf holding "XenVMMXenVMM" */
    uint32_t max_leaf;      /* EAX of the base leaf */
    uint32_t version;       /* EAX of base+1: major << 16 | minor */
    uint32_t hcall_pages;   /* EAX of base+2 */
    uint32_t hcall_msr;     /* EBX of base+2 */
    bool amd;               /* CPU vendor uses VMMCALL */
};
extern struct hv_info hv;

/* The page Xen fills with 32-byte stubs, one per hypercall number. */
extern uint8_t hypercall_page[4096];

/* CPUID scan; returns true if a Xen-compatible hypervisor is there. */
bool hypervisor_detect(void);

/*
 * Select the style; HCALL_PAGE installs the page on first use. Returns
 * false if the style cannot be used (no page offered, no hypervisor).
 */
bool hypercall_set_mode(enum hcall_mode mode);
enum hcall_mode hypercall_mode(void);
const char *hypercall_mode_name(enum hcall_mode mode);

/* Raw hypercall in the current style. Page style: nr must be < 128. */
long hypercall6(unsigned long nr, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4, unsigned long a5);

/* The same with an explicit style, not changing the current one. */
long hypercall_with(enum hcall_mode mode, unsigned long nr,
                    unsigned long a1, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5);

#define HC_ARG(x) ((unsigned long)(x))
#define hypercall0(nr) hypercall6(nr, 0, 0, 0, 0, 0)
#define hypercall1(nr, a) hypercall6(nr, HC_ARG(a), 0, 0, 0, 0)
#define hypercall2(nr, a, b) hypercall6(nr, HC_ARG(a), HC_ARG(b), 0, 0, 0)
#define hypercall3(nr, a, b, c) \
    hypercall6(nr, HC_ARG(a), HC_ARG(b), HC_ARG(c), 0, 0)
#define hypercall4(nr, a, b, c, d) \
    hypercall6(nr, HC_ARG(a), HC_ARG(b), HC_ARG(c), HC_ARG(d), 0)
#define hypercall5(nr, a, b, c, d, e) \
    hypercall6(nr, HC_ARG(a), HC_ARG(b), HC_ARG(c), HC_ARG(d), HC_ARG(e))

/* Typed wrappers for the calls the framework itself uses. */
static inline long hypervisor_xen_version(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_xen_version, cmd, arg);
}

static inline long hypervisor_console_io(unsigned int cmd, unsigned int count,
                                         const void *buf)
{
    return hypercall3(__HYPERVISOR_console_io, cmd, count, buf);
}

static inline long hypervisor_sched_op(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_sched_op, cmd, arg);
}

/*
 * Argument buffers at fixed, page-aligned addresses, for tests that want
 * a known guest address (e.g. at the end of a page, to cross into an
 * unmapped one): hcall_bufs[i], i < HCALL_BUFS, 4 KiB each.
 */
#define HCALL_BUFS 4
extern uint8_t hcall_bufs[HCALL_BUFS][4096];

/*
 * Bad addresses for hypercall arguments:
 * - UNMAPPED: canonical, but outside the framework's page tables (which
 *   map only the first 4 GiB): the guest page walk fails.
 * - NO_RAM: mapped by the page tables, but no guest RAM behind it (true
 *   for guests with less than 3 GiB of memory).
 * - NONCANONICAL: bit 63 set, bits 62:47 clear. Careful: Xen 4.17 does
 *   not reject it; it walks the page tables with bits 47:0, so it is an
 *   alias of address 0 (see docs/testing-guest.md).
 */
#define BAD_PTR_UNMAPPED     ((void *)0x0000100000000000UL)
#define BAD_PTR_NO_RAM       ((void *)0x00000000c0000000UL)
#define BAD_PTR_NONCANONICAL ((void *)0x8000000000000000UL)

#endif /* GUEST_HYPERCALL_H */
