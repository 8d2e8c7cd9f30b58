/* SPDX-License-Identifier: MIT */
/*
 * Interface version selection for the Lamina public headers.
 *
 * Owns __XEN_INTERFACE_VERSION__ and __XEN_LATEST_INTERFACE_VERSION__.
 * Every other public header includes this one (through xen.h) first.
 * Numbers follow Xen's scheme: 0x00MMmm00 for Xen release MM.mm.
 */
#ifndef __XEN_PUBLIC_XEN_COMPAT_H__
#define __XEN_PUBLIC_XEN_COMPAT_H__

/*
 * The newest interface these headers describe. 0x00040e00 is the value
 * Xen carried from 4.14 up to and including 4.17; our layouts and numbers
 * are those of Xen 4.17.
 */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00

/*
 * The hypervisor itself and the toolstack always build against the latest
 * interface.
 *
 * A guest may define __XEN_INTERFACE_VERSION__ before the first include to
 * say which interface it was written against. Unlike Xen, which falls back
 * to the oldest (0) interface when nothing is requested, Lamina defaults to
 * the latest one: these headers carry no legacy spellings (for example the
 * pre-3.1 sched_op number), so an old version would only hide nothing.
 */
#if defined(__XEN__) || defined(__XEN_TOOLS__)
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#elif !defined(__XEN_INTERFACE_VERSION__)
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif

/* Asking for an interface newer than these headers know is an error. */
#if __XEN_INTERFACE_VERSION__ > __XEN_LATEST_INTERFACE_VERSION__
#error "Requested __XEN_INTERFACE_VERSION__ is newer than these headers."
#endif

#endif /* __XEN_PUBLIC_XEN_COMPAT_H__ */
