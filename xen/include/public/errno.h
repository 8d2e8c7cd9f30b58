/* SPDX-License-Identifier: MIT */
/*
 * Error numbers returned by hypercalls (as negative values in RAX).
 *
 * The numbers are Xen's, which are x86 Linux's, so a guest can hand a
 * hypercall's result to its own errno machinery unchanged. They are part
 * of the ABI and never change. Values a guest never sees (EINTR,
 * ERESTART) are only defined for the hypervisor build (__XEN__).
 */
#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__

/*
 * The numbers, one name per line. Each is the positive value; a failing
 * hypercall returns its negation (for example -XEN_EINVAL == -22).
 */
#define XEN_EPERM            1  /* operation not permitted (policy) */
#define XEN_ENOENT           2  /* no such object */
#define XEN_ESRCH            3  /* no such domain */
#define XEN_EIO              5  /* I/O error */
#define XEN_ENXIO            6  /* no such device or address */
#define XEN_E2BIG            7  /* argument list too long */
#define XEN_ENOEXEC          8  /* bad executable format (kernel image) */
#define XEN_EBADF            9  /* bad handle */
#define XEN_ECHILD          10  /* no child */
#define XEN_EAGAIN          11  /* try again later */
#define XEN_ENOMEM          12  /* out of memory */
#define XEN_EACCES          13  /* permission denied (access rights) */
#define XEN_EFAULT          14  /* bad guest address: copy failed */
#define XEN_EBUSY           16  /* object in use */
#define XEN_EEXIST          17  /* object already exists / bound */
#define XEN_EXDEV           18  /* cross-domain operation not allowed */
#define XEN_ENODEV          19  /* no such device */
#define XEN_EINVAL          22  /* malformed input, bad flag or padding */
#define XEN_ENFILE          23  /* table overflow */
#define XEN_EMFILE          24  /* too many open objects */
#define XEN_ENOSPC          28  /* no space left (ports, slots, ...) */
#define XEN_EMLINK          31  /* too many links */
#define XEN_EDOM            33  /* argument out of domain */
#define XEN_ERANGE          34  /* result out of range */
#define XEN_EDEADLK         35  /* deadlock would occur */
#define XEN_ENAMETOOLONG    36  /* name too long */
#define XEN_ENOLCK          37  /* no locks available */
#define XEN_ENOSYS          38  /* unknown hypercall or sub-operation */
#define XEN_EBADRQC         56  /* invalid request code */
#define XEN_EBADSLT         57  /* invalid slot */
#define XEN_ENODATA         61  /* no data available */
#define XEN_ETIME           62  /* timer expired */
#define XEN_EBADMSG         74  /* not a data message */
#define XEN_EOVERFLOW       75  /* value too large for its type */
#define XEN_EILSEQ          84  /* illegal byte sequence */
#define XEN_EUSERS          87  /* too many users */
#define XEN_ENOTSOCK        88  /* not a socket */
#define XEN_EOPNOTSUPP      95  /* known operation, not supported here */
#define XEN_EADDRINUSE      98  /* address already in use */
#define XEN_EADDRNOTAVAIL   99  /* address not available */
#define XEN_ENOBUFS        105  /* no buffer space */
#define XEN_EISCONN        106  /* already connected */
#define XEN_ENOTCONN       107  /* not connected */
#define XEN_ESHUTDOWN      108  /* endpoint shut down */
#define XEN_ETOOMANYREFS   109  /* too many references */
#define XEN_ETIMEDOUT      110  /* timed out */

/*
 * Lamina additions: Linux values that Xen's list lacks but the Lamina
 * hypervisor uses internally. Additive only, numbers equal Linux's.
 */
#define XEN_EROFS           30  /* read-only object */
#define XEN_ENOTEMPTY       39  /* directory/container not empty */
#define XEN_ECONNREFUSED   111  /* connection refused */

/* Aliases with the same number, as on Linux. */
#define XEN_EWOULDBLOCK     XEN_EAGAIN
#define XEN_EDEADLOCK       XEN_EDEADLK

/*
 * Hypervisor-internal values. Never returned to a guest: EINTR is
 * absorbed inside the hypervisor and ERESTART becomes a hypercall
 * continuation (the guest re-executes the call).
 */
#if defined(__XEN__)
#define XEN_EINTR            4  /* interrupted; internal only */
#define XEN_ERESTART        85  /* continue later; internal only */
#endif

/*
 * X-macro table of every guest-visible error, for generating lookup
 * tables (number -> name, number -> text) without repeating the list:
 *
 *     #define ROW(name, text) [XEN_##name] = #name,
 *     static const char *const names[] = { XEN_ERRNO_TABLE(ROW) };
 *
 * X is invoked as X(name, text): "name" is the bare E-name (EINVAL), the
 * value is XEN_##name above, so the numbers live in one place only.
 */
#define XEN_ERRNO_TABLE(X)                                      \
    X(EPERM,         "Operation not permitted")                 \
    X(ENOENT,        "No such object")                          \
    X(ESRCH,         "No such domain")                          \
    X(EIO,           "I/O error")                               \
    X(ENXIO,         "No such device or address")               \
    X(E2BIG,         "Argument list too long")                  \
    X(ENOEXEC,       "Bad executable format")                   \
    X(EBADF,         "Bad handle")                              \
    X(ECHILD,        "No child")                                \
    X(EAGAIN,        "Try again")                               \
    X(ENOMEM,        "Out of memory")                           \
    X(EACCES,        "Permission denied")                       \
    X(EFAULT,        "Bad address")                             \
    X(EBUSY,         "Object busy")                             \
    X(EEXIST,        "Object exists")                           \
    X(EXDEV,         "Cross-domain operation")                  \
    X(ENODEV,        "No such device")                          \
    X(EINVAL,        "Invalid argument")                        \
    X(ENFILE,        "Table overflow")                          \
    X(EMFILE,        "Too many open objects")                   \
    X(ENOSPC,        "No space left")                           \
    X(EROFS,         "Read-only object")                        \
    X(EMLINK,        "Too many links")                          \
    X(EDOM,          "Argument out of domain")                  \
    X(ERANGE,        "Result out of range")                     \
    X(EDEADLK,       "Deadlock would occur")                    \
    X(ENAMETOOLONG,  "Name too long")                           \
    X(ENOLCK,        "No locks available")                      \
    X(ENOSYS,        "Function not implemented")                \
    X(ENOTEMPTY,     "Not empty")                               \
    X(EBADRQC,       "Invalid request code")                    \
    X(EBADSLT,       "Invalid slot")                            \
    X(ENODATA,       "No data available")                       \
    X(ETIME,         "Timer expired")                           \
    X(EBADMSG,       "Not a data message")                      \
    X(EOVERFLOW,     "Value too large")                         \
    X(EILSEQ,        "Illegal byte sequence")                   \
    X(EUSERS,        "Too many users")                          \
    X(ENOTSOCK,      "Not a socket")                            \
    X(EOPNOTSUPP,    "Operation not supported")                 \
    X(EADDRINUSE,    "Address in use")                          \
    X(EADDRNOTAVAIL, "Address not available")                   \
    X(ENOBUFS,       "No buffer space")                         \
    X(EISCONN,       "Already connected")                       \
    X(ENOTCONN,      "Not connected")                           \
    X(ESHUTDOWN,     "Endpoint shut down")                      \
    X(ETOOMANYREFS,  "Too many references")                     \
    X(ETIMEDOUT,     "Timed out")                               \
    X(ECONNREFUSED,  "Connection refused")

/* Largest value in the table above; sizes a lookup array. */
#define XEN_ERRNO_MAX       111

#endif /* __XEN_PUBLIC_ERRNO_H__ */
