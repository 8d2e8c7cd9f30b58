/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Address-to-symbol lookup over the table that tools/gen-symbols.sh
 * generates at link time (text symbols, sorted by address). Lock-free and
 * allocation-free: it runs in fault and panic reports.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const uint64_t symbols_nr;
extern const uint64_t symbols_addrs[];
extern const uint32_t symbols_sizes[];
extern const uint32_t symbols_names[];
extern const char symbols_strings[];
extern const char _stext[], _etext[];

const char *symbols_lookup(unsigned long addr, unsigned long *symsize,
                           unsigned long *offset, char *namebuf)
{
    unsigned long lo = 0, hi = symbols_nr, size;

    if ( addr < (unsigned long)_stext || addr >= (unsigned long)_etext ||
         !symbols_nr )
        return NULL;
    /* Last symbol whose start is <= addr. */
    while ( hi - lo > 1 )
    {
        unsigned long mid = (lo + hi) / 2;

        if ( symbols_addrs[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    if ( symbols_addrs[lo] > addr )
        return NULL;
    size = symbols_sizes[lo];
    if ( !size )        /* assembly label: extends to the next symbol */
        size = (lo + 1 < symbols_nr ? symbols_addrs[lo + 1]
                : (unsigned long)_etext) - symbols_addrs[lo];
    if ( addr - symbols_addrs[lo] >= size )
        return NULL;
    *symsize = size;
    *offset = addr - symbols_addrs[lo];
    strlcpy(namebuf, symbols_strings + symbols_names[lo], KSYM_NAME_LEN);
    return namebuf;
}
