#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Times decompress_kernel() on the host, optimised (-O2, no sanitizers):
# the Debian kernel if scripts/get-debian-kernel fetched it, and the
# large test vectors (run the unit test once first to make them).
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
o=$root/build/unit/decompress
mkdir -p "$o"
d=$root/xen/common/decompress
gcc -std=gnu11 -O2 -fno-strict-aliasing -DUNIT_TEST -I"$root/tests/unit/stubs" \
    -I"$root/xen/include" -I"$root/xen/arch/x86/include" \
    -o "$o/bench" "$root/tests/unit/decompress/bench-decompress.c" \
    "$d/checksum.c" "$d/inflate.c" "$d/unlz4.c" "$d/unlzma2.c" "$d/unxz.c" \
    "$d/unzstd.c" "$d/unzstd-fse.c" "$d/bzimage.c" \
    "$root/tests/unit/decompress/stub-alloc.c" \
    "$root/tests/unit/stubs/stub-common.c"
set --
for f in "$root"/build/debian/boot/vmlinuz-* "$o"/vectors/big.*; do
    case $f in *.raw|*'*'*) continue ;; esac
    [ -f "$f" ] && set -- "$@" "$f"
done
[ $# -gt 0 ] || { echo "bench: nothing to time"; exit 0; }
"$o/bench" "$@"
