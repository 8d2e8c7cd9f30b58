/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one part of the 8254 PIT a PVH domain gets: channel 2 (ports 0x42
 * and 0x43 for channel-2 control words) with its gate and output on
 * port 0x61, counting at 1.193182 MHz from system time. Kernels probe
 * it to measure the CPU clock (Linux's quick_pit_calibrate()); with no
 * PIT at all, every read returns all ones and Linux spins 100,000 reads,
 * each a VM exit. Channels 0 and 1 and the read-back command stay
 * unhandled, as on Xen. A pure model (host unit-tested): the caller
 * passes the time and serialises calls (hvm/io.c: d->arch.vpit2_lock).
 */
#ifndef __ASM_HVM_VPIT2_H__
#define __ASM_HVM_VPIT2_H__

#include <xen/types.h>
#include <xen/time.h>

#define VPIT2_HZ            1193182u

struct vpit2 {
    s_time_t start;         /* when the current count began counting */
    uint16_t reload;        /* count written (0 means 65536) */
    uint16_t latch;         /* latched count */
    uint8_t mode;           /* 0-5 (6/7 alias 2/3) */
    uint8_t rw;             /* 1 LSB, 2 MSB, 3 LSB then MSB */
    uint8_t port61;         /* bits 0-3 as written */
    bool write_msb;         /* rw 3: next write is the MSB */
    bool read_msb;          /* rw 3: next read is the MSB */
    bool latched;           /* a latch command is pending reads */
    bool loaded;            /* a full count was written since the mode */
    bool counting;          /* loaded and the gate is on: start is valid */
};

/* Power-on state: gate low, nothing counting. */
void vpit2_init(struct vpit2 *p);

/*
 * Is this access the model's? Ports 0x42 and 0x61 (either direction)
 * and writes to 0x43 that address channel 2, all one byte wide.
 */
bool vpit2_claims(uint16_t port, bool in, unsigned int size, uint8_t val);

uint8_t vpit2_read(struct vpit2 *p, uint16_t port, s_time_t now);
void vpit2_write(struct vpit2 *p, uint16_t port, uint8_t val, s_time_t now);

#endif /* __ASM_HVM_VPIT2_H__ */
