/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * strlcpy()/strlcat()/simple_strto*() for host tests from the real
 * common/string.c. Its functions that glibc also has are renamed so that
 * they do not replace glibc's (and ASan's) in the whole test program.
 */
#define memcpy  xen_memcpy
#define memmove xen_memmove
#define memset  xen_memset
#define memcmp  xen_memcmp
#define memchr  xen_memchr
#define strlen  xen_strlen
#define strnlen xen_strnlen
#define strcmp  xen_strcmp
#define strncmp xen_strncmp
#define strchr  xen_strchr
#define strrchr xen_strrchr
#define strstr  xen_strstr
#include "../../../xen/common/string.c"
