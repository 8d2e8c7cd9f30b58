/* SPDX-License-Identifier: GPL-2.0-only */
/* The real asm/guest-walk.h builds on the host; the unit path lacks it. */
#include "../../../../xen/arch/x86/include/asm/guest-walk.h"
