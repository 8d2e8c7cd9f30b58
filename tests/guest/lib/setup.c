/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest test framework: the C entry point guest_start() (called by head.S
 * in long mode with the start info address), start info and command-line
 * parsing, and the framework's banner.
 */
#include <guest/test.h>

const char environment_name[] = "pvh64";
const struct hvm_start_info *start_info;
const char *guest_cmdline = "";

void start_info_init(unsigned long pa)
{
    const struct hvm_start_info *si = (const void *)pa;

    if ( !pa || pa >= (1UL << 32) || si->magic != XEN_HVM_START_MAGIC_VALUE )
        return;
    start_info = si;
    if ( si->cmdline_paddr && si->cmdline_paddr < (1UL << 32) )
        guest_cmdline = (const char *)(uintptr_t)si->cmdline_paddr;
}

const struct hvm_memmap_table_entry *start_memmap(unsigned int *nr)
{
    *nr = 0;
    if ( !start_info || start_info->version < 1 || !start_info->memmap_paddr )
        return NULL;
    *nr = start_info->memmap_entries;
    return (const void *)(uintptr_t)start_info->memmap_paddr;
}

/* Find `name` as a whole word or `name=`; returns the char after it. */
static const char *cmdline_find(const char *name)
{
    size_t n = strlen(name);
    const char *p = guest_cmdline;

    while ( *p )
    {
        while ( *p == ' ' )
            p++;
        if ( !strncmp(p, name, n) && (p[n] == '\0' || p[n] == ' ' ||
                                      p[n] == '=') )
            return p + n;
        while ( *p && *p != ' ' )
            p++;
    }
    return NULL;
}

bool cmdline_has(const char *name)
{
    return cmdline_find(name) != NULL;
}

bool cmdline_get(const char *name, char *buf, size_t size)
{
    const char *p = cmdline_find(name);
    size_t i = 0;

    if ( !p || *p != '=' )
        return false;
    for ( p++; *p && *p != ' ' && i + 1 < size; p++ )
        buf[i++] = *p;
    if ( size )
        buf[i] = '\0';
    return true;
}

/* hcall=page|direct; default: the page if offered. */
static void select_hypercall_mode(void)
{
    char opt[16];
    enum hcall_mode mode = HCALL_PAGE;
    bool bad = false;

    if ( cmdline_get("hcall", opt, sizeof(opt)) )
    {
        if ( !strcmp(opt, "direct") )
            mode = HCALL_DIRECT;
        else if ( strcmp(opt, "page") )
            bad = true;
    }
    if ( !hypercall_set_mode(mode) )
        hypercall_set_mode(HCALL_DIRECT);
    if ( bad )
        test_error("bad option hcall=%s (page|direct)", opt);
}

static void print_environment(void)
{
    if ( hv.base )
        printf("Hypervisor at cpuid 0x%x: version %u.%u, hypercalls: %s, "
               "console: %s\n", hv.base, hv.version >> 16,
               hv.version & 0xffff, hypercall_mode_name(hypercall_mode()),
               console_path());
    else
        printf("No hypervisor: running bare, console: %s\n", console_path());
    if ( guest_cmdline[0] )
        printf("Command line: %s\n", guest_cmdline);
}

void guest_start(unsigned long start_info_pa);
void guest_start(unsigned long start_info_pa)
{
    traps_init();
    start_info_init(start_info_pa);
    if ( hypervisor_detect() )
        select_hypercall_mode();

    printf("--- Lamina guest test: %s (%s) ---\n", test_title,
           environment_name);
    if ( !start_info )
        test_error("no PVH start info (EBX 0x%lx)", start_info_pa);
    if ( !hv.base && (!&test_runs_bare || !test_runs_bare) )
    {
        test_skip("no hypervisor detected");
        test_finish();
    }
    print_environment();
    test_main();
    test_finish();
}
