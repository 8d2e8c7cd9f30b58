/* SPDX-License-Identifier: MIT */
/*
 * ELF note types a guest kernel uses to describe itself to the domain
 * builder: notes named "Xen" in a PT_NOTE segment (or .note section) of
 * the kernel image. Also the note types of hypervisor crash dumps.
 *
 * For PVH only PHYS32_ENTRY is required; the rest matter to PV loaders.
 */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

/*
 * Payload kinds used below: "string" is NUL-terminated ASCII; "value" is
 * a little-endian integer of the note's descsz (4 or 8 bytes).
 */

#define XEN_ELFNOTE_INFO              0  /* unused, reserved */
#define XEN_ELFNOTE_ENTRY             1  /* value: PV entry virtual addr */
#define XEN_ELFNOTE_HYPERCALL_PAGE    2  /* value: VA to fill with stubs */
#define XEN_ELFNOTE_VIRT_BASE         3  /* value: PV kernel virt base */
#define XEN_ELFNOTE_PADDR_OFFSET      4  /* value: VA - PA offset (PV) */
#define XEN_ELFNOTE_XEN_VERSION       5  /* string: "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS          6  /* string: e.g. "linux" */
#define XEN_ELFNOTE_GUEST_VERSION     7  /* string: OS version */
#define XEN_ELFNOTE_LOADER            8  /* string: "generic" */
#define XEN_ELFNOTE_PAE_MODE          9  /* string: "yes", "no", "bimodal" */
#define XEN_ELFNOTE_FEATURES         10  /* string: '|'-separated XENFEAT
                                          * names, '!' = required */
#define XEN_ELFNOTE_BSD_SYMTAB       11  /* string: "yes" = load symtab */
#define XEN_ELFNOTE_HV_START_LOW     12  /* value: lowest hypervisor VA */
#define XEN_ELFNOTE_L1_MFN_VALID     13  /* value pair: mask, value */
#define XEN_ELFNOTE_SUSPEND_CANCEL   14  /* value: 1 = cancellable suspend */
#define XEN_ELFNOTE_INIT_P2M         15  /* value: VA of the initial p2m */
#define XEN_ELFNOTE_MOD_START_PFN    16  /* value: 1 = mod_start is a PFN */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17 /* value: XENFEAT bitmap (32) */

/*
 * value: 32-bit physical address of the PVH entry point. Its presence
 * makes the image PVH-bootable; see hvm/start_info.h for the state at
 * entry. Linux 6.1 (Debian 12) puts 0x01000850 here.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY     18

/* Highest note number this header defines. */
#define XEN_ELFNOTE_MAX              XEN_ELFNOTE_PHYS32_ENTRY

/*
 * Notes in a hypervisor crash dump (kexec). Payloads are defined by the
 * crash-dump format, not here.
 */
#define XEN_ELFNOTE_CRASH_INFO       0x1000001
#define XEN_ELFNOTE_CRASH_REGS       0x1000002

/* Notes in a domain core dump ("Xen" section of an xc_core file). */
#define XEN_ELFNOTE_DUMPCORE_NONE            0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER          0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION     0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION  0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
