/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IOAPIC driver (82093AA register model: IOREGSEL/IOWIN, 64-bit
 * redirection entries) and the legacy 8259 PICs, which are masked for
 * good. Routes the serial console's ISA IRQ to SERIAL_VECTOR on the boot
 * CPU, or polls serial input from a timer when there is no IOAPIC.
 *
 * Locking: ioapic_lock (spinlock, IRQ-safe) serialises IOREGSEL/IOWIN
 * pairs. Leaf lock.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/io-apic.h>
#include <asm/page.h>
#include <asm/paging.h>
#include <asm/system.h>
#include <asm/traps.h>

#define IOREGSEL        0x00
#define IOWIN           0x10
#define IOAPIC_VER      0x01
#define IOAPIC_REDTBL   0x10
#define RTE_MASKED      (1u << 16)
#define RTE_LEVEL       (1u << 15)
#define RTE_ACTIVE_LOW  (1u << 13)
#define SERIAL_POLL_MS  20

struct ioapic {
    volatile uint8_t *base;     /* [I] */
    uint32_t gsi_base;          /* [I] */
    unsigned int nr_pins;       /* [I] */
    uint8_t id;                 /* [I] */
};

unsigned int nr_ioapics;
static struct ioapic ioapics[ACPI_MAX_IOAPICS];
static DEFINE_SPINLOCK(ioapic_lock);
static struct timer serial_poll_timer;

static uint32_t io_read(const struct ioapic *io, unsigned int reg)
{
    writel(reg, io->base + IOREGSEL);
    return readl(io->base + IOWIN);
}

static void io_write(const struct ioapic *io, unsigned int reg, uint32_t v)
{
    writel(reg, io->base + IOREGSEL);
    writel(v, io->base + IOWIN);
}

static void rte_write(const struct ioapic *io, unsigned int pin,
                      uint32_t low, uint32_t high)
{
    unsigned long flags;

    spin_lock_irqsave(&ioapic_lock, flags);
    /* Mask first so the entry is never live half-written. */
    io_write(io, IOAPIC_REDTBL + 2 * pin, RTE_MASKED);
    io_write(io, IOAPIC_REDTBL + 2 * pin + 1, high);
    io_write(io, IOAPIC_REDTBL + 2 * pin, low);
    spin_unlock_irqrestore(&ioapic_lock, flags);
}

static void mask_8259(void)
{
    outb(0xff, 0xa1);
    outb(0xff, 0x21);
}

void io_apic_init(void)
{
    unsigned int i, pin;

    mask_8259();
    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
    {
        const struct acpi_ioapic *a = &acpi_info.ioapics[i];
        struct ioapic *io = &ioapics[nr_ioapics];
        uint32_t ver;

        io->base = ioremap(a->addr, PAGE_SIZE);
        if ( !io->base )
            continue;
        ver = io_read(io, IOAPIC_VER);
        io->nr_pins = ((ver >> 16) & 0xff) + 1;
        io->gsi_base = a->gsi_base;
        io->id = a->id;
        for ( pin = 0; pin < io->nr_pins; pin++ )
            rte_write(io, pin, RTE_MASKED, 0);
        printk("IOAPIC[%u]: apic_id %u, version %#x, address %#lx, "
               "GSI %u-%u\n", nr_ioapics, io->id, ver & 0xff,
               (unsigned long)a->addr, io->gsi_base,
               io->gsi_base + io->nr_pins - 1);
        nr_ioapics++;
    }
}

int io_apic_route_isa(unsigned int irq, unsigned int vector, uint32_t dest)
{
    uint32_t gsi, low;
    bool level, active_low;
    unsigned int i;

    acpi_isa_irq_to_gsi(irq, &gsi, &level, &active_low);
    for ( i = 0; i < nr_ioapics; i++ )
    {
        const struct ioapic *io = &ioapics[i];

        if ( gsi < io->gsi_base || gsi >= io->gsi_base + io->nr_pins )
            continue;
        low = vector | (level ? RTE_LEVEL : 0) |
              (active_low ? RTE_ACTIVE_LOW : 0);
        rte_write(io, gsi - io->gsi_base, low, dest << 24);
        printk("IOAPIC: IRQ %u -> GSI %u (%s, %s) -> vector %#x, APIC %u\n",
               irq, gsi, level ? "level" : "edge",
               active_low ? "low" : "high", vector, dest);
        return 0;
    }
    return -ENODEV;
}

static void serial_interrupt(struct trap_regs *regs)
{
    (void)regs;
    serial_poll_rx();
    apic_eoi();
}

static void serial_poll(void *data)
{
    unsigned long flags = local_irq_save();

    (void)data;
    serial_poll_rx();
    local_irq_restore(flags);
    set_timer(&serial_poll_timer, NOW() + MILLISECS(SERIAL_POLL_MS));
}

void io_apic_serial_init(void)
{
    int irq = serial_irq();
    unsigned long flags;

    if ( irq < 0 )
        return;
    set_vector_handler(SERIAL_VECTOR, serial_interrupt);
    if ( io_apic_route_isa((unsigned int)irq, SERIAL_VECTOR,
                           apic_current_id()) == 0 )
    {
        console_init_postirq();
        /* Drain what came in while the pin was masked. */
        flags = local_irq_save();
        serial_poll_rx();
        local_irq_restore(flags);
        return;
    }
    printk("Serial input: no IOAPIC for IRQ %d; polling every %u ms\n", irq,
           SERIAL_POLL_MS);
    init_timer(&serial_poll_timer, serial_poll, NULL, 0);
    set_timer(&serial_poll_timer, NOW() + MILLISECS(SERIAL_POLL_MS));
}

void io_apic_dump(void)
{
    unsigned int i, pin;

    for ( i = 0; i < nr_ioapics; i++ )
    {
        const struct ioapic *io = &ioapics[i];
        unsigned long flags;

        printk("IOAPIC[%u] id %u:\n", i, io->id);
        for ( pin = 0; pin < io->nr_pins; pin++ )
        {
            uint32_t lo, hi;

            spin_lock_irqsave(&ioapic_lock, flags);
            lo = io_read(io, IOAPIC_REDTBL + 2 * pin);
            hi = io_read(io, IOAPIC_REDTBL + 2 * pin + 1);
            spin_unlock_irqrestore(&ioapic_lock, flags);
            if ( !(lo & RTE_MASKED) )
                printk("  pin %2u: vector %#04x dest %u %s %s\n", pin,
                       lo & 0xff, hi >> 24, lo & RTE_LEVEL ? "level" : "edge",
                       lo & RTE_ACTIVE_LOW ? "low" : "high");
        }
    }
}
