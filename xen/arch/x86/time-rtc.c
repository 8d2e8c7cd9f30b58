/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The wall clock at boot, from the CMOS real-time clock (ports 0x70/0x71:
 * seconds, minutes, hours, day, month, year, century in register 0x32),
 * for the guests' shared_info wall clock. Read once, on first use, and
 * cached as "UTC ns at system time 0". Entry point:
 * arch_wallclock_at_boot_ns() (xen/time-arch.h). The RTC is assumed to
 * run in UTC, as on QEMU and Linux-installed machines.
 *
 * Locking: rtc_lock (spinlock, IRQs off while held; takes nothing)
 * guards the index/data port pair and the cache.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/time-arch.h>
#include <asm/io.h>

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_NMI_OFF     0x80    /* keep NMIs disabled while indexing */

#define RTC_SEC         0x00
#define RTC_MIN         0x02
#define RTC_HOUR        0x04
#define RTC_DAY         0x07
#define RTC_MONTH       0x08
#define RTC_YEAR        0x09
#define RTC_REG_A       0x0a
#define  RTC_UIP        0x80    /* update in progress: values unstable */
#define RTC_REG_B       0x0b
#define  RTC_24H        0x02
#define  RTC_BINARY     0x04
#define RTC_CENTURY     0x32

#define UIP_SPINS       1000000

static DEFINE_SPINLOCK(rtc_lock);
static bool rtc_done;               /* [L:rtc_lock] */
static uint64_t wall_at_zero;       /* [L:rtc_lock] ns, 0: unknown */

struct rtc_time {
    unsigned int sec, min, hour, day, mon, year;
};

static unsigned int cmos_read(unsigned int reg)
{
    outb(RTC_NMI_OFF | reg, RTC_INDEX);
    return inb(RTC_DATA);
}

static unsigned int bcd(unsigned int v)
{
    return (v & 0x0f) + (v >> 4) * 10;
}

static void rtc_read_raw(struct rtc_time *t, unsigned int *century)
{
    t->sec = cmos_read(RTC_SEC);
    t->min = cmos_read(RTC_MIN);
    t->hour = cmos_read(RTC_HOUR);
    t->day = cmos_read(RTC_DAY);
    t->mon = cmos_read(RTC_MONTH);
    t->year = cmos_read(RTC_YEAR);
    *century = cmos_read(RTC_CENTURY);
}

/* Two equal reads with no update in between: a consistent time. */
static bool rtc_read(struct rtc_time *t)
{
    struct rtc_time again;
    unsigned int i, b, century, c2, pm;

    for ( i = 0; i < UIP_SPINS && (cmos_read(RTC_REG_A) & RTC_UIP); i++ )
        ;
    do {
        rtc_read_raw(t, &century);
        rtc_read_raw(&again, &c2);
    } while ( memcmp(t, &again, sizeof(again)) && ++i < UIP_SPINS );
    b = cmos_read(RTC_REG_B);
    pm = !(b & RTC_24H) && (t->hour & 0x80);
    t->hour &= 0x7f;
    if ( !(b & RTC_BINARY) )
    {
        t->sec = bcd(t->sec); t->min = bcd(t->min); t->hour = bcd(t->hour);
        t->day = bcd(t->day); t->mon = bcd(t->mon); t->year = bcd(t->year);
        century = bcd(century);
    }
    if ( !(b & RTC_24H) )
        t->hour = (t->hour % 12) + (pm ? 12 : 0);
    if ( century < 19 || century > 21 )     /* no century register */
        century = t->year < 70 ? 20 : 19;
    t->year += century * 100;
    return t->sec < 60 && t->min < 60 && t->hour < 24 && t->day >= 1 &&
           t->day <= 31 && t->mon >= 1 && t->mon <= 12;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, y >= 1970). */
static uint64_t days_since_epoch(unsigned int y, unsigned int m,
                                 unsigned int d)
{
    static const unsigned int before[12] = {
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    uint64_t days = (uint64_t)(y - 1970) * 365 + before[m - 1] + d - 1;
    unsigned int leap_y = m > 2 ? y : y - 1;    /* leap days up to then */

    days += leap_y / 4 - leap_y / 100 + leap_y / 400;
    days -= 1969 / 4 - 1969 / 100 + 1969 / 400;
    return days;
}

uint64_t arch_wallclock_at_boot_ns(void)
{
    struct rtc_time t;
    unsigned long flags;
    uint64_t secs;

    spin_lock_irqsave(&rtc_lock, flags);
    if ( !rtc_done )
    {
        rtc_done = true;
        if ( rtc_read(&t) && t.year >= 1970 )
        {
            secs = days_since_epoch(t.year, t.mon, t.day) * 86400 +
                   t.hour * 3600 + t.min * 60 + t.sec;
            wall_at_zero = secs * NSEC_PER_SEC - (uint64_t)NOW();
        }
        else
            printk(XENLOG_WARNING "RTC unreadable: guest wall clock 0\n");
    }
    spin_unlock_irqrestore(&rtc_lock, flags);
    return wall_at_zero;
}
