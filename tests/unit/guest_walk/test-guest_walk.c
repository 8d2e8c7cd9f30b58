/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest page-table walker over hand-built guest tables in fake guest
 * RAM (8 MiB at gpa 0, NPT and EPT p2m): paging off, 2-level with 4 MiB
 * PSE and PSE-36 pages, PAE, 4- and 5-level with 2 MiB and 1 GiB pages;
 * identity and non-identity maps; not-present, rights, reserved bits,
 * canonical checks, tables outside RAM; accessed/dirty updates.
 */
#include "test.h"
#include "../p2m/p2m-test.h"
#include <asm/guest-walk.h>

static struct guest_paging gp;

static uint64_t walk(uint64_t gva, unsigned int access)
{
    uint64_t gpa = 0xdead;
    int rc = guest_walk(test_dom.arch.p2m, &gp, gva, access, &gpa);

    return rc ? (uint64_t)(int64_t)rc : gpa;
}

#define FAULT   ((uint64_t)(int64_t)-EFAULT)

static void test_paging_off(void)
{
    gp = (struct guest_paging){ .cr0 = 0 };
    CHECK_EQ(walk(0x1234, 0), 0x1234);
    CHECK_EQ(walk(0xffffffff, GW_WRITE), 0xffffffff);
    CHECK_EQ(walk(1ULL << 32, 0), FAULT);
}

/*
 * Long-mode tables: PML4 0x1000, PDPT 0x2000, PD 0x3000, PT 0x4000 for
 * the low half; PDPT 0x5000, PD 0x6000, PT 0x7000 for PML4 slot 256;
 * PML5 0x8000 pointing at the PML4.
 */
static void build_long(void)
{
    poke64(0x1000, 0x2000 | G_PRW | G_US);
    poke64(0x1000 + 256 * 8, 0x5000 | G_PRW);
    poke64(0x2000, 0x3000 | G_PRW | G_US);
    poke64(0x2000 + 8, 0x0 | G_PRW | G_PS);             /* 1 GiB at 1G */
    poke64(0x3000 + 1 * 8, 0x4000 | G_PRW | G_US);
    poke64(0x3000 + 2 * 8, 0x600000 | G_PRW | G_PS);    /* 2 MiB at 4M */
    poke64(0x3000 + 3 * 8, 0x600000 | G_P | G_PS | (1ULL << 13));
    poke64(0x3000 + 4 * 8, 0x10000000 | G_PRW);         /* beyond RAM */
    poke64(0x4000 + 1 * 8, 0x50000 | G_PRW);
    poke64(0x4000 + 3 * 8, 0x53000 | G_PRW | G_US);
    poke64(0x4000 + 5 * 8, 0x55000 | G_P | (1ULL << 51));
    poke64(0x4000 + 6 * 8, 0x56000 | G_P | G_NX);
    poke64(0x5000, 0x6000 | G_PRW);
    poke64(0x6000, 0x7000 | G_PRW);
    poke64(0x7000 + 8, 0x61000 | G_P);                  /* read-only */
    poke64(0x8000, 0x1000 | G_PRW);
}

static void test_long(void)
{
    const uint64_t hi = 0xffff800000001000ULL;

    gp = (struct guest_paging){ .cr0 = X_CR0_PG | X_CR0_WP, .cr3 = 0x1000,
                                .cr4 = X_CR4_PAE, .efer = X_EFER_LMA };
    CHECK_EQ(walk(0x201abc, 0), 0x50abc);
    CHECK_EQ(walk(hi + 0x10, 0), 0x61010);
    CHECK_EQ(walk(0x401234, GW_WRITE), 0x601234);       /* 2 MiB */
    CHECK_EQ(walk(0x40012345, GW_WRITE), 0x12345);      /* 1 GiB */
    CHECK_EQ(walk(0x204000, 0), FAULT);                 /* not present */
    CHECK_EQ(walk(0x0000800000000000ULL, 0), FAULT);    /* non-canonical */
    CHECK_EQ(walk(0x600000, 0), FAULT);                 /* 2M rsvd bit */
    CHECK_EQ(walk(0x800000, 0), FAULT);                 /* table not RAM */
    CHECK_EQ(walk(0x205000, 0), FAULT);                 /* bit 51 */
    gp.paddr_bits = 52;
    CHECK_EQ(walk(0x205000, 0), 0x8000000055000ULL);
    gp.paddr_bits = 0;
    CHECK_EQ(walk(0x206000, 0), FAULT);                 /* NX, no NXE */
    gp.efer |= X_EFER_NXE;
    CHECK_EQ(walk(0x206000, 0), 0x56000);

    /* Rights: supervisor ignores U/S; CR0.WP decides read-only writes. */
    CHECK_EQ(walk(hi, GW_WRITE), FAULT);
    CHECK_EQ(walk(0x201000, GW_USER), FAULT);
    CHECK_EQ(walk(0x203000, GW_USER | GW_WRITE), 0x53000);
    gp.cr0 &= ~X_CR0_WP;
    CHECK_EQ(walk(hi, GW_WRITE), 0x61000);
    CHECK_EQ(walk(hi, GW_WRITE | GW_USER), FAULT);
    gp.cr0 |= X_CR0_WP;

    /* Accessed on every level used, dirty only on a written leaf. */
    poke64(0x4000 + 7 * 8, 0x57000 | G_PRW);
    CHECK_EQ(walk(0x207000, 0), 0x57000);
    CHECK_EQ(peek64(0x4000 + 7 * 8) & (G_A | G_D), G_A);
    CHECK_EQ(walk(0x207000, GW_WRITE), 0x57000);
    CHECK_EQ(peek64(0x4000 + 7 * 8) & (G_A | G_D), G_A | G_D);
    CHECK_EQ(peek64(0x3000 + 8) & (G_A | G_D), G_A);
    CHECK_EQ(peek64(0x1000) & G_A, G_A);
    CHECK_EQ(peek64(0x4000 + 4 * 8), 0);                /* faulted: none */

    /* A guest table in read-only RAM is walked but not updated. */
    poke64(0x4000 + 8 * 8, 0x58000 | G_PRW);
    CHECK_EQ(p2m_change_type(test_dom.arch.p2m, 4, p2m_ram_ro), 0);
    CHECK_EQ(walk(0x208000, GW_WRITE), 0x58000);
    CHECK_EQ(peek64(0x4000 + 8 * 8) & G_A, 0);
    CHECK_EQ(p2m_change_type(test_dom.arch.p2m, 4, p2m_ram_rw), 0);
}

static void test_la57(void)
{
    gp = (struct guest_paging){ .cr0 = X_CR0_PG, .cr3 = 0x8000,
                                .cr4 = X_CR4_PAE | X_CR4_LA57,
                                .efer = X_EFER_LMA };
    CHECK_EQ(walk(0x201abc, 0), 0x50abc);
    CHECK_EQ(walk(0x0000800000001008ULL, 0), 0x61008);
    CHECK_EQ(walk(0xff00000000000000ULL, 0), FAULT);    /* not present */
    CHECK_EQ(walk(0x0100000000000000ULL, 0), FAULT);    /* non-canonical */
    CHECK_EQ(walk(0xffff800000001000ULL, 0), FAULT);    /* PML5[511] */
}

/* PAE: PDPT at 0x9020 (32-byte aligned), PD 0xa000, PT 0xb000. */
static void test_pae(void)
{
    poke64(0x9020 + 3 * 8, 0xa000 | G_P);
    poke64(0x9020, 0xa000 | G_PRW);                     /* RW reserved */
    poke64(0xa000, 0xb000 | G_PRW);
    poke64(0xa000 + 8, 0x400000 | G_PRW | G_PS);
    poke64(0xb000 + 8, 0x71000 | G_PRW | G_NX);
    poke64(0xb000 + 16, 0x72000 | G_PRW | (1ULL << 52));
    gp = (struct guest_paging){ .cr0 = X_CR0_PG | X_CR0_WP, .cr3 = 0x9020,
                                .cr4 = X_CR4_PAE, .efer = X_EFER_NXE };
    CHECK_EQ(walk(0xc0001abc, GW_WRITE), 0x71abc);
    CHECK_EQ(walk(0xc0200010, 0), 0x400010);
    CHECK_EQ(walk(0xc0002000, 0), FAULT);               /* bit 52 */
    CHECK_EQ(walk(0x00001000, 0), FAULT);               /* PDPTE rsvd */
    CHECK_EQ(walk(0x40001000, 0), FAULT);               /* PDPTE absent */
    CHECK_EQ(walk(1ULL << 32, 0), FAULT);
    CHECK_EQ(peek64(0x9020 + 3 * 8) & G_A, 0);          /* no A in PDPTE */
    CHECK_EQ(peek64(0xb000 + 8) & G_D, G_D);
    gp.efer = 0;
    CHECK_EQ(walk(0xc0001abc, 0), FAULT);               /* NX reserved */
}

/* 2-level: PD 0xc000, PT 0xd000. */
static void test_2level(void)
{
    poke32(0xc000 + 1 * 4, 0xd000 | G_PRW);
    poke32(0xd000 + 1 * 4, 0x74000 | G_PRW);
    poke32(0xc000 + 2 * 4, 0x400000 | G_PRW | G_PS);
    poke32(0xc000 + 3 * 4, 0x400000 | G_P | G_PS | (1U << 13));
    poke32(0xc000 + 4 * 4, 0x400000 | G_P | G_PS | (1U << 17));
    poke32(0xc000 + 5 * 4, 0x400000 | G_P | G_PS | (1U << 21));
    gp = (struct guest_paging){ .cr0 = X_CR0_PG | X_CR0_WP, .cr3 = 0xc000,
                                .cr4 = X_CR4_PSE, .paddr_bits = 36 };
    CHECK_EQ(walk(0x401abc, GW_WRITE), 0x74abc);
    CHECK_EQ(walk(0x801234, GW_WRITE), 0x401234);       /* 4 MiB */
    CHECK_EQ(walk(0xc01234, 0), 0x100401234ULL);        /* PSE-36 */
    CHECK_EQ(walk(0xc01234, GW_WRITE), FAULT);          /* read-only */
    CHECK_EQ(walk(0x1001234, 0), FAULT);                /* above 36 bits */
    CHECK_EQ(walk(0x1401234, 0), FAULT);                /* bit 21 */
    CHECK_EQ(walk(0x402000, 0), FAULT);
    CHECK_EQ(walk(1ULL << 32, 0), FAULT);
    CHECK_EQ(*(uint32_t *)gpa_ptr(0xd004) & (G_A | G_D), G_A | G_D);
    /* Without CR4.PSE the PS bit is ignored: 0x400000 is a (zero) PT. */
    gp.cr4 = 0;
    CHECK_EQ(walk(0x801234, 0), FAULT);
}

static void run(enum p2m_format fmt)
{
    domain_start(fmt, ~0UL);
    if ( p2m_populate(test_dom.arch.p2m, 0, 11) )   /* 8 MiB */
        abort();
    printf("# p2m %s\n", fmt == P2M_EPT ? "EPT" : "NPT");
    test_paging_off();
    build_long();
    test_long();
    test_la57();
    test_pae();
    test_2level();
    domain_end();
}

int main(void)
{
    machine_start();
    run(P2M_NPT);
    run(P2M_EPT);
    free(test_ram);
    return test_done();
}
