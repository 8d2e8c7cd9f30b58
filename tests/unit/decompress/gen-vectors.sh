#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Makes the decompressor test vectors in $1 (default build/unit/decompress/
# vectors): a few inputs, each compressed by the host's gzip, xz, lz4 and
# zstd with the options Linux uses for kernels and some others. A tool that
# is missing is skipped (its vectors are simply absent). Idempotent: does
# nothing when $1/.done exists. Prints nothing on success.
set -eu

root=$(cd "$(dirname "$0")/../../.." && pwd)
out=${1:-$root/build/unit/decompress/vectors}
[ -e "$out/.done" ] && exit 0
mkdir -p "$out"
cd "$out"

# Inputs: random, text, zeros, a real x86 ELF (BCJ has work to do), tiny.
head -c 1048576 /dev/urandom > random.raw
i=0
while [ $i -lt 3000 ]; do
    echo "line $i: the quick brown fox jumps over the lazy dog $((i * i % 977))"
    i=$((i + 1))
done > text.raw
head -c 2000000 /dev/zero > zeros.raw
elf=$root/build/xen/lamina-syms
[ -f "$elf" ] || elf=/bin/ls
cp "$elf" elf.raw
# Over 8 MiB: several lz4 legacy blocks, several xz chunks and zstd blocks.
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat elf.raw text.raw; done |
    head -c 9437184 > big.raw
printf 'a' > one.raw
: > empty.raw
head -c 4096 text.raw > small.raw

have() { command -v "$1" >/dev/null 2>&1; }

for f in *.raw; do
    b=${f%.raw}
    if have gzip; then
        gzip -9 -n -c "$f" > "$b.9.gz"
        gzip -1 -c "$f" > "$b.1.gz"
    fi
    if have xz; then
        # Linux (scripts/xz_wrap.sh): CRC32, x86 BCJ, LZMA2, 32 MiB dict.
        xz -c --check=crc32 --x86 --lzma2=dict=32MiB "$f" > "$b.linux.xz"
        xz -c -6 "$f" > "$b.crc64.xz"
        xz -c --check=none -0 "$f" > "$b.none.xz"
        xz -c --check=crc32 --lzma2=preset=9e,lc=1,lp=3,pb=0 "$f" \
            > "$b.lclp.xz"
        xz -c --check=crc32 --block-size=65536 "$f" > "$b.blocks.xz"
    fi
    if have lz4; then
        # Linux: lz4 -l (legacy frame); the rest: the standard frame.
        lz4 -q -l -9 -c "$f" > "$b.legacy.lz4"
        lz4 -q -9 -c "$f" > "$b.frame.lz4"
        lz4 -q -1 -BD -BX --content-size -c "$f" > "$b.dep.lz4"
        lz4 -q -1 --no-frame-crc -B4 -c "$f" > "$b.nocrc.lz4"
    fi
    if have zstd; then
        # Linux: zstd -22 --ultra; others: fast levels, no checksum, long.
        zstd -q -22 --ultra -c "$f" > "$b.22.zst"
        zstd -q -3 -c "$f" > "$b.3.zst"
        zstd -q -1 --no-check -c "$f" > "$b.1.zst"
        zstd -q -19 --long=24 -c "$f" > "$b.19.zst"
        zstd -q --fast=5 -c "$f" > "$b.fast.zst"
        zstd -q -3 --no-content-size -c < "$f" > "$b.nosize.zst"
    fi
done
touch .done
