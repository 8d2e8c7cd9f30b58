/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pvcons: the primary PV console from a PVH domU. Reads the console
 * page and port from HVM_PARAM_CONSOLE_PFN/EVTCHN, checks the port's
 * status (interdomain, as a back-end port), writes lines into the OUT
 * ring, sends on the port and waits (bounded) until the back-end's
 * out_cons catches up with out_prod; then enough lines to wrap the
 * 2048-byte ring twice. The back-end's side (the "(dN) pvcons: ..."
 * lines in the hypervisor log) is checked by whoever reads that log.
 */
#include <guest/test.h>
#include <public/event_channel.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/io/console.h>

const char test_title[] = "PV console ring (hvc0 back-end)";

static struct xen_hvm_param hp __attribute__((aligned(16)));
static volatile struct xencons_interface *ring;
static uint32_t port;

static long get_param(uint32_t index, uint64_t *value)
{
    long rc;

    hp.domid = DOMID_SELF;
    hp.pad = 0;
    hp.index = index;
    hp.value = 0;
    rc = hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, &hp);
    *value = hp.value;
    return rc;
}

static long send(void)
{
    struct evtchn_send s = { .port = port };

    return hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

/* Wait until the back-end consumed everything; false on timeout. */
static bool wait_consumed(void)
{
    unsigned long spins;

    for ( spins = 0; spins < 200000000UL; spins++ )
    {
        if ( ring->out_cons == ring->out_prod )
            return true;
        if ( !(spins % 1000000) )
            CHECK(send() == 0, "EVTCHNOP_send failed");
        __asm__ __volatile__ ( "pause" ::: "memory" );
    }
    return false;
}

/* Put s into the OUT ring, waiting for room; then notify. */
static void write_ring(const char *s)
{
    XENCONS_RING_IDX prod = ring->out_prod;

    for ( ; *s; s++ )
    {
        if ( prod - ring->out_cons >= sizeof(ring->out) )
        {
            ring->out_prod = prod;
            CHECK(wait_consumed(), "the back-end does not consume");
        }
        ring->out[MASK_XENCONS_IDX(prod, ring->out)] = *s;
        prod++;
        __asm__ __volatile__ ( "" ::: "memory" );
    }
    ring->out_prod = prod;
    CHECK(send() == 0, "EVTCHNOP_send failed");
}

void test_main(void)
{
    struct evtchn_status st = { .dom = DOMID_SELF };
    uint64_t pfn, evtchn;
    char line[80];
    unsigned int i;

    CHECK(get_param(HVM_PARAM_CONSOLE_PFN, &pfn) == 0,
          "get_param(CONSOLE_PFN) failed");
    CHECK(get_param(HVM_PARAM_CONSOLE_EVTCHN, &evtchn) == 0,
          "get_param(CONSOLE_EVTCHN) failed");
    printf("  console page at pfn 0x%lx, port %lu\n", (unsigned long)pfn,
           (unsigned long)evtchn);
    CHECK(pfn && pfn < (1UL << 20), "console pfn 0x%lx outside 4 GiB",
          (unsigned long)pfn);
    CHECK(evtchn && evtchn < 4096, "console port %lu", (unsigned long)evtchn);
    port = (uint32_t)evtchn;
    ring = (volatile struct xencons_interface *)(pfn << 12);

    st.port = port;
    CHECK(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_status,
                     &st) == 0, "EVTCHNOP_status failed");
    printf("  port status %u\n", st.status);
    CHECK(st.status == EVTCHNSTAT_interdomain ||
          st.status == EVTCHNSTAT_unbound,
          "console port status %u", st.status);

    write_ring("pvcons: hello through the console ring\n");
    CHECK(wait_consumed(), "out_cons stays at %u, out_prod %u",
          ring->out_cons, ring->out_prod);

    /* 64 lines of ~70 bytes: wraps the 2048-byte ring twice. */
    for ( i = 0; i < 64; i++ )
    {
        snprintf(line, sizeof(line), "pvcons: line %02u "
                 "..................................................\n", i);
        write_ring(line);
    }
    CHECK(wait_consumed(), "out_cons stays at %u, out_prod %u",
          ring->out_cons, ring->out_prod);
    write_ring("pvcons: done\n");
    CHECK(wait_consumed(), "the last line was not consumed");
    test_success();
}
