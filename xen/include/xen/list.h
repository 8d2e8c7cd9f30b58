/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Circular doubly linked lists with the links embedded in the listed
 * objects. A struct list_head is either a list's head (an empty list
 * points at itself) or an entry's link. No locking: the owner of the list
 * serialises. Deleted entries are poisoned so that a stale use faults.
 */
#ifndef __XEN_LIST_H__
#define __XEN_LIST_H__

#include <xen/compiler.h>
#include <xen/types.h>

struct list_head {
    struct list_head *next, *prev;
};

/* Non-canonical x86-64 addresses: any dereference faults. */
#define LIST_POISON_NEXT ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON_PREV ((struct list_head *)0xdead000000000200UL)

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
    list->next = list;
    list->prev = list;
}

/* Link new between two adjacent entries. */
static inline void __list_link(struct list_head *new, struct list_head *prev,
                               struct list_head *next)
{
    next->prev = new;
    new->next = next;
    new->prev = prev;
    prev->next = new;
}

/* Insert new right after head (stack order). */
static inline void list_add(struct list_head *new, struct list_head *head)
{
    __list_link(new, head, head->next);
}

/* Insert new right before head, i.e. at the end of the list (FIFO). */
static inline void list_add_tail(struct list_head *new,
                                 struct list_head *head)
{
    __list_link(new, head->prev, head);
}

static inline void __list_unlink(struct list_head *entry)
{
    entry->next->prev = entry->prev;
    entry->prev->next = entry->next;
}

/* Remove entry from its list; entry is left poisoned. */
static inline void list_del(struct list_head *entry)
{
    __list_unlink(entry);
    entry->next = LIST_POISON_NEXT;
    entry->prev = LIST_POISON_PREV;
}

/* Remove entry from its list and make it an empty list of its own. */
static inline void list_del_init(struct list_head *entry)
{
    __list_unlink(entry);
    INIT_LIST_HEAD(entry);
}

/* Put new in old's place; old is left dangling. */
static inline void list_replace(struct list_head *old, struct list_head *new)
{
    new->next = old->next;
    new->next->prev = new;
    new->prev = old->prev;
    new->prev->next = new;
}

/* Move entry from its list to the front (move_tail: back) of head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
    __list_unlink(entry);
    list_add(entry, head);
}

static inline void list_move_tail(struct list_head *entry,
                                  struct list_head *head)
{
    __list_unlink(entry);
    list_add_tail(entry, head);
}

static inline bool list_empty(const struct list_head *head)
{
    return head->next == head;
}

static inline bool list_is_first(const struct list_head *entry,
                                 const struct list_head *head)
{
    return entry->prev == head;
}

static inline bool list_is_last(const struct list_head *entry,
                                const struct list_head *head)
{
    return entry->next == head;
}

static inline bool list_is_singular(const struct list_head *head)
{
    return !list_empty(head) && head->next == head->prev;
}

/* Join the entries of list in front of (splice_tail: behind) head's. */
static inline void __list_splice(const struct list_head *list,
                                 struct list_head *prev,
                                 struct list_head *next)
{
    struct list_head *first = list->next, *last = list->prev;

    first->prev = prev;
    prev->next = first;
    last->next = next;
    next->prev = last;
}

/* The _init forms leave list empty; the others leave it unusable. */
static inline void list_splice(const struct list_head *list,
                               struct list_head *head)
{
    if ( !list_empty(list) )
        __list_splice(list, head, head->next);
}

static inline void list_splice_tail(const struct list_head *list,
                                    struct list_head *head)
{
    if ( !list_empty(list) )
        __list_splice(list, head->prev, head);
}

static inline void list_splice_init(struct list_head *list,
                                    struct list_head *head)
{
    list_splice(list, head);
    INIT_LIST_HEAD(list);
}

static inline void list_splice_tail_init(struct list_head *list,
                                         struct list_head *head)
{
    list_splice_tail(list, head);
    INIT_LIST_HEAD(list);
}

/* The object of type containing link ptr in its field member. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* First/last object of a list that must not be empty. */
#define list_first_entry(head, type, member) \
    list_entry((head)->next, type, member)
#define list_last_entry(head, type, member) \
    list_entry((head)->prev, type, member)

/* First object of the list, or NULL if it is empty. */
#define list_first_entry_or_null(head, type, member) \
    (list_empty(head) ? NULL : list_first_entry(head, type, member))

#define list_next_entry(pos, member) \
    list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_prev_entry(pos, member) \
    list_entry((pos)->member.prev, __typeof__(*(pos)), member)

/* Iterate over links; the _safe forms allow deleting pos in the body. */
#define list_for_each(pos, head) \
    for ( (pos) = (head)->next; (pos) != (head); (pos) = (pos)->next )

#define list_for_each_safe(pos, n, head)                              \
    for ( (pos) = (head)->next, (n) = (pos)->next; (pos) != (head);   \
          (pos) = (n), (n) = (pos)->next )

/* Iterate over objects; pos is a pointer to the object type. */
#define list_for_each_entry(pos, head, member)                        \
    for ( (pos) = list_first_entry(head, __typeof__(*(pos)), member); \
          &(pos)->member != (head);                                   \
          (pos) = list_next_entry(pos, member) )

#define list_for_each_entry_reverse(pos, head, member)                \
    for ( (pos) = list_last_entry(head, __typeof__(*(pos)), member);  \
          &(pos)->member != (head);                                   \
          (pos) = list_prev_entry(pos, member) )

#define list_for_each_entry_safe(pos, n, head, member)                \
    for ( (pos) = list_first_entry(head, __typeof__(*(pos)), member), \
          (n) = list_next_entry(pos, member);                         \
          &(pos)->member != (head);                                   \
          (pos) = (n), (n) = list_next_entry(n, member) )

/* Continue after pos (which must be on the list) to the end. */
#define list_for_each_entry_continue(pos, head, member)               \
    for ( (pos) = list_next_entry(pos, member);                       \
          &(pos)->member != (head);                                   \
          (pos) = list_next_entry(pos, member) )

#endif /* __XEN_LIST_H__ */
