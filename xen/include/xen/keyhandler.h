/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug keys typed on the serial console (common/keyhandler.c). Each key
 * maps to a handler and a one-line description; 'h' lists them and '*'
 * runs every diagnostic handler. Subsystems register their own keys.
 */
#ifndef __XEN_KEYHANDLER_H__
#define __XEN_KEYHANDLER_H__

#include <xen/types.h>

typedef void (*keyhandler_fn_t)(unsigned char key);

/*
 * Bind key to fn, replacing any previous binding. fn runs later from
 * KEYPRESS_SOFTIRQ (IRQs on, on the CPU that took the input interrupt).
 * desc must stay valid forever. diagnostic: also run by '*' (pure dumps
 * only). Context: IRQs on.
 */
void register_keyhandler(unsigned char key, keyhandler_fn_t fn,
                         const char *desc, bool diagnostic);

/*
 * As register_keyhandler(), but fn runs directly in the input interrupt,
 * IRQs off, for handlers that want the interrupted CPU's state (register
 * dumps). fn must take only IRQ-safe locks.
 */
void register_irq_keyhandler(unsigned char key, keyhandler_fn_t fn,
                             const char *desc, bool diagnostic);

/*
 * A key arrived on the console input. Runs or queues its handler; keys
 * beyond a small backlog are dropped. Context: any (serial IRQ).
 */
void handle_keypress(unsigned char key);

/* Register KEYPRESS_SOFTIRQ and the built-in keys. Call once at boot. */
void keyhandler_init(void);

#endif /* __XEN_KEYHANDLER_H__ */
