/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test-local shadow of asm/domain.h for the PV console test: the same
 * empty arch parts as the event-channel test uses.
 */
#include "../../event_channel/asm/domain.h"
