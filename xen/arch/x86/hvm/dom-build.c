/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Building a PVH domain from a kernel image: parse the ELF (libelf.c),
 * populate guest RAM and write kernel, ramdisk, start info and ACPI
 * tables (pvh-build.c) through the p2m, record the guest's memory map,
 * and put vCPU 0 at the PVH entry point.
 */
#include <xen/lib.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/launch.h>
#include <xen/memory-arch.h>
#include <xen/p2m.h>
#include <xen/pv-console.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/hvm/hvm.h>
#include <asm/pvh-build.h>
#include <public/hvm/params.h>

/* Populate [gpa, gpa+len) with 2 MiB pages where aligned, else 4 KiB. */
static int populate(void *ctx, uint64_t gpa, uint64_t len)
{
    struct domain *d = ctx;
    uint64_t end = gpa + len;
    int rc;

    if ( (gpa | len) & (PAGE_SIZE - 1) )
        return -EINVAL;
    while ( gpa < end )
    {
        unsigned int order = !(gpa & (L2_PAGE_SIZE - 1)) &&
                             end - gpa >= L2_PAGE_SIZE ? 9 : 0;

        rc = p2m_populate(d->arch.p2m, gpa >> PAGE_SHIFT, order);
        if ( rc )
            return rc;
        gpa += PAGE_SIZE << order;
    }
    return 0;
}

static int copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    return copy_to_guest_phys(ctx, gpa, src, len);
}

static int zero(void *ctx, uint64_t gpa, size_t len)
{
    return clear_guest_phys(ctx, gpa, len);
}

/* The console's special page: index 7 of 8, where Xen's toolstack puts it. */
#define PVH_CONSOLE_GFN     ((PVH_SPECIAL_GPA >> PAGE_SHIFT) + 7)

static const struct guest_mem_ops mem_ops = {
    .populate = populate, .copy = copy, .zero = zero,
};

int arch_build_domain(struct domain *d, const void *kernel, size_t ksize,
                      const void *ramdisk, size_t rsize, const char *cmdline,
                      uint64_t mem_bytes, char *err, size_t errlen)
{
    struct pvh_build_params p = {
        .mem_bytes = mem_bytes, .nr_vcpus = d->max_vcpus,
        .cmdline = cmdline, .kernel = kernel,
        .ramdisk = ramdisk, .ramdisk_size = rsize,
    };
    struct hvm_initial_state init;
    struct pvh_initial_state st;
    struct pvh_layout layout;
    struct elf_info elf;
    unsigned int i;
    int rc;

    d->arch.build_start = NOW();
    rc = elf_parse(kernel, ksize, &elf, err, errlen);
    if ( rc )
        return rc;
    rc = pvh_build(&p, &elf, &layout, &st, &mem_ops, d, err, errlen);
    if ( rc )
        return rc;
    rc = pv_console_create(d, PVH_CONSOLE_GFN);
    if ( rc < 0 )
    {
        snprintf(err, errlen, "no PV console (%d)", rc);
        return rc;
    }
    d->arch.hvm_params[HVM_PARAM_CONSOLE_PFN] = PVH_CONSOLE_GFN;
    d->arch.hvm_params[HVM_PARAM_CONSOLE_EVTCHN] = rc;

    for ( i = 0; i < layout.nr_map && i < ARCH_MAX_MEMMAP; i++ )
    {
        d->arch.memmap[i].addr = layout.map[i].addr;
        d->arch.memmap[i].size = layout.map[i].size;
        d->arch.memmap[i].type = layout.map[i].type;
    }
    d->arch.nr_memmap = i;

    init.eip = (uint32_t)st.rip;
    init.ebx = (uint32_t)st.rbx;
    init.esi = 0;
    init.cr0 = (uint32_t)st.cr0;
    init.cr4 = (uint32_t)st.cr4;
    hvm_ops->set_initial_state(d->vcpu[0], &init);
    d->vcpu[0]->arch.initialised = true;
    return 0;
}

int arch_memory_map(struct domain *d, struct e820entry *map, unsigned int *nr)
{
    unsigned int i, n = min(*nr, d->arch.nr_memmap);

    if ( !d->arch.nr_memmap )
        return -ENOSYS;
    for ( i = 0; i < n; i++ )
    {
        map[i].addr = d->arch.memmap[i].addr;
        map[i].size = d->arch.memmap[i].size;
        map[i].type = d->arch.memmap[i].type;
    }
    *nr = n;
    return 0;
}
