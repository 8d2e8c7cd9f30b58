/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PIT channel 2 for PVH domains (asm/hvm/vpit2.h): control words, count
 * writes and reads with the LSB/MSB flip-flops, the latch command, and
 * the gate / output bits of port 0x61. Counting follows system time at
 * 1.193182 MHz. Simplifications: mode 0 covers modes 1, 4 and 5 (count
 * down once, output high at terminal count), mode 2 covers 3 (periodic;
 * the output is high for the first half of the period); lowering the
 * gate stops counting and raising it restarts from the written count.
 */
#include <xen/lib.h>
#include <asm/hvm/vpit2.h>

#define PORT_CH2        0x42
#define PORT_CTRL       0x43
#define PORT_61         0x61
#define P61_GATE2       0x01
#define P61_REFRESH     0x10
#define P61_OUT2        0x20
#define REFRESH_NS      15085   /* DRAM refresh toggle period of a PC */

void vpit2_init(struct vpit2 *p)
{
    memset(p, 0, sizeof(*p));
    p->rw = 3;
}

bool vpit2_claims(uint16_t port, bool in, unsigned int size, uint8_t val)
{
    if ( size != 1 )
        return false;
    if ( port == PORT_CH2 || port == PORT_61 )
        return true;
    return port == PORT_CTRL && !in && (val >> 6) == 2;
}

static uint64_t ticks_since(s_time_t start, s_time_t now)
{
    uint64_t ns = now > start ? (uint64_t)(now - start) : 0;

    return ns / 1000000000ULL * VPIT2_HZ +
           ns % 1000000000ULL * VPIT2_HZ / 1000000000ULL;
}

static bool periodic(const struct vpit2 *p)
{
    return (p->mode & 3) == 2 || (p->mode & 3) == 3;
}

/* The count now, and the output pin. */
static uint16_t count_now(const struct vpit2 *p, s_time_t now, bool *out)
{
    uint32_t n = p->reload ? p->reload : 0x10000;
    uint64_t t;

    if ( !p->counting )
    {
        *out = periodic(p);
        return p->reload;
    }
    t = ticks_since(p->start, now);
    if ( periodic(p) )
    {
        uint32_t left = n - (uint32_t)(t % n);

        *out = left > n / 2;
        return (uint16_t)left;
    }
    *out = t >= n;
    return (uint16_t)((n - t) & 0xffff);
}

static void restart(struct vpit2 *p, s_time_t now)
{
    p->counting = p->loaded && (p->port61 & P61_GATE2);
    p->start = now;
}

uint8_t vpit2_read(struct vpit2 *p, uint16_t port, s_time_t now)
{
    bool out;
    uint16_t v;

    if ( port == PORT_61 )
    {
        (void)count_now(p, now, &out);
        return (p->port61 & 0x0f) | (out ? P61_OUT2 : 0) |
               ((now / REFRESH_NS) & 1 ? P61_REFRESH : 0);
    }
    if ( port != PORT_CH2 )
        return 0xff;
    v = p->latched ? p->latch : count_now(p, now, &out);
    if ( p->rw == 1 || p->rw == 2 )
    {
        p->latched = false;
        return p->rw == 1 ? (uint8_t)v : (uint8_t)(v >> 8);
    }
    p->read_msb = !p->read_msb;
    if ( p->read_msb )
        return (uint8_t)v;
    p->latched = false;
    return (uint8_t)(v >> 8);
}

static void write_count(struct vpit2 *p, uint8_t val, s_time_t now)
{
    if ( p->rw == 1 )
        p->reload = (p->reload & 0xff00) | val;
    else if ( p->rw == 2 )
        p->reload = (uint16_t)(val << 8) | (p->reload & 0xff);
    else if ( !p->write_msb )
    {
        p->reload = (p->reload & 0xff00) | val;
        p->write_msb = true;
        p->counting = false;        /* mode 0 stops on the first byte */
        return;
    }
    else
    {
        p->reload = (uint16_t)(val << 8) | (p->reload & 0xff);
        p->write_msb = false;
    }
    p->loaded = true;
    restart(p, now);
}

void vpit2_write(struct vpit2 *p, uint16_t port, uint8_t val, s_time_t now)
{
    bool out;

    if ( port == PORT_61 )
    {
        bool rising = (val & P61_GATE2) && !(p->port61 & P61_GATE2);

        p->port61 = val & 0x0f;
        if ( rising || !(val & P61_GATE2) )
            restart(p, now);
        return;
    }
    if ( port == PORT_CH2 )
    {
        write_count(p, val, now);
        return;
    }
    if ( port != PORT_CTRL || (val >> 6) != 2 )
        return;
    if ( !((val >> 4) & 3) )
    {
        /* Latch command: freeze the count until it has been read. */
        if ( !p->latched )
        {
            p->latch = count_now(p, now, &out);
            p->latched = true;
            p->read_msb = false;
        }
        return;
    }
    p->rw = (val >> 4) & 3;
    p->mode = (val >> 1) & 7;
    p->write_msb = p->read_msb = p->latched = false;
    p->loaded = p->counting = false;
}
