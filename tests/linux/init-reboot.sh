#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the reboot and console-input test (tests/linux/reboot), run by
# busybox sh: prints "CHECK ready ..." and then reads command lines from
# hvc0 (the PV console, fed from the host's serial input): "reboot" and
# "poweroff" do that at once (-f: PID 1 is this script, no init to ask);
# any other line comes back as "CHECK got=LINE", which proves that the
# input reached the guest. Lines go to /dev/kmsg and to stdout (hvc0),
# like init-check.sh.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
if ! (exec </dev/console >/dev/console) 2>/dev/null; then
    echo "<1>CHECK ready failed: no /dev/console" >/dev/kmsg
    poweroff -f
fi
exec </dev/console >/dev/console 2>&1
# No echo of typed characters: only this script's lines come back.
stty -echo 2>/dev/null

say()
{
    # <1>: above the console log level even with "quiet".
    echo "<1>$*" >/dev/kmsg
    echo "$*"
}

say "CHECK ready boot_id=$(cat /proc/sys/kernel/random/boot_id)" \
    "up=$(cut -d' ' -f1 /proc/uptime)"
while read -r line; do
    case $line in
    reboot)
        say "CHECK rebooting"
        reboot -f ;;
    poweroff)
        say "CHECK powering off"
        poweroff -f ;;
    '') ;;
    *)
        say "CHECK got=$line" ;;
    esac
done
# End of input (hvc0 hung up): nothing more to wait for.
say "CHECK input ended"
poweroff -f
