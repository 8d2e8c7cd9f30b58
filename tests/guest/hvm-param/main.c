/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hvm-param: HVMOP_get_param / HVMOP_set_param from a PVH domU, checked
 * against Xen 4.17 (docs/testing-guest.md). A guest reads and writes
 * the parameters on Xen's allow-lists (CALLBACK_IRQ, the event-channel
 * ports, ...), reads but cannot write the toolstack's frame numbers
 * (STORE_PFN, CONSOLE_PFN: -EPERM) and can neither read nor write the
 * rest (-EPERM). Indexes >= HVM_NR_PARAMS and retired numbers (4, 13,
 * 20-26, 30) are -EINVAL before anything else; moving the ACPI PM timer
 * ports of a PVH domain (which has none) is -ENODEV; an absent domain
 * -ESRCH, bad pointers -EFAULT; the pad field is ignored (Linux leaves
 * it uninitialised). Every value changed is put back before the end.
 */
#include <guest/test.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

const char test_title[] = "hvm_op get/set_param allow-lists and bad arguments";

#define NO_SUCH_DOMAIN  0x7000

static struct xen_hvm_param hp __attribute__((aligned(16)));

static long hvm_param(unsigned int op, domid_t dom, uint32_t index,
                      uint64_t value)
{
    hp.domid = dom;
    hp.pad = 0;
    hp.index = index;
    hp.value = value;
    return hypercall2(__HYPERVISOR_hvm_op, op, &hp);
}

#define get(i)      hvm_param(HVMOP_get_param, DOMID_SELF, i, 0)
#define set(i, v)   hvm_param(HVMOP_set_param, DOMID_SELF, i, v)

#define EXPECT(what, call, want) ({                                     \
    long rc_ = (call);                                                  \
    printf("  %-44s -> %ld\n", what, rc_);                              \
    CHECK(rc_ == (want), "%s returned %ld, expected %ld", what, rc_,    \
          (long)(want));                                                \
    rc_; })

/* Parameters the guest may read; print their values. */
static void check_readable(void)
{
    static const struct { const char *name; uint32_t index; } rd[] = {
        { "CALLBACK_IRQ", HVM_PARAM_CALLBACK_IRQ },
        { "STORE_PFN", HVM_PARAM_STORE_PFN },
        { "STORE_EVTCHN", HVM_PARAM_STORE_EVTCHN },
        { "CONSOLE_PFN", HVM_PARAM_CONSOLE_PFN },
        { "CONSOLE_EVTCHN", HVM_PARAM_CONSOLE_EVTCHN },
        { "ACPI_IOPORTS_LOCATION", HVM_PARAM_ACPI_IOPORTS_LOCATION },
        { "VM_GENERATION_ID_ADDR", HVM_PARAM_VM_GENERATION_ID_ADDR },
        { "ALTP2M", HVM_PARAM_ALTP2M },
        { "X87_FIP_WIDTH", HVM_PARAM_X87_FIP_WIDTH },
    };
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(rd); i++ )
    {
        rc = get(rd[i].index);
        printf("  get %-40s -> %ld, value 0x%lx\n", rd[i].name, rc,
               (unsigned long)hp.value);
        CHECK(rc == 0, "get %s returned %ld", rd[i].name, rc);
    }
}

/* Toolstack parameters: not readable, or not writable, by the guest. */
static void check_refused(void)
{
    static const uint32_t no_read[] = {
        HVM_PARAM_VIRIDIAN, HVM_PARAM_TIMER_MODE,
        HVM_PARAM_HPET_ENABLED, HVM_PARAM_IDENT_PT, HVM_PARAM_IOREQ_PFN,
        HVM_PARAM_TRIPLE_FAULT_REASON, HVM_PARAM_MCA_CAP, 3, 7, 8,
    };
    static const uint32_t no_write[] = {
        HVM_PARAM_STORE_PFN, HVM_PARAM_CONSOLE_PFN, HVM_PARAM_ALTP2M,
        HVM_PARAM_TIMER_MODE, HVM_PARAM_VIRIDIAN, HVM_PARAM_IDENT_PT,
        HVM_PARAM_TRIPLE_FAULT_REASON, HVM_PARAM_MCA_CAP,
        HVM_PARAM_IOREQ_SERVER_PFN,
    };
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(no_read); i++ )
    {
        rc = get(no_read[i]);
        CHECK(rc == -XEN_EPERM, "get param %u returned %ld, expected %d",
              no_read[i], rc, -XEN_EPERM);
    }
    for ( i = 0; i < ARRAY_SIZE(no_write); i++ )
    {
        rc = set(no_write[i], 0);
        CHECK(rc == -XEN_EPERM, "set param %u returned %ld, expected %d",
              no_write[i], rc, -XEN_EPERM);
    }
    printf("  %u reads and %u writes refused with -EPERM\n",
           (unsigned int)ARRAY_SIZE(no_read),
           (unsigned int)ARRAY_SIZE(no_write));
}

/* Writable parameters: write, read back, restore. */
static void check_writable(void)
{
    uint64_t old;

    if ( get(HVM_PARAM_X87_FIP_WIDTH) )
        return;
    old = hp.value;
    EXPECT("set X87_FIP_WIDTH 8", set(HVM_PARAM_X87_FIP_WIDTH, 8), 0);
    get(HVM_PARAM_X87_FIP_WIDTH);
    CHECK(hp.value == 8, "X87_FIP_WIDTH reads 0x%lx after writing 8",
          (unsigned long)hp.value);
    EXPECT("set X87_FIP_WIDTH 5", set(HVM_PARAM_X87_FIP_WIDTH, 5),
           -XEN_EINVAL);
    EXPECT("restore X87_FIP_WIDTH", set(HVM_PARAM_X87_FIP_WIDTH, old), 0);

    if ( get(HVM_PARAM_VM_GENERATION_ID_ADDR) )
        return;
    old = hp.value;
    EXPECT("set VM_GENERATION_ID_ADDR",
           set(HVM_PARAM_VM_GENERATION_ID_ADDR, 0x12345000), 0);
    get(HVM_PARAM_VM_GENERATION_ID_ADDR);
    CHECK(hp.value == 0x12345000, "VM_GENERATION_ID_ADDR reads 0x%lx",
          (unsigned long)hp.value);
    EXPECT("restore VM_GENERATION_ID_ADDR",
           set(HVM_PARAM_VM_GENERATION_ID_ADDR, old), 0);

    /* CALLBACK_IRQ 0 = no upcalls: what the domain starts with. */
    EXPECT("set CALLBACK_IRQ 0", set(HVM_PARAM_CALLBACK_IRQ, 0), 0);
}

static void check_bad(void)
{
    static const uint32_t retired[] = {
        HVM_PARAM_PAE_ENABLED, HVM_PARAM_DM_DOMAIN, 20, 21, 22, 23,
        HVM_PARAM_NESTEDHVM, 25, HVM_PARAM_BUFIOREQ_EVTCHN, 30,
    };
    unsigned int i;
    long rc;

    for ( i = 0; i < ARRAY_SIZE(retired); i++ )
    {
        rc = get(retired[i]);
        CHECK(rc == -XEN_EINVAL, "get of retired param %u returned %ld",
              retired[i], rc);
        rc = set(retired[i], 0);
        CHECK(rc == -XEN_EINVAL, "set of retired param %u returned %ld",
              retired[i], rc);
    }
    printf("  %u retired params refused with -EINVAL\n",
           (unsigned int)ARRAY_SIZE(retired));
    EXPECT("set ACPI_IOPORTS_LOCATION 1 (no PM timer)",
           set(HVM_PARAM_ACPI_IOPORTS_LOCATION, 1), -XEN_ENODEV);

    EXPECT("get index HVM_NR_PARAMS", get(HVM_NR_PARAMS), -XEN_EINVAL);
    EXPECT("get index 0xffffffff", get(0xffffffffu), -XEN_EINVAL);
    EXPECT("set index HVM_NR_PARAMS", set(HVM_NR_PARAMS, 0), -XEN_EINVAL);
    EXPECT("get, bad index and no such domain",
           hvm_param(HVMOP_get_param, NO_SUCH_DOMAIN, HVM_NR_PARAMS, 0),
           -XEN_EINVAL);
    EXPECT("get, no such domain",
           hvm_param(HVMOP_get_param, NO_SUCH_DOMAIN,
                     HVM_PARAM_CALLBACK_IRQ, 0), -XEN_ESRCH);
    EXPECT("set, no such domain",
           hvm_param(HVMOP_set_param, NO_SUCH_DOMAIN,
                     HVM_PARAM_CALLBACK_IRQ, 0), -XEN_ESRCH);
    /* Xen's dom0 is PV (-EINVAL); Lamina: -EPERM, or -ESRCH if none. */
    rc = hvm_param(HVMOP_get_param, 0, HVM_PARAM_STORE_PFN, 0);
    printf("  %-44s -> %ld\n", "get STORE_PFN of dom0", rc);
    CHECK(rc == -XEN_EINVAL || rc == -XEN_EPERM || rc == -XEN_ESRCH,
          "get of dom0 returned %ld", rc);

    EXPECT("get, unmapped arg",
           hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, BAD_PTR_UNMAPPED),
           -XEN_EFAULT);
    EXPECT("set, arg without RAM",
           hypercall2(__HYPERVISOR_hvm_op, HVMOP_set_param, BAD_PTR_NO_RAM),
           -XEN_EFAULT);

    hp.domid = DOMID_SELF;
    hp.pad = 0xffff;
    hp.index = HVM_PARAM_CALLBACK_IRQ;
    EXPECT("get with non-zero pad (ignored)",
           hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, &hp), 0);
    EXPECT("unknown op 0xffff", hypercall2(__HYPERVISOR_hvm_op, 0xffff, &hp),
           -XEN_ENOSYS);
    EXPECT("op 0x100 | get_param (all bits count)",
           hypercall2(__HYPERVISOR_hvm_op, 0x100 | HVMOP_get_param, &hp),
           -XEN_ENOSYS);
}

void test_main(void)
{
    check_readable();
    check_refused();
    check_writable();
    check_bad();
    test_success();
}
