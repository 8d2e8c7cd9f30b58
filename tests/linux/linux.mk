# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's stock Linux kernel as a PVH boot-time domain (tests/linux/run),
# included by the top-level Makefile.
#
#   make test-linux                  1, 2 and 4 vCPUs (~1 min on 2 cores)
#   make test-linux LINUX_VCPUS=2    one vCPU count

.PHONY: test-linux

test-linux: all
	@LINUX_VCPUS="$(or $(LINUX_VCPUS),1 2 4)" tests/linux/run
