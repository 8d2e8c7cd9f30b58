/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * upcall: per-vCPU event upcall vectors (HVMOP_set_evtchn_upcall_vector),
 * as Linux uses them when CPUID leaf base+4 has
 * XEN_HVM_CPUID_UPCALL_VECTOR, checked against Xen 4.17. Argument errors
 * (-EFAULT, -EINVAL for vectors below 16, -ENOENT for a vCPU that does
 * not exist). With the APIC software-disabled, setting the vector and
 * sending an event leave IRR clear; enabling the APIC then raises the
 * vector because an upcall is pending. With the APIC enabled, each
 * 0 -> 1 change of evtchn_upcall_pending raises the vector once, as a
 * fixed interrupt that is in ISR until the handler's EOI. Setting the
 * vector again raises it once (a spurious upcall, as on Xen).
 */
#include <guest/test.h>
#include <public/arch-x86/cpuid.h>
#include <public/event_channel.h>
#include <public/hvm/hvm_op.h>
#include <public/memory.h>

const char test_title[] = "HVMOP_set_evtchn_upcall_vector: LAPIC upcalls";

#define APIC_PAGE       0xfee00000UL
#define VEC_UPCALL      0xe3
#define VEC_SPURIOUS    0xff
#define APIC_EOI        0xb0
#define APIC_SVR        0xf0
#define APIC_ISR(v)     (0x100 + ((v) / 32) * 0x10)
#define APIC_IRR(v)     (0x200 + ((v) / 32) * 0x10)

static uint8_t shinfo_page[4096] __attribute__((aligned(4096)));
static struct shared_info *sh = (struct shared_info *)shinfo_page;
static volatile unsigned int n_upcall, isr_in_handler;

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-44s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

static uint32_t apic_rd(unsigned int off)
{
    return *(volatile uint32_t *)(APIC_PAGE + off);
}

static void apic_wr(unsigned int off, uint32_t val)
{
    *(volatile uint32_t *)(APIC_PAGE + off) = val;
}

static bool vec_in(unsigned int base_off_of_vec, unsigned int vec)
{
    return (apic_rd(base_off_of_vec) >> (vec % 32)) & 1;
}

static long set_vector(uint32_t vcpu, uint8_t vector)
{
    struct xen_hvm_evtchn_upcall_vector op = { .vcpu = vcpu,
                                               .vector = vector };

    return hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_evtchn_upcall_vector,
                      &op);
}

/* What Linux's handler does: consume the events, then EOI. */
static void upcall_irq(struct cpu_regs *r)
{
    struct vcpu_info *vi = &sh->vcpu_info[0];
    unsigned int i;

    (void)r;
    n_upcall++;
    isr_in_handler = vec_in(APIC_ISR(VEC_UPCALL), VEC_UPCALL);
    vi->evtchn_upcall_pending = 0;
    vi->evtchn_pending_sel = 0;
    for ( i = 0; i < 64; i++ )
        sh->evtchn_pending[i] = 0;
    apic_wr(APIC_EOI, 0);
}

static void spurious_irq(struct cpu_regs *r)
{
    (void)r;
}

/* Open the interrupt window briefly; returns the upcalls taken. */
static unsigned int take_interrupts(void)
{
    unsigned int before = n_upcall, i;

    for ( i = 0; i < 1000; i++ )
        asm volatile ( "sti; nop; nop; cli" ::: "memory" );
    return n_upcall - before;
}

static bool map_shared_info(void)
{
    struct xen_add_to_physmap x = {
        .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info, .idx = 0,
        .gpfn = (unsigned long)shinfo_page >> 12 };

    return !EXPECT("add_to_physmap(shared_info)",
                   hypercall2(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
                              &x), 0);
}

static void errors(void)
{
    EXPECT("set_upcall_vector(unmapped pointer)",
           hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_evtchn_upcall_vector,
                      BAD_PTR_UNMAPPED), -XEN_EFAULT);
    EXPECT("set_upcall_vector(pointer to no RAM)",
           hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_evtchn_upcall_vector,
                      BAD_PTR_NO_RAM), -XEN_EFAULT);
    EXPECT("set_upcall_vector(vcpu 0, vector 0x0f)", set_vector(0, 0x0f),
           -XEN_EINVAL);
    EXPECT("set_upcall_vector(vcpu 0, vector 0)", set_vector(0, 0),
           -XEN_EINVAL);
    EXPECT("set_upcall_vector(vcpu 1 of 1)", set_vector(1, VEC_UPCALL),
           -XEN_ENOENT);
    EXPECT("set_upcall_vector(vcpu 4096)", set_vector(4096, VEC_UPCALL),
           -XEN_ENOENT);
}

static long send(uint32_t port)
{
    struct evtchn_send s = { .port = port };

    return hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

void test_main(void)
{
    struct evtchn_bind_ipi ipi = { .vcpu = 0 };
    struct vcpu_info *vi = &sh->vcpu_info[0];
    uint32_t flags = cpuid_count(hv.base + 4, 0).a;
    unsigned int n;

    asm volatile ( "cli" );
    set_irq_handler(VEC_UPCALL, upcall_irq);
    set_irq_handler(VEC_SPURIOUS, spurious_irq);
    printf("CPUID 0x%x EAX 0x%x\n", hv.base + 4, flags);
    CHECK(flags & XEN_HVM_CPUID_UPCALL_VECTOR,
          "CPUID base+4 lacks XEN_HVM_CPUID_UPCALL_VECTOR");
    if ( !map_shared_info() )
        return;
    errors();

    printf("APIC software-disabled (SVR 0x%x)\n", apic_rd(APIC_SVR));
    CHECK(!(apic_rd(APIC_SVR) & 0x100), "APIC enabled at start");
    if ( EXPECT("set_upcall_vector(vcpu 0, 0xe3)",
                set_vector(0, VEC_UPCALL), 0) ||
         EXPECT("bind_ipi(vcpu 0)",
                hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi,
                           &ipi), 0) )
        return;
    vi->evtchn_upcall_pending = 0;
    EXPECT("send(ipi port)", send(ipi.port), 0);
    printf("  upcall_pending %u, IRR has 0xe3: %d\n",
           vi->evtchn_upcall_pending, vec_in(APIC_IRR(VEC_UPCALL), VEC_UPCALL));
    CHECK(vi->evtchn_upcall_pending, "upcall not pending after send");
    CHECK(!vec_in(APIC_IRR(VEC_UPCALL), VEC_UPCALL),
          "vector in IRR while the APIC is software-disabled");

    apic_wr(APIC_SVR, 0x100 | VEC_SPURIOUS);
    printf("APIC enabled: IRR has 0xe3: %d\n",
           vec_in(APIC_IRR(VEC_UPCALL), VEC_UPCALL));
    CHECK(vec_in(APIC_IRR(VEC_UPCALL), VEC_UPCALL),
          "pending upcall not raised when the APIC was enabled");
    n = take_interrupts();
    printf("  upcalls taken: %u (ISR in handler %u)\n", n, isr_in_handler);
    CHECK(n == 1, "%u upcalls after enabling, expected 1", n);
    CHECK(isr_in_handler, "vector not in ISR inside the handler");
    CHECK(!vec_in(APIC_ISR(VEC_UPCALL), VEC_UPCALL),
          "vector still in ISR after EOI");

    /* Each 0 -> 1 of upcall_pending: one interrupt. */
    EXPECT("send(ipi port)", send(ipi.port), 0);
    n = take_interrupts();
    CHECK(n == 1, "%u upcalls for one send, expected 1", n);
    /* Pending stays set (no handler ran): a second send raises nothing. */
    EXPECT("send(ipi port), IF=0", send(ipi.port), 0);
    EXPECT("send(ipi port) while pending", send(ipi.port), 0);
    n = take_interrupts();
    printf("  two sends with IF=0: %u upcall(s)\n", n);
    CHECK(n == 1, "%u upcalls for two sends while pending, expected 1", n);

    /* Setting the vector again raises it once, pending or not. */
    EXPECT("set_upcall_vector(vcpu 0, 0xe3) again",
           set_vector(0, VEC_UPCALL), 0);
    n = take_interrupts();
    printf("  after setting it again: %u upcall(s)\n", n);
    CHECK(n == 1, "%u upcalls after setting the vector again, expected 1",
          n);
    n = take_interrupts();
    CHECK(n == 0, "%u more upcalls with nothing pending", n);

    apic_wr(APIC_SVR, VEC_SPURIOUS);
    if ( test_status() == STATUS_SUCCESS )
        test_success();
}
