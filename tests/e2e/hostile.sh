#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The hostile guest next to a well-behaved one (issue 3, item 9): d1 runs
# "hostile" (HOSTILE_COUNT random hypercalls, MSR accesses, port I/O and
# CPUID leaves from seed HOSTILE_SEED; default 100000 and 1), d2 runs
# check-loop for CHECK_SECONDS (default 12) on 2 host CPUs. Both must
# print "Test result: SUCCESS" and power off (launch exit 0, QEMU status
# 33), with no panic; hostile reports its progress every 10k.
# A second, shorter run pins both to one host CPU (HOSTILE_COUNT_1CPU,
# default 50000), so that the storm and the check loop share it.
set -u
. "$(dirname "$0")/lib.sh"

SEED=${HOSTILE_SEED:-1}
COUNT=${HOSTILE_COUNT:-100000}
COUNT1=${HOSTILE_COUNT_1CPU:-50000}
CHECK=${CHECK_SECONDS:-12}

e2e_need "$E2E_GUESTS/hostile.elf" "$E2E_GUESTS/check-loop.elf"

# hostile_case TAG COUNT LAUNCH-ARGS...
hostile_case()
{
    local tag=$1 count=$2 t0=$SECONDS
    shift 2
    e2e_run "hostile-$tag" --timeout 300 "$@" \
        --kernel "$E2E_GUESTS/hostile.elf" --name hostile \
            --cmdline "seed=$SEED count=$count" \
        --kernel "$E2E_GUESTS/check-loop.elf" --name check \
            --cmdline "seconds=$CHECK"
    echo "# hostile-$tag: $count operations in $(e2e_span 1 "hostile: seed" \
        "Test result") s of hypervisor time (run $((SECONDS - t0)) s);" \
        "$(e2e_guest 1 "hostile: $count done")"
    e2e_check "$tag: launch exit 0 (both powered off, QEMU status 33)" \
        e2e_rc_is 0
    e2e_check "$tag: no hypervisor panic" \
        eval '! e2e_log_has "Panic on CPU|PANIC|FATAL"'
    e2e_check "$tag: hostile finished all $count" \
        eval '[ -n "$(e2e_guest 1 "hostile: $count done")" ]'
    e2e_check "$tag: hostile Test result: SUCCESS" \
        eval '[ "$(e2e_guest 1 "Test result:")" = "Test result: SUCCESS" ]'
    e2e_check "$tag: check-loop Test result: SUCCESS" \
        eval '[ "$(e2e_guest 2 "Test result:")" = "Test result: SUCCESS" ]'
    e2e_check "$tag: no domain crashed" eval '! e2e_log_has "d[0-9]+: crashed"'
}

hostile_case cpus2 "$COUNT" --cpus 2
hostile_case cpus1 "$COUNT1" --cpus 1
e2e_finish
