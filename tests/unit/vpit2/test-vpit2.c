/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PIT channel 2 model: which accesses it claims, count writes and reads
 * with the flip-flops, counting down in real time, OUT2 and the gate on
 * port 0x61, the latch command, periodic mode, and the sequence Linux's
 * quick_pit_calibrate() uses (the MSB steps down every 256 ticks).
 */
#include "test.h"
#include <asm/hvm/vpit2.h>

#define MS(x)   ((s_time_t)(x) * 1000000)

static struct vpit2 pit;

/* ns for n PIT ticks, rounded up so that n whole ticks have passed. */
static s_time_t ticks_ns(uint64_t n)
{
    return (s_time_t)((n * 1000000000ULL + VPIT2_HZ - 1) / VPIT2_HZ);
}

static uint16_t read16(s_time_t now)
{
    uint16_t lo = vpit2_read(&pit, 0x42, now);

    return lo | (uint16_t)(vpit2_read(&pit, 0x42, now) << 8);
}

static void test_claims(void)
{
    CHECK(vpit2_claims(0x42, true, 1, 0));
    CHECK(vpit2_claims(0x61, false, 1, 0));
    CHECK(vpit2_claims(0x43, false, 1, 0xb0));      /* channel 2 */
    CHECK(!vpit2_claims(0x43, false, 1, 0x34));     /* channel 0 */
    CHECK(!vpit2_claims(0x43, false, 1, 0xc0));     /* read-back */
    CHECK(!vpit2_claims(0x43, true, 1, 0));
    CHECK(!vpit2_claims(0x40, true, 1, 0));
    CHECK(!vpit2_claims(0x42, true, 2, 0));
}

static void test_oneshot(void)
{
    s_time_t t0 = MS(1000);

    vpit2_init(&pit);
    CHECK_EQ(vpit2_read(&pit, 0x61, t0) & 0x2f, 0);  /* gate low, OUT low */
    vpit2_write(&pit, 0x61, 0x01, t0);              /* gate on */
    vpit2_write(&pit, 0x43, 0xb0, t0);              /* ch2, LSB+MSB, mode 0 */
    vpit2_write(&pit, 0x42, 0x10, t0);
    CHECK_EQ(read16(t0 + MS(5)), read16(t0 + MS(9)));  /* half-written: stopped */
    vpit2_write(&pit, 0x42, 0x27, t0);              /* 0x2710 = 10000 ticks */
    CHECK_EQ(read16(t0), 10000);
    CHECK_EQ(read16(t0 + ticks_ns(1000)), 9000);
    CHECK_EQ(vpit2_read(&pit, 0x61, t0 + ticks_ns(9999)) & 0x20, 0);
    CHECK_EQ(vpit2_read(&pit, 0x61, t0 + ticks_ns(10000)) & 0x21, 0x21);
    /* Past terminal count the counter wraps and OUT stays high. */
    CHECK_EQ(read16(t0 + ticks_ns(10001)), 0xffff);
    CHECK(vpit2_read(&pit, 0x61, t0 + MS(1000)) & 0x20);
    /* Gate low stops it; raising it restarts from the written count. */
    vpit2_write(&pit, 0x61, 0x00, t0 + MS(2000));
    CHECK_EQ(read16(t0 + MS(2001)), 10000);
    vpit2_write(&pit, 0x61, 0x01, t0 + MS(3000));
    CHECK_EQ(read16(t0 + MS(3000) + ticks_ns(500)), 9500);
    CHECK_EQ(vpit2_read(&pit, 0x61, t0) & 0x0f, 0x01);
}

static void test_latch_and_modes(void)
{
    s_time_t t0 = MS(50);

    vpit2_init(&pit);
    vpit2_write(&pit, 0x61, 0x01, t0);
    vpit2_write(&pit, 0x43, 0xb0, t0);
    vpit2_write(&pit, 0x42, 0x00, t0);
    vpit2_write(&pit, 0x42, 0x00, t0);              /* 0 = 65536 */
    CHECK_EQ(read16(t0 + ticks_ns(1)), 0xffff);
    /* Latch: the value at the latch, however late it is read. */
    vpit2_write(&pit, 0x43, 0x80, t0 + ticks_ns(100));
    CHECK_EQ(read16(t0 + MS(10)), 65436);
    CHECK(read16(t0 + MS(10)) < 65436);            /* live again */
    /* MSB-only access, as quick_pit_calibrate reads it after LSB. */
    vpit2_write(&pit, 0x43, 0xa0, t0);              /* MSB only, mode 0 */
    vpit2_write(&pit, 0x42, 0xff, t0);
    CHECK_EQ(vpit2_read(&pit, 0x42, t0), 0xff);
    CHECK_EQ(vpit2_read(&pit, 0x42, t0 + ticks_ns(256)), 0xfe);
    /* Mode 2/3: periodic, reloads, OUT high for the first half. */
    vpit2_write(&pit, 0x43, 0xb6, t0);              /* mode 3 */
    vpit2_write(&pit, 0x42, 100, t0);
    vpit2_write(&pit, 0x42, 0, t0);
    CHECK_EQ(read16(t0 + ticks_ns(30)), 70);
    CHECK(vpit2_read(&pit, 0x61, t0 + ticks_ns(30)) & 0x20);
    CHECK_EQ(vpit2_read(&pit, 0x61, t0 + ticks_ns(70)) & 0x20, 0);
    CHECK_EQ(read16(t0 + ticks_ns(130)), 70);
}

/* Linux's quick calibration: MSB steps every 256 ticks from 0xff. */
static void test_quick_calibrate(void)
{
    s_time_t t0 = MS(7), t;
    unsigned int i, steps = 0, last = 0xff;

    vpit2_init(&pit);
    vpit2_write(&pit, 0x61, (vpit2_read(&pit, 0x61, t0) & ~0x02) | 0x01, t0);
    vpit2_write(&pit, 0x43, 0xb0, t0);
    vpit2_write(&pit, 0x42, 0xff, t0);
    vpit2_write(&pit, 0x42, 0xff, t0);
    for ( i = 0, t = t0; i < 2000; i++, t += 20000 )    /* 20 us apart */
    {
        (void)vpit2_read(&pit, 0x42, t);
        unsigned int msb = vpit2_read(&pit, 0x42, t);

        CHECK(msb <= last);
        if ( msb != last )
            steps++;
        last = msb;
    }
    /* 40 ms = 47,727 ticks = 186 MSB steps. */
    CHECK(steps >= 184 && steps <= 188);
}

int main(void)
{
    test_claims();
    test_oneshot();
    test_latch_and_modes();
    test_quick_calibrate();
    return test_done();
}
