/*
 * test_ida.c — id allocator: no id handed out while live, exhaustion,
 * round-robin reuse, bad frees, marking specific ids.
 */
#include <stdlib.h>
#include <string.h>
#include "base/vg_err.h"
#include "base/vg_ida.h"
#include "unit.h"
#include "unit_platform.h"

static bool test_ida_no_live_reuse(void)
{
    struct unit_platform up;
    struct vg_ida ida;
    uint8_t live[1001] = { 0 };
    uint32_t ids[1000];
    unsigned seed = 1;

    unit_platform_init(&up);
    CHECK_EQ(vg_ida_init(&ida, &up.ops, 1, 1000), 0);
    /* random alloc/free churn: every allocation must be a non-live id */
    for (int step = 0; step < 20000; step++) {
        uint32_t id;
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 16) % 3 != 0 || ida.live == 0) {
            uint32_t before = ida.live;
            int rc = vg_ida_alloc(&ida, &id);
            if (before == 1000) {
                CHECK_EQ(rc, VG_ERR_EXHAUSTED);
                continue;
            }
            CHECK_EQ(rc, 0);
            CHECK(id >= 1 && id <= 1000);
            CHECK_EQ(live[id], 0);
            live[id] = 1;
        } else {
            /* free a random live id */
            uint32_t n = 0;
            for (uint32_t i = 1; i <= 1000; i++)
                if (live[i])
                    ids[n++] = i;
            id = ids[(seed >> 8) % n];
            CHECK_EQ(vg_ida_free(&ida, id), 0);
            live[id] = 0;
        }
    }
    vg_ida_fini(&ida);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

static bool test_ida_exhaustion(void)
{
    struct unit_platform up;
    struct vg_ida ida;
    uint32_t id;

    unit_platform_init(&up);
    CHECK_EQ(vg_ida_init(&ida, &up.ops, 5, 134), 0); /* 130 ids: crosses word boundaries */
    for (uint32_t i = 0; i < 130; i++) {
        CHECK_EQ(vg_ida_alloc(&ida, &id), 0);
        CHECK_EQ(id, 5 + i); /* fresh allocator hands ids out in order */
    }
    CHECK_EQ(vg_ida_alloc(&ida, &id), VG_ERR_EXHAUSTED);
    CHECK_EQ(vg_ida_free(&ida, 77), 0);
    CHECK_EQ(vg_ida_alloc(&ida, &id), 0);
    CHECK_EQ(id, 77); /* the only free one */
    CHECK_EQ(vg_ida_alloc(&ida, &id), VG_ERR_EXHAUSTED);
    vg_ida_fini(&ida);
    return true;
}

static bool test_ida_round_robin(void)
{
    struct unit_platform up;
    struct vg_ida ida;
    uint32_t a, b;

    unit_platform_init(&up);
    CHECK_EQ(vg_ida_init(&ida, &up.ops, 1, 100), 0);
    CHECK_EQ(vg_ida_alloc(&ida, &a), 0);
    CHECK_EQ(vg_ida_free(&ida, a), 0);
    CHECK_EQ(vg_ida_alloc(&ida, &b), 0);
    CHECK(b != a); /* a just-freed id is not reused at once */
    vg_ida_fini(&ida);
    return true;
}

static bool test_ida_errors(void)
{
    struct unit_platform up;
    struct vg_ida ida;
    uint32_t id;

    unit_platform_init(&up);
    CHECK_EQ(vg_ida_init(&ida, &up.ops, 10, 5), VG_ERR_INVALID_ARG);
    CHECK_EQ(vg_ida_init(&ida, &up.ops, 1, 64), 0);
    CHECK_EQ(vg_ida_free(&ida, 3), VG_ERR_NOT_FOUND);   /* never allocated */
    CHECK_EQ(vg_ida_free(&ida, 0), VG_ERR_NOT_FOUND);   /* out of range */
    CHECK_EQ(vg_ida_free(&ida, 65), VG_ERR_NOT_FOUND);
    CHECK_EQ(vg_ida_mark(&ida, 1), 0);
    CHECK_EQ(vg_ida_mark(&ida, 1), VG_ERR_IN_USE);
    CHECK_EQ(vg_ida_mark(&ida, 99), VG_ERR_INVALID_ARG);
    CHECK_EQ(vg_ida_alloc(&ida, &id), 0);
    CHECK(id != 1);
    CHECK_EQ(vg_ida_free(&ida, id), 0);
    CHECK_EQ(vg_ida_free(&ida, id), VG_ERR_NOT_FOUND);   /* double free */
    CHECK(vg_ida_is_live(&ida, 1));
    CHECK(!vg_ida_is_live(&ida, id));
    vg_ida_fini(&ida);
    CHECK_EQ(unit_platform_leaks(&up), 0);
    return true;
}

int main(void)
{
    UNIT_RUN(test_ida_no_live_reuse);
    UNIT_RUN(test_ida_exhaustion);
    UNIT_RUN(test_ida_round_robin);
    UNIT_RUN(test_ida_errors);
    return unit_exit();
}
