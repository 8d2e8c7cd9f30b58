#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A Linux kernel panic crashes only that domain. d1 runs check-loop
# (memory and hypercall checks for 15 s); d2 boots Debian's kernel with
# no initramfs, so it panics ("VFS: Unable to mount root fs") and, as on
# Xen, its panic handler asks for SHUTDOWN_crash. Expected, on 2 host
# CPUs: d2 "shut down, reason 3 (crash)" and destroyed; d1 still prints
# "Test result: SUCCESS" and powers off; launch exit 1 (a domain
# crashed), every page back on the heap, no hypervisor fault.
set -u
. "$(dirname "$0")/lib.sh"

e2e_need "$E2E_GUESTS/check-loop.elf"
vmlinuz=$("$E2E_ROOT/scripts/get-debian-kernel" 2>/dev/null) || vmlinuz=
if [ -z "$vmlinuz" ]; then
    echo "not ok - $E2E_NAME: no Debian kernel (scripts/setup fetches it)"
    e2e_fail=$((e2e_fail + 1))
    e2e_finish
fi

e2e_run linux-panic --cpus 2 --host-memory 768 --timeout 240 \
    --kernel "$E2E_GUESTS/check-loop.elf" --name good \
        --cmdline "seconds=15" \
    --kernel "$vmlinuz" --name panics --memory 256 \
        --cmdline "console=hvc0 earlyprintk=xen keep_bootcon quiet"

e2e_check "launch exit 1 (a domain crashed)" e2e_rc_is 1
e2e_check "d2 Linux panicked" e2e_log_has '\(d2\) .*Kernel panic - not syncing'
e2e_check "d2 shut down with reason crash" \
    e2e_log_has '^\(XEN\) .*d2: shut down, reason 3 \(crash\)'
e2e_check "d2 destroyed" e2e_log_has '^\(XEN\) .*d2: destroyed'
e2e_check "d1 Test result: SUCCESS" \
    eval '[ "$(e2e_guest 1 "Test result:")" = "Test result: SUCCESS" ]'
e2e_check "d1 powered off" e2e_log_has 'd1: shut down, reason 0'
# d1 was still running its checks when d2 crashed, and went on after.
crash_at=$(grep -a -n -m 1 -E 'd2: shut down, reason 3' "$E2E_LOG" | cut -d: -f1)
done_at=$(grep -a -n -m 1 -E '\(d1\) Test result:' "$E2E_LOG" | cut -d: -f1)
e2e_check "d2 crashed while d1 was running (log line ${crash_at:-?} < ${done_at:-?})" \
    eval '[ -n "$crash_at" ] && [ -n "$done_at" ] && [ "$crash_at" -lt "$done_at" ]'
e2e_check "no pages lost" e2e_log_has 'heap free pages: .*\(none lost\)'
e2e_check "no hypervisor fault" \
    eval '! e2e_log_has "Panic on CPU|PANIC|FATAL"'
e2e_finish
