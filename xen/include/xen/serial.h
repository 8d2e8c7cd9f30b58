/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The serial port the console writes to (drivers/char/ns16550.c).
 * Output is polled (never lost, even with interrupts off); input arrives
 * by interrupt once routed, or by polling from a timer until then.
 */
#ifndef __XEN_SERIAL_H__
#define __XEN_SERIAL_H__

#include <xen/types.h>

/* Program the UART from the "com1="/"com2=" options. Context: boot CPU. */
void serial_init_preirq(void);
/* Route the UART's interrupt (needs the IOAPIC). Context: boot CPU. */
void serial_init_postirq(void);

/* Write one character; "\n" becomes "\r\n". Context: any, lock held by caller. */
void serial_putc(char c);
/* True if a serial port is in use. */
bool serial_present(void);

/* Called for each received character (from IRQ or poll context). */
void serial_set_rx_handler(void (*fn)(char c));
/* Drain the receive FIFO, calling the rx handler. Context: IRQs off. */
void serial_poll_rx(void);

/* Legacy IRQ line of the port in use, or -1. */
int serial_irq(void);

#endif /* __XEN_SERIAL_H__ */
