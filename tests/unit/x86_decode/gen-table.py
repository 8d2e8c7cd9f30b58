#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
# Regenerates insn-table.h: instruction byte strings and lengths as GNU as
# encodes them and objdump splits them, for 64-, 32- and 16-bit code.
# Needs binutils; the generated table is checked in so the unit test does
# not. Run: python3 gen-table.py > insn-table.h
import subprocess, sys, tempfile, os

ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"]

def alu64():
    out = []
    for op in ALU:
        out += [f"{op} %eax,(%rbx)", f"{op} (%rbx),%ecx", f"{op}l $1,(%rax)",
                f"{op}l $0x1000,(%rax)", f"{op}b $1,(%rax)", f"{op} $5,%al",
                f"{op} $0x500,%eax", f"{op}q $0x12345678,8(%rax,%rbx,2)",
                f"{op}w $0x1234,(%r9)"]
        if op != "cmp":
            out.append(f"lock {op}l $1,%gs:0x10(%rax)")
    return out

def alu32():
    out = []
    for op in ALU:
        out += [f"{op} %eax,(%ebx)", f"{op}l $0x1000,0xfee00300",
                f"{op}b $1,(%bx,%si)", f"{op}w $5,-4(%ebp)"]
    return out

MOV64 = """
mov %al,(%rax)
mov %ah,(%rbx)
mov %r8b,(%r9)
mov %sil,(%rdi)
mov %ax,(%rcx)
mov %eax,0x10(%rbp)
mov %rax,-0x80(%rsp)
mov %r15,0x12345678(%r13,%r14,8)
mov 0x1234(%rip),%eax
mov -0x10(%rip),%r11
mov 0xfee00300,%eax
mov (,%rcx,4),%edx
mov 0x10(,%r10,8),%r8d
mov %eax,(%r12)
mov %eax,(%r13)
mov %eax,(%rbp)
mov %eax,(%rsp)
mov %eax,0x7f(%rax)
mov %eax,0x80(%rax)
mov %eax,(%rax,%r12,1)
mov (%eax),%eax
mov 0x10(%r8d,%r9d,4),%cl
movb $1,(%rax)
movw $0x1234,(%rax)
movl $0x12345678,0x300(%rdi)
movq $-1,(%rax)
movq $0x7fffffff,0x10(%rip)
mov %fs:0x28,%rax
mov %gs:(%rax),%ebx
movabs 0x1122334455667788,%al
movabs 0x1122334455667788,%eax
movabs 0x1122334455667788,%rax
movabs %rax,0xfee00000
movabs %ax,0xfee00000
movzbl (%rax),%eax
movzwl 0x10(%rbx),%ecx
movsbl (%rax),%eax
movswq (%rax),%r9
movsbw (%rax),%ax
movzbw (%rsi),%r10w
movslq (%rax),%rax
mov $0x12345678,%eax
mov $0x1234,%ax
movabs $0x1122334455667788,%r10
mov $0x12,%r11b
mov $0x12,%ah
stosb
stosl
rep stosq
rep movsb
rep movsl
movsw
lodsb
rep cmpsb
repne scasb
xchg %eax,(%rbx)
xchg %r8,(%rax)
lock xchg %cl,(%rdx)
xchg %eax,%ebx
xchg %r8,%rax
test %eax,(%rax)
testl $0x100,(%rax)
testb $1,(%rax)
testw $1,0x10(%rax)
testq $-2,(%rax)
test $1,%al
bt %eax,(%rax)
btsl $3,(%rax)
btr %rcx,0x10(%rdx)
btcw $15,(%rax)
lock btsq $63,(%rax)
lock cmpxchg %ecx,(%rdx)
lock xadd %rax,(%rbx)
lock incl (%rax)
lock decq 0x10(%rbx)
notl (%rax)
negb (%rax)
cmpxchg16b (%rdi)
cmpxchg8b (%rdi)
"""

SPECIAL64 = """
cpuid
rdmsr
wrmsr
rdtsc
rdtscp
vmcall
vmmcall
hlt
in $0x80,%al
in $0x71,%eax
in (%dx),%al
in (%dx),%ax
out %al,$0x80
out %eax,(%dx)
insb
insw
rep insl
outsb
rep outsw
mov %cr0,%rax
mov %rax,%cr3
mov %cr8,%rax
mov %rax,%cr4
mov %db7,%rax
mov %rax,%db0
invlpg (%rax)
invlpg 0x1000(%rip)
pause
monitor
mwait
xsetbv
xgetbv
wbinvd
invd
swapgs
syscall
sysretq
sysenter
sysexitl
clts
ud2
lfence
mfence
sfence
clflush (%rax)
clflushopt (%rax)
clwb (%rax)
rdrand %eax
rdseed %rcx
vmrun
vmload
vmsave
stgi
clgi
skinit
invlpga
vmlaunch
vmresume
vmxoff
vmptrld (%rax)
vmclear (%rax)
vmread %rax,%rbx
vmwrite %rax,%rbx
invept (%rax),%rbx
invvpid (%rax),%rbx
clac
stac
rdpid %rax
rdfsbase %rax
wrgsbase %rcx
xsave (%rdi)
xrstor (%rdi)
xsaveopt (%rdi)
xsavec64 (%rdi)
fxsave (%rax)
fxrstor64 (%rax)
ldmxcsr 0x10(%rsp)
rdpkru
wrpkru
xend
xtest
xabort $1
endbr64
clzero
monitorx
mwaitx
lgdt (%rax)
sgdt (%rax)
lidt 0x10(%rax)
ltr %ax
str %eax
sldt %eax
lldt %ax
verr %ax
lar %ax,%bx
lsl (%rax),%ecx
smsw %eax
lmsw %ax
int3
int $0x80
int1
iretq
lret
lret $8
ret
ret $8
leave
enter $0x10,$0
enter $0x1000,$1
push $1
push $0x1234567
pushq (%rax)
pushq 0x10(%rip)
pop %r12
popq (%rax)
push %fs
pop %gs
pushf
popfq
imul $10,%eax,%ebx
imul $1000,(%rax),%ecx
imul %rax,%rbx
imulb (%rax)
mul %ecx
divq (%rax)
idivl 0x10(%rbp)
shll $3,(%rax)
sar %cl,%eax
rol %eax
rorb $2,0x10(%rax)
rcl %cl,%r8
lea 0x10(%rax,%rbx,4),%rcx
lea 0x10(%rip),%rax
nopw 0x0(%rax,%rax,1)
nopl 0x0(%rax)
nop
xchg %ax,%ax
cmove %eax,%ebx
cmovne (%rax),%rcx
sete %al
setg (%rax)
bswap %eax
bswap %r10
xadd %eax,%ebx
shld $4,%eax,%ebx
shrd %cl,%rax,(%rbx)
cqo
cwtl
cltq
cwtd
xlat
sahf
lahf
cmc
clc
stc
cli
sti
cld
std
mov %ds,%eax
mov %eax,%ss
mov %es,(%rax)
prefetcht0 (%rax)
prefetchnta 0x10(%rax)
prefetchw (%rax)
movnti %eax,(%rax)
popcnt %eax,%ebx
lzcnt (%rax),%rcx
tzcnt %ax,%bx
movbe (%rax),%ecx
crc32b %al,%ebx
crc32q (%rax),%rbx
movdiri %eax,(%rdx)
movdir64b (%rax),%rcx
serialize
"""

X87 = """
fld1
fldl (%rax)
fstps 0x10(%rsp)
fistpll (%rax)
fnstenv (%rax)
faddp
fnstsw %ax
fxch %st(2)
fldcw (%rax)
fadd %st(1),%st
fimull 0x10(%rbp)
fnsave (%rax)
frstor (%rax)
fninit
fcomip %st(1),%st
fsqrt
fldt 0x10(%rax)
fwait
"""

SIMD64 = """
movq %mm0,%mm1
paddb %mm2,%mm3
paddb (%rax),%mm3
emms
movdqa (%rax),%xmm0
movdqu %xmm15,0x10(%rax)
movaps %xmm1,%xmm2
movups (%rax,%rbx,8),%xmm9
addps %xmm1,%xmm2
addpd (%rax),%xmm3
addss %xmm1,%xmm2
addsd 0x10(%rip),%xmm3
pshufd $0x1b,%xmm0,%xmm1
pshufw $0x1b,%mm0,%mm1
psrlq $3,%xmm1
psllw $2,%mm1
pinsrw $2,(%rax),%xmm0
pextrw $1,%xmm0,%eax
shufps $1,%xmm0,%xmm1
cmpps $2,(%rax),%xmm1
cmpsd $1,%xmm0,%xmm1
pextrb $1,%xmm0,(%rax)
pshufb %xmm0,%xmm1
pshufb (%rax),%mm1
pblendw $0x55,%xmm0,%xmm1
roundss $1,%xmm0,%xmm1
aesenc %xmm0,%xmm1
pclmulqdq $0,%xmm0,%xmm1
cvtsi2sd %rax,%xmm0
cvttsd2si %xmm0,%r8
ptest %xmm0,%xmm1
pcmpestri $0,(%rax),%xmm1
extrq $1,$2,%xmm0
insertq $1,$2,%xmm0,%xmm1
extrq %xmm1,%xmm0
sha1rnds4 $3,%xmm0,%xmm1
sha256msg1 %xmm0,%xmm1
movntdq %xmm0,(%rax)
maskmovq %mm0,%mm1
lddqu (%rax),%xmm0
movd %eax,%xmm0
movq %rax,%xmm0
movq %xmm0,(%rax)
pmovmskb %xmm0,%eax
punpcklbw %xmm0,%xmm1
palignr $4,%xmm0,%xmm1
pfadd %mm1,%mm0
pfmul (%rax),%mm2
femms
"""

VEX64 = """
vaddps %ymm0,%ymm1,%ymm2
vaddps (%rax),%xmm1,%xmm2
vaddps %ymm8,%ymm9,%ymm10
vmovdqu %ymm8,(%r9)
vmovdqu 0x10(%rax,%r11,4),%ymm12
vpxor %xmm0,%xmm1,%xmm2
vpshufb %ymm0,%ymm1,%ymm2
vpermq $0x4e,%ymm0,%ymm1
vzeroupper
vzeroall
vbroadcastss (%rax),%ymm0
vpbroadcastd %xmm0,%ymm1
vinsertf128 $1,%xmm0,%ymm1,%ymm2
vextracti128 $1,%ymm0,(%rax)
vfmadd231ps %ymm0,%ymm1,%ymm2
vgatherdps %ymm0,(%rax,%ymm1,4),%ymm2
vpshufd $0x1b,%ymm0,%ymm1
vpsrlq $3,%ymm1,%ymm2
vcmpps $1,%ymm0,%ymm1,%ymm2
vshufps $1,%xmm0,%xmm1,%xmm2
vpinsrw $1,(%rax),%xmm0,%xmm1
andn %eax,%ebx,%ecx
bextr %rax,(%rbx),%rcx
blsr %eax,%ebx
shlx %eax,%ebx,%ecx
rorx $3,%rax,%rbx
pdep %eax,%ebx,%ecx
pext (%rax),%rbx,%rcx
mulx %rax,%rbx,%rcx
vcvtph2ps %xmm0,%ymm1
vmovd %xmm0,%eax
vmovq %xmm0,%rax
vldmxcsr (%rax)
vpclmulqdq $1,%xmm0,%xmm1,%xmm2
vaesenc %xmm0,%xmm1,%xmm2
vmaskmovps (%rax),%ymm0,%ymm1
vpblendd $0x0f,%ymm0,%ymm1,%ymm2
vtestps %ymm0,%ymm1
kmovw %k1,%k2
kmovq %k1,%rax
kandw %k1,%k2,%k3
"""

EVEX64 = """
vpxord %zmm0,%zmm1,%zmm2
vaddps %zmm0,%zmm1,%zmm2
vaddps (%rax){1to16},%zmm1,%zmm2
vmovdqu64 0x40(%rax),%zmm3
vmovdqu64 0x1000(%rax),%zmm3
vmovdqu64 0x41(%rax),%zmm3
vpternlogd $0x96,%zmm0,%zmm1,%zmm2
vpcompressd %zmm0,(%rax){%k1}
vpermt2d %zmm0,%zmm1,%zmm2
vpxorq %zmm16,%zmm17,%zmm18
vmovdqa32 %zmm0,%zmm1{%k1}{z}
vcvtps2ph $0,%zmm0,(%rax)
vpscatterdd %zmm0,(%rax,%zmm1,4){%k1}
vaddps %xmm20,%xmm21,%xmm22
vaddpd {rn-sae},%zmm0,%zmm1,%zmm2
vpbroadcastd %eax,%zmm0
vextracti32x4 $1,%zmm0,%xmm1
vpshufd $0x1b,%zmm30,%zmm31
vmovdqu8 (%rip),%zmm0
vaddph %zmm0,%zmm1,%zmm2
vfmadd132ph %zmm0,%zmm1,%zmm2
vaddsh %xmm0,%xmm1,%xmm2
vpdpbusd %zmm0,%zmm1,%zmm2
vpopcntd %zmm0,%zmm1
vcmpps $1,%zmm0,%zmm1,%k2
"""

XOP64 = """
vpcmov %xmm0,%xmm1,%xmm2,%xmm3
vprotd $3,%xmm1,%xmm2
vprotd %xmm0,%xmm1,%xmm2
vfrczps %xmm0,%xmm1
vpmacsdd %xmm0,%xmm1,%xmm2,%xmm3
bextr $0x1234,%eax,%ebx
blcfill %eax,%ebx
"""

BRANCH64 = """
jmp .+0x1000
jmp .+5
je .+0x1000
jne .+5
call .+0x1000
call *%rax
call *0x10(%rax)
jmp *(%rip)
jmp *%r11
loop .+5
jrcxz .+5
ljmp *(%rax)
lcall *(%rax)
"""

CODE32 = """
mov %eax,(%ebx)
mov (%bx,%si),%eax
mov 0x10(%bp,%di),%ax
mov %eax,(%bp)
mov 0x1234(%bx),%cl
mov %al,0x12
mov 0xfee00020,%eax
mov 0x1234,%ax
addr16 mov 0x1234,%al
mov %eax,0xfee000b0
movl $1,0xfee00300
movw $0x10,(%eax)
movb $0xff,(%ecx,%edx,4)
mov (,%ecx,4),%edx
mov %es:(%edi),%eax
movzbl (%esi),%eax
movswl 0x10(%ebx),%eax
les (%eax),%ebx
lds 0x10(%ebx),%ecx
bound %eax,(%ebx)
pusha
popa
daa
das
aaa
aas
aam
aad
aam $16
into
push %es
pop %ds
push %cs
push %ss
pop %ss
lcall $0x10,$0x12345678
ljmp $0x8,$0x1000
ljmpw $0x8,$0x1000
inc %eax
dec %edi
inc %ax
mov $0x12345678,%eax
mov $0x1234,%ax
push $0x12345678
pushw $0x1234
call .+0x1000
callw .+0x100
jmp .+0x1000
je .+0x1000
rep stosl
rep movsb
cpuid
rdtsc
rdtscp
vmcall
vmmcall
hlt
in $0x60,%al
out %ax,(%dx)
insl
outsw
mov %cr0,%eax
mov %eax,%cr3
mov %cr4,%ebx
invlpg (%eax)
invlpg 0x10(%bx)
pause
monitor
mwait
xsetbv
wbinvd
invd
sysenter
syscall
vaddps %ymm0,%ymm1,%ymm2
vaddps (%eax),%xmm1,%xmm2
vpermq $0x4e,%ymm0,%ymm1
vzeroupper
vpxord %zmm0,%zmm1,%zmm2
vaddps (%eax){1to16},%zmm1,%zmm2
vmovdqu64 0x40(%eax),%zmm3
andn %eax,%ebx,%ecx
fldl (%eax)
fstps 0x10(%esp)
movdqa (%eax),%xmm0
pshufd $0x1b,%xmm0,%xmm1
pextrb $1,%xmm0,(%eax)
pshufb (%eax),%xmm1
movq (%eax),%mm0
lea 0x10(%eax,%ebx,4),%ecx
enter $8,$0
ret $4
lret
iret
int $0x21
"""

CODE16 = """
mov (%bx),%ax
mov %eax,(%bx)
mov (%eax),%eax
mov 0x10(%bp,%si),%al
movw $1,0x10(%bp,%si)
movl $1,(%di)
mov 0x1234,%al
mov 0x1234,%eax
mov %ax,0x1234
mov $0x1234,%ax
mov $1,%eax
jmp .+0x100
je .+0x100
call .+0x100
lcall $0x10,$0x1234
ljmp $0xf000,$0xe05b
lcalll $0x10,$0x12345678
push $0x1234
pushl $0x12345678
movzbw (%bx),%ax
movzbl (%si),%eax
lgdtl (%bx)
lidt (%si)
mov %cr0,%eax
mov %eax,%cr0
in $0x92,%al
out %al,$0x80
outsb
rep stosw
rep movsl
cli
hlt
cpuid
rdmsr
wrmsr
vmcall
vmmcall
int $0x10
iret
retw
lret
xchg %ax,%bx
add $0x1234,%ax
addl $0x12345678,(%bx)
lea 0x10(%bx,%di),%ax
"""

def assemble(src, flags, mflags, code16=False):
    with tempfile.TemporaryDirectory() as d:
        s = os.path.join(d, "a.s"); o = os.path.join(d, "a.o")
        with open(s, "w") as f:
            if code16:
                f.write(".code16\n")
            f.write(src + "\n")
        subprocess.check_call(["as"] + flags + ["-o", o, s])
        out = subprocess.check_output(
            ["objdump", "-d", "--insn-width=15"] + mflags + [o], text=True)
    res = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].strip().endswith(":"):
            continue
        hexs = parts[1].split()
        text = " ".join(parts[2].split())
        if "(bad)" in text:
            raise SystemExit("objdump could not decode: " + line)
        res.append((hexs, text))
    return res

def main():
    sets = [
        (64, "\n".join(alu64()) + MOV64 + SPECIAL64 + X87 + SIMD64 + VEX64 +
         EVEX64 + XOP64 + BRANCH64, ["--64"], [], False),
        (32, "\n".join(alu32()) + "\n" + CODE32, ["--32"], [], False),
        (16, CODE16, ["--32"], ["-m", "i8086"], True),
    ]
    print("/* SPDX-License-Identifier: GPL-2.0-only */")
    print("/*")
    print(" * Generated by gen-table.py from GNU as + objdump (binutils 2.40):")
    print(" * instruction bytes and lengths for the decoder unit test.")
    print(" */")
    print("static const struct insn_case insn_table[] = {")
    n = 0
    for mode, src, fl, mfl, c16 in sets:
        for hexs, text in assemble(src, fl, mfl, c16):
            esc = "".join("\\x" + h for h in hexs)
            text = text.replace("\\", "\\\\").replace('"', '\\"')
            print(f'    {{ {mode}, {len(hexs)}, "{esc}", "{text}" }},')
            n += 1
    print("};")
    print(f"/* {n} entries */", file=sys.stderr)

main()
