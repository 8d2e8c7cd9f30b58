/* SPDX-License-Identifier: GPL-2.0-only */
/* Build configuration, included before every hypervisor source file. */
#ifndef __XEN_CONFIG_H__
#define __XEN_CONFIG_H__

#define LAMINA_VERSION_MAJOR    0
#define LAMINA_VERSION_MINOR    1
#define LAMINA_VERSION_STRING   "0.1"

#endif /* __XEN_CONFIG_H__ */
