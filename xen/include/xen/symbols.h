/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Code address to symbol name lookup, used by %pS in vsprintf.c and by
 * backtraces. The table and the lookup are generated at build time.
 */
#ifndef __XEN_SYMBOLS_H__
#define __XEN_SYMBOLS_H__

/* Longest symbol name, including the terminating NUL. */
#define KSYM_NAME_LEN 128

/*
 * Find the symbol containing addr. On success copy its name (at most
 * KSYM_NAME_LEN bytes, NUL-terminated) to namebuf, store its size and
 * addr's offset into it, and return namebuf. Return NULL if addr is not
 * inside a known symbol (symsize/offset are then unspecified).
 * Context: any, including panic and IRQs off; takes no locks.
 */
const char *symbols_lookup(unsigned long addr, unsigned long *symsize,
                           unsigned long *offset, char *namebuf);

#endif /* __XEN_SYMBOLS_H__ */
