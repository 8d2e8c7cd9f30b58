# SPDX-License-Identifier: GPL-2.0-only
#
# Top-level entry points: build the hypervisor, run the test tiers, boot it
# in QEMU, benchmark it. The real work is in xen/Makefile, tests/*/run and
# scripts/; see docs/testing.md.
#
#   make [debug=y] [werror=y]   build build/xen/lamina{,.elf32}
#   make test                   every tier; last line "N passed, N failed"
#   make check                  unit tests + header checks (no emulators)
#   make run [CMDLINE="..."]    boot in QEMU with Debian Linux, into its shell
#   make run-demo               two demo domains that print and power off
#   make run-hv                 the hypervisor alone, interactive
#   make bench                  boot timings, image size, exit costs,
#                               domain build time (scripts/bench*)

SHELL     := /bin/bash
XEN_ARGS  := $(if $(debug),debug=$(debug)) $(if $(werror),werror=$(werror))
CMDLINE   ?=
KERNEL    := build/xen/lamina.elf32

.PHONY: all test check check-unit check-headers test-boot test-grub \
        test-bochs bench run run-demo run-hv iso clean

all:
	@$(MAKE) --no-print-directory -C xen $(XEN_ARGS)

# In-guest test kernels (tests/guest/): guest-tests, test-on-xen,
# test-guest-qemu. Included after "all" so that it stays the default.
include tests/guest/guest.mk
include tests/e2e/e2e.mk
include tests/linux/linux.mk
clean: guest-clean

test:
	@scripts/run-tests -- $(XEN_ARGS)

check:
	@scripts/run-tests unit headers

check-unit:
	@$(MAKE) --no-print-directory -C tests/unit

check-headers:
	@if [ -x scripts/check-headers ]; then scripts/check-headers; \
	 else echo "check-headers: scripts/check-headers not present yet"; fi

test-boot: all
	@tests/boot/run

test-grub: all
	@tests/grub/run qemu

test-bochs: all
	@tests/grub/run bochs

bench: all guest-tests
	@scripts/bench

# Boot Lamina in QEMU with Debian's stock kernel as a PVH domain and put
# the user in its busybox shell (hvc0); serial input goes to the domain
# (three Ctrl-A switch to the hypervisor's debug keys and back).
# run-demo: two in-guest test kernels that print and power off.
# run-hv: the hypervisor alone, interactive.
run: all
	@vmlinuz=$$(scripts/get-debian-kernel) && \
	 initrd=$$(scripts/mk-initramfs tests/linux/init-shell.sh) && \
	 echo "Booting Lamina in QEMU (2 CPUs) with Debian's kernel as d1." && \
	 scripts/launch --interactive --hv-args "console_to=d1 $(CMDLINE)" \
	    --host-memory 1024 --kernel "$$vmlinuz" --ramdisk "$$initrd" \
	    --memory 256 --vcpus 2 --name debian --cmdline "console=hvc0 quiet"

run-demo: all guest-tests
	@echo "Booting Lamina in QEMU (2 CPUs) with two demo domains."
	@scripts/launch --hv-args "$(CMDLINE)" \
	    --kernel build/guest/example.elf --name demo-1 --memory 32 \
	    --kernel build/guest/xen-version.elf --name demo-2 --memory 32

run-hv: all
	@echo "Booting Lamina in QEMU (2 CPUs, 512 MiB); Ctrl-A X quits."
	@scripts/qemu-boot --interactive --kernel $(KERNEL) --smp 2 --mem 512 \
	    --append "$(CMDLINE)"

iso: all
	@scripts/mkiso $(CMDLINE)

clean:
	@$(MAKE) --no-print-directory -C xen clean
	@$(MAKE) --no-print-directory -C tests/unit clean
	rm -rf build
