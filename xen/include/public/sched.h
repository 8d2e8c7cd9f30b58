/* SPDX-License-Identifier: MIT */
/*
 * Scheduler operations (__HYPERVISOR_sched_op, 29): yield, block, poll,
 * shut down, watchdogs. SHUTDOWN_* reasons are defined in xen.h.
 *
 * Call: sched_op(cmd, arg). arg is the guest virtual address of the
 * structure named with each command, or NULL where stated.
 * Returns 0 or -XEN_E* unless stated otherwise.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "event_channel.h"

/*
 * SCHEDOP_yield: arg NULL. Give up the physical CPU to other runnable
 * vCPUs; the caller stays runnable.
 */
#define SCHEDOP_yield           0

/*
 * SCHEDOP_block: arg NULL. Sleep until an event is pending for this vCPU.
 * Clears the upcall mask first, so a PV guest cannot lose a wakeup. HVM
 * guests normally use HLT instead.
 */
#define SCHEDOP_block           1

/*
 * SCHEDOP_shutdown: arg -> struct sched_shutdown. Stop the whole calling
 * domain for the given reason; does not return on success except for
 * SHUTDOWN_suspend (returns 1 if the suspend was cancelled and the domain
 * resumed in place, 0 after a real resume).
 */
#define SCHEDOP_shutdown        2
struct sched_shutdown {
    uint32_t reason;        /* IN: SHUTDOWN_* (xen.h) */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/*
 * SCHEDOP_poll: arg -> struct sched_poll. Block until one of the listed
 * local ports is pending (the mask bits are ignored), the timeout passes,
 * or a spurious wakeup happens. Returns 0 at once if one is already
 * pending. 24 bytes on x86_64.
 */
#define SCHEDOP_poll            3
struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports; /* IN: array of local ports */
    uint32_t nr_ports;      /* IN: number of entries in ports */
    /* 4 bytes padding on x86_64 */
    uint64_t timeout;       /* IN: absolute system time in ns; 0 = none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);

/*
 * SCHEDOP_remote_shutdown: arg -> struct sched_remote_shutdown. Shut
 * down another domain (privileged callers only). 8 bytes.
 */
#define SCHEDOP_remote_shutdown 4
struct sched_remote_shutdown {
    domid_t domain_id;      /* IN: domain to shut down */
    /* 2 bytes padding */
    uint32_t reason;        /* IN: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/*
 * SCHEDOP_shutdown_code: arg -> struct sched_shutdown. Record the reason
 * the toolstack will see for a later shutdown (e.g. "crash" before a
 * kexec into a crash kernel) without shutting down now.
 */
#define SCHEDOP_shutdown_code   5

/*
 * SCHEDOP_watchdog: arg -> struct sched_watchdog. With id == 0, create a
 * watchdog and return its id (> 0); with id != 0, re-arm it with the new
 * timeout, or destroy it when timeout == 0. When a watchdog expires the
 * domain is shut down with SHUTDOWN_watchdog. 8 bytes.
 */
#define SCHEDOP_watchdog        6
struct sched_watchdog {
    uint32_t id;            /* IN: 0 = create, else the watchdog's id */
    uint32_t timeout;       /* IN: seconds until expiry; 0 = destroy */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

/*
 * SCHEDOP_pin_override: arg -> struct sched_pin_override. Hardware domain
 * only: temporarily pin the calling vCPU to a physical CPU (firmware
 * calls that must run on a given CPU); pcpu < 0 removes the override.
 */
#define SCHEDOP_pin_override    7
struct sched_pin_override {
    int32_t pcpu;           /* IN: physical CPU, or negative to undo */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);

#endif /* __XEN_PUBLIC_SCHED_H__ */
