/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The unit-test include path has no xen/arch/x86/include; forward to the
 * real (host-clean) asm/pvh-build.h so pvh-build.c compiles unmodified.
 */
#include "../../../../xen/arch/x86/include/asm/pvh-build.h"
