/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the page_alloc and xmalloc tests: the fake RAM arena
 * behind the stub direct map, a fixed-seed PRNG and a death-test runner.
 */
#ifndef TEST_MM_TEST_H
#define TEST_MM_TEST_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xen/lib.h>
#include <xen/mm.h>

/* Back machine addresses [0, bytes) with host memory. */
static inline void arena_init(size_t bytes)
{
    test_ram = aligned_alloc(L2_PAGE_SIZE, bytes);
    if ( !test_ram )
        abort();
}

/* Build frame_table for nr_frames from boot memory, start the heap. */
static inline void heap_start(unsigned long nr_frames)
{
    unsigned long bytes = nr_frames * sizeof(struct page_info);
    mfn_t ft = alloc_boot_pages(DIV_ROUND_UP(bytes, PAGE_SIZE), 1);

    heap_init(mfn_to_virt(ft), nr_frames);
    end_boot_allocator();
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static inline uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* True if fn() ends its process with SIGABRT (panic, BUG, ASSERT). */
static inline int dies(void (*fn)(void))
{
    int status;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if ( pid == 0 )
    {
        if ( !freopen("/dev/null", "w", stdout) )
            _exit(2);
        fn();
        _exit(0);
    }
    if ( pid < 0 || waitpid(pid, &status, 0) != pid )
        return 0;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

#endif /* TEST_MM_TEST_H */
