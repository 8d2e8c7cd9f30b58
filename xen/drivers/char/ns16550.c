/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 16550-compatible UART on an I/O port: the hypervisor's serial console.
 * Owns option parsing for "com1="/"com2=" (baud[,DPS[,io-base[,irq]]]),
 * polled output and FIFO-drained input. Interrupt routing is done by
 * serial_init_postirq() through the IOAPIC code.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/serial.h>
#include <asm/io.h>

#define RBR 0   /* receive buffer (read) */
#define THR 0   /* transmit holding (write) */
#define IER 1   /* interrupt enable */
#define FCR 2   /* FIFO control (write) */
#define LCR 3   /* line control */
#define MCR 4   /* modem control */
#define LSR 5   /* line status */
#define DLL 0   /* divisor latch low (DLAB=1) */
#define DLM 1   /* divisor latch high (DLAB=1) */

#define LSR_DR      0x01    /* data ready */
#define LSR_THRE    0x20    /* transmit holding register empty */
#define LCR_DLAB    0x80
#define IER_ERDAI   0x01    /* receive data interrupt */
#define MCR_DTR_RTS_OUT2 0x0b   /* OUT2 gates the IRQ line on PCs */

#define UART_CLOCK  115200

struct uart {
    uint16_t io_base;           /* [I] 0: not present */
    int irq;                    /* [I] legacy IRQ */
    unsigned int baud;          /* [I] 0: keep what firmware set */
    uint8_t lcr;                /* [I] data bits, parity, stop bits */
    bool configured;            /* [I] option given */
};

static struct uart uarts[2] = {
    { .io_base = 0x3f8, .irq = 4, .baud = 115200, .lcr = 0x03 },
    { .io_base = 0x2f8, .irq = 3, .baud = 115200, .lcr = 0x03 },
};
static struct uart *console_uart = &uarts[0];
static void (*rx_handler)(char c);

/* "115200,8n1,0x3f8,4": any suffix may be left out; "auto" keeps the baud. */
static int parse_com(struct uart *u, const char *s)
{
    const char *end;
    unsigned int bits, stop;
    uint8_t parity;

    if ( !strncmp(s, "auto", 4) )
    {
        u->baud = 0;
        end = s + 4;
    }
    else
    {
        u->baud = simple_strtoul(s, &end, 10);
        if ( end == s || u->baud < 50 || u->baud > UART_CLOCK )
            return -EINVAL;
    }
    s = end;
    if ( *s == ',' && s[1] >= '5' && s[1] <= '8' )
    {
        bits = s[1] - '5';
        switch ( s[2] )
        {
        case 'n': case 'N': parity = 0x00; break;
        case 'o': case 'O': parity = 0x08; break;
        case 'e': case 'E': parity = 0x18; break;
        default: return -EINVAL;
        }
        if ( s[3] != '1' && s[3] != '2' )
            return -EINVAL;
        stop = s[3] == '2' ? 0x04 : 0;
        u->lcr = (uint8_t)(bits | parity | stop);
        s += 4;
    }
    if ( *s == ',' )
    {
        u->io_base = (uint16_t)simple_strtoul(s + 1, &end, 0);
        if ( end == s + 1 || u->io_base == 0 )
            return -EINVAL;
        s = end;
    }
    if ( *s == ',' )
    {
        u->irq = (int)simple_strtoul(s + 1, &end, 0);
        if ( end == s + 1 || u->irq > 15 )
            return -EINVAL;
        s = end;
    }
    if ( *s )
        return -EINVAL;
    u->configured = true;
    return 0;
}

static int parse_com1(const char *s) { return parse_com(&uarts[0], s); }
static int parse_com2(const char *s) { return parse_com(&uarts[1], s); }
custom_param("com1", parse_com1,
             "COM1 settings: baud[,DPS[,io-base[,irq]]] (115200,8n1,0x3f8,4)");
custom_param("com2", parse_com2,
             "COM2 settings: baud[,DPS[,io-base[,irq]]] (115200,8n1,0x2f8,3)");

static int parse_console(const char *s)
{
    if ( !strcmp(s, "com1") )
        console_uart = &uarts[0];
    else if ( !strcmp(s, "com2") )
        console_uart = &uarts[1];
    else if ( !strcmp(s, "none") )
        console_uart = NULL;
    else
        return -EINVAL;
    return 0;
}
custom_param("console", parse_console,
             "serial console: com1, com2 or none (com1)");

static void uart_setup(const struct uart *u)
{
    uint16_t b = u->io_base;

    outb(0, b + IER);
    if ( u->baud )
    {
        unsigned int div = UART_CLOCK / u->baud;

        outb(LCR_DLAB, b + LCR);
        outb((uint8_t)div, b + DLL);
        outb((uint8_t)(div >> 8), b + DLM);
    }
    outb(u->lcr, b + LCR);
    outb(0x07, b + FCR);        /* enable and clear both FIFOs */
    outb(MCR_DTR_RTS_OUT2, b + MCR);
}

void serial_init_preirq(void)
{
    if ( console_uart )
        uart_setup(console_uart);
}

void serial_putc(char c)
{
    uint16_t b;
    unsigned int spins = 0;

    if ( !console_uart )
        return;
    b = console_uart->io_base;
    if ( c == '\n' )
        serial_putc('\r');
    /* Bounded wait: a missing UART must not hang the hypervisor. */
    while ( !(inb(b + LSR) & LSR_THRE) && ++spins < 100000 )
        ;
    outb((uint8_t)c, b + THR);
}

bool serial_present(void)
{
    return console_uart != NULL;
}

void serial_set_rx_handler(void (*fn)(char c))
{
    rx_handler = fn;
}

void serial_poll_rx(void)
{
    unsigned int n = 0;
    uint16_t b;

    if ( !console_uart )
        return;
    b = console_uart->io_base;
    while ( (inb(b + LSR) & LSR_DR) && n++ < 64 )
    {
        char c = (char)inb(b + RBR);

        if ( rx_handler )
            rx_handler(c);
    }
}

int serial_irq(void)
{
    return console_uart ? console_uart->irq : -1;
}

void serial_init_postirq(void)
{
    if ( console_uart )
        outb(IER_ERDAI, console_uart->io_base + IER);
}
