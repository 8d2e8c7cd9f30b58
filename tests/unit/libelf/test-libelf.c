/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests of common/libelf.c: valid ELF32/ELF64 PVH images, one
 * malformed variant per check the parser makes, elf_load() placement,
 * a fixed-seed mutation fuzz loop (ASan/UBSan catch any bad access), and
 * the guest test kernels in build/guest/ if they have been built.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include "test.h"
#include "elf-image.h"

static struct elf_info info;
static char err[160];

/* Parse a copy of exactly size bytes, so ASan sees any over-read. */
static int parse_buf(const uint8_t *buf, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    int rc;

    memcpy(copy, buf, size);
    rc = elf_parse(copy, size, &info, err, sizeof(err));
    free(copy);
    return rc;
}

static int parse_spec(const struct img_spec *s)
{
    static uint8_t buf[IMG_SIZE];

    return parse_buf(buf, img_build(s, buf));
}

#define REFUSED(spec, rc, text) do {                                      \
    int _rc = parse_spec(spec);                                           \
    CHECK_EQ(_rc, rc);                                                    \
    CHECK(strstr(err, text) != NULL);                                     \
    if ( !strstr(err, text) )                                             \
        printf("#   err \"%s\", want \"%s\"\n", err, text);              \
} while ( 0 )

static void test_valid(int cls)
{
    struct img_spec s;

    img_default(&s, cls);
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_STR(err, "");
    CHECK_EQ(info.elf_class, cls == 64 ? ELFCLASS64 : ELFCLASS32);
    CHECK_EQ(info.nr_segments, 2);
    CHECK_EQ(info.pstart, 0x100000);
    CHECK_EQ(info.pend, 0x200800);
    CHECK_EQ(info.phys32_entry, 0x100010);
    CHECK_EQ(info.seg[0].filesz, 0x800);
    CHECK_EQ(info.seg[0].memsz, 0x3000);
    CHECK_EQ(info.seg[1].offset, IMG_CODE_OFF + 0x800);
    CHECK_STR(info.notes.guest_os, "lamina-test");
    CHECK_STR(info.notes.xen_version, "xen-3.0");
    CHECK_EQ(info.notes.supported_features, 0x8801);
    CHECK(elf_note_present(&info.notes, XEN_ELFNOTE_PHYS32_ENTRY));
    CHECK(!elf_note_present(&info.notes, XEN_ELFNOTE_HYPERCALL_PAGE));
}

static void test_header(void)
{
    static uint8_t buf[IMG_SIZE];
    struct img_spec s;
    size_t size;

    img_default(&s, 64);
    size = img_build(&s, buf);
    CHECK_EQ(parse_buf(buf, 10), -ENOEXEC);
    CHECK_EQ(parse_buf(buf, 40), -EINVAL);
    CHECK(strstr(err, "truncated ELF64 header") != NULL);
    buf[1] = 'X';
    CHECK_EQ(parse_buf(buf, size), -ENOEXEC);
    CHECK(strstr(err, "bad magic") != NULL);
    CHECK_EQ(elf_parse(NULL, 100, &info, err, sizeof(err)), -EINVAL);
    CHECK_EQ(parse_buf(buf, 0), -ENOEXEC);

    img_default(&s, 32);
    s.size = 30;
    REFUSED(&s, -EINVAL, "truncated ELF32 header");
    img_default(&s, 64);
    s.ident_class = 3;
    REFUSED(&s, -ENOEXEC, "unknown ELF class 3");
    img_default(&s, 64);
    s.data = 2;
    REFUSED(&s, -ENOEXEC, "not little-endian");
    img_default(&s, 64);
    s.version = 2;
    REFUSED(&s, -EINVAL, "unknown ELF version");
    img_default(&s, 64);
    s.machine = 40;
    REFUSED(&s, -ENOEXEC, "machine 40, not x86");
    img_default(&s, 64);
    s.machine = EM_386;
    REFUSED(&s, -ENOEXEC, "not x86");
    img_default(&s, 32);
    s.machine = EM_X86_64;
    REFUSED(&s, -ENOEXEC, "not x86");
    img_default(&s, 64);
    s.type = 3;
    REFUSED(&s, -ENOEXEC, "not an executable");
}

static void test_phdr_table(void)
{
    struct img_spec s;

    img_default(&s, 64);
    s.phoff = IMG_SIZE - 8;
    REFUSED(&s, -EINVAL, "extend past the image end");
    img_default(&s, 64);
    s.phoff = ~0ULL - 16;
    REFUSED(&s, -EINVAL, "program headers");
    img_default(&s, 32);
    s.phoff = 0xfffffff0;
    REFUSED(&s, -EINVAL, "program headers");
    img_default(&s, 64);
    s.phnum = 0xffff;
    REFUSED(&s, -EINVAL, "too many program headers");
    img_default(&s, 64);
    s.phnum = ELF_MAX_PHDRS + 1;
    REFUSED(&s, -EINVAL, "too many program headers");
    img_default(&s, 64);
    s.phnum = 0;
    s.nr_segs = 0;
    REFUSED(&s, -ENOEXEC, "no program headers");
    img_default(&s, 64);
    s.phentsize = 32;
    REFUSED(&s, -EINVAL, "bad program header size 32");
    img_default(&s, 32);
    s.phentsize = 1000;
    REFUSED(&s, -EINVAL, "bad program header size");
}

static void test_segments(void)
{
    struct img_spec s;
    unsigned int i;

    img_default(&s, 64);
    s.seg[1].filesz = 0x4000;
    REFUSED(&s, -EINVAL, "extends past");
    img_default(&s, 64);
    s.seg[2].memsz = 0x100;
    REFUSED(&s, -EINVAL, "filesz 0x800 > memsz 0x100");
    img_default(&s, 64);
    s.seg[2].offset = ~0ULL - 10;
    REFUSED(&s, -EINVAL, "extends past");
    img_default(&s, 64);
    s.seg[2].paddr = ~0ULL - 0x100;
    REFUSED(&s, -EINVAL, "beyond the physical address space");
    img_default(&s, 64);
    s.seg[2].paddr = 0x101000;                  /* inside seg 1's bss */
    REFUSED(&s, -EINVAL, "overlaps another PT_LOAD");
    img_default(&s, 32);
    s.seg[2].paddr = 0xff900;                   /* ends inside seg 1 */
    REFUSED(&s, -EINVAL, "overlaps another PT_LOAD");
    img_default(&s, 64);
    s.seg[2].paddr = 0x103000;                  /* adjacent: fine */
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_EQ(info.seg[1].paddr, 0x103000);
    img_default(&s, 64);
    s.seg[2].paddr = 0x80000;                   /* out of order: sorted */
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_EQ(info.pstart, 0x80000);
    CHECK_EQ(info.pend, 0x103000);
    CHECK_EQ(info.seg[0].paddr, 0x80000);

    img_default(&s, 64);
    s.seg[2].memsz = s.seg[2].filesz = 0;       /* empty load: ignored */
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_EQ(info.nr_segments, 1);

    img_default(&s, 64);
    for ( i = 0; i < ELF_MAX_SEGMENTS; i++ )
        s.seg[s.nr_segs++] = (struct img_seg){ PT_LOAD, PF_R, IMG_CODE_OFF,
            0x1000000 + i * 0x1000ULL, 0x10, 0x10, 4 };
    REFUSED(&s, -EINVAL, "too many PT_LOAD segments");

    img_default(&s, 64);
    s.seg[1].type = s.seg[2].type = 6;          /* PT_PHDR: no loads */
    REFUSED(&s, -ENOEXEC, "no loadable segment");
}

static void test_notes(void)
{
    static const uint64_t high = 0x100000000ULL, out = 0x5000;
    static const uint8_t odd[3] = { 1, 2, 3 };
    static const char weird[] = "li\x1bnux-with-a-very-long-name-that-goes-on"
                                "-and-on-and-on-past-the-limit";
    struct img_spec s;

    img_default(&s, 64);
    img_drop_note(&s, XEN_ELFNOTE_PHYS32_ENTRY);
    REFUSED(&s, -ENOEXEC,
            "no XEN_ELFNOTE_PHYS32_ENTRY note: not a PVH kernel");
    img_default(&s, 64);
    s.note[4].name = "Xe";                      /* not "Xen": ignored */
    REFUSED(&s, -ENOEXEC, "not a PVH kernel");
    img_default(&s, 64);
    s.note[4].desc = &high;
    s.note[4].descsz = 8;
    REFUSED(&s, -EINVAL, "above 4 GiB");
    img_default(&s, 64);
    s.note[4].desc = &out;
    s.note[4].descsz = 8;
    REFUSED(&s, -EINVAL, "not inside a loaded segment");
    img_default(&s, 64);
    s.note[4].desc = odd;
    s.note[4].descsz = 3;
    REFUSED(&s, -EINVAL, "value of 3 bytes");
    img_default(&s, 64);
    s.note[1].namesz_field = 0xffffffff;
    REFUSED(&s, -EINVAL, "overruns the segment");
    img_default(&s, 64);
    s.note[2].descsz_field = 0xfffffff0;
    REFUSED(&s, -EINVAL, "overruns the segment");
    img_default(&s, 32);
    s.note[4].descsz_field = 0x200;
    REFUSED(&s, -EINVAL, "overruns the segment");
    img_default(&s, 64);
    s.seg[0].offset = IMG_SIZE - 4;
    REFUSED(&s, -EINVAL, "extends past the image end");

    img_default(&s, 64);
    s.note[1].desc = weird;
    s.note[1].descsz = sizeof(weird);
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_EQ(strlen(info.notes.guest_os), ELF_NOTE_STR_MAX - 1);
    CHECK(!strncmp(info.notes.guest_os, "li?nux-with", 11));

    img_default(&s, 64);                        /* 8-byte PHYS32 value */
    s.note[4].desc = &(uint64_t){ 0x100020 };
    s.note[4].descsz = 8;
    CHECK_EQ(parse_spec(&s), 0);
    CHECK_EQ(info.phys32_entry, 0x100020);
}

/* Fake guest memory for elf_load: 4 MiB at gpa 0. */
static uint8_t *gmem;
#define GMEM_SIZE (4u << 20)

static int mem_copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    (void)ctx;
    if ( gpa > GMEM_SIZE || len > GMEM_SIZE - gpa )
        return -EFAULT;
    memcpy(gmem + gpa, src, len);
    return 0;
}

static int mem_zero(void *ctx, uint64_t gpa, size_t len)
{
    (void)ctx;
    if ( gpa > GMEM_SIZE || len > GMEM_SIZE - gpa )
        return -EFAULT;
    memset(gmem + gpa, 0, len);
    return 0;
}

static void test_load(void)
{
    static uint8_t buf[IMG_SIZE];
    struct img_spec s;
    size_t size;
    unsigned int bad = 0, i;

    gmem = malloc(GMEM_SIZE);
    memset(gmem, 0xaa, GMEM_SIZE);
    img_default(&s, 32);
    size = img_build(&s, buf);
    CHECK_EQ(elf_parse(buf, size, &info, err, sizeof(err)), 0);
    CHECK_EQ(elf_load(&info, buf, mem_copy, mem_zero, NULL), 0);
    CHECK(!memcmp(gmem + 0x100000, buf + IMG_CODE_OFF, 0x800));
    CHECK(!memcmp(gmem + 0x200000, buf + IMG_CODE_OFF + 0x800, 0x800));
    for ( i = 0x100800; i < 0x103000; i++ )
        bad += gmem[i] != 0;
    CHECK_EQ(bad, 0);
    CHECK_EQ(gmem[0x103000], 0xaa);
    CHECK_EQ(gmem[0xfffff], 0xaa);

    s.seg[2].paddr = 0x3ff000;                  /* runs past "RAM" */
    size = img_build(&s, buf);
    CHECK_EQ(elf_parse(buf, size, &info, err, sizeof(err)), 0);
    CHECK_EQ(elf_load(&info, buf, mem_copy, mem_zero, NULL), 0);
    s.seg[2].paddr = 0x3fff00;
    size = img_build(&s, buf);
    CHECK_EQ(elf_parse(buf, size, &info, err, sizeof(err)), 0);
    CHECK_EQ(elf_load(&info, buf, mem_copy, mem_zero, NULL), -EFAULT);
    info.seg[0].filesz = IMG_SIZE;              /* tampered info */
    CHECK_EQ(elf_load(&info, buf, mem_copy, mem_zero, NULL), -EINVAL);
    free(gmem);
}

/* --- fuzz ------------------------------------------------------------- */

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* Mostly the header, program headers and notes: where the checks are. */
static size_t mutation_pos(size_t size)
{
    switch ( rnd() % 4 )
    {
    case 0: return rnd() % 64;
    case 1: return IMG_PHOFF + rnd() % (3 * sizeof(struct elf64_phdr));
    case 2: return IMG_NOTE_OFF + rnd() % 0x80;
    default: return rnd() % size;
    }
}

static uint8_t mutation_val(void)
{
    static const uint8_t edge[] = { 0, 1, 0x7f, 0x80, 0xfe, 0xff };

    return rnd() & 1 ? edge[rnd() % sizeof(edge)] : (uint8_t)rnd();
}

static int fz_copy(void *ctx, uint64_t gpa, const void *src, size_t len)
{
    const struct elf_info *fi = ctx;
    volatile uint8_t sink = 0;
    size_t i;

    for ( i = 0; i < len; i++ )                 /* ASan checks the source */
        sink += ((const uint8_t *)src)[i];
    (void)sink;
    return gpa >= fi->pstart && gpa + len <= fi->pend ? 0 : -EINVAL;
}

static int fz_zero(void *ctx, uint64_t gpa, size_t len)
{
    const struct elf_info *fi = ctx;

    return gpa >= fi->pstart && gpa + len <= fi->pend ? 0 : -EINVAL;
}

/* Invariants of an accepted image (and of a refusal). */
static unsigned int fuzz_check(int rc, const uint8_t *img)
{
    unsigned int i, bad = 0;

    if ( rc )
        return (rc != -EINVAL && rc != -ENOEXEC) || !err[0];
    bad += err[0] != 0;
    bad += info.nr_segments == 0 || info.nr_segments > ELF_MAX_SEGMENTS;
    for ( i = 0; i < info.nr_segments; i++ )
    {
        const struct elf_segment *g = &info.seg[i];

        bad += g->filesz > g->memsz;
        bad += g->offset + g->filesz > info.image_size;
        bad += i && info.seg[i - 1].paddr + info.seg[i - 1].memsz > g->paddr;
    }
    bad += info.phys32_entry < info.pstart || info.phys32_entry >= info.pend;
    bad += elf_load(&info, img, fz_copy, fz_zero, &info) != 0;
    return bad;
}

static void test_fuzz(void)
{
    static uint8_t base[IMG_SIZE];
    struct img_spec s;
    unsigned int iter, k, bad = 0, accepted = 0;

    for ( iter = 0; iter < 20000; iter++ )
    {
        size_t size;
        uint8_t *img;
        int rc;

        img_default(&s, iter & 1 ? 64 : 32);
        size = img_build(&s, base);
        for ( k = 1 + rnd() % 6; k; k-- )
            base[mutation_pos(size)] = mutation_val();
        if ( rnd() % 8 == 0 )
            size = rnd() % size;
        img = malloc(size ? size : 1);
        memcpy(img, base, size);
        rc = elf_parse(img, size, &info, err, sizeof(err));
        accepted += rc == 0;
        bad += fuzz_check(rc, img);
        free(img);
    }
    CHECK_EQ(bad, 0);
    CHECK(accepted > 100);                      /* mutations not all fatal */
    printf("# fuzz: %u of 20000 mutated images accepted\n", accepted);
}

/* Parse the in-guest test kernels if another build made them. */
static void test_real_kernels(void)
{
    const char *root = getenv("LAMINA_ROOT");
    char dir[512], path[1024];
    struct dirent *de;
    unsigned int n = 0;
    DIR *d;

    snprintf(dir, sizeof(dir), "%s/build/guest", root ? root : "../..");
    d = opendir(dir);
    while ( d && (de = readdir(d)) )
    {
        size_t len = strlen(de->d_name), size;
        uint8_t *img;
        FILE *f;

        if ( len < 5 || strcmp(de->d_name + len - 4, ".elf") )
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        f = fopen(path, "rb");
        if ( !f )
            continue;
        img = malloc(4 << 20);
        size = fread(img, 1, 4 << 20, f);
        fclose(f);
        CHECK_EQ(parse_buf(img, size), 0);
        if ( err[0] )
            printf("#   %s: %s\n", de->d_name, err);
        CHECK(info.phys32_entry >= info.pstart &&
              info.phys32_entry < info.pend);
        free(img);
        n++;
    }
    if ( d )
        closedir(d);
    printf("# %u guest kernels from %s parsed%s\n", n, dir,
           n ? "" : " (none built: skipped)");
}

int main(void)
{
    test_valid(64);
    test_valid(32);
    test_header();
    test_phdr_table();
    test_segments();
    test_notes();
    test_load();
    test_fuzz();
    test_real_kernels();
    return test_done();
}
