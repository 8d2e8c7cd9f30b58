/* SPDX-License-Identifier: MIT */
/*
 * Core guest interface: hypercall numbers, virtual IRQ numbers, domain id
 * constants, the shared_info page with its per-vCPU vcpu_info and pvclock
 * (vcpu_time_info), start-of-day flags, shutdown reasons and console_io
 * commands. Every other public header includes this one.
 *
 * Numbers and layouts are Xen's (4.17); the text is Lamina's. Hypercall
 * sub-operations live in the per-area headers (memory.h, vcpu.h, ...).
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include "xen-compat.h"

#if defined(__i386__) || defined(__x86_64__)
#include "arch-x86/xen.h"
#else
#error "Lamina public headers: unsupported architecture"
#endif

/* Guest handles to plain C types, used by many sub-operations. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/* Make an unsigned constant of the given width from a plain number. */
#define xen_mk_uint(x)    (x ## U)
#define xen_mk_ulong(x)   (x ## UL)
#define xen_mk_ullong(x)  (x ## ULL)

/*
 * Size of a trailing variable-length array member ("char buf[]"). C99
 * flexible array members; older compilers get the GNU zero-length form.
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM  /* empty: C99 flexible array member */
#else
#define XEN_FLEX_ARRAY_DIM  1
#endif

/*
 * Hypercall numbers.
 *
 * A 64-bit guest puts the number in RAX and up to five arguments in RDI,
 * RSI, RDX, R10 and R8, then executes VMCALL (Intel) or VMMCALL (AMD), or
 * calls slot <number> (32 bytes each) of the hypercall page. The result
 * comes back in RAX: >= 0 on success, -XEN_E* (errno.h) on failure.
 * Pointer arguments are guest virtual addresses.
 *
 * Entries marked "PV" belong to classic paravirtualised guests; Lamina
 * answers them with -ENOSYS for HVM/PVH guests, as Xen does.
 */
#define __HYPERVISOR_set_trap_table        0  /* PV */
#define __HYPERVISOR_mmu_update            1  /* PV */
#define __HYPERVISOR_set_gdt               2  /* PV */
#define __HYPERVISOR_stack_switch          3  /* PV */
#define __HYPERVISOR_set_callbacks         4  /* PV */
#define __HYPERVISOR_fpu_taskswitch        5  /* PV */
#define __HYPERVISOR_sched_op_compat       6  /* old form of sched_op */
#define __HYPERVISOR_platform_op           7  /* hardware domain only */
#define __HYPERVISOR_set_debugreg          8  /* PV */
#define __HYPERVISOR_get_debugreg          9  /* PV */
#define __HYPERVISOR_update_descriptor    10  /* PV */
/* 11 is unused. */
#define __HYPERVISOR_memory_op            12  /* memory.h XENMEM_* */
#define __HYPERVISOR_multicall            13  /* batch of hypercalls */
#define __HYPERVISOR_update_va_mapping    14  /* PV */
#define __HYPERVISOR_set_timer_op         15  /* one-shot timer, abs ns */
#define __HYPERVISOR_event_channel_op_compat 16 /* old event_channel_op */
#define __HYPERVISOR_xen_version          17  /* version.h XENVER_* */
#define __HYPERVISOR_console_io           18  /* CONSOLEIO_* below */
#define __HYPERVISOR_physdev_op_compat    19  /* old physdev_op */
#define __HYPERVISOR_grant_table_op       20  /* grant_table.h GNTTABOP_* */
#define __HYPERVISOR_vm_assist            21  /* VMASST_* below */
#define __HYPERVISOR_update_va_mapping_otherdomain 22 /* PV */
#define __HYPERVISOR_iret                 23  /* PV, x86 only */
#define __HYPERVISOR_vcpu_op              24  /* vcpu.h VCPUOP_* */
#define __HYPERVISOR_set_segment_base     25  /* PV, x86_64 only */
#define __HYPERVISOR_mmuext_op            26  /* PV */
#define __HYPERVISOR_xsm_op               27  /* security module */
#define __HYPERVISOR_nmi_op               28  /* PV */
#define __HYPERVISOR_sched_op             29  /* sched.h SCHEDOP_* */
#define __HYPERVISOR_callback_op          30  /* PV */
#define __HYPERVISOR_xenoprof_op          31  /* profiling */
#define __HYPERVISOR_event_channel_op     32  /* event_channel.h */
#define __HYPERVISOR_physdev_op           33  /* physical devices */
#define __HYPERVISOR_hvm_op               34  /* hvm/hvm_op.h HVMOP_* */
#define __HYPERVISOR_sysctl               35  /* tools only */
#define __HYPERVISOR_domctl               36  /* tools only */
#define __HYPERVISOR_kexec_op             37
#define __HYPERVISOR_tmem_op              38  /* retired, always -ENOSYS */
#define __HYPERVISOR_argo_op              39
#define __HYPERVISOR_xenpmu_op            40
#define __HYPERVISOR_dm_op                41  /* device models */
#define __HYPERVISOR_hypfs_op             42

/* Eight numbers reserved for architecture-specific hypercalls. */
#define __HYPERVISOR_arch_0               48
#define __HYPERVISOR_arch_1               49
#define __HYPERVISOR_arch_2               50
#define __HYPERVISOR_arch_3               51
#define __HYPERVISOR_arch_4               52
#define __HYPERVISOR_arch_5               53
#define __HYPERVISOR_arch_6               54
#define __HYPERVISOR_arch_7               55

/* x86 uses two of them. */
#define __HYPERVISOR_mca                  __HYPERVISOR_arch_0
#define __HYPERVISOR_paging_domctl_cont   __HYPERVISOR_arch_1

/*
 * Virtual IRQs: events the hypervisor raises itself, bound to a port with
 * EVTCHNOP_bind_virq. "per-vCPU" VIRQs are bound once on each vCPU;
 * "global" VIRQs once per domain (first on vCPU 0, movable later).
 */
#define VIRQ_TIMER       0  /* per-vCPU: singleshot/periodic timer fired */
#define VIRQ_DEBUG       1  /* per-vCPU: please dump debug state */
#define VIRQ_CONSOLE     2  /* global, dom0: console input available */
#define VIRQ_DOM_EXC     3  /* global, dom0: a domain crashed/shut down */
#define VIRQ_TBUF        4  /* global, dom0: trace buffer has data */
/* 5 is unused. */
#define VIRQ_DEBUGGER    6  /* global, dom0: a domain paused for debug */
#define VIRQ_XENOPROF    7  /* per-vCPU: profiling sample available */
#define VIRQ_CON_RING    8  /* global, dom0: hypervisor console output */
#define VIRQ_PCPU_STATE  9  /* global, dom0: physical CPU state changed */
#define VIRQ_MEM_EVENT  10  /* global, dom0: memory event pending */
#define VIRQ_ARGO       11  /* global: Argo message arrived */
#define VIRQ_ENOMEM     12  /* global, dom0: hypervisor heap low */
#define VIRQ_XENPMU     13  /* per-vCPU: performance counter interrupt */

/* 16..23 are reserved for the architecture (x86: VIRQ_MCA = 16). */
#define VIRQ_ARCH_0     16
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23

#define NR_VIRQS        24  /* valid VIRQ numbers are 0 .. NR_VIRQS-1 */

/*
 * console_io(cmd, count, buffer): hypervisor emergency console.
 *   cmd     IN  CONSOLEIO_write or CONSOLEIO_read
 *   count   IN  number of bytes in / room in buffer
 *   buffer  IN  guest virtual address of the bytes
 * write returns 0 (or the bytes written) on success; read returns the
 * number of bytes stored. Unprivileged domains may be refused (-EPERM).
 */
#define CONSOLEIO_write         0
#define CONSOLEIO_read          1

/*
 * vm_assist(cmd, type): switch optional hypervisor behaviours on or off
 * for the calling domain.
 */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1

#define VMASST_TYPE_4gb_segments         0  /* PV, 32-bit only */
#define VMASST_TYPE_4gb_segments_notify  1  /* PV, 32-bit only */
#define VMASST_TYPE_writable_pagetables  2  /* PV */
#define VMASST_TYPE_pae_extended_cr3     3  /* PV, 32-bit only */
#define VMASST_TYPE_architectural_iopl   4  /* PV */
/*
 * Set XEN_RUNSTATE_UPDATE (vcpu.h) in state_entry_time while the
 * hypervisor rewrites a registered runstate area, so that a guest reading
 * it concurrently can retry.
 */
#define VMASST_TYPE_runstate_update_flag 5
#define VMASST_TYPE_m2p_strict           32 /* PV, 64-bit only */

/*
 * Domain ids. 0 .. DOMID_FIRST_RESERVED-1 name real domains; the values
 * from DOMID_FIRST_RESERVED up are special tokens.
 */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0) /* the calling domain */
#define DOMID_IO             xen_mk_uint(0x7FF1) /* owner of I/O memory */
#define DOMID_XEN            xen_mk_uint(0x7FF2) /* the hypervisor */
#define DOMID_COW            xen_mk_uint(0x7FF3) /* shared (COW) pages */
#define DOMID_INVALID        xen_mk_uint(0x7FF4) /* "no domain" */
#define DOMID_IDLE           xen_mk_uint(0x7FFF) /* idle vCPUs' domain */
#define DOMID_MASK           xen_mk_uint(0x7FFF) /* bits a domid may use */

typedef uint16_t domid_t;

/*
 * Domain handle: a 16-byte opaque identifier (a UUID) chosen by the
 * toolstack at creation time and reported by XENVER_guest_handle.
 */
typedef uint8_t xen_domain_handle_t[16];

/*
 * One entry of a multicall(entries, nr) batch. 64 bytes on x86_64.
 */
struct multicall_entry {
    xen_ulong_t op;         /* IN: __HYPERVISOR_* number */
    xen_ulong_t result;     /* OUT: what the hypercall returned */
    xen_ulong_t args[6];    /* IN: its arguments, in register order */
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Paravirtual clock of one vCPU ("pvclock"). 32 bytes.
 *
 * The hypervisor updates it as a seqlock: version becomes odd, the fields
 * are rewritten, version becomes even again. A reader copies the fields
 * and retries while version was odd or changed meanwhile. Then
 *
 *   delta = rdtsc() - tsc_timestamp
 *   delta = tsc_shift >= 0 ? delta << tsc_shift : delta >> -tsc_shift
 *   now   = system_time + ((delta * tsc_to_system_mul) >> 32)
 *
 * gives nanoseconds since the domain's time base (its creation). All
 * fields are OUT (written by the hypervisor, read by the guest).
 */
struct vcpu_time_info {
    uint32_t version;           /* OUT: odd while an update is in progress */
    uint32_t pad0;              /* zero */
    uint64_t tsc_timestamp;     /* OUT: guest TSC value at the last update */
    uint64_t system_time;       /* OUT: ns since time base at that TSC */
    uint32_t tsc_to_system_mul; /* OUT: TSC ticks -> ns, 32.32 fixed point */
    int8_t   tsc_shift;         /* OUT: pre-shift of the TSC delta (signed) */
    uint8_t  flags;             /* OUT: XEN_PVCLOCK_* */
    uint8_t  pad1[2];           /* zero */
};
typedef struct vcpu_time_info vcpu_time_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);

/* TSC is synchronised across vCPUs: readers may skip cross-vCPU clamping. */
#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)
/* The vCPU was paused by the toolstack; guest watchdogs should not fire. */
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

/*
 * Per-vCPU event and time state. 64 bytes on both x86 widths.
 *
 * The first XEN_LEGACY_MAX_VCPUS of these sit at the start of
 * shared_info; a vCPU may move its own to any guest page with
 * VCPUOP_register_vcpu_info, after which only the registered copy is
 * updated.
 *
 * Event delivery (2-level ABI): when port P becomes pending and unmasked
 * the hypervisor sets bit P / bits-per-word in evtchn_pending_sel, then
 * sets evtchn_upcall_pending and raises the upcall. The guest clears
 * evtchn_upcall_pending first, then exchanges evtchn_pending_sel with 0
 * and scans the shared_info bitmaps for the words named in it.
 */
struct vcpu_info {
    uint8_t  evtchn_upcall_pending; /* IN/OUT: 1 = events await the vCPU */
    uint8_t  evtchn_upcall_mask;    /* IN (PV): 1 = upcalls held back */
    /* 2 (x86_32) or 6 (x86_64) bytes of padding, implied by alignment */
    xen_ulong_t evtchn_pending_sel; /* IN/OUT: pending word selector */
    struct arch_vcpu_info arch;     /* arch-specific, see arch header */
    struct vcpu_time_info time;     /* OUT: pvclock, at offset 32 */
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The shared-info page: one 4 KiB page per domain that the guest maps
 * with XENMEM_add_to_physmap(XENMAPSPACE_shared_info). x86_64 layout:
 *
 *   offset    0  vcpu_info[32]        (64 bytes each)
 *   offset 2048  evtchn_pending[64]   (one bit per port, 4096 ports)
 *   offset 2560  evtchn_mask[64]
 *   offset 3072  wc_version, wc_sec, wc_nsec, wc_sec_hi
 *   offset 3088  arch (48 bytes)       -- 3136 bytes used
 *
 * Guests must not rely on the size of this structure; the rest of the
 * page is reserved.
 */
struct shared_info {
    /* Embedded vcpu_info of vCPUs 0..31 (see struct vcpu_info). */
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];

    /*
     * 2-level event channel bitmaps, bit P for port P.
     * evtchn_pending: IN/OUT. Set by the hypervisor (atomically) when an
     *   event arrives; cleared by the guest when it handles the port.
     * evtchn_mask: IN. Owned by the guest; the hypervisor only reads it.
     *   A masked port still becomes pending but raises no upcall until
     *   EVTCHNOP_unmask.
     */
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];

    /*
     * Wall clock: the UTC time (seconds + ns since 1970-01-01) that
     * corresponds to pvclock system time 0. Guest wall time is
     * wc + vcpu_time_info's "now". Updated with the same odd/even
     * wc_version protocol as vcpu_time_info. All OUT.
     */
    uint32_t wc_version;        /* OUT: odd while an update is in progress */
    uint32_t wc_sec;            /* OUT: seconds, low 32 bits */
    uint32_t wc_nsec;           /* OUT: nanoseconds, 0 .. 999999999 */
#if defined(__x86_64__)
    uint32_t wc_sec_hi;         /* OUT: seconds, high 32 bits */
#define xen_wc_sec_hi wc_sec_hi
#else
#define xen_wc_sec_hi arch.wc_sec_hi  /* 32-bit: kept in the arch part */
#endif

    /* Arch-specific part (PV bookkeeping on x86). */
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;

/*
 * Start-of-day flags (hvm_start_info.flags, and the PV start_info).
 */
#define SIF_PRIVILEGED      (1 << 0)  /* domain may use privileged ops */
#define SIF_INITDOMAIN      (1 << 1)  /* this is the initial domain (dom0) */
#define SIF_MULTIBOOT_MOD   (1 << 2)  /* PV: module is a multiboot list */
#define SIF_MOD_START_PFN   (1 << 3)  /* PV: mod_start is a frame number */
#define SIF_VIRT_P2M_4TOOLS (1 << 4)  /* PV: tools read the linear p2m */
#define SIF_PM_MASK         (0xFF << 8) /* reserved for power management */

/*
 * Shutdown reasons: SCHEDOP_shutdown's sched_shutdown.reason (sched.h),
 * SCHEDOP_remote_shutdown, and HVM_PARAM_TRIPLE_FAULT_REASON. Kept here
 * because they are also reported to the toolstack outside sched_op.
 */
#define SHUTDOWN_poweroff    0  /* domain exited normally; clean up */
#define SHUTDOWN_reboot      1  /* clean up, then start the domain again */
#define SHUTDOWN_suspend     2  /* state saved; keep it for a later resume */
#define SHUTDOWN_crash       3  /* domain crashed (guest panic, #TF, ...) */
#define SHUTDOWN_watchdog    4  /* a SCHEDOP_watchdog timer expired */
#define SHUTDOWN_soft_reset  5  /* reset state, keep memory (kexec/kdump) */
#define SHUTDOWN_MAX         5  /* highest valid reason */

#endif /* __XEN_PUBLIC_XEN_H__ */
