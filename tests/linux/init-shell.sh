#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init for "make run": mounts the usual file systems and gives the user
# a busybox shell on hvc0 (the PV console the hypervisor serves, joined
# to its serial line). Leaving the shell powers the domain off, and with
# it the machine.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo
echo "Lamina: Debian $(uname -r) as a PVH domain, $(nproc) vCPU(s)."
echo "Type 'exit' (or poweroff -f) to power off."
setsid cttyhack sh -l
poweroff -f
