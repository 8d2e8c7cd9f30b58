/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Builds small ELF32/ELF64 kernel images for the libelf and pvh_build
 * unit tests from a description (struct img_spec) that a test can bend
 * into malformed variants. Host-only test code.
 */
#ifndef TEST_ELF_IMAGE_H
#define TEST_ELF_IMAGE_H

#include <stdint.h>
#include <string.h>
#include <xen/elf.h>
#include <public/elfnote.h>

#define IMG_SIZE        0x2000
#define IMG_PHOFF       64
#define IMG_NOTE_OFF    0x800
#define IMG_CODE_OFF    0x1000
#define IMG_MAX_SEGS    24
#define IMG_MAX_NOTES   12

struct img_seg {
    uint32_t type, flags;
    uint64_t offset, paddr, filesz, memsz, align;
};

struct img_note {
    const char *name;           /* NULL: "Xen" */
    uint32_t type;
    const void *desc;
    uint32_t descsz;
    uint32_t namesz_field;      /* 0: strlen(name) + 1 */
    uint32_t descsz_field;      /* 0: descsz */
};

struct img_spec {
    int cls;                    /* 32 or 64 */
    uint8_t ident_class, data, version;     /* 0: defaults */
    uint16_t machine, type;                 /* 0: defaults */
    uint16_t phentsize, phnum;              /* 0: computed */
    uint64_t phoff;                         /* 0: IMG_PHOFF */
    unsigned int nr_segs;
    struct img_seg seg[IMG_MAX_SEGS];
    unsigned int nr_notes;
    struct img_note note[IMG_MAX_NOTES];
    size_t size;                            /* 0: IMG_SIZE */
};

static uint32_t img_phys32 = 0x100010;
static uint32_t img_features = 0x8801;

static inline void img_add_note(struct img_spec *s, const char *name,
                                uint32_t type, const void *desc,
                                uint32_t descsz)
{
    struct img_note *n = &s->note[s->nr_notes++];

    memset(n, 0, sizeof(*n));
    n->name = name;
    n->type = type;
    n->desc = desc;
    n->descsz = descsz;
}

/* A valid PVH kernel: note segment, code+bss at 1 MiB, data at 2 MiB. */
static inline void img_default(struct img_spec *s, int cls)
{
    memset(s, 0, sizeof(*s));
    s->cls = cls;
    s->seg[s->nr_segs++] = (struct img_seg){ PT_NOTE, PF_R, IMG_NOTE_OFF,
                                             0, 0, 0, 4 };
    s->seg[s->nr_segs++] = (struct img_seg){ PT_LOAD, PF_R | PF_X,
        IMG_CODE_OFF, 0x100000, 0x800, 0x3000, 0x1000 };
    s->seg[s->nr_segs++] = (struct img_seg){ PT_LOAD, PF_R | PF_W,
        IMG_CODE_OFF + 0x800, 0x200000, 0x800, 0x800, 0x1000 };
    img_add_note(s, "GNU", 3, "abcd", 4);
    img_add_note(s, NULL, XEN_ELFNOTE_GUEST_OS, "lamina-test", 12);
    img_add_note(s, NULL, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8);
    img_add_note(s, NULL, XEN_ELFNOTE_SUPPORTED_FEATURES, &img_features, 4);
    img_add_note(s, NULL, XEN_ELFNOTE_PHYS32_ENTRY, &img_phys32, 4);
}

/* Drop the note of the given type (and name "Xen"). */
static inline void img_drop_note(struct img_spec *s, uint32_t type)
{
    unsigned int i;

    for ( i = 0; i < s->nr_notes; i++ )
        if ( !s->note[i].name && s->note[i].type == type )
        {
            memmove(&s->note[i], &s->note[i + 1],
                    (s->nr_notes - i - 1) * sizeof(s->note[0]));
            s->nr_notes--;
            return;
        }
}

static inline size_t img_put_notes(const struct img_spec *s, uint8_t *buf)
{
    size_t off = IMG_NOTE_OFF;
    unsigned int i;

    for ( i = 0; i < s->nr_notes; i++ )
    {
        const struct img_note *n = &s->note[i];
        const char *name = n->name ? n->name : "Xen";
        uint32_t nsz = strlen(name) + 1;
        struct elf_note h = {
            .namesz = n->namesz_field ? n->namesz_field : nsz,
            .descsz = n->descsz_field ? n->descsz_field : n->descsz,
            .type = n->type,
        };

        memcpy(buf + off, &h, sizeof(h));
        off += sizeof(h);
        memcpy(buf + off, name, nsz);
        off += (nsz + 3) & ~3u;
        memcpy(buf + off, n->desc, n->descsz);
        off += (n->descsz + 3) & ~3u;
    }
    return off - IMG_NOTE_OFF;
}

static inline void img_put_phdr(const struct img_spec *s, uint8_t *buf,
                                unsigned int i, uint64_t note_len)
{
    struct img_seg g = s->seg[i];

    if ( g.type == PT_NOTE && !g.filesz )
        g.filesz = g.memsz = note_len;
    if ( s->cls == 64 )
    {
        struct elf64_phdr p = { g.type, g.flags, g.offset, g.paddr, g.paddr,
                                g.filesz, g.memsz, g.align };
        memcpy(buf + IMG_PHOFF + i * sizeof(p), &p, sizeof(p));
    }
    else
    {
        struct elf32_phdr p = { g.type, g.offset, g.paddr, g.paddr,
                                g.filesz, g.memsz, g.flags, g.align };
        memcpy(buf + IMG_PHOFF + i * sizeof(p), &p, sizeof(p));
    }
}

/* Write the image into buf (IMG_SIZE bytes); return its size. */
static inline size_t img_build(const struct img_spec *s, uint8_t *buf)
{
    uint16_t phnum = s->phnum ? s->phnum : s->nr_segs;
    uint8_t ident[EI_NIDENT] = { 0x7f, 'E', 'L', 'F' };
    size_t note_len, i;

    memset(buf, 0, IMG_SIZE);
    for ( i = IMG_CODE_OFF; i < IMG_SIZE; i++ )
        buf[i] = (uint8_t)(i * 7 + 1);
    note_len = img_put_notes(s, buf);
    for ( i = 0; i < s->nr_segs; i++ )
        img_put_phdr(s, buf, i, note_len);

    ident[EI_CLASS] = s->ident_class ? s->ident_class
                      : s->cls == 64 ? ELFCLASS64 : ELFCLASS32;
    ident[EI_DATA] = s->data ? s->data : ELFDATA2LSB;
    ident[EI_VERSION] = s->version ? s->version : EV_CURRENT;
    if ( s->cls == 64 )
    {
        struct elf64_ehdr h = { .e_type = s->type ? s->type : ET_EXEC,
            .e_machine = s->machine ? s->machine : EM_X86_64,
            .e_version = 1, .e_entry = 0x100000,
            .e_phoff = s->phoff ? s->phoff : IMG_PHOFF,
            .e_ehsize = sizeof(h), .e_phnum = phnum,
            .e_phentsize = s->phentsize ? s->phentsize
                                        : sizeof(struct elf64_phdr) };
        memcpy(h.e_ident, ident, EI_NIDENT);
        memcpy(buf, &h, sizeof(h));
    }
    else
    {
        struct elf32_ehdr h = { .e_type = s->type ? s->type : ET_EXEC,
            .e_machine = s->machine ? s->machine : EM_386,
            .e_version = 1, .e_entry = 0x100000,
            .e_phoff = (uint32_t)(s->phoff ? s->phoff : IMG_PHOFF),
            .e_ehsize = sizeof(h), .e_phnum = phnum,
            .e_phentsize = s->phentsize ? s->phentsize
                                        : sizeof(struct elf32_phdr) };
        memcpy(h.e_ident, ident, EI_NIDENT);
        memcpy(buf, &h, sizeof(h));
    }
    return s->size ? s->size : IMG_SIZE;
}

#endif /* TEST_ELF_IMAGE_H */
