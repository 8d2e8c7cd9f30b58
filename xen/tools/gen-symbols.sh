#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Reads `nm -n -S --defined-only` output on stdin and writes assembly for
# the symbol table used by common/symbols.c: text symbols sorted by
# address (absolute), their sizes (0: unknown, e.g. assembly labels) and
# offsets of their names in one string blob. Empty input gives an empty
# table (the first link pass).
awk 'BEGIN { n = 0 }
function emit_sym(a, s, t, nm) {
    if (t != "T" && t != "t") return
    if (nm == "_stext" || nm == "_etext") return
    addr[n] = a; size[n] = s; name[n] = nm; n++
}
NF == 4 { emit_sym($1, $2, $3, $4); next }
NF == 3 { emit_sym($1, "0", $2, $3); next }
END {
    print "\t.section .note.GNU-stack, \"\", @progbits"
    print "\t.section .rodata, \"a\", @progbits"
    print "\t.balign 8"
    print "\t.globl symbols_nr, symbols_addrs, symbols_sizes"
    print "\t.globl symbols_names, symbols_strings"
    print "symbols_nr:\n\t.quad " n + 0
    print "symbols_addrs:"
    for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
    print "symbols_sizes:"
    for (i = 0; i < n; i++) print "\t.long 0x" size[i]
    print "\t.balign 4\nsymbols_names:"
    off = 0
    for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
    print "symbols_strings:"
    for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
}'
