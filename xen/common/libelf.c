/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF loader for guest kernels: elf_parse() validates an untrusted x86
 * ELF32/ELF64 image and collects its PT_LOAD segments and Xen notes;
 * elf_load() places the segments through copy/zero callbacks. Nothing
 * here touches guest memory directly or allocates; see xen/elf.h.
 *
 * All image reads go through memcpy (the image may be unaligned) after a
 * bounds check done in 64-bit arithmetic that cannot overflow.
 */
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <public/elfnote.h>

/* Highest physical address an x86 CPU can have (52-bit MAXPHYADDR). */
#define ELF_PADDR_LIMIT     (1ULL << 52)
#define ELF_MAX_PHENTSIZE   256

struct elf_parser {
    const uint8_t *img;
    size_t size;
    struct elf_info *info;
    char *err;
    size_t errlen;
    uint64_t phoff;
    unsigned int phnum;
    unsigned int phentsize;
};

static int __printf(3, 4) refuse(struct elf_parser *p, int rc,
                                 const char *fmt, ...)
{
    va_list args;

    if ( p->errlen )
    {
        va_start(args, fmt);
        vsnprintf(p->err, p->errlen, fmt, args);
        va_end(args);
    }
    return rc;
}

/* Is [off, off + len) inside the image? No overflow for any inputs. */
static bool in_image(const struct elf_parser *p, uint64_t off, uint64_t len)
{
    return off <= p->size && len <= p->size - off;
}

static int parse_header(struct elf_parser *p)
{
    struct elf64_ehdr h64;
    struct elf32_ehdr h32;
    uint16_t type;

    if ( p->size < EI_NIDENT || memcmp(p->img, ELF_MAGIC, 4) )
        return refuse(p, -ENOEXEC, "not an ELF image (bad magic)");
    p->info->elf_class = p->img[EI_CLASS];
    if ( p->img[EI_CLASS] == ELFCLASS64 )
    {
        if ( p->size < sizeof(h64) )
            return refuse(p, -EINVAL, "truncated ELF64 header (%zu bytes)",
                          p->size);
        memcpy(&h64, p->img, sizeof(h64));
        p->info->machine = h64.e_machine;
        p->info->e_entry = h64.e_entry;
        p->phoff = h64.e_phoff;
        p->phnum = h64.e_phnum;
        p->phentsize = h64.e_phentsize;
        type = h64.e_type;
    }
    else if ( p->img[EI_CLASS] == ELFCLASS32 )
    {
        if ( p->size < sizeof(h32) )
            return refuse(p, -EINVAL, "truncated ELF32 header (%zu bytes)",
                          p->size);
        memcpy(&h32, p->img, sizeof(h32));
        p->info->machine = h32.e_machine;
        p->info->e_entry = h32.e_entry;
        p->phoff = h32.e_phoff;
        p->phnum = h32.e_phnum;
        p->phentsize = h32.e_phentsize;
        type = h32.e_type;
    }
    else
        return refuse(p, -ENOEXEC, "unknown ELF class %u", p->img[EI_CLASS]);

    if ( p->img[EI_DATA] != ELFDATA2LSB )
        return refuse(p, -ENOEXEC, "ELF image is not little-endian");
    if ( p->img[EI_VERSION] != EV_CURRENT )
        return refuse(p, -EINVAL, "unknown ELF version %u",
                      p->img[EI_VERSION]);
    if ( (p->img[EI_CLASS] == ELFCLASS64 && p->info->machine != EM_X86_64) ||
         (p->img[EI_CLASS] == ELFCLASS32 && p->info->machine != EM_386) )
        return refuse(p, -ENOEXEC, "ELF%u image for machine %u, not x86",
                      p->img[EI_CLASS] == ELFCLASS64 ? 64 : 32,
                      p->info->machine);
    if ( type != ET_EXEC )
        return refuse(p, -ENOEXEC, "ELF type %u is not an executable (2)",
                      type);
    return 0;
}

static int check_phdr_table(struct elf_parser *p)
{
    unsigned int minsz = p->info->elf_class == ELFCLASS64
                         ? sizeof(struct elf64_phdr)
                         : sizeof(struct elf32_phdr);

    if ( p->phnum == 0 )
        return refuse(p, -ENOEXEC, "ELF image has no program headers");
    if ( p->phnum == PN_XNUM || p->phnum > ELF_MAX_PHDRS )
        return refuse(p, -EINVAL, "too many program headers (%u, max %u)",
                      p->phnum, ELF_MAX_PHDRS);
    if ( p->phentsize < minsz || p->phentsize > ELF_MAX_PHENTSIZE )
        return refuse(p, -EINVAL, "bad program header size %u (want %u)",
                      p->phentsize, minsz);
    if ( !in_image(p, p->phoff, (uint64_t)p->phnum * p->phentsize) )
        return refuse(p, -EINVAL,
                      "program headers (offset 0x%lx, %u x %u bytes) "
                      "extend past the image end (%zu bytes)",
                      (unsigned long)p->phoff, p->phnum, p->phentsize,
                      p->size);
    return 0;
}

/* Program header i in the ELF64 layout, whatever the class. */
static void read_phdr(const struct elf_parser *p, unsigned int i,
                      struct elf64_phdr *ph)
{
    const uint8_t *src = p->img + p->phoff + (uint64_t)i * p->phentsize;
    struct elf32_phdr ph32;

    if ( p->info->elf_class == ELFCLASS64 )
    {
        memcpy(ph, src, sizeof(*ph));
        return;
    }
    memcpy(&ph32, src, sizeof(ph32));
    ph->p_type = ph32.p_type;
    ph->p_flags = ph32.p_flags;
    ph->p_offset = ph32.p_offset;
    ph->p_vaddr = ph32.p_vaddr;
    ph->p_paddr = ph32.p_paddr;
    ph->p_filesz = ph32.p_filesz;
    ph->p_memsz = ph32.p_memsz;
    ph->p_align = ph32.p_align;
}

static int check_file_range(struct elf_parser *p, unsigned int i,
                            const struct elf64_phdr *ph)
{
    if ( !in_image(p, ph->p_offset, ph->p_filesz) )
        return refuse(p, -EINVAL,
                      "segment %u (offset 0x%lx, 0x%lx bytes) extends past "
                      "the image end (%zu bytes)", i,
                      (unsigned long)ph->p_offset,
                      (unsigned long)ph->p_filesz, p->size);
    return 0;
}

/* Validate one PT_LOAD and insert it, keeping seg[] sorted by paddr. */
static int add_load(struct elf_parser *p, unsigned int i,
                    const struct elf64_phdr *ph)
{
    struct elf_info *info = p->info;
    uint64_t start = ph->p_paddr, end;
    unsigned int pos;
    int rc = check_file_range(p, i, ph);

    if ( rc )
        return rc;
    if ( ph->p_filesz > ph->p_memsz )
        return refuse(p, -EINVAL, "segment %u: filesz 0x%lx > memsz 0x%lx",
                      i, (unsigned long)ph->p_filesz,
                      (unsigned long)ph->p_memsz);
    if ( ph->p_memsz == 0 )
        return 0;                       /* Occupies nothing: ignore. */
    if ( start >= ELF_PADDR_LIMIT || ph->p_memsz > ELF_PADDR_LIMIT - start )
        return refuse(p, -EINVAL,
                      "segment %u (paddr 0x%lx, 0x%lx bytes) is beyond the "
                      "physical address space", i, (unsigned long)start,
                      (unsigned long)ph->p_memsz);
    end = start + ph->p_memsz;
    if ( info->nr_segments == ELF_MAX_SEGMENTS )
        return refuse(p, -EINVAL, "too many PT_LOAD segments (max %u)",
                      ELF_MAX_SEGMENTS);

    for ( pos = 0; pos < info->nr_segments; pos++ )
        if ( info->seg[pos].paddr >= start )
            break;
    if ( (pos > 0 && info->seg[pos - 1].paddr + info->seg[pos - 1].memsz >
                     start) ||
         (pos < info->nr_segments && info->seg[pos].paddr < end) )
        return refuse(p, -EINVAL,
                      "segment %u [0x%lx, 0x%lx) overlaps another PT_LOAD",
                      i, (unsigned long)start, (unsigned long)end);

    memmove(&info->seg[pos + 1], &info->seg[pos],
            (info->nr_segments - pos) * sizeof(info->seg[0]));
    info->seg[pos] = (struct elf_segment){
        .offset = ph->p_offset, .filesz = ph->p_filesz,
        .paddr = start, .memsz = ph->p_memsz, .flags = ph->p_flags,
    };
    info->nr_segments++;
    return 0;
}

static void note_string(char *dst, size_t dstsz, const uint8_t *src,
                        uint64_t len)
{
    size_t i, n = len < dstsz - 1 ? len : dstsz - 1;

    for ( i = 0; i < n && src[i]; i++ )
        dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
    dst[i] = '\0';
}

static int note_value(struct elf_parser *p, uint32_t type,
                      const uint8_t *desc, uint32_t descsz, uint64_t *val)
{
    uint32_t v32;

    if ( descsz == 4 )
    {
        memcpy(&v32, desc, 4);
        *val = v32;
    }
    else if ( descsz == 8 )
        memcpy(val, desc, 8);
    else
        return refuse(p, -EINVAL, "Xen note %u: value of %u bytes "
                      "(want 4 or 8)", type, descsz);
    return 0;
}

/* Record one note named "Xen". Unknown types are ignored. */
static int xen_note(struct elf_parser *p, uint32_t type,
                    const uint8_t *desc, uint32_t descsz)
{
    struct elf_xen_notes *n = &p->info->notes;
    uint64_t *val = NULL;
    char *str = NULL;
    size_t strsz = ELF_NOTE_STR_MAX;
    int rc;

    switch ( type )
    {
    case XEN_ELFNOTE_PHYS32_ENTRY:      val = &n->phys32_entry; break;
    case XEN_ELFNOTE_ENTRY:             val = &n->entry; break;
    case XEN_ELFNOTE_HYPERCALL_PAGE:    val = &n->hypercall_page; break;
    case XEN_ELFNOTE_VIRT_BASE:         val = &n->virt_base; break;
    case XEN_ELFNOTE_PADDR_OFFSET:      val = &n->paddr_offset; break;
    case XEN_ELFNOTE_SUPPORTED_FEATURES: val = &n->supported_features; break;
    case XEN_ELFNOTE_GUEST_OS:          str = n->guest_os; break;
    case XEN_ELFNOTE_GUEST_VERSION:     str = n->guest_version; break;
    case XEN_ELFNOTE_XEN_VERSION:       str = n->xen_version; break;
    case XEN_ELFNOTE_LOADER:            str = n->loader; break;
    case XEN_ELFNOTE_FEATURES:
        str = n->features;
        strsz = sizeof(n->features);
        break;
    default:
        return 0;
    }

    if ( str )
        note_string(str, strsz, desc, descsz);
    else
    {
        rc = note_value(p, type, desc, descsz, val);
        if ( rc )
            return rc;
        if ( type == XEN_ELFNOTE_PHYS32_ENTRY && *val >> 32 )
            return refuse(p, -EINVAL, "PHYS32_ENTRY 0x%lx is above 4 GiB",
                          (unsigned long)*val);
    }
    n->present |= 1U << type;
    return 0;
}

/* Walk the notes of one PT_NOTE segment (already bounds-checked). */
static int parse_notes(struct elf_parser *p, unsigned int i,
                       const struct elf64_phdr *ph)
{
    uint64_t off = ph->p_offset, end = ph->p_offset + ph->p_filesz;
    uint64_t align = ph->p_align == 8 ? 8 : 4, desc, next;
    struct elf_note nh;
    int rc;

    while ( end - off >= sizeof(nh) )
    {
        memcpy(&nh, p->img + off, sizeof(nh));
        desc = off + sizeof(nh) + ROUNDUP((uint64_t)nh.namesz, align);
        next = desc + ROUNDUP((uint64_t)nh.descsz, align);
        if ( desc > end || nh.descsz > end - desc )
            return refuse(p, -EINVAL,
                          "note segment %u: note at offset 0x%lx (name %u, "
                          "desc %u bytes) overruns the segment", i,
                          (unsigned long)off, nh.namesz, nh.descsz);
        if ( nh.namesz == 4 && !memcmp(p->img + off + sizeof(nh), "Xen", 4) )
        {
            rc = xen_note(p, nh.type, p->img + desc, nh.descsz);
            if ( rc )
                return rc;
        }
        off = next < end ? next : end;
    }
    return 0;
}

static int check_entry(struct elf_parser *p)
{
    struct elf_info *info = p->info;
    uint64_t e = info->notes.phys32_entry;
    unsigned int i;

    if ( !elf_note_present(&info->notes, XEN_ELFNOTE_PHYS32_ENTRY) )
        return refuse(p, -ENOEXEC,
                      "no XEN_ELFNOTE_PHYS32_ENTRY note: not a PVH kernel");
    for ( i = 0; i < info->nr_segments; i++ )
        if ( e >= info->seg[i].paddr &&
             e - info->seg[i].paddr < info->seg[i].filesz )
            break;
    if ( i == info->nr_segments )
        return refuse(p, -EINVAL, "PHYS32_ENTRY 0x%lx is not inside a "
                      "loaded segment", (unsigned long)e);
    info->phys32_entry = e;
    return 0;
}

int elf_parse(const void *image, size_t size, struct elf_info *info,
              char *err, size_t errlen)
{
    struct elf_parser p = {
        .img = image, .size = size, .info = info,
        .err = err, .errlen = errlen,
    };
    struct elf64_phdr ph;
    unsigned int i;
    int rc;

    memset(info, 0, sizeof(*info));
    if ( errlen )
        err[0] = '\0';
    if ( !image )
        return refuse(&p, -EINVAL, "no kernel image");
    info->image_size = size;

    rc = parse_header(&p);
    if ( !rc )
        rc = check_phdr_table(&p);
    for ( i = 0; !rc && i < p.phnum; i++ )
    {
        read_phdr(&p, i, &ph);
        if ( ph.p_type == PT_LOAD )
            rc = add_load(&p, i, &ph);
        else if ( ph.p_type == PT_NOTE )
        {
            rc = check_file_range(&p, i, &ph);
            if ( !rc )
                rc = parse_notes(&p, i, &ph);
        }
    }
    if ( !rc && info->nr_segments == 0 )
        rc = refuse(&p, -ENOEXEC, "ELF image has no loadable segment");
    if ( !rc )
        rc = check_entry(&p);
    if ( rc )
        return rc;

    info->pstart = info->seg[0].paddr;
    info->pend = info->seg[info->nr_segments - 1].paddr +
                 info->seg[info->nr_segments - 1].memsz;
    return 0;
}

int elf_load(const struct elf_info *info, const void *image,
             elf_copy_fn copy, elf_zero_fn zero, void *ctx)
{
    const struct elf_segment *s;
    unsigned int i;
    int rc;

    if ( !image || info->nr_segments > ELF_MAX_SEGMENTS )
        return -EINVAL;
    for ( i = 0; i < info->nr_segments; i++ )
    {
        s = &info->seg[i];
        /* Defensive: elf_parse() guaranteed this for the same image. */
        if ( s->offset > info->image_size ||
             s->filesz > info->image_size - s->offset ||
             s->filesz > s->memsz )
            return -EINVAL;
        rc = s->filesz ? copy(ctx, s->paddr,
                              (const uint8_t *)image + s->offset,
                              s->filesz) : 0;
        if ( !rc && s->memsz > s->filesz )
            rc = zero(ctx, s->paddr + s->filesz, s->memsz - s->filesz);
        if ( rc )
            return rc;
    }
    return 0;
}
