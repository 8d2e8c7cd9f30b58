#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A guest that writes to a guest-physical hole crashes only itself.
# d1 runs check-loop (3 s of memory and hypercall checks); d2 runs
# exit-paths with "npf-write", which writes to 0xf8000000 (in the MMIO
# hole, not the local APIC). Expected, with 2 host CPUs and with 1:
#   - launch exit 1: Lamina ends the run with "at least one crashed"
#     (isa-debug-exit 0x11, QEMU status 35), no panic;
#   - "d2: crashed" and a register dump of d2v0 naming the write to
#     0xf8000000; d2 prints no result line;
#   - d1 still prints "Test result: SUCCESS" and powers off.
set -u
. "$(dirname "$0")/lib.sh"

e2e_need "$E2E_GUESTS/check-loop.elf" "$E2E_GUESTS/exit-paths.elf"

for cpus in 2 1; do
    e2e_run "crash-npf-cpus$cpus" --cpus "$cpus" --timeout 90 \
        --kernel "$E2E_GUESTS/check-loop.elf" --name good \
            --cmdline "seconds=3" \
        --kernel "$E2E_GUESTS/exit-paths.elf" --name bad \
            --cmdline "npf-write"
    c="cpus=$cpus:"
    e2e_check "$c launch exit 1 (a domain crashed)" e2e_rc_is 1
    e2e_check "$c both domains started" \
        e2e_log_has 'launch: 2 of 2 boot-time domains started'
    e2e_check "$c run ended with a crash report (QEMU status 35)" \
        e2e_log_has 'every boot-time domain has ended \(at least one crashed'
    e2e_check "$c no hypervisor panic" \
        eval '! e2e_log_has "Panic on CPU|PANIC|FATAL"'
    e2e_check "$c d2 wrote to the hole and was reported" \
        e2e_log_has 'd2v0: write of guest-physical 0xf8000000'
    e2e_check "$c d2 register dump" e2e_log_has 'd2v0 state:'
    e2e_check "$c d2 crashed" e2e_log_has 'd2: crashed'
    e2e_check "$c d2 printed no result line" \
        eval '[ -z "$(e2e_guest 2 "Test result:")" ]'
    e2e_check "$c d1 Test result: SUCCESS" \
        eval '[ "$(e2e_guest 1 "Test result:")" = "Test result: SUCCESS" ]'
    e2e_check "$c d1 powered off" e2e_log_has 'd1: shut down, reason 0'
done
e2e_finish
