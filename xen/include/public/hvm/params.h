/* SPDX-License-Identifier: MIT */
/*
 * HVM parameters: the per-domain 64-bit values read and written with
 * HVMOP_get_param / HVMOP_set_param (hvm_op.h). Most are set by the
 * toolstack when it builds the domain and read by the guest.
 *
 * A value of 0 generally means "not configured".
 */
#ifndef __XEN_PUBLIC_HVM_PARAMS_H__
#define __XEN_PUBLIC_HVM_PARAMS_H__

#include "hvm_op.h"

/*
 * How event-channel upcalls reach the guest (written by the guest).
 * value == 0: no upcalls. Otherwise bits 63:56 are the type:
 *   TYPE_GSI       bits 55:0 are a GSI (0 is not usable)
 *   TYPE_PCI_INTX  bits 47:32 PCI segment, 31:16 bus, 15:8 devfn,
 *                  1:0 INTx pin
 *   TYPE_VECTOR    bits 7:0 are an IDT vector injected directly (not
 *                  through the LAPIC) while vcpu_info's
 *                  evtchn_upcall_pending is set; needs
 *                  XENFEAT_hvm_callback_vector. Linux PVH writes
 *                  (2 << 56) | 0xF3.
 */
#define HVM_PARAM_CALLBACK_IRQ              0
#define HVM_PARAM_CALLBACK_IRQ_TYPE_MASK    xen_mk_ullong(0xFF00000000000000)
#define HVM_PARAM_CALLBACK_TYPE_GSI         0
#define HVM_PARAM_CALLBACK_TYPE_PCI_INTX    1
#define HVM_PARAM_CALLBACK_TYPE_VECTOR      2

/*
 * Xenstore ring: guest frame number of the xenstore_domain_interface page
 * and the (already connected) event-channel port to the store daemon.
 * Set by the toolstack. STORE_PFN ~0 means "wait, it will be set later".
 */
#define HVM_PARAM_STORE_PFN                 1
#define HVM_PARAM_STORE_EVTCHN              2

/* 3 is unused. */

#define HVM_PARAM_PAE_ENABLED               4  /* deprecated */

/* Device-model ioreq pages (synchronous and buffered) and buffer port. */
#define HVM_PARAM_IOREQ_PFN                 5
#define HVM_PARAM_BUFIOREQ_PFN              6

/* 7 and 8 are unused. */

/* Viridian (Hyper-V) enlightenment mask, HVMPV_* bits. */
#define HVM_PARAM_VIRIDIAN                  9

/*
 * Virtual timer mode for emulated timers (PIT, RTC, HPET, LAPIC):
 * what to do with ticks missed while the vCPU was not running.
 */
#define HVM_PARAM_TIMER_MODE                10
#define HVMPTM_delay_for_missed_ticks       0  /* deliver late, catch up */
#define HVMPTM_no_delay_for_missed_ticks    1  /* deliver, track wall time */
#define HVMPTM_no_missed_ticks_pending      2  /* drop missed ticks */
#define HVMPTM_one_missed_tick_pending      3  /* fold into one late tick */

#define HVM_PARAM_HPET_ENABLED              11 /* bool: emulate an HPET */
#define HVM_PARAM_IDENT_PT                  12 /* GPA: identity PT, EPT */
#define HVM_PARAM_DM_DOMAIN                 13 /* deprecated */
#define HVM_PARAM_ACPI_S_STATE              14 /* 0 = S0, 3 = S3 */
#define HVM_PARAM_VM86_TSS                  15 /* GPA: TSS for real mode */
#define HVM_PARAM_VPT_ALIGN                 16 /* bool: align timer ticks */

/*
 * Primary PV console: guest frame number of the xencons_interface page
 * (io/console.h) and its event-channel port. Set by the toolstack; Linux
 * needs both non-zero to use hvc0 early.
 */
#define HVM_PARAM_CONSOLE_PFN               17
#define HVM_PARAM_CONSOLE_EVTCHN            18

/* ACPI PM register block location: 0 = legacy, 1 = QEMU's. */
#define HVM_PARAM_ACPI_IOPORTS_LOCATION     19

/* 20..23, 25 and 30 are retired memory-event parameters. */
#define HVM_PARAM_NESTEDHVM                 24 /* deprecated */
#define HVM_PARAM_BUFIOREQ_EVTCHN           26 /* port for buffered ioreq */

/* Guest frames of the paging, monitor and sharing vm_event rings. */
#define HVM_PARAM_PAGING_RING_PFN           27
#define HVM_PARAM_MONITOR_RING_PFN          28
#define HVM_PARAM_SHARING_RING_PFN          29

/*
 * What a guest triple fault does to the domain: the SHUTDOWN_* reason
 * (xen.h) it is shut down with. Set by the toolstack; the initial value
 * 0 is SHUTDOWN_poweroff.
 */
#define HVM_PARAM_TRIPLE_FAULT_REASON       31

/* First frame and number of frames reserved for ioreq servers. */
#define HVM_PARAM_IOREQ_SERVER_PFN          32
#define HVM_PARAM_NR_IOREQ_SERVER_PAGES     33

/* GPA of the VM generation id (Windows VM-GenID), 0 = none. */
#define HVM_PARAM_VM_GENERATION_ID_ADDR     34

/* Alternate-p2m mode. */
#define HVM_PARAM_ALTP2M                    35
#define XEN_ALTP2M_disabled                 0
#define XEN_ALTP2M_mixed                    1
#define XEN_ALTP2M_external                 2
#define XEN_ALTP2M_limited                  3

/* x87 FIP/FDP save width: 0 = hypervisor decides, 4 or 8 bytes. */
#define HVM_PARAM_X87_FIP_WIDTH             36

/* TSS for real mode: address in bits 31:0, size in bits 63:32. */
#define HVM_PARAM_VM86_TSS_SIZED            37

/* Machine-check capabilities offered to the guest. */
#define HVM_PARAM_MCA_CAP                   38
#define XEN_HVM_MCA_CAP_LMCE                (xen_mk_ullong(1) << 0)
#define XEN_HVM_MCA_CAP_MASK                XEN_HVM_MCA_CAP_LMCE

/* Number of parameter slots; valid indexes are 0 .. HVM_NR_PARAMS-1. */
#define HVM_NR_PARAMS                       39

#endif /* __XEN_PUBLIC_HVM_PARAMS_H__ */
