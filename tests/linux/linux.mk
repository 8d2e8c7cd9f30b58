# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's stock Linux kernel as a PVH boot-time domain (tests/linux/run),
# included by the top-level Makefile.
#
#   make test-linux                  1, 2 and 4 vCPUs (~1 min on 2 cores)
#   make test-linux LINUX_VCPUS=2    one vCPU count
#   (make test-linux then runs tests/linux/reboot, ~25 s more; skip it
#   with LINUX_REBOOT=no)
#   make test-linux-reboot           only the reboot and console-input test
#   make test-vmx                    tests/linux/run under Bochs Intel VT-x
#                                    + EPT, 1 and 2 vCPUs (slow: ~2-3 min)

.PHONY: test-linux test-vmx test-linux-reboot

test-linux: all
	@LINUX_VCPUS="$(or $(LINUX_VCPUS),1 2 4)" tests/linux/run; st=$$?; \
	if [ "$(LINUX_REBOOT)" != no ]; then tests/linux/reboot || st=1; fi; \
	exit $$st

test-linux-reboot: all
	@tests/linux/reboot

test-vmx: all
	@LINUX_EMULATOR=bochs LINUX_VCPUS="$(or $(LINUX_VCPUS),1 2)" \
	    tests/linux/run
