/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console_io hypercall (__HYPERVISOR_console_io): a domain's text on the
 * hypervisor console as "(dN) ..." lines, through the per-domain line
 * buffer and rate limit of common/guest-console.c. Entry point:
 * do_console_io().
 *
 * Deviation from Xen 4.17's release build, which refuses console_io to
 * every unprivileged domain (-EPERM): Lamina lets any domain write, as a
 * Xen debug build does. Reading the hypervisor's serial input stays
 * privileged; Lamina does not route serial input to domains yet, so a
 * privileged reader always finds 0 bytes.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/guest-console.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <public/xen.h>

/* From common/hypercall.c (requested for xen/hypercall.h). */

/* Bytes copied and printed between preemption checks. */
#define CONSOLE_IO_CHUNK    128

/*
 * Write count bytes at guest address buf. Long writes are cut into
 * chunks; when work is pending on this pCPU the call continues later
 * with the rest (count and buf updated). A bad address fails with
 * -EFAULT after the chunks before it were printed, as in Xen.
 */
static long console_write(unsigned int count, unsigned long buf)
{
    char chunk[CONSOLE_IO_CHUNK];
    unsigned int n;

    while ( count )
    {
        n = min(count, (unsigned int)CONSOLE_IO_CHUNK);
        if ( copy_from_guest_virt(current, chunk, buf, n) )
            return -EFAULT;
        guest_console_write(current->domain, chunk, n);
        count -= n;
        buf += n;

        if ( count && hypercall_preempt_check() )
        {
            hypercall_set_arg(1, count);
            hypercall_set_arg(2, buf);
            return -ERESTART;
        }
    }
    return 0;
}

long do_console_io(unsigned long cmd, unsigned long count, unsigned long buf,
                   unsigned long a4, unsigned long a5)
{
    /* Xen's cmd and count are unsigned int: bits 63:32 are ignored. */
    switch ( (unsigned int)cmd )
    {
    case CONSOLEIO_write:
        return console_write((unsigned int)count, buf);
    case CONSOLEIO_read:
        if ( !current->domain->is_privileged )
            return -EPERM;
        /* The result is a count or an error: keep the two apart. */
        return (unsigned int)count > INT32_MAX ? -E2BIG : 0;
    default:
        return -ENOSYS;
    }
}
