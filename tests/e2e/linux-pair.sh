#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Two Debian Linux guests at once on 2 host CPUs, next to the hostile
# guest (random hypercalls, MSRs and ports): both Linux guests must run
# their /init checks to the end and power off, the hostile guest must
# finish its storm, and the hypervisor must return every page.
set -u
. "$(dirname "$0")/lib.sh"

vmlinuz=$("$E2E_ROOT/scripts/get-debian-kernel" 2>/dev/null) || vmlinuz=
initrd=$("$E2E_ROOT/scripts/mk-initramfs" 2>/dev/null) || initrd=
if [ -z "$vmlinuz" ] || [ -z "$initrd" ]; then
    echo "not ok - $E2E_NAME: no Debian kernel or initramfs (scripts/setup fetches them)"
    e2e_fail=$((e2e_fail + 1))
    e2e_finish
fi
linux=(--ramdisk "$initrd" --memory 256 --vcpus 1
       --cmdline "console=hvc0 earlyprintk=xen keep_bootcon quiet")

e2e_run linux-pair --cpus 2 --host-memory 1536 --timeout 400 \
    --kernel "$vmlinuz" --name linux-a "${linux[@]}" \
    --kernel "$vmlinuz" --name linux-b "${linux[@]}" \
    --kernel "$E2E_GUESTS/hostile.elf" --name hostile --memory 32 \
    --cmdline "seed=7 count=30000"

e2e_check "launch exit 0 (all three powered off, no pages lost)" \
    [ "$E2E_RC" = 0 ]
for d in 1 2; do
    e2e_check "linux d$d: /init ran to the end" \
        e2e_log_has "\(d$d\) .*CHECK done"
    e2e_check "linux d$d: powered off" \
        e2e_log_has "^\(XEN\) .*d$d: shut down, reason 0 \(poweroff\)"
done
e2e_check "hostile d3: Test result: SUCCESS" \
    e2e_log_has "\(d3\) Test result: SUCCESS"
e2e_check "no hypervisor fault" bash -c "! grep -a -q -E 'FATAL|Panic on CPU' '$E2E_LOG'"
e2e_finish
