/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the PVH start-of-day information (struct
 * hvm_start_info from the domain builder) and command-line options.
 */
#ifndef GUEST_START_H
#define GUEST_START_H

#include <stdbool.h>
#include <stddef.h>
#include <public/hvm/start_info.h>

/* NULL if EBX did not point at a structure with the right magic. */
extern const struct hvm_start_info *start_info;

/* The command line ("" if none). */
extern const char *guest_cmdline;

/* Memory map from the start info (NULL/0 if version 0 or absent). */
const struct hvm_memmap_table_entry *start_memmap(unsigned int *nr);

/* True if the word `name` or `name=...` is on the command line. */
bool cmdline_has(const char *name);

/*
 * Value of `name=value` copied into buf (NUL-terminated, truncated).
 * Returns false if the option is absent.
 */
bool cmdline_get(const char *name, char *buf, size_t size);

/* Parse the start info at physical address pa (called by the framework). */
void start_info_init(unsigned long pa);

#endif /* GUEST_START_H */
