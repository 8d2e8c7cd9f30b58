#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the Linux guest test (tests/linux/run), run by busybox sh:
# prints machine-readable "CHECK key=value" lines (kernel release, CPU
# count, wall-clock time around a 2 s sleep, the Xen lines of
# /proc/interrupts) and powers off. The lines go to /dev/kmsg, so that
# they leave through the kernel's consoles (earlyprintk=xen keep_bootcon:
# port 0xe9), and to stdout (hvc0) as well unless the command line has
# check.nohvc.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# The kernel could not give us stdio if /dev/console had no device
# behind it (no hvc0): try again now, else use /dev/null (a failed
# "exec <" would end the shell, so probe in a subshell first).
hvc=1
grep -q 'check.nohvc' /proc/cmdline && hvc=0
if (exec </dev/console >/dev/console) 2>/dev/null; then
    exec </dev/console >/dev/console 2>&1
else
    exec </dev/null >/dev/null 2>&1
    hvc=0
fi

say()
{
    # <1>: above the console log level even with "quiet".
    echo "<1>$*" >/dev/kmsg
    [ "$hvc" = 0 ] || echo "$*"
}

# Wall-clock time in ns: busybox date has no %N, adjtimex has tv_usec.
now_ns()
{
    adjtimex | awk '/tv_sec/ { s = $2 } /tv_usec/ { u = $2 }
        END { printf "%d%06d000\n", s, u }'
}

say "CHECK init=start hvc=$hvc"
say "CHECK uname=$(uname -r)"
say "CHECK nproc=$(nproc)"
say "CHECK online=$(cat /sys/devices/system/cpu/online)"
say "CHECK t0=$(now_ns) up0=$(cut -d' ' -f1 /proc/uptime)"
sleep 2
say "CHECK t1=$(now_ns) up1=$(cut -d' ' -f1 /proc/uptime)"
say "CHECK clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
n=0
grep -i xen /proc/interrupts | tr -s ' ' >/tmp/irq
while read -r line; do
    say "CHECK irq: $line"
    n=$((n + 1))
done </tmp/irq
say "CHECK xen_irqs=$n"
say "CHECK done"
poweroff -f
# Only if poweroff returned.
say "CHECK poweroff=failed"
sleep 1000
