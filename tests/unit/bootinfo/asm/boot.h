/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit-test include path has no arch directory: forward to the real
 * asm/boot.h (constants only, nothing machine-dependent).
 */
#include "../../../../xen/arch/x86/include/asm/boot.h"
