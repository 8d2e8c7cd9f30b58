/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The debug-key table and dispatch (xen/keyhandler.h). Keys from the
 * console input are queued and handled from KEYPRESS_SOFTIRQ, except keys
 * registered as IRQ handlers, which run at once. Owns the built-in keys
 * 'h' (help) and '*' (all diagnostics).
 *
 * Locking:
 *   keyhandler_lock  spinlock, IRQ-safe. Protects the key table and the
 *                    pending-key ring. Leaf lock; never held while a
 *                    handler runs.
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>

#define KEY_BACKLOG     16      /* power of two */

struct keyhandler {
    keyhandler_fn_t fn;         /* [L] NULL: key unbound */
    const char *desc;           /* [L] */
    bool irq;                   /* [L] run in the input interrupt */
    bool diagnostic;            /* [L] part of '*' */
};

static DEFINE_SPINLOCK(keyhandler_lock);
static struct keyhandler key_table[256];
static unsigned char key_ring[KEY_BACKLOG];     /* [L] */
static unsigned int key_prod, key_cons;         /* [L] free-running */
static unsigned int keys_dropped;               /* [L] */

static void set_handler(unsigned char key, keyhandler_fn_t fn,
                        const char *desc, bool irq, bool diagnostic)
{
    unsigned long flags;

    spin_lock_irqsave(&keyhandler_lock, flags);
    key_table[key].fn = fn;
    key_table[key].desc = desc;
    key_table[key].irq = irq;
    key_table[key].diagnostic = diagnostic;
    spin_unlock_irqrestore(&keyhandler_lock, flags);
}

void register_keyhandler(unsigned char key, keyhandler_fn_t fn,
                         const char *desc, bool diagnostic)
{
    set_handler(key, fn, desc, false, diagnostic);
}

void register_irq_keyhandler(unsigned char key, keyhandler_fn_t fn,
                             const char *desc, bool diagnostic)
{
    set_handler(key, fn, desc, true, diagnostic);
}

void handle_keypress(unsigned char key)
{
    keyhandler_fn_t fn;
    unsigned long flags;
    bool irq;

    spin_lock_irqsave(&keyhandler_lock, flags);
    fn = key_table[key].fn;
    irq = key_table[key].irq;
    if ( fn && !irq )
    {
        if ( key_prod - key_cons < KEY_BACKLOG )
            key_ring[key_prod++ % KEY_BACKLOG] = key;
        else
            keys_dropped++;
    }
    spin_unlock_irqrestore(&keyhandler_lock, flags);

    if ( !fn )
        printk("'%c' (0x%02x) pressed: no handler, 'h' for help\n",
               key >= 0x20 && key < 0x7f ? key : '?', key);
    else if ( irq )
        fn(key);
    else
        raise_softirq(KEYPRESS_SOFTIRQ);
}

static void keypress_softirq_action(void)
{
    unsigned int dropped;
    keyhandler_fn_t fn;
    unsigned char key;

    for ( ; ; )
    {
        spin_lock_irq(&keyhandler_lock);
        dropped = keys_dropped;
        keys_dropped = 0;
        if ( key_prod == key_cons )
        {
            spin_unlock_irq(&keyhandler_lock);
            break;
        }
        key = key_ring[key_cons++ % KEY_BACKLOG];
        fn = key_table[key].fn;     /* may have been unbound meanwhile */
        spin_unlock_irq(&keyhandler_lock);

        if ( dropped )
            printk(XENLOG_WARNING "keyhandler: %u keys dropped\n", dropped);
        if ( fn )
            fn(key);
    }
}

static void show_help(unsigned char key)
{
    unsigned int k;

    (void)key;
    printk("Debug keys ('*': run by '*'):\n");
    for ( k = 0; k < ARRAY_SIZE(key_table); k++ )
        if ( key_table[k].fn )
            printk(" '%c' %c %s\n", (char)k,
                   key_table[k].diagnostic ? '*' : ' ', key_table[k].desc);
}

static void run_all_diagnostics(unsigned char key)
{
    unsigned int k;

    (void)key;
    for ( k = 0; k < ARRAY_SIZE(key_table); k++ )
    {
        keyhandler_fn_t fn = READ_ONCE(key_table[k].fn);

        /* IRQ handlers want an interrupted context: not from here. */
        if ( fn && key_table[k].diagnostic && !key_table[k].irq &&
             k != '*' )
        {
            printk("*** '%c': %s\n", (char)k, key_table[k].desc);
            fn(k);
        }
    }
}

void keyhandler_init(void)
{
    open_softirq(KEYPRESS_SOFTIRQ, keypress_softirq_action);
    register_keyhandler('h', show_help, "show this list of keys", false);
    register_keyhandler('*', run_all_diagnostics,
                        "run all diagnostic keys", false);
}
