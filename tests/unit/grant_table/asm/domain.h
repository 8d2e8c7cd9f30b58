/* SPDX-License-Identifier: GPL-2.0-only */
/* The real asm/domain.h builds on the host; the unit include path lacks it. */
#include "../../../../xen/arch/x86/include/asm/domain.h"
