/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: hypervisor detection (CPUID signature scan) and
 * the two hypercall styles: call into the hypercall page at nr * 32, or
 * execute VMCALL/VMMCALL directly.
 */
#include <guest/hypercall.h>
#include <guest/x86.h>
#include <public/arch-x86/cpuid.h>

#define CPUID_SCAN_END  0x40010000
#define CPUID_SCAN_STEP 0x100
#define HCALL_STUB_SIZE 32

struct hv_info hv;
uint8_t hcall_bufs[HCALL_BUFS][4096] __attribute__((aligned(4096)));

static enum hcall_mode cur_mode = HCALL_PAGE;
static bool page_installed;

static bool vendor_is(const struct cpuid_res *r, const char s[12])
{
    const uint32_t *w = (const uint32_t *)s;

    return r->b == w[0] && r->d == w[1] && r->c == w[2];
}

bool hypervisor_detect(void)
{
    struct cpuid_res r = cpuid(0);
    uint32_t base;

    hv.amd = vendor_is(&r, "AuthenticAMD") || vendor_is(&r, "HygonGenuine");
    for ( base = XEN_CPUID_FIRST_LEAF; base < CPUID_SCAN_END;
          base += CPUID_SCAN_STEP )
    {
        r = cpuid(base);
        if ( r.b == XEN_CPUID_SIGNATURE_EBX &&
             r.c == XEN_CPUID_SIGNATURE_ECX &&
             r.d == XEN_CPUID_SIGNATURE_EDX && r.a >= base + 2 )
            break;
    }
    if ( base >= CPUID_SCAN_END )
        return false;

    hv.base = base;
    hv.max_leaf = r.a;
    hv.version = cpuid(base + 1).a;
    r = cpuid(base + 2);
    hv.hcall_pages = r.a;
    hv.hcall_msr = r.b;
    return true;
}

static bool install_page(void)
{
    if ( page_installed )
        return true;
    if ( !hv.base || hv.hcall_pages < 1 )
        return false;
    /* Identity mapped: the virtual address is the guest-physical one. */
    wrmsr(hv.hcall_msr, (uint64_t)(uintptr_t)hypercall_page);
    page_installed = true;
    return true;
}

bool hypercall_set_mode(enum hcall_mode mode)
{
    if ( !hv.base )
        return false;
    if ( mode == HCALL_PAGE && !install_page() )
        return false;
    cur_mode = mode;
    return true;
}

enum hcall_mode hypercall_mode(void)
{
    return cur_mode;
}

const char *hypercall_mode_name(enum hcall_mode mode)
{
    return mode == HCALL_PAGE ? "page" : "direct";
}

static long call_page(unsigned long nr, unsigned long a1, unsigned long a2,
                      unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 asm ("r10") = a4;
    register unsigned long r8 asm ("r8") = a5;
    void *stub = hypercall_page + nr * HCALL_STUB_SIZE;
    long ret;

    asm volatile ( "call *%[stub]"
                   : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                     "+r" (r10), "+r" (r8)
                   : [stub] "r" (stub)
                   : "rcx", "r9", "r11", "memory" );
    return ret;
}

static long call_direct(unsigned long nr, unsigned long a1, unsigned long a2,
                        unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 asm ("r10") = a4;
    register unsigned long r8 asm ("r8") = a5;
    long ret = (long)nr;

    if ( hv.amd )
        asm volatile ( "vmmcall"
                       : "+a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                         "+r" (r10), "+r" (r8)
                       :: "rcx", "r9", "r11", "memory" );
    else
        asm volatile ( "vmcall"
                       : "+a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                         "+r" (r10), "+r" (r8)
                       :: "rcx", "r9", "r11", "memory" );
    return ret;
}

long hypercall_with(enum hcall_mode mode, unsigned long nr,
                    unsigned long a1, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5)
{
    if ( mode == HCALL_PAGE )
    {
        if ( !install_page() || nr >= sizeof(hypercall_page) / HCALL_STUB_SIZE )
            return -XEN_ENOSYS;
        return call_page(nr, a1, a2, a3, a4, a5);
    }
    if ( !hv.base )
        return -XEN_ENOSYS;
    return call_direct(nr, a1, a2, a3, a4, a5);
}

long hypercall6(unsigned long nr, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4, unsigned long a5)
{
    return hypercall_with(cur_mode, nr, a1, a2, a3, a4, a5);
}
