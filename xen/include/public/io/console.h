/* SPDX-License-Identifier: MIT */
/*
 * PV console ring: the page shared between a guest (frontend) and its
 * console backend. The primary console's page and port come from
 * HVM_PARAM_CONSOLE_PFN / HVM_PARAM_CONSOLE_EVTCHN (hvm/params.h);
 * secondary consoles are negotiated through xenstore.
 */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include "../xen.h"

/* Free-running ring index; only the low bits select a byte. */
typedef uint32_t XENCONS_RING_IDX;

/* Reduce a free-running index to a byte offset in "ring" (power of 2). */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

/*
 * Layout of the console page (3088 bytes used of 4096).
 *
 * Each direction is a single-producer single-consumer byte ring. The
 * producer writes bytes at ring[prod & (size-1)], issues a write barrier,
 * then advances prod; the consumer reads up to prod, issues a barrier,
 * then advances cons. prod - cons never exceeds the ring size. After
 * advancing its index a side notifies the other over the event channel.
 */
struct xencons_interface {
    char in[1024];              /* offset    0: backend -> guest bytes */
    char out[2048];             /* offset 1024: guest -> backend bytes */
    XENCONS_RING_IDX in_cons;   /* offset 3072: guest advances (IN ring) */
    XENCONS_RING_IDX in_prod;   /* offset 3076: backend advances */
    XENCONS_RING_IDX out_cons;  /* offset 3080: backend advances */
    XENCONS_RING_IDX out_prod;  /* offset 3084: guest advances */
};

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
