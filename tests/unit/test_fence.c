/*
 * test_fence.c — the 64-bit fence timeline: ordering, monotonic completion,
 * 32-bit echoes extended across wraps, and rejection of stale echoes.
 */
#include <stdint.h>
#include "gpu/vgpu_fence.h"
#include "unit.h"

static bool test_fence_order(void)
{
    struct vgpu_fence_tl tl;
    vgpu_fence_init(&tl, 0);
    CHECK_EQ(vgpu_fence_emit(&tl), 1);
    CHECK_EQ(vgpu_fence_emit(&tl), 2);
    CHECK_EQ(vgpu_fence_emit(&tl), 3);
    CHECK(!vgpu_fence_signaled(&tl, 1));
    CHECK(vgpu_fence_complete32(&tl, 2));
    CHECK(vgpu_fence_signaled(&tl, 1)); /* completing 2 implies 1 */
    CHECK(vgpu_fence_signaled(&tl, 2));
    CHECK(!vgpu_fence_signaled(&tl, 3));
    CHECK(!vgpu_fence_complete32(&tl, 1)); /* late echo of an older fence */
    CHECK_EQ(tl.completed, 2);
    CHECK(!vgpu_fence_complete32(&tl, 2)); /* duplicate */
    CHECK(vgpu_fence_complete64(&tl, 3));
    CHECK_EQ(tl.completed, 3);
    return true;
}

static bool test_fence_never_beyond_emitted(void)
{
    struct vgpu_fence_tl tl;
    vgpu_fence_init(&tl, 0);
    vgpu_fence_emit(&tl);
    vgpu_fence_emit(&tl);
    CHECK(vgpu_fence_complete32(&tl, 1000)); /* bogus device value */
    CHECK_EQ(tl.completed, 2);               /* clamped to what was sent */
    return true;
}

static bool test_fence_wrap32(void)
{
    struct vgpu_fence_tl tl;
    uint64_t f[8];

    /* start just below a 32-bit wrap, in the 5th epoch */
    vgpu_fence_init(&tl, 0x4fffffffdull);
    for (int i = 0; i < 8; i++)
        f[i] = vgpu_fence_emit(&tl);
    CHECK_EQ(f[0], 0x4fffffffeull);
    CHECK_EQ(f[2], 0x500000000ull);
    /* the device echoes only the low halves: 0xfffffffe, 0xffffffff, 0, 1 ... */
    CHECK_EQ(vgpu_fence_extend(&tl, 0xfffffffeu), f[0]);
    CHECK(vgpu_fence_complete32(&tl, (uint32_t)f[1]));
    CHECK_EQ(tl.completed, f[1]);
    CHECK_EQ(vgpu_fence_extend(&tl, 0u), f[2]);
    CHECK(vgpu_fence_complete32(&tl, (uint32_t)f[3]));
    CHECK_EQ(tl.completed, 0x500000001ull);
    CHECK(vgpu_fence_signaled(&tl, f[2]));
    CHECK(!vgpu_fence_signaled(&tl, f[4]));
    /* a stale echo from before the wrap must not move us back an epoch */
    CHECK(!vgpu_fence_complete32(&tl, 0xffffffffu));
    CHECK_EQ(tl.completed, 0x500000001ull);
    CHECK(vgpu_fence_complete32(&tl, (uint32_t)f[7]));
    CHECK_EQ(tl.completed, f[7]);
    return true;
}

static bool test_fence_many_wraps(void)
{
    struct vgpu_fence_tl tl;
    vgpu_fence_init(&tl, 0);
    /* walk three full 32-bit epochs in big steps, completing by echo */
    for (uint64_t target = 0x40000000ull; target <= 0x300000000ull; target += 0x40000000ull) {
        tl.last_emitted = target; /* as if that many fences were emitted */
        CHECK(vgpu_fence_complete32(&tl, (uint32_t)target));
        CHECK_EQ(tl.completed, target);
    }
    return true;
}

int main(void)
{
    UNIT_RUN(test_fence_order);
    UNIT_RUN(test_fence_never_beyond_emitted);
    UNIT_RUN(test_fence_wrap32);
    UNIT_RUN(test_fence_many_wraps);
    return unit_exit();
}
