/* SPDX-License-Identifier: GPL-2.0-only */
/* The unit Makefile has no arch include path: forward to the real header. */
#include "../../../../xen/arch/x86/include/asm/msr-policy.h"
