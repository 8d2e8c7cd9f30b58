/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest kernel image parsing (common/libelf.c): validates an in-memory
 * x86 ELF32/ELF64 executable, collects its PT_LOAD segments and the "Xen"
 * ELF notes (public/elfnote.h), and places the segments into guest memory
 * through caller callbacks. The image is untrusted input: every field is
 * checked before use and a bad image is refused with a one-line reason.
 */
#ifndef __XEN_ELF_H__
#define __XEN_ELF_H__

#include <xen/compiler.h>
#include <xen/types.h>

/* ELF identification and header values (System V ABI, gABI 4.1). */
#define ELF_MAGIC           "\177ELF"
#define EI_CLASS            4
#define EI_DATA             5
#define EI_VERSION          6
#define EI_NIDENT           16
#define ELFCLASS32          1
#define ELFCLASS64          2
#define ELFDATA2LSB         1
#define EV_CURRENT          1
#define ET_EXEC             2
#define EM_386              3
#define EM_X86_64           62
#define PT_LOAD             1
#define PT_NOTE             4
#define PN_XNUM             0xffff
#define PF_X                1
#define PF_W                2
#define PF_R                4

/* On-disk layouts, little-endian. Read with memcpy: images are unaligned. */
struct elf32_ehdr {
    uint8_t  e_ident[EI_NIDENT];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum;
    uint16_t e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_ehdr {
    uint8_t  e_ident[EI_NIDENT];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum;
    uint16_t e_shentsize, e_shnum, e_shstrndx;
};

struct elf32_phdr {
    uint32_t p_type, p_offset, p_vaddr, p_paddr;
    uint32_t p_filesz, p_memsz, p_flags, p_align;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

/* Note header: the same 12 bytes in both classes. */
struct elf_note {
    uint32_t namesz, descsz, type;
};

#define ELF_MAX_SEGMENTS    16      /* PT_LOAD segments we accept */
#define ELF_MAX_PHDRS       128     /* program headers we look at */
#define ELF_NOTE_STR_MAX    64      /* kept length of string notes */

/* One PT_LOAD segment, placed at its physical address (p_paddr). */
struct elf_segment {
    uint64_t offset;                /* in the image */
    uint64_t filesz;                /* bytes copied from the image */
    uint64_t paddr;                 /* guest physical start */
    uint64_t memsz;                 /* bytes occupied, >= filesz */
    uint32_t flags;                 /* PF_* */
};

/*
 * The XEN_ELFNOTE_* notes found. present has bit (1 << XEN_ELFNOTE_x) set
 * for each note seen (later duplicates override earlier ones). Strings
 * are NUL-terminated, truncated to ELF_NOTE_STR_MAX - 1 characters, and
 * non-printable bytes are replaced by '?' so they can be logged.
 */
struct elf_xen_notes {
    uint32_t present;
    uint64_t phys32_entry;          /* PVH entry, < 4 GiB */
    uint64_t entry;                 /* PV entry (virtual) */
    uint64_t hypercall_page;        /* virtual address */
    uint64_t virt_base;
    uint64_t paddr_offset;
    uint64_t supported_features;    /* XENFEAT_* bitmap */
    char guest_os[ELF_NOTE_STR_MAX];
    char guest_version[ELF_NOTE_STR_MAX];
    char xen_version[ELF_NOTE_STR_MAX];
    char loader[ELF_NOTE_STR_MAX];
    char features[ELF_NOTE_STR_MAX * 2];
};

#define elf_note_present(n, t) (((n)->present >> (t)) & 1)

/* Result of elf_parse(): everything elf_load() and the builder need. */
struct elf_info {
    size_t image_size;              /* size given to elf_parse() */
    unsigned int elf_class;         /* ELFCLASS32 or ELFCLASS64 */
    uint16_t machine;               /* EM_386 or EM_X86_64 */
    uint64_t e_entry;               /* ELF entry (not used for PVH) */
    uint64_t pstart;                /* lowest paddr of the loads */
    uint64_t pend;                  /* end (exclusive) of the highest */
    uint64_t phys32_entry;          /* copy of notes.phys32_entry */
    unsigned int nr_segments;
    struct elf_segment seg[ELF_MAX_SEGMENTS];   /* sorted by paddr */
    struct elf_xen_notes notes;
};

/*
 * Parse and validate the ELF image [image, image + size) as a PVH kernel.
 * Checks the header (magic, class, little-endian, x86 machine, ET_EXEC,
 * program header table bounds), every PT_LOAD (file range in the image,
 * filesz <= memsz, no address overflow, no two loads overlapping), the
 * Xen notes in PT_NOTE segments (bounded, aligned, sane sizes), and
 * requires XEN_ELFNOTE_PHYS32_ENTRY pointing into a loaded segment.
 * On failure a one-line reason goes to err (if errlen > 0).
 * Context: any; reads only the image. Returns 0, -EINVAL (malformed) or
 * -ENOEXEC (well-formed but not a bootable x86 PVH executable).
 */
int __must_check elf_parse(const void *image, size_t size,
                           struct elf_info *info, char *err, size_t errlen);

/*
 * Copy callbacks into guest memory, by guest physical address. Return 0
 * or a negative errno (e.g. -EFAULT for a hole); the first error stops
 * the load and is returned.
 */
typedef int (*elf_copy_fn)(void *ctx, uint64_t gpa, const void *src,
                           size_t len);
typedef int (*elf_zero_fn)(void *ctx, uint64_t gpa, size_t len);

/*
 * Place the segments of an image accepted by elf_parse() (same image):
 * copy filesz bytes of each to its paddr and zero the rest up to memsz.
 * Context: whatever copy/zero need. Returns 0, -EINVAL if info does not
 * match the image, or the first callback error.
 */
int __must_check elf_load(const struct elf_info *info, const void *image,
                          elf_copy_fn copy, elf_zero_fn zero, void *ctx);

#endif /* __XEN_ELF_H__ */
