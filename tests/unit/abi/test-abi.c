/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Layout test of the public ABI (xen/include/public/) on x86_64: the
 * sizes and offsets Linux PVH guests rely on, and key constant values.
 * Expected numbers are Xen's, from its headers and
 * shared/docs/linux-pvh-abi.md (sections 2.2, 7, 14 and appendix B).
 * No hypervisor sources are compiled in: the headers are the unit.
 */
#include <stddef.h>

#include <public/xen.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <public/elfnote.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/hvm/start_info.h>
#include <public/io/console.h>
#include <public/arch-x86/cpuid.h>
#include <xen/errno.h>

#include "test.h"

#define OFF(type, field, want)  CHECK_EQ(offsetof(type, field), want)
#define SIZE(type, want)        CHECK_EQ(sizeof(type), want)

static void test_shared_info(void)
{
    SIZE(struct vcpu_time_info, 32);
    OFF(struct vcpu_time_info, version, 0);
    OFF(struct vcpu_time_info, tsc_timestamp, 8);
    OFF(struct vcpu_time_info, system_time, 16);
    OFF(struct vcpu_time_info, tsc_to_system_mul, 24);
    OFF(struct vcpu_time_info, tsc_shift, 28);
    OFF(struct vcpu_time_info, flags, 29);

    SIZE(struct arch_vcpu_info, 16);
    SIZE(struct vcpu_info, 64);
    OFF(struct vcpu_info, evtchn_upcall_pending, 0);
    OFF(struct vcpu_info, evtchn_upcall_mask, 1);
    OFF(struct vcpu_info, evtchn_pending_sel, 8);
    OFF(struct vcpu_info, arch, 16);
    OFF(struct vcpu_info, time, 32);

    SIZE(struct arch_shared_info, 48);
    SIZE(struct shared_info, 3136);
    OFF(struct shared_info, vcpu_info, 0);
    OFF(struct shared_info, vcpu_info[1], 64);
    OFF(struct shared_info, evtchn_pending, 2048);
    OFF(struct shared_info, evtchn_mask, 2560);
    OFF(struct shared_info, wc_version, 3072);
    OFF(struct shared_info, wc_sec, 3076);
    OFF(struct shared_info, wc_nsec, 3080);
    OFF(struct shared_info, xen_wc_sec_hi, 3084);
    OFF(struct shared_info, arch, 3088);
    CHECK(sizeof(struct shared_info) <= 4096);
    CHECK_EQ(EVTCHN_2L_NR_CHANNELS, 4096);
    CHECK_EQ(XEN_LEGACY_MAX_VCPUS, 32);
}

static void test_vcpu(void)
{
    SIZE(struct vcpu_runstate_info, 48);
    OFF(struct vcpu_runstate_info, state, 0);
    OFF(struct vcpu_runstate_info, state_entry_time, 8);
    OFF(struct vcpu_runstate_info, time, 16);
    SIZE(struct vcpu_register_runstate_memory_area, 8);
    SIZE(struct vcpu_register_time_memory_area, 8);
    SIZE(struct vcpu_set_singleshot_timer, 16);
    OFF(struct vcpu_set_singleshot_timer, flags, 8);
    SIZE(struct vcpu_set_periodic_timer, 8);
    SIZE(struct vcpu_register_vcpu_info, 16);
    OFF(struct vcpu_register_vcpu_info, offset, 8);
    OFF(struct vcpu_register_vcpu_info, rsvd, 12);
    CHECK_EQ(VCPUOP_register_vcpu_info, 10);
    CHECK_EQ(VCPUOP_register_runstate_memory_area, 5);
    CHECK_EQ(VCPUOP_set_singleshot_timer, 8);
    CHECK_EQ(VCPUOP_stop_periodic_timer, 7);
    CHECK_EQ(VCPUOP_register_vcpu_time_memory_area, 13);
    CHECK(XEN_RUNSTATE_UPDATE == 0x8000000000000000ULL);
}

static void test_evtchn(void)
{
    SIZE(struct evtchn_alloc_unbound, 8);
    OFF(struct evtchn_alloc_unbound, remote_dom, 2);
    OFF(struct evtchn_alloc_unbound, port, 4);
    SIZE(struct evtchn_bind_interdomain, 12);
    OFF(struct evtchn_bind_interdomain, remote_port, 4);
    OFF(struct evtchn_bind_interdomain, local_port, 8);
    SIZE(struct evtchn_bind_virq, 12);
    OFF(struct evtchn_bind_virq, vcpu, 4);
    OFF(struct evtchn_bind_virq, port, 8);
    SIZE(struct evtchn_bind_pirq, 12);
    SIZE(struct evtchn_bind_ipi, 8);
    OFF(struct evtchn_bind_ipi, port, 4);
    SIZE(struct evtchn_close, 4);
    SIZE(struct evtchn_send, 4);
    SIZE(struct evtchn_unmask, 4);
    SIZE(struct evtchn_status, 24);
    OFF(struct evtchn_status, port, 4);
    OFF(struct evtchn_status, status, 8);
    OFF(struct evtchn_status, vcpu, 12);
    OFF(struct evtchn_status, u, 16);
    OFF(struct evtchn_status, u.interdomain.port, 20);
    SIZE(struct evtchn_bind_vcpu, 8);
    SIZE(struct evtchn_reset, 2);
    SIZE(struct evtchn_init_control, 24);
    OFF(struct evtchn_init_control, offset, 8);
    OFF(struct evtchn_init_control, vcpu, 12);
    OFF(struct evtchn_init_control, link_bits, 16);
    SIZE(struct evtchn_expand_array, 8);
    SIZE(struct evtchn_set_priority, 8);
    SIZE(struct evtchn_fifo_control_block, 72);
    OFF(struct evtchn_fifo_control_block, head, 8);
    CHECK_EQ(EVTCHNOP_send, 4);
    CHECK_EQ(EVTCHNOP_bind_virq, 1);
    CHECK_EQ(EVTCHNOP_init_control, 11);
    CHECK_EQ(EVTCHNSTAT_ipi, 5);
}

static void test_grant_table(void)
{
    SIZE(struct grant_entry_v1, 8);
    OFF(struct grant_entry_v1, flags, 0);
    OFF(struct grant_entry_v1, domid, 2);
    OFF(struct grant_entry_v1, frame, 4);
    SIZE(struct gnttab_map_grant_ref, 32);
    OFF(struct gnttab_map_grant_ref, flags, 8);
    OFF(struct gnttab_map_grant_ref, ref, 12);
    OFF(struct gnttab_map_grant_ref, dom, 16);
    OFF(struct gnttab_map_grant_ref, status, 18);
    OFF(struct gnttab_map_grant_ref, handle, 20);
    OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24);
    SIZE(struct gnttab_unmap_grant_ref, 24);
    OFF(struct gnttab_unmap_grant_ref, handle, 16);
    OFF(struct gnttab_unmap_grant_ref, status, 20);
    SIZE(struct gnttab_setup_table, 24);
    OFF(struct gnttab_setup_table, status, 8);
    OFF(struct gnttab_setup_table, frame_list, 16);
    SIZE(struct gnttab_copy, 40);
    OFF(struct gnttab_copy, dest, 16);
    OFF(struct gnttab_copy, len, 32);
    OFF(struct gnttab_copy, status, 36);
    SIZE(struct gnttab_query_size, 16);
    OFF(struct gnttab_query_size, nr_frames, 4);
    OFF(struct gnttab_query_size, max_nr_frames, 8);
    OFF(struct gnttab_query_size, status, 12);
    SIZE(struct gnttab_set_version, 4);
    SIZE(struct gnttab_get_version, 8);
    CHECK_EQ(GTF_permit_access, 1);
    CHECK_EQ(GTF_readonly, 4);
    CHECK_EQ(GTF_reading, 8);
    CHECK_EQ(GTF_writing, 16);
    CHECK_EQ(GTF_sub_page, 256);
    CHECK_EQ(GNTTABOP_query_size, 6);
    CHECK_EQ(GNTST_no_space, -13);
}

static void test_memory_and_hvm(void)
{
    SIZE(struct xen_memory_reservation, 32);
    OFF(struct xen_memory_reservation, nr_extents, 8);
    OFF(struct xen_memory_reservation, extent_order, 16);
    OFF(struct xen_memory_reservation, mem_flags, 20);
    OFF(struct xen_memory_reservation, domid, 24);
    SIZE(struct xen_add_to_physmap, 24);
    OFF(struct xen_add_to_physmap, size, 2);
    OFF(struct xen_add_to_physmap, space, 4);
    OFF(struct xen_add_to_physmap, idx, 8);
    OFF(struct xen_add_to_physmap, gpfn, 16);
    SIZE(struct xen_add_to_physmap_batch, 32);
    SIZE(struct xen_memory_map, 16);
    OFF(struct xen_memory_map, buffer, 8);
    SIZE(struct xen_remove_from_physmap, 16);
    CHECK_EQ(XENMEM_add_to_physmap, 7);
    CHECK_EQ(XENMEM_memory_map, 9);
    CHECK_EQ(XENMAPSPACE_grant_table, 1);

    SIZE(struct xen_hvm_param, 16);
    OFF(struct xen_hvm_param, index, 4);
    OFF(struct xen_hvm_param, value, 8);
    SIZE(struct xen_hvm_evtchn_upcall_vector, 8);
    OFF(struct xen_hvm_evtchn_upcall_vector, vector, 4);
    SIZE(struct xen_hvm_pagetable_dying, 16);
    OFF(struct xen_hvm_pagetable_dying, gpa, 8);
    SIZE(struct xen_hvm_get_mem_type, 16);
    CHECK_EQ(HVMOP_set_evtchn_upcall_vector, 23);
    CHECK_EQ(HVM_PARAM_CALLBACK_IRQ, 0);
    CHECK_EQ(HVM_PARAM_STORE_PFN, 1);
    CHECK_EQ(HVM_PARAM_STORE_EVTCHN, 2);
    CHECK_EQ(HVM_PARAM_CONSOLE_PFN, 17);
    CHECK_EQ(HVM_PARAM_CONSOLE_EVTCHN, 18);
    CHECK_EQ(HVM_PARAM_TRIPLE_FAULT_REASON, 31);
    CHECK_EQ(HVM_NR_PARAMS, 39);
}

static void test_start_info(void)
{
    SIZE(struct hvm_start_info, 56);
    OFF(struct hvm_start_info, version, 4);
    OFF(struct hvm_start_info, flags, 8);
    OFF(struct hvm_start_info, nr_modules, 12);
    OFF(struct hvm_start_info, modlist_paddr, 16);
    OFF(struct hvm_start_info, cmdline_paddr, 24);
    OFF(struct hvm_start_info, rsdp_paddr, 32);
    OFF(struct hvm_start_info, memmap_paddr, 40);
    OFF(struct hvm_start_info, memmap_entries, 48);
    OFF(struct hvm_start_info, reserved, 52);
    SIZE(struct hvm_modlist_entry, 32);
    OFF(struct hvm_modlist_entry, cmdline_paddr, 16);
    SIZE(struct hvm_memmap_table_entry, 24);
    OFF(struct hvm_memmap_table_entry, type, 16);
    CHECK_EQ(XEN_HVM_START_MAGIC_VALUE, 0x336ec578);
    CHECK_EQ(XEN_HVM_MEMMAP_TYPE_PMEM, 7);
    CHECK_EQ(XEN_ELFNOTE_PHYS32_ENTRY, 18);
    CHECK_EQ(SIF_INITDOMAIN, 2);
}

static void test_misc(void)
{
    SIZE(struct sched_shutdown, 4);
    SIZE(struct sched_poll, 24);
    OFF(struct sched_poll, nr_ports, 8);
    OFF(struct sched_poll, timeout, 16);
    SIZE(struct sched_remote_shutdown, 8);
    SIZE(struct xen_feature_info, 8);
    SIZE(struct xen_compile_info, 144);
    SIZE(xen_extraversion_t, 16);
    SIZE(struct multicall_entry, 64);
    SIZE(struct cpu_user_regs, 200);
    OFF(struct cpu_user_regs, rax, 80);
    OFF(struct cpu_user_regs, error_code, 120);
    OFF(struct cpu_user_regs, rip, 128);
    OFF(struct cpu_user_regs, saved_upcall_mask, 140);
    OFF(struct cpu_user_regs, rflags, 144);
    OFF(struct cpu_user_regs, gs, 192);

    SIZE(struct xencons_interface, 3088);
    OFF(struct xencons_interface, out, 1024);
    OFF(struct xencons_interface, in_cons, 3072);
    OFF(struct xencons_interface, in_prod, 3076);
    OFF(struct xencons_interface, out_cons, 3080);
    OFF(struct xencons_interface, out_prod, 3084);

    CHECK_EQ(__HYPERVISOR_memory_op, 12);
    CHECK_EQ(__HYPERVISOR_xen_version, 17);
    CHECK_EQ(__HYPERVISOR_console_io, 18);
    CHECK_EQ(__HYPERVISOR_grant_table_op, 20);
    CHECK_EQ(__HYPERVISOR_vcpu_op, 24);
    CHECK_EQ(__HYPERVISOR_sched_op, 29);
    CHECK_EQ(__HYPERVISOR_event_channel_op, 32);
    CHECK_EQ(__HYPERVISOR_hvm_op, 34);
    CHECK_EQ(__HYPERVISOR_arch_0, 48);
    CHECK_EQ(DOMID_SELF, 0x7FF0);
    CHECK_EQ(DOMID_INVALID, 0x7FF4);
    CHECK_EQ(VIRQ_TIMER, 0);
    CHECK_EQ(VIRQ_CONSOLE, 2);
    CHECK_EQ(NR_VIRQS, 24);
    CHECK_EQ(SHUTDOWN_crash, 3);
    CHECK_EQ(SHUTDOWN_soft_reset, 5);
    CHECK_EQ(SCHEDOP_poll, 3);
    CHECK_EQ(XENVER_get_features, 6);
    CHECK_EQ(XEN_CPUID_SIGNATURE_EBX, 0x566e6558);
    CHECK_EQ(XEN_HVM_CPUID_UPCALL_VECTOR, 1u << 6);
    CHECK_EQ(__XEN_LATEST_INTERFACE_VERSION__, 0x00040e00);
}

/* The errno table: unique values in range, equal to the internal ones. */
static void test_errno(void)
{
    static unsigned char seen[XEN_ERRNO_MAX + 1];
    unsigned int dups = 0, out_of_range = 0, n = 0;

#define ROW(name, text)                                                 \
    do {                                                                \
        n++;                                                            \
        if ( XEN_##name <= 0 || XEN_##name > XEN_ERRNO_MAX )            \
            out_of_range++;                                             \
        else if ( seen[XEN_##name]++ )                                  \
            dups++;                                                     \
    } while ( 0 );
    XEN_ERRNO_TABLE(ROW)
#undef ROW
    CHECK_EQ(n, 49);
    CHECK_EQ(dups, 0);
    CHECK_EQ(out_of_range, 0);

    CHECK_EQ(XEN_EPERM, EPERM);
    CHECK_EQ(XEN_ENOENT, ENOENT);
    CHECK_EQ(XEN_ESRCH, ESRCH);
    CHECK_EQ(XEN_EFAULT, EFAULT);
    CHECK_EQ(XEN_EINVAL, EINVAL);
    CHECK_EQ(XEN_EEXIST, EEXIST);
    CHECK_EQ(XEN_EBUSY, EBUSY);
    CHECK_EQ(XEN_ENOMEM, ENOMEM);
    CHECK_EQ(XEN_ENOSPC, ENOSPC);
    CHECK_EQ(XEN_ENOSYS, ENOSYS);
    CHECK_EQ(XEN_ETIME, ETIME);
    CHECK_EQ(XEN_EOPNOTSUPP, EOPNOTSUPP);
    CHECK_EQ(XEN_EAGAIN, EAGAIN);
    CHECK_EQ(XEN_EROFS, EROFS);
    CHECK_EQ(XEN_ENOTEMPTY, ENOTEMPTY);
    CHECK_EQ(XEN_ECONNREFUSED, ECONNREFUSED);
    CHECK_EQ(XEN_EWOULDBLOCK, 11);
}

int main(void)
{
    test_shared_info();
    test_vcpu();
    test_evtchn();
    test_grant_table();
    test_memory_and_hvm();
    test_start_info();
    test_misc();
    test_errno();
    return test_done();
}
