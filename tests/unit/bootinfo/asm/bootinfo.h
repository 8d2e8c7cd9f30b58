/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit-test include path has no arch directory: forward to the real
 * asm/bootinfo.h (struct boot_info and bootinfo_parse()).
 */
#include "../../../../xen/arch/x86/include/asm/bootinfo.h"
