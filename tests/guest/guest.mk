# SPDX-License-Identifier: GPL-2.0-only
#
# Guest tests (XTF-style PVH test kernels), included by the top-level
# Makefile; all paths are relative to the repository root. Builds
# build/guest/<name>.elf for every tests/guest/<name>/Makefile and the
# test list build/guest/list that the runners read.
#
#   make guest-tests        build every test kernel and the list
#   make test-on-xen        run them on the real Xen 4.17 anchor
#   make test-guest-qemu    boot them on bare QEMU (expects SKIP)
#   make test-guest         run them on Lamina (scripts/launch, QEMU SVM)
#   make test-guest-vmx     the same under Bochs VT-x + EPT (slow)
#
# A test's Makefile sets NAME, CATEGORY (functional|security|regression),
# ENVS (pvh64), and optionally CMDLINE (guest command line for the run)
# and EXPECT (result: prints SUCCESS/SKIP and powers off [default];
# reboot: ends in a reboot, e.g. a triple fault), and VCPUS (the vCPU
# counts the Lamina runner gives the domain, e.g. "1 2"; default 1).

GUEST_SRC   := tests/guest
GUEST_OUT   := build/guest
GUEST_CC    ?= gcc

GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
    -mno-red-zone -mno-sse -mno-mmx -mno-80387 -fno-stack-protector \
    -fno-asynchronous-unwind-tables -fno-builtin \
    -Wall -Wextra -Wshadow -Werror \
    -I$(GUEST_SRC)/lib/include -Ixen/include -MMD -MP
GUEST_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
    -Wl,-T,$(GUEST_SRC)/lib/link.ld -Wl,--no-warn-rwx-segments \
    -Wl,-z,max-page-size=4096

GUEST_LIB_SRCS := $(wildcard $(GUEST_SRC)/lib/*.c $(GUEST_SRC)/lib/*.S)
GUEST_LIB_OBJS := $(patsubst $(GUEST_SRC)/%,$(GUEST_OUT)/%.o,$(GUEST_LIB_SRCS))

# Read the simple `VAR := value` lines of each test's Makefile with sed,
# so that NAME, CMDLINE, ... never clash with the including Makefile's.
guest_var = $(strip $(shell sed -n \
    's/^$(2)[[:space:]]*[:?]\{0,1\}=[[:space:]]*//p' $(1)/Makefile))
define guest_load
GUEST_NAME_$(1) := $(call guest_var,$(1),NAME)
GUEST_TESTS += $$(GUEST_NAME_$(1))
GUEST_$$(GUEST_NAME_$(1))_CATEGORY := $(call guest_var,$(1),CATEGORY)
GUEST_$$(GUEST_NAME_$(1))_ENVS := $(call guest_var,$(1),ENVS)
GUEST_$$(GUEST_NAME_$(1))_CMDLINE := $(call guest_var,$(1),CMDLINE)
GUEST_$$(GUEST_NAME_$(1))_EXPECT := $(or $(call guest_var,$(1),EXPECT),result)
endef
GUEST_TESTS :=
GUEST_TEST_DIRS := $(patsubst %/Makefile,%,$(wildcard $(GUEST_SRC)/*/Makefile))
$(foreach d,$(GUEST_TEST_DIRS),$(eval $(call guest_load,$(d))))

GUEST_ELFS := $(foreach t,$(GUEST_TESTS),$(GUEST_OUT)/$(t).elf)
GUEST_MAIN_OBJS := $(foreach t,$(GUEST_TESTS),$(GUEST_OUT)/tests/$(t)/main.o)
.SECONDARY: $(GUEST_MAIN_OBJS) $(GUEST_LIB_OBJS)

.PHONY: guest-tests test-on-xen test-guest-qemu test-guest test-guest-vmx \
        guest-clean

guest-tests: $(GUEST_ELFS) $(GUEST_OUT)/list

$(GUEST_OUT)/lib/%.c.o: $(GUEST_SRC)/lib/%.c
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/lib/%.S.o: $(GUEST_SRC)/lib/%.S
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(GUEST_OUT)/tests/%/main.o: $(GUEST_SRC)/%/main.c
	@mkdir -p $(@D)
	$(GUEST_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OUT)/%.elf: $(GUEST_OUT)/tests/%/main.o $(GUEST_LIB_OBJS) \
                    $(GUEST_SRC)/lib/link.ld
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $< $(GUEST_LIB_OBJS)

# One line per test: name category envs expect [cmdline...]
GUEST_EMPTY :=
GUEST_SPACE := $(GUEST_EMPTY) $(GUEST_EMPTY)
GUEST_COMMA := ,
guest_line = $(1) $(GUEST_$(1)_CATEGORY) \
    $(subst $(GUEST_SPACE),$(GUEST_COMMA),$(strip $(GUEST_$(1)_ENVS))) \
    $(GUEST_$(1)_EXPECT) $(GUEST_$(1)_CMDLINE)

$(GUEST_OUT)/list: $(foreach d,$(GUEST_TEST_DIRS),$(d)/Makefile) \
                   $(GUEST_SRC)/guest.mk
	@mkdir -p $(@D)
	@{ echo "# name category envs expect cmdline (from tests/guest/*/Makefile)"; \
	   $(foreach t,$(GUEST_TESTS),echo '$(strip $(call guest_line,$(t)))';) \
	 } > $@

test-on-xen: guest-tests
	@$(GUEST_SRC)/run-on-xen.sh $(GUEST_OUT)

test-guest-qemu: guest-tests
	@$(GUEST_SRC)/run-on-qemu.sh $(GUEST_OUT)

# Needs the hypervisor too: "all" is the top-level Makefile's build.
test-guest: all guest-tests
	@$(GUEST_SRC)/run-on-lamina.sh $(GUEST_OUT)

# Intel VT-x + EPT under Bochs: every test, 1 and 2 host CPUs.
test-guest-vmx: all guest-tests
	@LAMINA_EMULATOR=bochs LAMINA_BOCHS_CPU=corei7_skylake_x \
	    $(GUEST_SRC)/run-on-lamina.sh $(GUEST_OUT)

guest-clean:
	rm -rf $(GUEST_OUT)

-include $(wildcard $(GUEST_OUT)/lib/*.d $(GUEST_OUT)/tests/*/*.d)
