/* SPDX-License-Identifier: MIT */
/*
 * Event channels (__HYPERVISOR_event_channel_op, 32): ports, the
 * EVTCHNOP_* sub-operations and their argument structures, and the
 * constants of the 2-level and FIFO delivery ABIs.
 *
 * Call: event_channel_op(cmd, arg). arg is the guest virtual address of
 * the structure named with each command. Returns 0 or -XEN_E*.
 * Port 0 is never a valid channel.
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

/* A port number: index of a channel within its domain. */
typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/*
 * Sub-operation numbers. The structure each one takes follows below, in
 * the same order.
 */
#define EVTCHNOP_bind_interdomain  0
#define EVTCHNOP_bind_virq         1
#define EVTCHNOP_bind_pirq         2
#define EVTCHNOP_close             3
#define EVTCHNOP_send              4
#define EVTCHNOP_status            5
#define EVTCHNOP_alloc_unbound     6
#define EVTCHNOP_bind_ipi          7
#define EVTCHNOP_bind_vcpu         8
#define EVTCHNOP_unmask            9
#define EVTCHNOP_reset            10
#define EVTCHNOP_init_control     11
#define EVTCHNOP_expand_array     12
#define EVTCHNOP_set_priority     13
#define EVTCHNOP_reset_cont       14

/*
 * EVTCHNOP_alloc_unbound: allocate a port in domain "dom" that only
 * "remote_dom" may later connect to with EVTCHNOP_bind_interdomain.
 * 8 bytes. -XEN_ENOSPC if the domain has no free port.
 */
struct evtchn_alloc_unbound {
    domid_t dom;            /* IN: owner of the new port (DOMID_SELF) */
    domid_t remote_dom;     /* IN: domain allowed to connect */
    evtchn_port_t port;     /* OUT: the new port */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/*
 * EVTCHNOP_bind_interdomain: connect a new local port to an unbound port
 * of another domain that was allocated for the caller. Both ends become
 * "interdomain". 12 bytes.
 */
struct evtchn_bind_interdomain {
    domid_t remote_dom;           /* IN: the other domain */
    /* 2 bytes padding */
    evtchn_port_t remote_port;    /* IN: its unbound port */
    evtchn_port_t local_port;     /* OUT: the new local port */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/*
 * EVTCHNOP_bind_virq: bind a VIRQ_* (xen.h) to a new port notified on
 * "vcpu". Per-vCPU VIRQs may be bound once per vCPU; global VIRQs once
 * per domain, on vCPU 0. -XEN_EEXIST if already bound. 12 bytes.
 */
struct evtchn_bind_virq {
    uint32_t virq;          /* IN: VIRQ_* number */
    uint32_t vcpu;          /* IN: vCPU to notify */
    evtchn_port_t port;     /* OUT: the new port */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

/*
 * EVTCHNOP_bind_pirq: bind a physical IRQ (privileged domains, or PV
 * guests with passed-through devices). 12 bytes.
 */
struct evtchn_bind_pirq {
    uint32_t pirq;          /* IN: physical IRQ number */
#define BIND_PIRQ__WILL_SHARE 1  /* IN flag: other domains may share it */
    uint32_t flags;         /* IN: BIND_PIRQ__* */
    evtchn_port_t port;     /* OUT: the new port */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

/*
 * EVTCHNOP_bind_ipi: allocate a port for events the domain sends to
 * itself; raising it notifies "vcpu". 8 bytes.
 */
struct evtchn_bind_ipi {
    uint32_t vcpu;          /* IN: vCPU to notify */
    evtchn_port_t port;     /* OUT: the new port */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

/*
 * EVTCHNOP_close: close a local port. An interdomain peer's port becomes
 * unbound again (it may be reconnected). 4 bytes.
 */
struct evtchn_close {
    evtchn_port_t port;     /* IN: local port */
};
typedef struct evtchn_close evtchn_close_t;

/*
 * EVTCHNOP_send: raise the event at the other end of an interdomain port,
 * or on the port itself for an IPI port. 4 bytes.
 */
struct evtchn_send {
    evtchn_port_t port;     /* IN: local port */
};
typedef struct evtchn_send evtchn_send_t;

/*
 * EVTCHNOP_status: describe a port of "dom" (DOMID_SELF, or any domain
 * for a privileged caller). 24 bytes; the union at offset 16 is 8 bytes.
 */
#define EVTCHNSTAT_closed       0  /* port is free */
#define EVTCHNSTAT_unbound      1  /* waiting for a remote connection */
#define EVTCHNSTAT_interdomain  2  /* connected to another domain */
#define EVTCHNSTAT_pirq         3  /* bound to a physical IRQ */
#define EVTCHNSTAT_virq         4  /* bound to a virtual IRQ */
#define EVTCHNSTAT_ipi          5  /* bound for intra-domain events */
struct evtchn_status {
    domid_t dom;            /* IN: domain owning the port */
    /* 2 bytes padding */
    evtchn_port_t port;     /* IN: port to describe */
    uint32_t status;        /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;          /* OUT: vCPU notified by this port */
    union {
        struct {
            domid_t dom;            /* OUT: who may connect */
        } unbound;                  /* EVTCHNSTAT_unbound */
        struct {
            domid_t dom;            /* OUT: peer domain */
            /* 2 bytes padding */
            evtchn_port_t port;     /* OUT: peer port */
        } interdomain;              /* EVTCHNSTAT_interdomain */
        uint32_t pirq;              /* OUT: EVTCHNSTAT_pirq */
        uint32_t virq;              /* OUT: EVTCHNSTAT_virq */
    } u;
};
typedef struct evtchn_status evtchn_status_t;

/*
 * EVTCHNOP_bind_vcpu: change the vCPU notified by a port. Allowed for
 * unbound, interdomain and pirq ports; VIRQ and IPI ports are fixed to
 * their vCPU (-XEN_EINVAL). 8 bytes.
 */
struct evtchn_bind_vcpu {
    evtchn_port_t port;     /* IN: local port */
    uint32_t vcpu;          /* IN: vCPU to notify from now on */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/*
 * EVTCHNOP_unmask: clear the port's mask bit and, if it is pending,
 * deliver the upcall that was held back. 4 bytes.
 */
struct evtchn_unmask {
    evtchn_port_t port;     /* IN: local port */
};
typedef struct evtchn_unmask evtchn_unmask_t;

/*
 * EVTCHNOP_reset / EVTCHNOP_reset_cont: close every port of "dom" and
 * return to the 2-level ABI. reset_cont continues an interrupted reset
 * (same argument). 2 bytes.
 */
struct evtchn_reset {
    domid_t dom;            /* IN: DOMID_SELF or (privileged) a domid */
};
typedef struct evtchn_reset evtchn_reset_t;

/*
 * EVTCHNOP_init_control: switch the domain to the FIFO ABI by
 * registering the control block of one vCPU (called once per vCPU).
 * Any failure leaves the domain on the 2-level ABI. 24 bytes.
 */
struct evtchn_init_control {
    uint64_t control_gfn;   /* IN: guest frame holding the control block */
    uint32_t offset;        /* IN: byte offset of the block in that frame */
    uint32_t vcpu;          /* IN: vCPU the block belongs to */
    uint8_t  link_bits;     /* OUT: width of the LINK field (17) */
    uint8_t  _pad[7];       /* zero */
};
typedef struct evtchn_init_control evtchn_init_control_t;

/*
 * EVTCHNOP_expand_array (FIFO): add one page of event words, extending
 * the usable ports by EVTCHN_FIFO_EVENT_WORDS_PER_PAGE. 8 bytes.
 */
struct evtchn_expand_array {
    uint64_t array_gfn;     /* IN: guest frame of the new array page */
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

/*
 * EVTCHNOP_set_priority (FIFO): set the queue priority of a port.
 * -XEN_EINVAL beyond EVTCHN_FIFO_PRIORITY_MIN. 8 bytes.
 */
struct evtchn_set_priority {
    evtchn_port_t port;     /* IN: local port */
    uint32_t priority;      /* IN: 0 (highest) .. 15 (lowest) */
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/*
 * Argument of the old __HYPERVISOR_event_channel_op_compat (16): the
 * command followed by the same structures in a union.
 */
struct evtchn_op {
    uint32_t cmd;           /* IN: EVTCHNOP_* */
    union {
        evtchn_alloc_unbound_t    alloc_unbound;
        evtchn_bind_interdomain_t bind_interdomain;
        evtchn_bind_virq_t        bind_virq;
        evtchn_bind_pirq_t        bind_pirq;
        evtchn_bind_ipi_t         bind_ipi;
        evtchn_close_t            close;
        evtchn_send_t             send;
        evtchn_status_t           status;
        evtchn_bind_vcpu_t        bind_vcpu;
        evtchn_unmask_t           unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

/*
 * 2-level ABI: one pending and one mask bit per port in shared_info, one
 * selector bit per bitmap word in vcpu_info. 4096 ports for a 64-bit
 * guest, 1024 for a 32-bit guest.
 */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/*
 * FIFO ABI: one 32-bit event word per port in guest-provided array
 * pages, and per-vCPU control blocks with one queue head per priority.
 */
typedef uint32_t event_word_t;

#define EVTCHN_FIFO_PENDING     31  /* bit: event is pending */
#define EVTCHN_FIFO_MASKED      30  /* bit: event is masked */
#define EVTCHN_FIFO_LINKED      29  /* bit: event is on a queue */
#define EVTCHN_FIFO_BUSY        28  /* bit: hypervisor is linking it */

#define EVTCHN_FIFO_LINK_BITS   17  /* LINK field: bits 0..16 */
#define EVTCHN_FIFO_LINK_MASK   ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)

#define EVTCHN_FIFO_PRIORITY_MAX      0   /* highest */
#define EVTCHN_FIFO_PRIORITY_DEFAULT  7
#define EVTCHN_FIFO_PRIORITY_MIN     15   /* lowest */
#define EVTCHN_FIFO_MAX_QUEUES (EVTCHN_FIFO_PRIORITY_MIN + 1)

/* Per-vCPU FIFO control block, 72 bytes, in the init_control frame. */
struct evtchn_fifo_control_block {
    uint32_t     ready;     /* IN/OUT: bit q set = queue q has events */
    uint32_t     _rsvd;     /* zero */
    event_word_t head[EVTCHN_FIFO_MAX_QUEUES]; /* IN/OUT: queue heads */
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

/* Event words per 4 KiB array page. */
#define EVTCHN_FIFO_EVENT_WORDS_PER_PAGE (4096 / sizeof(event_word_t))

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
