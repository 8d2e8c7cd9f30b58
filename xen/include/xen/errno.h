/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error numbers used inside the hypervisor. The values are Xen's (which
 * follow Linux), so that a negative code can be handed to a guest as is.
 * Functions return 0 or -E<name>; see docs style guide section 5.
 */
#ifndef __XEN_ERRNO_H__
#define __XEN_ERRNO_H__

#define EPERM            1   /* Operation not permitted */
#define ENOENT           2   /* No such object */
#define ESRCH            3   /* No such domain */
#define EINTR            4
#define EIO              5
#define ENXIO            6
#define E2BIG            7
#define ENOEXEC          8
#define EBADF            9
#define ECHILD          10
#define EAGAIN          11
#define ENOMEM          12
#define EACCES          13
#define EFAULT          14   /* Guest copy failed */
#define EBUSY           16
#define EEXIST          17
#define EXDEV           18
#define ENODEV          19
#define EINVAL          22   /* Malformed input */
#define ENFILE          23
#define EMFILE          24
#define ENOSPC          28
#define EROFS           30
#define EMLINK          31
#define EDOM            33
#define ERANGE          34
#define EDEADLK         35
#define ENAMETOOLONG    36
#define ENOLCK          37
#define ENOSYS          38   /* Unknown operation */
#define ENOTEMPTY       39
#define ENODATA         61
#define ETIME           62
#define EBADMSG         74
#define EOVERFLOW       75
#define EILSEQ          84
#define ERESTART        85   /* Internal: becomes a continuation */
#define ENOTSOCK        88
#define EOPNOTSUPP      95   /* Known operation, not built or enabled */
#define EADDRINUSE      98
#define EADDRNOTAVAIL   99
#define ENOBUFS        105
#define EISCONN        106
#define ENOTCONN       107
#define ETIMEDOUT      110
#define ECONNREFUSED   111

#endif /* __XEN_ERRNO_H__ */
