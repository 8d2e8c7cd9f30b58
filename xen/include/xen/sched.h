/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Domains and vCPUs: the objects every other subsystem hangs state on.
 * Life cycle and reference counting live in common/domain.c; scheduling
 * in common/sched/; the arch part of each object (struct arch_domain,
 * struct arch_vcpu) in asm/domain.h. Design: docs/hypervisor/domains.md.
 */
#ifndef __XEN_SCHED_H__
#define __XEN_SCHED_H__

#include <xen/cpumask.h>
#include <xen/list.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <asm/domain.h>
#include <public/xen.h>

typedef uint16_t domid_t;

#define DOMAIN_NAME_LEN     32
#define MAX_VIRT_CPUS       64

/* Life cycle (docs/hypervisor/domains.md has the diagram). */
enum domain_state {
    DOMSTATE_created,       /* built, paused, never run */
    DOMSTATE_running,       /* unpaused at least once, not shut down */
    DOMSTATE_shutdown,      /* the guest asked to stop: shutdown_code */
    DOMSTATE_crashed,       /* crashed by the hypervisor or itself */
    DOMSTATE_dying,         /* being destroyed: no new references */
};

/* What to do when a domain shuts down with a given reason. */
enum domain_action {
    ACTION_destroy,
    ACTION_restart,
    ACTION_preserve,
};

#define SHUTDOWN_CODE_NONE  (~0u)

/* vCPU pause_flags bits: any set keeps the vCPU off the run queues. */
#define VPF_down            0   /* not (yet) brought up by VCPUOP_up */
#define VPF_blocked         1   /* SCHEDOP_block/HLT: waits for an event */
#define VPF_blocked_poll    2   /* SCHEDOP_poll in progress */

/* Runstates, numbered as in public/vcpu.h (RUNSTATE_*). */
#define VCPU_RUNSTATE_running   0
#define VCPU_RUNSTATE_runnable  1
#define VCPU_RUNSTATE_blocked   2
#define VCPU_RUNSTATE_offline   3

struct domain;

/* What is left of a destroyed domain, for its on_destroyed callback. */
struct domain_end {
    domid_t domain_id;
    void *launch;                       /* d->launch */
    unsigned int shutdown_code;
    enum domain_action on_reboot;
};

/* Guest console output: port 0xe9 and console_io (common/guest-console.c). */
struct domain_console {
    spinlock_t lock;                    /* the fields below */
    char buf[160];                      /* [L:lock] current line */
    unsigned int len;                   /* [L:lock] */
    s_time_t window_start;              /* [L:lock] rate-limit window */
    unsigned int window_bytes;          /* [L:lock] bytes in the window */
    unsigned long dropped;              /* [L:lock] bytes suppressed */
};

struct vcpu {
    unsigned int vcpu_id;               /* [I] */
    struct domain *domain;              /* [I] */
    unsigned int processor;             /* [L:sched] pCPU it runs on/queues on */
    unsigned long pause_flags;          /* [A] VPF_* */
    int pause_count;                    /* [A] tool/hypervisor pauses */
    bool is_running;                    /* [L:sched] on a pCPU right now */
    cpumask_t hard_affinity;            /* [L:sched] */
    void *sched_priv;                   /* [L:sched] policy's per-vCPU data */

    int runstate;                       /* [L:sched] VCPU_RUNSTATE_* */
    s_time_t runstate_entry;            /* [L:sched] when it entered it */
    s_time_t runstate_time[4];          /* [L:sched] ns spent in each */

    struct timer singleshot_timer;      /* [V] set_timer_op / VCPUOP */
    struct timer poll_timer;            /* [V] SCHEDOP_poll timeout */

    /*
     * Events and guest-visible time (issue 4): common/event_channel.c,
     * common/shared-info.c, common/guest-time.c own these fields.
     */
    struct vcpu_info *vcpu_info;        /* [L:event_lock] slot or registered
                                           area; never NULL after creation */
    uint64_t vcpu_info_gfn;             /* [L:domain_lock] registered frame,
                                           VCPU_INFO_NO_GFN: none */
    uint32_t virq_to_port[NR_VIRQS];    /* [L:event_lock] 0: not bound */
    uint32_t poll_port;                 /* [V] SCHEDOP_poll of one port;
                                           0: several */
    struct timer periodic_timer;        /* [V] VCPUOP_set_periodic_timer */
    s_time_t periodic_period;           /* [V] ns, 0: stopped */
    s_time_t periodic_next;             /* [V] next periodic deadline */
    struct vcpu_guest_areas *areas;     /* [V] runstate/pvclock copies */

    struct arch_vcpu arch;              /* [V] registers, VMCB/VMCS */
};

struct domain {
    domid_t domain_id;                  /* [I] */
    char name[DOMAIN_NAME_LEN];         /* [I] */
    bool is_privileged;                 /* [I] may control other domains */
    int refcnt;                         /* [A] domain_get/put; 0 frees */
    enum domain_state state;            /* [L:domain_lock] */
    unsigned int shutdown_code;         /* [L:domain_lock] SHUTDOWN_* */
    unsigned int pending_code;          /* [L:domain_lock] SCHEDOP_shutdown_code,
                                           SHUTDOWN_CODE_NONE if unset */
    enum domain_action on_poweroff;     /* [I] */
    enum domain_action on_reboot;       /* [I] */
    enum domain_action on_crash;        /* [I] */
    int pause_count;                    /* [A] whole-domain pauses */
    spinlock_t domain_lock;             /* state, shutdown */

    unsigned int max_vcpus;             /* [I] */
    struct vcpu **vcpu;                 /* [I] array of max_vcpus */
    unsigned int weight;                /* [L:sched] credit weight (256) */
    unsigned int cap;                   /* [L:sched] % of one CPU, 0 = none */
    void *sched_priv;                   /* [L:sched] */

    spinlock_t page_alloc_lock;         /* the fields below */
    struct page_list_head page_list;    /* [L:page_alloc_lock] owned frames */
    unsigned long tot_pages;            /* [L:page_alloc_lock] */
    unsigned long max_pages;            /* [L:page_alloc_lock] limit */

    struct domain_console console;
    struct timer destroy_timer;         /* [I] polls for vCPUs to stop */
    /* [I] called once d left the list and its reference was dropped */
    void (*on_destroyed)(const struct domain_end *end);
    struct list_head domain_list;       /* [L:domlist_lock] */
    void *launch;                       /* [I] boot-time plan, for restart */

    /* Events and shared info (issue 4): common/event_channel.c. */
    spinlock_t event_lock;              /* ports; see event_channel.c */
    struct evtchn_domain *evtchn;       /* [I] port table and ops */
    struct shared_info *shared_info;    /* [I] xenheap page */
    uint64_t shared_info_gfn;           /* [L:domain_lock] where the guest
                                           mapped it, ~0: nowhere */
    unsigned long poll_mask;            /* [A] bit n: vCPU n in SCHEDOP_poll */

    /* Grant table v1 (issue 4): common/grant_table.c owns it. */
    struct grant_table *grant_table;    /* [I] from gnttab_domain_init() */

    struct arch_domain arch;            /* p2m, HVM params */
};

/* The vCPU running on this pCPU, NULL in the pCPU's own loop. */
DECLARE_PER_CPU(struct vcpu *, curr_vcpu);
#define current (this_cpu(curr_vcpu))

#endif /* __XEN_SCHED_H__ */
