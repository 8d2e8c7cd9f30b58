/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Boot-time domains: build and start each domain of the launch plan, and
 * carry out their end-of-life policies: destroy, restart (rebuild from
 * the same modules) or preserve. When no domain is left, the machine
 * powers off ("launch_exit=") with a status that says whether any domain
 * crashed or could not be started, which is how scripts/launch and the
 * tests learn the outcome.
 *
 * Locking: launch_lock (spinlock) guards the per-plan-entry state below;
 * domain locks are never taken under it.
 */
#include <xen/lib.h>
#include <xen/decompress.h>
#include <xen/domain.h>
#include <xen/launch.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched-api.h>
#include <xen/shutdown.h>
#include <xen/time.h>
#include <public/xen.h>

static bool launch_exit = true;
boolean_param("launch_exit", launch_exit,
              "power off when the last boot-time domain has ended (on)");

static struct launch_plan plan;                 /* [I] after boot */
static const struct boot_module_desc *modules;  /* [I] */
static struct domain *running[LAUNCH_MAX_DOMAINS]; /* [L:launch_lock] */
/*
 * Each plan entry's kernel as an ELF image: decompressed once from a
 * vmlinuz/bzImage (or pointing into the module for a plain ELF) and kept
 * for restarts. [I] once set; only start_domain() sets it.
 */
static struct kernel_image kernels[LAUNCH_MAX_DOMAINS];

#define MAX_KERNEL_SIZE (256UL << 20)   /* decompressed, bytes */

static int kernel_for(unsigned int idx, const struct boot_module_desc *k)
{
    struct kernel_image *img = &kernels[idx];
    char err[160];
    s_time_t t0;
    int rc;

    if ( img->data )
        return 0;
    t0 = NOW();
    rc = decompress_kernel(k->data, k->size, MAX_KERNEL_SIZE, img, err,
                           sizeof(err));
    if ( rc )
    {
        printk(XENLOG_ERR "launch: %s: kernel: %s\n", plan.dom[idx].name,
               err);
        return rc;
    }
    if ( img->format != DC_ELF )
        printk("launch: %s: %s kernel decompressed (%s) to %zu bytes in "
               "%lu ms\n", plan.dom[idx].name,
               img->bzimage ? "bzImage" : "compressed",
               decompress_format_name(img->format), img->size,
               (unsigned long)((NOW() - t0) / 1000000));
    return 0;
}
static bool any_failed;     /* [L:launch_lock] a domain crashed or never
                               started: the run did not end cleanly */
static DEFINE_SPINLOCK(launch_lock);
static unsigned long free_before;               /* [I] heap pages at launch */

static int start_domain(unsigned int idx)
{
    const struct launch_domain *ld = &plan.dom[idx];
    const struct boot_module_desc *k = &modules[ld->kernel_mod];
    const struct boot_module_desc *r =
        ld->ramdisk_mod >= 0 ? &modules[ld->ramdisk_mod] : NULL;
    uint64_t mem = (uint64_t)ld->memory_mb << 20;
    struct domain_config cfg = {
        .name = ld->name, .max_vcpus = ld->vcpus,
        /* RAM plus ACPI tables and the special pages. */
        .max_pages = (unsigned long)(mem >> PAGE_SHIFT) + 64,
        .is_privileged = ld->privileged, .on_poweroff = ld->on_poweroff,
        .on_reboot = ld->on_reboot, .on_crash = ld->on_crash,
        .weight = ld->weight, .cap = ld->cap,
        .affinity = cpumask_empty(&ld->affinity) ? NULL : &ld->affinity,
    };
    char err[160] = "";
    s_time_t t0 = NOW();
    struct domain *d;
    int rc;

    rc = kernel_for(idx, k);
    if ( rc )
        return rc;
    d = domain_create(&cfg, &rc);
    if ( !d )
    {
        printk(XENLOG_ERR "launch: %s: cannot create the domain (%d)\n",
               ld->name, rc);
        return rc;
    }
    rc = arch_build_domain(d, kernels[idx].data, kernels[idx].size,
                           r ? r->data : NULL,
                           r ? r->size : 0, ld->cmdline, mem, err,
                           sizeof(err));
    if ( rc )
    {
        printk(XENLOG_ERR "launch: %s: %s\n", ld->name, err);
        domain_destroy(d);
        domain_put(d);
        return rc;
    }
    d->launch = (void *)&plan.dom[idx];
    spin_lock(&launch_lock);
    running[idx] = d;
    spin_unlock(&launch_lock);
    printk("launch: d%u '%s' built in %lu us: %lu MiB, %u vCPU%s\n",
           d->domain_id, ld->name, (unsigned long)((NOW() - t0) / 1000),
           ld->memory_mb, ld->vcpus, ld->vcpus > 1 ? "s" : "");
    d->state = DOMSTATE_running;
    vcpu_up(d->vcpu[0]);
    domain_unpause(d);
    domain_put(d);
    return 0;
}

static unsigned int plan_index(const void *launch)
{
    return (unsigned int)((const struct launch_domain *)launch - plan.dom);
}

static void maybe_power_off(void)
{
    unsigned int i;
    bool crashed;

    spin_lock(&launch_lock);
    for ( i = 0; i < plan.nr; i++ )
        if ( running[i] )
        {
            spin_unlock(&launch_lock);
            return;
        }
    crashed = any_failed;
    spin_unlock(&launch_lock);
    if ( !launch_exit )
        return;
    /* Nothing will restart: the decompressed kernels can go too. */
    for ( i = 0; i < plan.nr; i++ )
        decompress_kernel_release(&kernels[i]);
    printk("launch: every boot-time domain has ended%s\n",
           crashed ? " (at least one crashed or failed to start)" : "");
    /* Destroy returns everything: the heap is back where it started. */
    printk("launch: heap free pages: %lu before the domains, %lu after "
           "(%s)\n", free_before, total_free_pages(),
           total_free_pages() == free_before ? "none lost" : "MISMATCH");
    machine_power_off_code(crashed ? TEST_EXIT_DOMAIN_CRASHED
                                   : TEST_EXIT_POWEROFF);
}

/* d is gone (destroy finished): restart it or see if we are done. */
static void on_destroyed(const struct domain_end *end)
{
    unsigned int idx = plan_index(end->launch);
    bool restart = end->shutdown_code == SHUTDOWN_reboot &&
                   end->on_reboot == ACTION_restart;

    spin_lock(&launch_lock);
    running[idx] = NULL;
    spin_unlock(&launch_lock);
    if ( restart )
    {
        printk("launch: restarting '%s'\n", plan.dom[idx].name);
        if ( !start_domain(idx) )
            return;
    }
    maybe_power_off();
}

static void domain_ended(struct domain *d, unsigned int reason,
                         enum domain_action action)
{
    if ( !d->launch )
        return;
    if ( reason == SHUTDOWN_crash || reason == SHUTDOWN_watchdog )
    {
        spin_lock(&launch_lock);
        any_failed = true;
        spin_unlock(&launch_lock);
    }
    if ( action == ACTION_preserve )
    {
        printk("launch: d%u preserved (paused) as its policy asks\n",
               d->domain_id);
        spin_lock(&launch_lock);
        running[plan_index(d->launch)] = NULL;
        spin_unlock(&launch_lock);
        maybe_power_off();
        return;
    }
    d->on_destroyed = on_destroyed;
    domain_destroy(d);
}

void launch_boot_domains(const struct boot_module_desc *mods, unsigned int nr)
{
    unsigned int i, started = 0;

    modules = mods;
    free_before = total_free_pages();
    any_failed = launch_parse(mods, nr, &plan) != 0;
    if ( !plan.nr )
    {
        if ( any_failed && launch_exit )
        {
            printk(XENLOG_ERR "launch: no domain could be started\n");
            machine_power_off_code(TEST_EXIT_DOMAIN_CRASHED);
        }
        return;
    }
    domain_end_hook = domain_ended;
    for ( i = 0; i < plan.nr; i++ )
        started += start_domain(i) == 0;
    if ( started < plan.nr )
    {
        spin_lock(&launch_lock);
        any_failed = true;
        spin_unlock(&launch_lock);
    }
    printk("launch: %u of %u boot-time domain%s started\n", started, plan.nr,
           plan.nr > 1 ? "s" : "");
    if ( !started && launch_exit )
    {
        printk(XENLOG_ERR "launch: no domain could be started\n");
        machine_power_off_code(TEST_EXIT_DOMAIN_CRASHED);
    }
}
