/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched-op: SCHEDOP_* from a PVH domU, checked against Xen 4.17
 * (docs/testing-guest.md): yield succeeds and ignores its argument,
 * unreadable argument structures give -EFAULT, another domain cannot be
 * shut down (-EPERM for dom0, -ESRCH for no such domain), the hardware
 * domain's pin_override is refused, unknown commands give -ENOSYS. The
 * last check records SHUTDOWN_poweroff with shutdown_code, which the
 * final power-off then matches.
 *
 * SCHEDOP_poll: more than 128 ports is -EINVAL, an unreadable port list
 * -EFAULT, and a poll of no ports with a deadline already passed
 * returns 0 at once.
 *
 * Not tested: a non-canonical argument. Xen 4.17 reads it through its
 * canonical alias (address 0 here, all zeros = SHUTDOWN_poweroff), so
 * SCHEDOP_shutdown with 0x8000000000000000 powers the domain off.
 */
#include <guest/test.h>
#include <public/sched.h>

const char test_title[] = "sched_op commands and bad arguments";

#define NO_SUCH_DOMAIN 0x7000

static struct sched_remote_shutdown remote __attribute__((aligned(16)));
static struct sched_shutdown sd __attribute__((aligned(16)));
static struct sched_pin_override pin __attribute__((aligned(16)));
static struct sched_poll poll __attribute__((aligned(16)));

static void check_poll(void)
{
    static const struct { const char *what; unsigned int nr; void *ports;
                          uint64_t timeout; long rc; } pc[] = {
        { "poll, 129 ports", 129, hcall_bufs[0], 1, -XEN_EINVAL },
        { "poll, 0xffffffff ports", 0xffffffffu, hcall_bufs[0], 1,
          -XEN_EINVAL },
        { "poll, 1 port, unmapped list", 1, BAD_PTR_UNMAPPED, 1,
          -XEN_EFAULT },
        { "poll, no ports, deadline passed", 0, NULL, 1, 0 },
    };
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(pc); i++ )
    {
        set_xen_guest_handle(poll.ports, pc[i].ports);
        poll.nr_ports = pc[i].nr;
        poll.timeout = pc[i].timeout;
        rc = hypervisor_sched_op(SCHEDOP_poll, &poll);
        printf("  %-36s -> %ld\n", pc[i].what, rc);
        CHECK(rc == pc[i].rc, "%s returned %ld, expected %ld", pc[i].what,
              rc, pc[i].rc);
    }
}

struct scase {
    const char *what;
    unsigned int cmd;
    void *arg;
    long rc;
};

static void run_cases(const struct scase *c, unsigned int n)
{
    unsigned int i;
    long rc;

    for ( i = 0; i < n; i++, c++ )
    {
        rc = hypervisor_sched_op(c->cmd, c->arg);
        printf("  %-36s -> %ld\n", c->what, rc);
        CHECK(rc == c->rc, "%s returned %ld, expected %ld", c->what, rc,
              c->rc);
    }
}

void test_main(void)
{
    const struct scase cases[] = {
        { "yield", SCHEDOP_yield, NULL, 0 },
        { "yield, junk arg", SCHEDOP_yield, BAD_PTR_NONCANONICAL, 0 },
        { "shutdown, arg without RAM", SCHEDOP_shutdown, BAD_PTR_NO_RAM,
          -XEN_EFAULT },
        { "shutdown, unmapped arg", SCHEDOP_shutdown, BAD_PTR_UNMAPPED,
          -XEN_EFAULT },
        { "shutdown_code, unmapped arg", SCHEDOP_shutdown_code,
          BAD_PTR_UNMAPPED, -XEN_EFAULT },
        { "poll, unmapped arg", SCHEDOP_poll, BAD_PTR_UNMAPPED,
          -XEN_EFAULT },
        { "remote_shutdown, unmapped arg", SCHEDOP_remote_shutdown,
          BAD_PTR_UNMAPPED, -XEN_EFAULT },
        { "pin_override (hardware domain only)", SCHEDOP_pin_override,
          &pin, -XEN_EPERM },
        { "unknown cmd 8", 8, NULL, -XEN_ENOSYS },
        { "unknown cmd 100", 100, NULL, -XEN_ENOSYS },
        { "unknown cmd 0xffffffff", 0xffffffffu, NULL, -XEN_ENOSYS },
    };
    struct sched_remote_shutdown none = {
        .domain_id = NO_SUCH_DOMAIN, .reason = SHUTDOWN_poweroff,
    };
    long rc;

    remote.domain_id = 0;
    remote.reason = SHUTDOWN_poweroff;
    pin.pcpu = 0;
    run_cases(cases, ARRAY_SIZE(cases));
    check_poll();

    /* Xen: dom0 exists, so -EPERM; a Lamina run may have no dom0. */
    rc = hypervisor_sched_op(SCHEDOP_remote_shutdown, &remote);
    printf("  %-36s -> %ld\n", "remote_shutdown dom0", rc);
    CHECK(rc == -XEN_EPERM || rc == -XEN_ESRCH,
          "remote_shutdown of dom0 returned %ld", rc);

    rc = hypervisor_sched_op(SCHEDOP_remote_shutdown, &none);
    printf("  %-36s -> %ld\n", "remote_shutdown, no such domain", rc);
    CHECK(rc == -XEN_ESRCH, "remote_shutdown of d%u returned %ld",
          NO_SUCH_DOMAIN, rc);

    sd.reason = SHUTDOWN_poweroff;
    rc = hypervisor_sched_op(SCHEDOP_shutdown_code, &sd);
    printf("  %-36s -> %ld\n", "shutdown_code(poweroff)", rc);
    CHECK(rc == 0, "shutdown_code returned %ld", rc);
    test_success();
}
