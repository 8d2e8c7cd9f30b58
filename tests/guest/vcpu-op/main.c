/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vcpu-op: VCPUOP_* and set_timer_op from a PVH domU, checked against
 * Xen 4.17 (docs/testing-guest.md). vCPU ids at or above the domain's
 * count give -ENOENT whatever the command; the running vCPU 0 is up and
 * already initialised (-EEXIST); a secondary vCPU (if the domain has
 * one) is down, cannot be brought up before VCPUOP_initialise (-EINVAL)
 * and rejects a malformed context. The runstate of vCPU 0 says
 * "running". A singleshot deadline in the past is accepted (it fires at
 * once) even with VCPU_SSHOTTMR_future: Xen 4.17.7 ignores that flag
 * instead of returning -ETIME. Timers of another vCPU are -EINVAL.
 *
 * Not tested: bringing a secondary vCPU up (the framework has no AP
 * code), VCPUOP_down of the last vCPU (it powers the domain off).
 */
#include <guest/test.h>
#include <public/vcpu.h>
#include <public/hvm/hvm_vcpu.h>

const char test_title[] = "vcpu_op commands, timers and bad arguments";

#define FAR_FUTURE_NS   (1ULL << 62)

static struct vcpu_runstate_info rs __attribute__((aligned(64)));
static struct vcpu_set_singleshot_timer sst __attribute__((aligned(16)));
static struct vcpu_hvm_context ctx __attribute__((aligned(64)));

static long vcpu_op(unsigned int cmd, unsigned long id, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, id, arg);
}

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-44s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

/* Number of vCPUs: the first id that is_up rejects. */
static unsigned int count_vcpus(void)
{
    unsigned int n;

    for ( n = 0; n < 256; n++ )
        if ( vcpu_op(VCPUOP_is_up, n, NULL) == -XEN_ENOENT )
            break;
    return n;
}

static void check_ids(unsigned int n)
{
    EXPECT("is_up(0)", vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    EXPECT("up(0) (already up)", vcpu_op(VCPUOP_up, 0, NULL), 0);
    EXPECT("is_up(n)", vcpu_op(VCPUOP_is_up, n, NULL), -XEN_ENOENT);
    EXPECT("up(n)", vcpu_op(VCPUOP_up, n, NULL), -XEN_ENOENT);
    EXPECT("down(n)", vcpu_op(VCPUOP_down, n, NULL), -XEN_ENOENT);
    EXPECT("is_up(0xffffffff)", vcpu_op(VCPUOP_is_up, 0xffffffffu, NULL),
           -XEN_ENOENT);
    EXPECT("get_runstate_info(n)",
           vcpu_op(VCPUOP_get_runstate_info, n, &rs), -XEN_ENOENT);
    EXPECT("unknown cmd 64 on vCPU n", vcpu_op(64, n, NULL), -XEN_ENOENT);
    EXPECT("unknown cmd 64", vcpu_op(64, 0, NULL), -XEN_ENOSYS);
    EXPECT("unknown cmd 0xffffffff", vcpu_op(0xffffffffu, 0, NULL),
           -XEN_ENOSYS);
}

static void check_initialise(unsigned int n)
{
    memset(&ctx, 0, sizeof(ctx));
    ctx.mode = VCPU_HVM_MODE_64B;
    EXPECT("initialise(0), bad pointer",
           vcpu_op(VCPUOP_initialise, 0, BAD_PTR_UNMAPPED), -XEN_EFAULT);
    EXPECT("initialise(0) (running)", vcpu_op(VCPUOP_initialise, 0, &ctx),
           -XEN_EEXIST);
    if ( n < 2 )
    {
        printf("  one vCPU: secondary vCPU checks skipped\n");
        return;
    }
    EXPECT("is_up(1)", vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    EXPECT("up(1) before initialise", vcpu_op(VCPUOP_up, 1, NULL),
           -XEN_EINVAL);
    ctx.mode = 7;
    EXPECT("initialise(1), mode 7", vcpu_op(VCPUOP_initialise, 1, &ctx),
           -XEN_EINVAL);
    EXPECT("initialise(1), bad pointer",
           vcpu_op(VCPUOP_initialise, 1, BAD_PTR_NO_RAM), -XEN_EFAULT);
    EXPECT("down(1) (already down)", vcpu_op(VCPUOP_down, 1, NULL), 0);
    EXPECT("is_up(1) after down", vcpu_op(VCPUOP_is_up, 1, NULL), 0);
    sst.timeout_abs_ns = FAR_FUTURE_NS;
    sst.flags = 0;
    EXPECT("set_singleshot_timer(1) from vCPU 0",
           vcpu_op(VCPUOP_set_singleshot_timer, 1, &sst), -XEN_EINVAL);
    EXPECT("stop_singleshot_timer(1) from vCPU 0",
           vcpu_op(VCPUOP_stop_singleshot_timer, 1, NULL), -XEN_EINVAL);
    EXPECT("get_runstate_info(1)",
           vcpu_op(VCPUOP_get_runstate_info, 1, &rs), 0);
    CHECK(rs.state == RUNSTATE_offline, "vCPU 1 runstate %d, expected %d",
          rs.state, RUNSTATE_offline);
}

static void check_runstate(void)
{
    memset(&rs, 0xa5, sizeof(rs));
    if ( EXPECT("get_runstate_info(0)",
                vcpu_op(VCPUOP_get_runstate_info, 0, &rs), 0) )
        return;
    printf("  state %d entry %lu running %lu runnable %lu blocked %lu "
           "offline %lu\n", rs.state, (unsigned long)rs.state_entry_time,
           (unsigned long)rs.time[0], (unsigned long)rs.time[1],
           (unsigned long)rs.time[2], (unsigned long)rs.time[3]);
    CHECK(rs.state == RUNSTATE_running, "runstate %d, expected running",
          rs.state);
    CHECK(rs.time[RUNSTATE_running] > 0, "no running time");
    CHECK(!(rs.state_entry_time & XEN_RUNSTATE_UPDATE),
          "XEN_RUNSTATE_UPDATE set in a snapshot");
    EXPECT("get_runstate_info(0), unmapped",
           vcpu_op(VCPUOP_get_runstate_info, 0, BAD_PTR_UNMAPPED),
           -XEN_EFAULT);
    EXPECT("get_runstate_info(0), no RAM",
           vcpu_op(VCPUOP_get_runstate_info, 0, BAD_PTR_NO_RAM), -XEN_EFAULT);
}

static long sshot(uint64_t when, uint32_t flags)
{
    sst.timeout_abs_ns = when;
    sst.flags = flags;
    return vcpu_op(VCPUOP_set_singleshot_timer, 0, &sst);
}

static void check_timers(void)
{
    long rc;

    EXPECT("singleshot, past, future flag (ignored)",
           sshot(1, VCPU_SSHOTTMR_future), 0);
    EXPECT("singleshot, past, no flag", sshot(1, 0), 0);
    EXPECT("singleshot, far future, future flag",
           sshot(FAR_FUTURE_NS, VCPU_SSHOTTMR_future), 0);
    EXPECT("stop_singleshot_timer(0)",
           vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0);
    EXPECT("singleshot, unmapped arg",
           vcpu_op(VCPUOP_set_singleshot_timer, 0, BAD_PTR_UNMAPPED),
           -XEN_EFAULT);
    /* Xen ignores unknown flags; Lamina rejects them. */
    rc = sshot(FAR_FUTURE_NS, 1u << 1);
    printf("  %-44s -> %ld\n", "singleshot, unknown flag bit 1", rc);
    CHECK(rc == 0 || rc == -XEN_EINVAL, "unknown flag: %ld", rc);
    vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL);
    EXPECT("stop_periodic_timer(0)",
           vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0);

    EXPECT("set_timer_op(far future)",
           hypercall1(__HYPERVISOR_set_timer_op, FAR_FUTURE_NS), 0);
    EXPECT("set_timer_op(1) (past)", hypercall1(__HYPERVISOR_set_timer_op, 1),
           0);
    EXPECT("set_timer_op(-1) (negative)",
           hypercall1(__HYPERVISOR_set_timer_op, -1L), 0);
    EXPECT("set_timer_op(0) (cancel)",
           hypercall1(__HYPERVISOR_set_timer_op, 0), 0);
}

void test_main(void)
{
    unsigned int n = count_vcpus();

    printf("  domain has %u vCPU(s)\n", n);
    if ( !CHECK(n >= 1 && n < 256, "vCPU count %u", n) )
        return;
    check_ids(n);
    check_initialise(n);
    check_runstate();
    check_timers();
    test_success();
}
