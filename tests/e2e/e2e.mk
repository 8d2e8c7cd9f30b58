# SPDX-License-Identifier: GPL-2.0-only
#
# End-to-end scenarios (tests/e2e/*.sh), included by the top-level
# Makefile: several boot-time domains at once under scripts/launch.
#
#   make test-e2e    crash-npf, hostile, fairness, linux-pair, linux-panic
#                    (~1.5 min on 2 cores)

.PHONY: test-e2e

test-e2e: all guest-tests
	@tests/e2e/run
