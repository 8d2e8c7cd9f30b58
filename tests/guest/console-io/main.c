/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * console-io: the console_io hypercall from a PVH domU. Xen 4.17 (release
 * build, dummy XSM) refuses every console_io command from a domU with
 * -EPERM before looking at the arguments. A hypervisor that lets the
 * domain write (Lamina, or a Xen debug build) must return 0 (or the
 * count) and -EFAULT for a bad buffer; reading the hypervisor's input
 * stays privileged (-EPERM) and an unknown command is -ENOSYS. Either
 * behaviour passes, but it must be the same for every command and for
 * both hypercall styles.
 */
#include <guest/test.h>

const char test_title[] = "console_io write/read/unknown/bad buffer";

static const char line[] = "console-io: written with CONSOLEIO_write\n";
static char rbuf[64];

struct ccase {
    const char *what;
    unsigned int cmd, count;
    const void *buf;
    long allowed_rc;            /* expected when writes are allowed */
};

static const struct ccase cases[] = {
    { "write, count 0",           CONSOLEIO_write, 0, line, 0 },
    { "write, unmapped buf",      CONSOLEIO_write, 16,
      BAD_PTR_UNMAPPED, -XEN_EFAULT },
    { "write, buf without RAM",   CONSOLEIO_write, 16,
      BAD_PTR_NO_RAM, -XEN_EFAULT },
    { "read, count 0",            CONSOLEIO_read, 0, rbuf, -XEN_EPERM },
    { "unknown cmd 2",            2, 0, NULL, -XEN_ENOSYS },
    { "unknown cmd 0xffffffff",   0xffffffffu, 0, NULL, -XEN_ENOSYS },
};

static long con(enum hcall_mode m, unsigned int cmd, unsigned int count,
                const void *buf)
{
    return hypercall_with(m, __HYPERVISOR_console_io, cmd, count,
                          (unsigned long)buf, 0, 0);
}

static void run_style(enum hcall_mode m, bool refused)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        const struct ccase *c = &cases[i];
        long want = refused ? -XEN_EPERM : c->allowed_rc;
        long rc = con(m, c->cmd, c->count, c->buf);

        printf("  %-6s %-26s -> %ld\n", hypercall_mode_name(m), c->what, rc);
        CHECK(rc == want, "%s (%s) returned %ld, expected %ld", c->what,
              hypercall_mode_name(m), rc, want);
    }
}

void test_main(void)
{
    unsigned int len = sizeof(line) - 1;
    long rc = con(HCALL_DIRECT, CONSOLEIO_write, len, line);
    bool refused = rc == -XEN_EPERM;

    printf("CONSOLEIO_write of %u bytes returned %ld%s\n", len, rc,
           refused ? " (console refused to this domain, as on Xen)" : "");
    if ( !refused && rc != 0 && rc != len )
        test_failure("CONSOLEIO_write returned %ld", rc);
    run_style(HCALL_DIRECT, refused);
    if ( hypercall_set_mode(HCALL_PAGE) )
    {
        rc = con(HCALL_PAGE, CONSOLEIO_write, len, line);
        CHECK(rc == (refused ? -XEN_EPERM : rc), "page-style write %ld", rc);
        run_style(HCALL_PAGE, refused);
    }
    else
        test_failure("hypercall page unavailable");
    test_success();
}
