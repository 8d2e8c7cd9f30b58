#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every guest test kernel on the real Xen 4.17 anchor (run-on-xen) and
# judge it by the test list build/guest/list (see guest.mk):
#   expect "result": xl saw a power-off and the output has exactly one
#                    "Test result:" line, SUCCESS or SKIP;
#   expect "reboot": xl saw a reboot (a triple fault) and no result line.
# Prints "ok/not ok <n> - <name>" per test and "xen: N passed, N failed".
#
# usage: run-on-xen.sh [BUILD_DIR] [TEST...]   (default build/guest, all)
# env:   XEN_ANCHOR  path of run-on-xen (default: ../shared/anchors/xen/
#                    run-on-xen next to the repository, or on PATH)
#        GUEST_LOGS  directory for per-test output (default BUILD_DIR/xen)
#        GUEST_CMDLINE_EXTRA  appended to every guest command line, e.g.
#                    "hcall=direct" to run the suite with VMCALL/VMMCALL
set -u

BUILD=${1:-build/guest}
[ $# -gt 0 ] && shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ANCHOR=${XEN_ANCHOR:-}
if [ -z "$ANCHOR" ]; then
    for c in "$ROOT/../shared/anchors/xen/run-on-xen" \
             /work/shared/anchors/xen/run-on-xen; do
        [ -x "$c" ] && { ANCHOR=$c; break; }
    done
    [ -n "$ANCHOR" ] || ANCHOR=$(command -v run-on-xen || true)
fi
if [ -z "$ANCHOR" ] || [ ! -x "$ANCHOR" ]; then
    echo "run-on-xen.sh: Xen anchor not found (set XEN_ANCHOR)" >&2
    exit 2
fi
LIST=$BUILD/list
if [ ! -f "$LIST" ]; then
    echo "run-on-xen.sh: no $LIST (make guest-tests)" >&2
    exit 2
fi
LOGS=${GUEST_LOGS:-$BUILD/xen}
mkdir -p "$LOGS"

wanted() { # name -> 0 if selected on the command line (or no selection)
    [ ${#SELECT[@]} -eq 0 ] && return 0
    local s; for s in "${SELECT[@]}"; do [ "$s" = "$1" ] && return 0; done
    return 1
}

# judge NAME EXPECT RC LOG -> prints a reason and returns 1 on failure
judge() {
    local name=$1 expect=$2 rc=$3 log=$4 results status
    results=$(grep -c '^Test result: ' "$log")
    status=$(sed -n 's/^Test result: \([A-Z]*\).*/\1/p' "$log" | head -1)
    case "$expect" in
    result)
        [ "$rc" = 0 ] ||
            { echo "run-on-xen exit $rc (want 0, powered off)"; return 1; }
        [ "$results" = 1 ] ||
            { echo "$results result lines (want 1)"; return 1; }
        case "$status" in
        SUCCESS|SKIP) echo "$status" ;;
        *) echo "Test result: $status"; return 1 ;;
        esac ;;
    reboot)
        [ "$rc" = 4 ] ||
            { echo "run-on-xen exit $rc (want 4, rebooted)"; return 1; }
        [ "$results" = 0 ] ||
            { echo "printed a result line: $status"; return 1; }
        echo "rebooted" ;;
    *) echo "unknown expect '$expect' in $LIST"; return 1 ;;
    esac
}

SELECT=("$@")
n=0 pass=0 fail=0
while read -r name category envs expect cmdline; do
    case "$name" in ''|'#'*) continue ;; esac
    wanted "$name" || continue
    case ",$envs," in *,pvh64,*) ;; *) continue ;; esac
    n=$((n + 1))
    log=$LOGS/$name.log
    args=(--kernel "$BUILD/$name.elf" -q)
    cmdline=$(echo $cmdline ${GUEST_CMDLINE_EXTRA:-})
    [ -n "$cmdline" ] && args+=(--cmdline "$cmdline")
    "$ANCHOR" "${args[@]}" > "$log" 2>&1 < /dev/null
    rc=$?
    if why=$(judge "$name" "$expect" "$rc" "$log"); then
        echo "ok $n - $name ($category): $why"
        pass=$((pass + 1))
    else
        echo "not ok $n - $name ($category): $why; log $log"
        grep -E '^(Failure|Error|Reason):' "$log" | head -5 | sed 's/^/#   /'
        fail=$((fail + 1))
    fi
done < "$LIST"
echo "xen: $pass passed, $fail failed"
[ "$fail" = 0 ]
