/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exit-crash: with "crash" on the command line, load an empty IDT and
 * execute UD2. #UD cannot be delivered, nor the #DF that follows, so the
 * vCPU triple faults. Xen 4.17 handles a PVH/HVM triple fault as
 * SHUTDOWN_reboot (xl: "reason code 1"), so this test never prints a
 * result line; the runner expects a reboot (EXPECT := reboot). Without
 * "crash" it only reports SKIP.
 */
#include <guest/test.h>

const char test_title[] = "Triple fault ends the domain with a reboot";

void test_main(void)
{
    static const struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) empty_idt = { 0, 0 };

    if ( !cmdline_has("crash") )
    {
        test_skip("add \"crash\" to the command line to triple fault");
        return;
    }
    printf("exit-crash: empty IDT, then UD2: expect a triple fault\n");
    asm volatile ( "lidt %0; ud2" :: "m" (empty_idt) );
    test_error("still running after the triple fault");
}
