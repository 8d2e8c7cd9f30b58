/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * example: the smallest guest test. Prints the hypervisor version from
 * XENVER_version and XENVER_extraversion, then reports SUCCESS.
 */
#include <guest/test.h>
#include <public/version.h>

const char test_title[] = "Example: print the hypervisor version";

void test_main(void)
{
    static xen_extraversion_t extra;
    long ver = hypervisor_xen_version(XENVER_version, NULL);
    long rc;

    if ( ver < 0 )
    {
        test_failure("XENVER_version returned %ld", ver);
        return;
    }
    rc = hypervisor_xen_version(XENVER_extraversion, extra);
    if ( rc < 0 )
    {
        test_failure("XENVER_extraversion returned %ld", rc);
        return;
    }
    extra[sizeof(extra) - 1] = '\0';
    printf("Hypervisor version %lu.%lu%s\n", (unsigned long)ver >> 16,
           (unsigned long)ver & 0xffff, extra);
    test_success();
}
