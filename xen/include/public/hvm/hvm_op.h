/* SPDX-License-Identifier: MIT */
/*
 * HVM operations (__HYPERVISOR_hvm_op, 34): reading and writing HVM
 * parameters (hvm/params.h), the event-channel upcall vector, time and
 * paging hints used by HVM/PVH guests.
 *
 * Call: hvm_op(cmd, arg). arg is the guest virtual address of the
 * structure named with each command, or NULL. Returns 0 or -XEN_E*.
 * Device-model operations Xen moved to dm_op are not listed.
 */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"

/*
 * HVMOP_set_param / HVMOP_get_param: arg -> struct xen_hvm_param. Write
 * or read one HVM_PARAM_* value of "domid". A guest may read most
 * parameters of itself but write only a few (CALLBACK_IRQ, ...); the
 * others are set by the toolstack. 16 bytes.
 */
#define HVMOP_set_param           0
#define HVMOP_get_param           1
struct xen_hvm_param {
    domid_t  domid;     /* IN: DOMID_SELF or (toolstack) a domid */
    uint16_t pad;       /* IN: zero */
    uint32_t index;     /* IN: HVM_PARAM_* */
    uint64_t value;     /* IN (set) / OUT (get) */
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

/* 2..4 were interrupt-routing operations, now in dm_op. */

/* HVMOP_flush_tlbs: arg NULL. Flush the TLBs of all the caller's vCPUs. */
#define HVMOP_flush_tlbs          5

/* 6..8 were device-model operations, now in dm_op. */

/*
 * HVMOP_pagetable_dying: arg -> struct xen_hvm_pagetable_dying. Hint
 * that the top-level page table at gpa is about to be freed (lets a
 * shadow-paging hypervisor drop its shadows early). Optional: Linux
 * probes it once and copes with -XEN_ENOSYS. 16 bytes.
 */
#define HVMOP_pagetable_dying     9
struct xen_hvm_pagetable_dying {
    domid_t  domid;     /* IN: DOMID_SELF */
    uint16_t pad[3];    /* IN: zero */
    uint64_t gpa;       /* IN: guest physical address of the table */
};
typedef struct xen_hvm_pagetable_dying xen_hvm_pagetable_dying_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_pagetable_dying_t);

/*
 * HVMOP_get_time: arg -> struct xen_hvm_get_time. The hypervisor's
 * system time. 8 bytes.
 */
#define HVMOP_get_time            10
struct xen_hvm_get_time {
    uint64_t now;       /* OUT: ns since hypervisor boot */
};
typedef struct xen_hvm_get_time xen_hvm_get_time_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_time_t);

/* HVMOP_xentrace: write a trace record (tracing builds). */
#define HVMOP_xentrace            11

/* 12..14 were memory-access operations (deprecated / moved). */

/*
 * HVMOP_get_mem_type: arg -> struct xen_hvm_get_mem_type. The p2m type
 * of one guest frame (HVMMEM_*). Used by Linux's kdump kernel to skip
 * MMIO. 16 bytes.
 */
#define HVMOP_get_mem_type        15
struct xen_hvm_get_mem_type {
    domid_t  domid;     /* IN: DOMID_SELF */
    uint16_t mem_type;  /* OUT: HVMMEM_* */
    uint16_t pad[2];    /* zero */
    uint64_t pfn;       /* IN: guest frame number */
};
typedef struct xen_hvm_get_mem_type xen_hvm_get_mem_type_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_get_mem_type_t);

/* p2m types reported by HVMOP_get_mem_type. */
#define HVMMEM_ram_rw           0  /* ordinary read/write RAM */
#define HVMMEM_ram_ro           1  /* read-only RAM, writes dropped */
#define HVMMEM_mmio_dm          2  /* emulated by a device model */
#define HVMMEM_unused           3  /* retired value */
#define HVMMEM_ioreq_server     4  /* claimed by an ioreq server */

/* 16..22 were device-model operations, now in dm_op. */

/*
 * HVMOP_set_evtchn_upcall_vector (x86): arg ->
 * struct xen_hvm_evtchn_upcall_vector. Deliver this vCPU's event-channel
 * upcall as an ordinary LAPIC interrupt with the given vector (edge,
 * needs EOI), instead of through HVM_PARAM_CALLBACK_IRQ. Offered when
 * CPUID leaf base+4 has XEN_HVM_CPUID_UPCALL_VECTOR. 8 bytes.
 */
#define HVMOP_set_evtchn_upcall_vector 23
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;      /* IN: vCPU id */
    uint8_t  vector;    /* IN: interrupt vector, 0x10 .. 0xff */
    /* 3 bytes padding */
};
typedef struct xen_hvm_evtchn_upcall_vector xen_hvm_evtchn_upcall_vector_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_evtchn_upcall_vector_t);

/* HVMOP_guest_request_vm_event: arg NULL. Notify a monitoring tool. */
#define HVMOP_guest_request_vm_event 24

/* HVMOP_altp2m: alternate p2m views (not described here). */
#define HVMOP_altp2m              25

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
