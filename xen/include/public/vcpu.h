/* SPDX-License-Identifier: MIT */
/*
 * Per-vCPU operations (__HYPERVISOR_vcpu_op, 24): bringing vCPUs up and
 * down, timers, and registering guest memory areas the hypervisor keeps
 * up to date (vcpu_info, runstate, secondary pvclock).
 *
 * Call: vcpu_op(cmd, vcpuid, arg). vcpuid names a vCPU of the calling
 * domain; arg is the guest virtual address of the structure named with
 * each command, or NULL. Returns 0 or -XEN_E* unless stated.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

/*
 * VCPUOP_initialise: set the initial register state of a vCPU that has
 * not run yet. arg is a PV vcpu_guest_context or, for HVM/PVH, a
 * vcpu_hvm_context; neither is defined in Lamina's headers yet (Linux
 * PVH starts its APs with INIT/SIPI instead).
 */
#define VCPUOP_initialise           0

/* VCPUOP_up: arg NULL. Start an initialised vCPU. */
#define VCPUOP_up                   1

/* VCPUOP_down: arg NULL. Stop a vCPU; VCPUOP_up resumes it. */
#define VCPUOP_down                 2

/* VCPUOP_is_up: arg NULL. Returns 1 if the vCPU is up, 0 if down. */
#define VCPUOP_is_up                3

/*
 * VCPUOP_get_runstate_info: arg -> struct vcpu_runstate_info (OUT).
 * A snapshot of the vCPU's run-state accounting.
 */
#define VCPUOP_get_runstate_info    4

/*
 * Run-state accounting of one vCPU. 48 bytes on x86_64 (44 on x86_32,
 * where uint64_t is 4-byte aligned). All fields OUT.
 */
struct vcpu_runstate_info {
    int32_t  state;             /* OUT: RUNSTATE_* now */
    /* 4 bytes padding on x86_64 */
    /*
     * OUT: system time (ns) at which "state" was entered. While the
     * hypervisor rewrites the area it sets XEN_RUNSTATE_UPDATE in this
     * field, if the guest enabled VMASST_TYPE_runstate_update_flag.
     */
    uint64_t state_entry_time;
    uint64_t time[4];           /* OUT: total ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

#define RUNSTATE_running   0    /* running on a physical CPU */
#define RUNSTATE_runnable  1    /* wants to run, waiting for a CPU (steal) */
#define RUNSTATE_blocked   2    /* halted or blocked, waiting for an event */
#define RUNSTATE_offline   3    /* down, or paused by the toolstack */

/* Bit 63 of state_entry_time: an update is in progress, read again. */
#define XEN_RUNSTATE_UPDATE  (xen_mk_ullong(1) << 63)

/*
 * VCPUOP_register_runstate_memory_area: arg ->
 * struct vcpu_register_runstate_memory_area. From now on the hypervisor
 * copies the vCPU's vcpu_runstate_info to the given guest virtual
 * address whenever the vCPU is scheduled in or out (and at once). The
 * address is translated with the vCPU's page tables at update time.
 * Linux treats failure as fatal.
 */
#define VCPUOP_register_runstate_memory_area 5
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h; /* IN: GVA as handle */
        struct vcpu_runstate_info *v;             /* IN: GVA as pointer */
        uint64_t p;     /* IN: GVA as number; a GPA for *_phys_area */
    } addr;             /* 8 bytes */
};
typedef struct vcpu_register_runstate_memory_area
    vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

/*
 * VCPUOP_set_periodic_timer: arg -> struct vcpu_set_periodic_timer.
 * Raise VIRQ_TIMER on this vCPU every period_ns. -XEN_EINVAL for periods
 * below the hypervisor's minimum (1 ms in Xen).
 */
#define VCPUOP_set_periodic_timer   6
struct vcpu_set_periodic_timer {
    uint64_t period_ns;     /* IN: period in nanoseconds */
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/* VCPUOP_stop_periodic_timer: arg NULL. Cancel the periodic timer. */
#define VCPUOP_stop_periodic_timer  7

/*
 * VCPUOP_set_singleshot_timer: arg -> struct vcpu_set_singleshot_timer.
 * Raise VIRQ_TIMER on this vCPU once, when system time (the pvclock)
 * reaches timeout_abs_ns. A deadline already in the past fires at once,
 * unless VCPU_SSHOTTMR_future is set, in which case the call fails with
 * -XEN_ETIME. Replaces any earlier singleshot deadline. 16 bytes.
 */
#define VCPUOP_set_singleshot_timer 8
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;    /* IN: absolute system time, ns */
    uint32_t flags;             /* IN: VCPU_SSHOTTMR_* */
    /* 4 bytes padding on x86_64 */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

#define _VCPU_SSHOTTMR_future   0
#define VCPU_SSHOTTMR_future    (1U << _VCPU_SSHOTTMR_future)

/* VCPUOP_stop_singleshot_timer: arg NULL. Cancel the singleshot timer. */
#define VCPUOP_stop_singleshot_timer 9

/*
 * VCPUOP_register_vcpu_info: arg -> struct vcpu_register_vcpu_info.
 * Move this vCPU's struct vcpu_info (xen.h) out of shared_info to
 * guest frame "mfn" at byte "offset". The 64-byte area must not cross a
 * page boundary. Allowed once per vCPU (-XEN_EINVAL on a second call).
 * The current contents are copied over; afterwards only the new area is
 * updated. 16 bytes.
 */
#define VCPUOP_register_vcpu_info   10
struct vcpu_register_vcpu_info {
    uint64_t mfn;       /* IN: guest frame number (a GFN for HVM/PVH) */
    uint32_t offset;    /* IN: byte offset of vcpu_info in that frame */
    uint32_t rsvd;      /* IN: zero */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

/* VCPUOP_send_nmi: arg NULL. Inject an NMI into the vCPU. */
#define VCPUOP_send_nmi             11

/*
 * VCPUOP_get_physid: arg -> struct vcpu_get_physid (OUT). Hardware
 * domain only: the identity of the physical CPU with the same number.
 */
#define VCPUOP_get_physid           12
struct vcpu_get_physid {
    uint64_t phys_id;   /* OUT: bits 7:0 APIC id, bits 15:8 ACPI id */
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)((physid) & 0xff))
#define xen_vcpu_physid_to_x86_acpiid(physid) \
    ((uint32_t)(((physid) >> 8) & 0xff))

/*
 * VCPUOP_register_vcpu_time_memory_area: arg ->
 * struct vcpu_register_time_memory_area. Keep a second copy of this
 * vCPU's vcpu_time_info at the given guest virtual address (Linux maps it
 * into its vDSO). 8 bytes.
 */
#define VCPUOP_register_vcpu_time_memory_area 13
struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;   /* IN: GVA as handle */
        struct vcpu_time_info *v;               /* IN: GVA as pointer */
        uint64_t p;     /* IN: GVA as number; a GPA for *_phys_area */
    } addr;             /* 8 bytes */
};
typedef struct vcpu_register_time_memory_area
    vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

/*
 * Physical-address forms of the two registrations above (added in Xen
 * 4.18; advertised by XENFEAT_runstate_phys_area and
 * XENFEAT_vcpu_time_phys_area). Same structures, with addr.p holding a
 * guest physical address; the area must not cross a page boundary.
 */
#define VCPUOP_register_runstate_phys_area   14
#define VCPUOP_register_vcpu_time_phys_area  15

#endif /* __XEN_PUBLIC_VCPU_H__ */
