/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit test for xen/list.h: every operation checked by walking the list
 * both ways and comparing the order with the expected one, and a random
 * sequence of operations checked against an array model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <xen/list.h>
#include "test.h"

struct item {
    int value;
    struct list_head link;
};

static struct item items[16];

/*
 * Whether head holds exactly want[0..n-1] in order, with consistent
 * prev pointers (checked by walking backwards too).
 */
static bool list_is(struct list_head *head, const int *want, int n)
{
    struct item *it;
    int i = 0;

    list_for_each_entry(it, head, link)
        if ( i >= n || it->value != want[i++] )
            return false;
    if ( i != n )
        return false;
    list_for_each_entry_reverse(it, head, link)
        if ( i <= 0 || it->value != want[--i] )
            return false;
    return i == 0 && list_empty(head) == (n == 0);
}

#define LIST_IS(head, ...) ({                                   \
    static const int _w[] = { __VA_ARGS__ };                    \
    list_is(head, _w, ARRAY_SIZE(_w)); })

static void init_items(void)
{
    for ( int i = 0; i < 16; i++ )
    {
        items[i].value = i;
        INIT_LIST_HEAD(&items[i].link);
    }
}

static void test_basic(void)
{
    LIST_HEAD(head);
    struct list_head *pos, *n;
    struct item *it, *tmp;
    int count = 0;

    init_items();
    CHECK(list_empty(&head));
    CHECK(list_first_entry_or_null(&head, struct item, link) == NULL);
    CHECK(list_is(&head, NULL, 0));

    list_add(&items[1].link, &head);
    CHECK(list_is_singular(&head));
    list_add(&items[0].link, &head);
    list_add_tail(&items[2].link, &head);
    list_add_tail(&items[3].link, &head);
    CHECK(LIST_IS(&head, 0, 1, 2, 3));
    CHECK(!list_is_singular(&head));
    CHECK(list_first_entry(&head, struct item, link) == &items[0]);
    CHECK(list_last_entry(&head, struct item, link) == &items[3]);
    CHECK(list_first_entry_or_null(&head, struct item, link) == &items[0]);
    CHECK(list_next_entry(&items[1], link) == &items[2]);
    CHECK(list_prev_entry(&items[1], link) == &items[0]);
    CHECK(list_is_first(&items[0].link, &head));
    CHECK(list_is_last(&items[3].link, &head));
    CHECK(!list_is_last(&items[2].link, &head));

    list_for_each(pos, &head)
        count++;
    CHECK_EQ(count, 4);

    list_del(&items[1].link);
    CHECK(LIST_IS(&head, 0, 2, 3));
    CHECK(items[1].link.next == LIST_POISON_NEXT);
    CHECK(items[1].link.prev == LIST_POISON_PREV);
    list_del_init(&items[3].link);
    CHECK(list_empty(&items[3].link));
    CHECK(LIST_IS(&head, 0, 2));

    list_replace(&items[2].link, &items[5].link);
    CHECK(LIST_IS(&head, 0, 5));
    list_add(&items[6].link, &head);
    list_move_tail(&items[6].link, &head);
    CHECK(LIST_IS(&head, 0, 5, 6));
    list_move(&items[5].link, &head);
    CHECK(LIST_IS(&head, 5, 0, 6));

    it = &items[0];
    count = 0;
    list_for_each_entry_continue(it, &head, link)
        count += it->value;
    CHECK_EQ(count, 6);

    /* Deleting while iterating with the _safe forms. */
    list_for_each_entry_safe(it, tmp, &head, link)
        if ( it->value == 0 )
            list_del(&it->link);
    CHECK(LIST_IS(&head, 5, 6));
    list_for_each_safe(pos, n, &head)
        list_del_init(pos);
    CHECK(list_empty(&head));
}

static void test_splice(void)
{
    LIST_HEAD(a);
    LIST_HEAD(b);

    init_items();
    list_add_tail(&items[0].link, &a);
    list_add_tail(&items[1].link, &a);
    list_add_tail(&items[2].link, &b);
    list_add_tail(&items[3].link, &b);

    list_splice_init(&b, &a);
    CHECK(LIST_IS(&a, 2, 3, 0, 1));
    CHECK(list_empty(&b));
    list_splice_init(&b, &a);               /* empty: no change */
    CHECK(LIST_IS(&a, 2, 3, 0, 1));

    list_add_tail(&items[4].link, &b);
    list_splice_tail_init(&b, &a);
    CHECK(LIST_IS(&a, 2, 3, 0, 1, 4));
    CHECK(list_empty(&b));

    list_add(&items[7].link, &b);
    list_splice(&b, &a);
    CHECK(LIST_IS(&a, 7, 2, 3, 0, 1, 4));
    INIT_LIST_HEAD(&b);
    list_add(&items[8].link, &b);
    list_splice_tail(&b, &a);
    CHECK(LIST_IS(&a, 7, 2, 3, 0, 1, 4, 8));
}

/* Random adds, deletes and moves against an array model. */
static void test_random(void)
{
    LIST_HEAD(head);
    int model[16], n = 0;
    bool on[16] = { false };
    unsigned int bad = 0;

    init_items();
    for ( int iter = 0; iter < 5000; iter++ )
    {
        int v = rand() % 16, op = rand() % 4, i;

        if ( !on[v] )
        {
            if ( op & 1 )
            {
                list_add(&items[v].link, &head);
                for ( i = n++; i > 0; i-- )
                    model[i] = model[i - 1];
                model[0] = v;
            }
            else
            {
                list_add_tail(&items[v].link, &head);
                model[n++] = v;
            }
            on[v] = true;
        }
        else
        {
            for ( i = 0; model[i] != v; i++ )
                ;
            for ( ; i < n - 1; i++ )
                model[i] = model[i + 1];
            n--;
            if ( op == 0 )
            {
                list_move_tail(&items[v].link, &head);
                model[n++] = v;
            }
            else
            {
                list_del(&items[v].link);
                on[v] = false;
            }
        }
        bad += !list_is(&head, model, n);
    }
    CHECK_EQ(bad, 0);
}

int main(void)
{
    srand(3);
    test_basic();
    test_splice();
    test_random();
    return test_done();
}
