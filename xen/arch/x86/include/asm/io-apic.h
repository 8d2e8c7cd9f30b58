/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOAPICs and the legacy 8259 PICs (io-apic.c): every IOAPIC pin masked
 * at boot, the 8259s masked for good, and legacy ISA IRQs routed one by
 * one (through the MADT overrides) to a vector on one CPU.
 */
#ifndef __ASM_IO_APIC_H__
#define __ASM_IO_APIC_H__

#include <xen/types.h>

/* Number of IOAPICs in use after io_apic_init(). */
extern unsigned int nr_ioapics;

/*
 * Mask the 8259 PICs and every pin of every IOAPIC of the MADT.
 * Context: boot CPU, IRQs off, after apic_init_bsp().
 */
void io_apic_init(void);

/*
 * Route ISA IRQ irq to vector on the CPU with APIC id dest (fixed,
 * physical destination), unmasked. Returns 0, -ENODEV if no IOAPIC
 * serves its GSI. Context: boot, IRQs off.
 */
int io_apic_route_isa(unsigned int irq, unsigned int vector, uint32_t dest);

/*
 * Serial console input by interrupt (SERIAL_VECTOR on this CPU) when an
 * IOAPIC exists, else by polling from a 20 ms timer; then
 * console_init_postirq(). Context: boot CPU, after timer_init().
 */
void io_apic_serial_init(void);

/* Print each IOAPIC's pins (debug key 'i'). */
void io_apic_dump(void);

#endif /* __ASM_IO_APIC_H__ */
