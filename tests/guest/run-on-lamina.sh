#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every guest test kernel on Lamina: each line of build/guest/list
# (see guest.mk) becomes a boot-time domain started by scripts/launch
# under QEMU TCG (SVM + NPT), once per host CPU count in LAMINA_CPUS and
# per vCPU count in the test's VCPUS (its Makefile; default 1). Judged
# like run-on-xen.sh:
#   expect "result": launch exit 0 (every domain powered off) and exactly
#                    one "(dN) Test result:" line, SUCCESS (SKIP fails);
#   expect "reboot": the domain shut down with reason 1 (reboot; run with
#                    --on-reboot destroy) and printed no result line.
# Cases listed in tests/guest/xfail-lamina (known, not yet implemented
# features) still run and still print "not ok", marked "# TODO xfail",
# but do not fail the tier. Prints "ok/not ok <n> - <case>" per case and
# "guest: N passed, N failed" (xfails count as neither).
#
# usage: run-on-lamina.sh [-j JOBS] [BUILD_DIR] [TEST...]
#   -j JOBS  cases at once (default 1; the machines have 2 cores, and a
#            cpus=2 case already keeps both busy)
# env:   LAMINA_CPUS     host CPU counts to run each test with ("1 2")
#        LAMINA_EMULATOR qemu (default) or bochs
#        LAMINA_BOCHS_CPU Bochs CPU model (scripts/launch --bochs-cpu):
#                        ryzen (SVM, the default) or a VMX one such as
#                        corei7_skylake_x
#        LAMINA_IMAGE    hypervisor image for scripts/launch --image
#        GUEST_TIMEOUT   seconds per case (default 30)
#        GUEST_LOGS      per-case logs (default BUILD_DIR/lamina)
#        GUEST_CMDLINE_EXTRA  appended to every guest command line
#        XFAIL_FILE      the xfail list (default tests/guest/xfail-lamina)
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JOBS=1
if [ "${1:-}" = -j ]; then
    JOBS=${2:-}
    shift 2 2>/dev/null
    [[ $JOBS =~ ^[1-9][0-9]?$ ]] || { echo "run-on-lamina.sh: bad -j" >&2; exit 2; }
fi
BUILD=${1:-build/guest}
[ $# -gt 0 ] && shift
SELECT=("$@")
LIST=$BUILD/list
CPUS=${LAMINA_CPUS:-1 2}
EMU=${LAMINA_EMULATOR:-qemu}
TMO=${GUEST_TIMEOUT:-30}
LOGS=${GUEST_LOGS:-$BUILD/lamina}
[ "$EMU" = qemu ] || LOGS=${GUEST_LOGS:-$BUILD/lamina-$EMU-${LAMINA_BOCHS_CPU:-ryzen}}
XFAIL=${XFAIL_FILE:-$ROOT/tests/guest/xfail-lamina}
LAUNCH=$ROOT/scripts/launch

if [ ! -f "$LIST" ]; then
    echo "run-on-lamina.sh: no $LIST (make guest-tests)" >&2
    exit 2
fi
mkdir -p "$LOGS"

wanted() { # name -> 0 if selected on the command line (or no selection)
    [ ${#SELECT[@]} -eq 0 ] && return 0
    local s; for s in "${SELECT[@]}"; do [ "$s" = "$1" ] && return 0; done
    return 1
}

# xfail_reason NAME CPUS VCPUS: prints the reason if an xfail line matches
# ("NAME [cpus=N] [vcpus=N]  # reason"; a missing qualifier matches all).
xfail_reason() {
    local name=$1 c=$2 v=$3 line words w ok
    [ -f "$XFAIL" ] || return 1
    while IFS= read -r line; do
        words=${line%%#*}
        read -ra words <<<"$words"
        [ ${#words[@]} -gt 0 ] && [ "${words[0]}" = "$name" ] || continue
        ok=1
        for w in "${words[@]:1}"; do
            case $w in
            cpus=*)  [ "${w#cpus=}" = "$c" ] || ok=0 ;;
            vcpus=*) [ "${w#vcpus=}" = "$v" ] || ok=0 ;;
            *)       ok=0 ;;
            esac
        done
        [ "$ok" = 1 ] || continue
        case $line in *'#'*) w=${line#*#}; echo "${w# }" ;; *) echo "listed" ;; esac
        return 0
    done <"$XFAIL"
    return 1
}

rc_text() { # scripts/launch exit status -> words
    case $1 in
    1) echo "a domain crashed or did not start" ;;
    2) echo "timeout" ;;
    3) echo "hypervisor panic or unexpected stop" ;;
    4) echo "launch setup error" ;;
    *) echo "want 0" ;;
    esac
}

# judge EXPECT RC LOG -> prints a reason and returns 1 on failure
judge() {
    local expect=$1 rc=$2 log=$3 results status
    results=$(grep -cE '\(d[0-9]+\) Test result: ' "$log")
    status=$(sed -n 's/.*(d[0-9]*) Test result: \([A-Z]*\).*/\1/p' "$log" |
             head -1)
    case "$expect" in
    result)
        [ "$rc" = 0 ] ||
            { echo "launch exit $rc ($(rc_text "$rc"))" \
                   "${status:+/ Test result: $status}"
              return 1; }
        [ "$results" = 1 ] ||
            { echo "$results result lines (want 1)"; return 1; }
        # SKIP means the test did not find what it tests (no hypervisor
        # signature, too few vCPUs): on Lamina every test must run.
        case "$status" in
        SUCCESS) echo "$status" ;;
        SKIP) echo "Test result: SKIP (every test must run on Lamina)"
              return 1 ;;
        *) echo "Test result: $status"; return 1 ;;
        esac ;;
    reboot)
        grep -qE '(^|[] ])d[0-9]+: shut down, reason 1 ' "$log" ||
            { echo "no reboot (launch exit $rc)"; return 1; }
        [ "$rc" = 0 ] ||
            { echo "launch exit $rc ($(rc_text "$rc"))"; return 1; }
        [ "$results" = 0 ] ||
            { echo "printed a result line: $status"; return 1; }
        echo "rebooted" ;;
    *) echo "unknown expect '$expect' in $LIST"; return 1 ;;
    esac
}

# run_case N NAME EXPECT CPUS VCPUS CMDLINE: writes $LOGS/<case>.res,
# whose first line is "ok|not ok|xfail|xpass" then the TAP line, then
# comment lines.
run_case() {
    local n=$1 name=$2 expect=$3 c=$4 v=$5 cmdline=$6
    local tag=$name-cpus$c-vcpus$v label="$name cpus=$c"
    local log=$LOGS/$tag.log res=$LOGS/$tag.res args rc why xr t0=$SECONDS
    [ "$v" -gt 1 ] && label+=" vcpus=$v"
    args=(--emulator "$EMU" --cpus "$c" --timeout "$TMO" --log "$log" -q
          --kernel "$BUILD/$name.elf" --name "$name" --vcpus "$v")
    [ -n "${LAMINA_IMAGE:-}" ] && args+=(--image "$LAMINA_IMAGE")
    [ -n "${LAMINA_BOCHS_CPU:-}" ] && args+=(--bochs-cpu "$LAMINA_BOCHS_CPU")
    [ "$expect" = reboot ] && args+=(--on-reboot destroy)
    [ -n "$cmdline" ] && args+=(--cmdline "$cmdline")
    "$LAUNCH" "${args[@]}" >"$LOGS/$tag.out" 2>&1 </dev/null
    rc=$?
    {
        if why=$(judge "$expect" "$rc" "$log"); then
            if xr=$(xfail_reason "$name" "$c" "$v"); then
                echo xpass
                echo "ok $n - $label: $why ($((SECONDS - t0)) s)" \
                     "# TODO xfail passed: remove it from xfail-lamina"
            else
                echo ok
                echo "ok $n - $label: $why ($((SECONDS - t0)) s)"
            fi
        else
            if xr=$(xfail_reason "$name" "$c" "$v"); then
                echo xfail
                echo "not ok $n - $label: $why; log $log # TODO xfail: $xr"
            else
                echo "not ok"
                echo "not ok $n - $label: $why; log $log"
            fi
            sed -n 's/.*(d[0-9]*) \(\(Failure\|Error\|Reason\|Skip\): .*\)/\1/p' \
                "$log" | head -5 | sed 's/^/#   /'
            grep -E '^launch: (error|  )' "$LOGS/$tag.out" |
                grep -v 'full log:' | head -5 | sed 's/^/#   /'
        fi
    } >"$res"
}

# The cases: name expect cpus vcpus cmdline, one per line.
cases=()
while read -r name category envs expect cmdline; do
    case "$name" in ''|'#'*) continue ;; esac
    wanted "$name" || continue
    case ",$envs," in *,pvh64,*) ;; *) continue ;; esac
    vcpus=$(sed -n 's/^VCPUS[[:space:]]*[:?]\{0,1\}=[[:space:]]*//p' \
            "$ROOT/tests/guest/$name/Makefile" 2>/dev/null)
    cmdline=$(echo $cmdline ${GUEST_CMDLINE_EXTRA:-})
    for c in $CPUS; do
        for v in ${vcpus:-1}; do
            cases+=("$name"$'\t'"$expect"$'\t'"$c"$'\t'"$v"$'\t'"$cmdline")
        done
    done
done < "$LIST"

t0=$SECONDS
pass=0 fail=0 xfail=0 n=0 running=0
report() { # print one finished case and count it
    local res=$1 kind
    kind=$(head -1 "$res")
    tail -n +2 "$res"
    case $kind in
    ok|xpass) pass=$((pass + 1)) ;;
    xfail)    xfail=$((xfail + 1)) ;;
    *)        fail=$((fail + 1)) ;;
    esac
}
pending=()
for entry in ${cases[@]+"${cases[@]}"}; do
    IFS=$'\t' read -r name expect c v cmdline <<<"$entry"
    n=$((n + 1))
    tag=$name-cpus$c-vcpus$v
    rm -f "$LOGS/$tag.res"
    if [ "$JOBS" = 1 ]; then
        run_case "$n" "$name" "$expect" "$c" "$v" "$cmdline"
        report "$LOGS/$tag.res"
        continue
    fi
    run_case "$n" "$name" "$expect" "$c" "$v" "$cmdline" &
    pending+=("$LOGS/$tag.res")
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
if [ "$JOBS" != 1 ]; then
    for r in ${pending[@]+"${pending[@]}"}; do
        report "$r"
    done
fi
[ "$n" -gt 0 ] || echo "# no test selected from $LIST"
[ "$xfail" = 0 ] || echo "# $xfail known failure(s) listed in $XFAIL"
echo "# guest tier on Lamina ($EMU) took $((SECONDS - t0)) s"
echo "guest: $pass passed, $fail failed"
[ "$fail" = 0 ]
