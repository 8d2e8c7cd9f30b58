# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the end-to-end scenarios (tests/e2e/*.sh): run Lamina with
# several boot-time domains through scripts/launch, then judge the run by
# its exit status and the serial log. Sourced, not run.
#
#   e2e_run NAME LAUNCH-ARGS...  run; $E2E_RC = exit status, $E2E_LOG = log
#   e2e_check DESC CMD...        "ok"/"not ok" line for CMD's status
#   e2e_log_has REGEX            the log has a line matching REGEX (grep -E)
#   e2e_guest DOM REGEX          the first "(dDOM) ..." line matching REGEX,
#                                without its prefix
#   e2e_span DOM FROM TO         seconds between two lines of domain DOM
#   e2e_finish                   prints "NAME: N passed, N failed", exits
#
# Logs go to $E2E_LOGS (default build/e2e). Guests come from build/guest/
# (make guest-tests), the hypervisor from build/xen/ (make).

E2E_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_LOGS=${E2E_LOGS:-$E2E_ROOT/build/e2e}
E2E_GUESTS=${E2E_GUESTS:-$E2E_ROOT/build/guest}
E2E_LAUNCH=$E2E_ROOT/scripts/launch
E2E_NAME=$(basename "$0" .sh)
e2e_pass=0 e2e_fail=0 E2E_RC= E2E_LOG=
mkdir -p "$E2E_LOGS"

e2e_run()
{
    local name=$1 t0=$SECONDS
    shift
    E2E_LOG=$E2E_LOGS/$name.log
    echo "# $E2E_NAME: scripts/launch $*"
    "$E2E_LAUNCH" --quiet --log "$E2E_LOG" "$@" > "$E2E_LOG.out" 2>&1
    E2E_RC=$?
    echo "# $(grep -a -E '^launch: (OK|FAILED|TIMEOUT)' "$E2E_LOG.out" |
        tail -n 1 | cut -c1-200) ($((SECONDS - t0)) s)"
}

e2e_check()
{
    local desc=$1
    shift
    if "$@"; then
        e2e_pass=$((e2e_pass + 1))
        echo "ok - $E2E_NAME: $desc"
    else
        e2e_fail=$((e2e_fail + 1))
        echo "not ok - $E2E_NAME: $desc (log: $E2E_LOG)"
    fi
}

e2e_log_has()
{
    grep -a -q -E -- "$1" "$E2E_LOG"
}

e2e_guest()
{
    tr -d "\r" < "$E2E_LOG" | grep -a -o -E -- "\(d$1\) $2.*" | head -n 1 |
        sed "s/^(d$1) //"
}

# e2e_span DOM FROM TO: seconds between the first "(dDOM) FROM" line and
# the first "(dDOM) TO" line, from the hypervisor's time stamps.
e2e_span()
{
    tr -d "\r" < "$E2E_LOG" | awk -v a="(d$1) $2" -v b="(d$1) $3" '
        function stamp(l) { sub(/^[^[]*\[ */, "", l); sub(/\].*/, "", l);
                            return l + 0 }
        index($0, a) && t0 == "" { t0 = stamp($0) }
        index($0, b) && t0 != "" { printf "%.2f", stamp($0) - t0; exit }'
}

e2e_rc_is()
{
    [ "$E2E_RC" = "$1" ]
}

# e2e_ratio_in A B LO HI: LO <= A / B <= HI (decimals allowed)
e2e_ratio_in()
{
    awk -v a="$1" -v b="$2" -v lo="$3" -v hi="$4" \
        'BEGIN { exit !(b > 0 && a / b >= lo && a / b <= hi) }'
}

e2e_ratio()
{
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "inf" }'
}

e2e_need()
{
    local f
    for f in "$@"; do
        if [ ! -r "$f" ]; then
            echo "not ok - $E2E_NAME: missing $f (make && make guest-tests)"
            echo "$E2E_NAME: 0 passed, 1 failed"
            exit 1
        fi
    done
}

e2e_finish()
{
    echo "$E2E_NAME: $e2e_pass passed, $e2e_fail failed"
    [ "$e2e_fail" -eq 0 ]
    exit
}
