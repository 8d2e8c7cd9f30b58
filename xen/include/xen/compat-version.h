/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Xen version Lamina reports to guests (XENVER_version, CPUID leaf
 * 0x40000001). The guest ABI is Xen 4.17's, so guests see a Xen they
 * know; Lamina's own version is LAMINA_VERSION_STRING (xen/config.h).
 */
#ifndef __XEN_COMPAT_VERSION_H__
#define __XEN_COMPAT_VERSION_H__

#define XEN_COMPAT_MAJOR        4
#define XEN_COMPAT_MINOR        17

#endif /* __XEN_COMPAT_VERSION_H__ */
