#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot every guest test kernel on bare QEMU (no hypervisor): a smoke test
# of the framework (PVH entry, long mode, console, result line, power-off
# through isa-debug-exit). Each test must print exactly one "Test result:"
# line, SUCCESS or SKIP (tests without test_runs_bare SKIP), and QEMU must
# exit with status 33 (the test wrote 0x10 to port 0xf4).
# Prints "ok/not ok" per test and "guest-qemu: N passed, N failed".
#
# usage: run-on-qemu.sh [BUILD_DIR]    (default build/guest)
set -u

BUILD=${1:-build/guest}
LIST=$BUILD/list
if [ ! -f "$LIST" ]; then
    echo "run-on-qemu.sh: no $LIST (make guest-tests)" >&2
    exit 2
fi
LOGS=$BUILD/qemu
mkdir -p "$LOGS"

n=0 pass=0 fail=0
while read -r name category envs expect cmdline; do
    case "$name" in ''|'#'*) continue ;; esac
    n=$((n + 1))
    log=$LOGS/$name.log
    timeout 30 qemu-system-x86_64 -accel tcg -cpu max -m 128 -display none \
        -serial stdio -no-reboot -monitor none \
        -device isa-debug-exit,iobase=0xf4,iosize=4 \
        -kernel "$BUILD/$name.elf" -append "$cmdline" > "$log" 2>&1 < /dev/null
    rc=$?
    results=$(grep -c '^Test result: ' "$log")
    status=$(sed -n 's/^Test result: \([A-Z]*\).*/\1/p' "$log" | head -1)
    if [ "$rc" = 33 ] && [ "$results" = 1 ] &&
       { [ "$status" = SUCCESS ] || [ "$status" = SKIP ]; }; then
        echo "ok $n - $name: $status"
        pass=$((pass + 1))
    else
        echo "not ok $n - $name: qemu exit $rc, $results result line(s)" \
             "${status:+($status)}; log $log"
        fail=$((fail + 1))
    fi
done < "$LIST"
echo "guest-qemu: $pass passed, $fail failed"
[ "$fail" = 0 ]
