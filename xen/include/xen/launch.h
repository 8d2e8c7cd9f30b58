/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time domains (common/launch.c): a launch plan read from the boot
 * modules' command lines, built and started at boot, restarted or ended
 * per their policies. The syntax is in docs/hypervisor/launch-plan.md.
 */
#ifndef __XEN_LAUNCH_H__
#define __XEN_LAUNCH_H__

#include <xen/cpumask.h>
#include <xen/sched.h>
#include <xen/types.h>

#define LAUNCH_MAX_DOMAINS  16
#define LAUNCH_CMDLINE_LEN  1024

struct boot_module_desc {
    const void *data;           /* direct-map pointer */
    size_t size;
    const char *cmdline;
};

struct launch_domain {
    char name[DOMAIN_NAME_LEN];
    int kernel_mod;             /* index into the module array */
    int ramdisk_mod;            /* -1: none */
    char cmdline[LAUNCH_CMDLINE_LEN];   /* the guest's command line */
    unsigned long memory_mb;
    unsigned int vcpus;
    cpumask_t affinity;         /* empty: all CPUs */
    bool privileged;
    enum domain_action on_poweroff, on_reboot, on_crash;
    unsigned int weight, cap;
};

struct launch_plan {
    unsigned int nr;
    struct launch_domain dom[LAUNCH_MAX_DOMAINS];
};

/*
 * Parse the module command lines into plan. A module whose line (after
 * an optional leading file name) starts with "domain" is a kernel; one
 * starting with "ramdisk" belongs to the domain before it; others are
 * ignored. Each problem is printed with the module number and skips
 * that domain. Returns the number of problems.
 */
int launch_parse(const struct boot_module_desc *mods, unsigned int nr,
                 struct launch_plan *plan);

/* Parse, build and start the boot-time domains. Context: boot CPU. */
void launch_boot_domains(const struct boot_module_desc *mods, unsigned int nr);

/*
 * Arch door: load kernel (and ramdisk) into d as a PVH guest with the
 * given command line and memory size, and set vCPU 0's entry state.
 * Returns 0 or -errno with a one-line reason in err.
 */
int arch_build_domain(struct domain *d, const void *kernel, size_t ksize,
                      const void *ramdisk, size_t rsize, const char *cmdline,
                      uint64_t mem_bytes, char *err, size_t errlen);

#endif /* __XEN_LAUNCH_H__ */
