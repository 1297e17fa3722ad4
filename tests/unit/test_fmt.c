/*
 * test_fmt.c — vg_snprintf against the C library's snprintf for the
 * conversions the cores use, plus truncation and the return value.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "base/vg_fmt.h"
#include "base/vg_util.h"
#include "unit.h"

/* Formats with both and compares (the libc result is the reference). */
#define SAME(...)                                                               \
    do {                                                                        \
        char a_[128], b_[128];                                                  \
        int na_ = vg_snprintf(a_, sizeof(a_), __VA_ARGS__);                     \
        int nb_ = snprintf(b_, sizeof(b_), __VA_ARGS__);                        \
        CHECK_STR(a_, b_);                                                      \
        CHECK_EQ(na_, nb_);                                                     \
    } while (0)

static bool test_fmt_integers(void)
{
    SAME("%d %i %u", -42, 17, 4000000000u);
    SAME("%x %X %o", 0xdeadbeefu, 0xabcu, 8u);
    SAME("%lld %llu %llx", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, 0x123456789abcdefull);
    SAME("%zu %zx", (size_t)12345, (size_t)0xfff);
    SAME("%hhu %hd %ld %lu", 300, -2, -123456L, 99UL);
    SAME("%d", 0);
    SAME("%d", -2147483647 - 1);
    return true;
}

static bool test_fmt_width_pad(void)
{
    SAME("[%5d|%-5d|%05d]", 42, 42, -42);
    SAME("[%08x|%8X|%-8x]", 0xbeefu, 0xbeefu, 0xbeefu);
    SAME("[%#x|%#X|%#o|%#x]", 255u, 255u, 8u, 0u);
    SAME("[%+d|% d|%+d]", 5, 5, -5);
    SAME("[%.3d|%5.3d|%.0d]", 7, 7, 0);
    SAME("[%*d|%-*d]", 6, 1, 6, 1);
    SAME("[%016llx]", 0x1234ull);
    return true;
}

static bool test_fmt_strings_chars(void)
{
    SAME("[%s|%10s|%-10s|%.2s]", "abc", "abc", "abc", "abc");
    SAME("[%c%c%3c]", 'x', 'y', 'z');
    SAME("100%% done");
    {
        char a[32];
        const char *volatile nothing = NULL; /* hide the NULL from -Wformat */
        vg_snprintf(a, sizeof(a), "%s", nothing);
        CHECK_STR(a, "(null)");
    }
    return true;
}

static bool test_fmt_pointer(void)
{
    char a[64], b[64];
    int x;
    vg_snprintf(a, sizeof(a), "%p", (void *)&x);
    snprintf(b, sizeof(b), "%p", (void *)&x); /* glibc: 0x... lowercase */
    CHECK_STR(a, b);
    return true;
}

static bool test_fmt_truncation(void)
{
    char a[8];
    int n;
    memset(a, 'Q', sizeof(a));
    n = vg_snprintf(a, sizeof(a), "%s-%d", "abcdef", 12345);
    CHECK_EQ(n, 12);          /* length the full output would have */
    CHECK_STR(a, "abcdef-");  /* size-1 characters, NUL-terminated */
    n = vg_snprintf(a, 1, "xyz");
    CHECK_EQ(n, 3);
    CHECK_EQ(a[0], 0);
    memset(a, 'Q', sizeof(a));
    n = vg_snprintf(a, 0, "xyz"); /* size 0: nothing written at all */
    CHECK_EQ(n, 3);
    CHECK_EQ(a[0], 'Q');
    return true;
}

static bool test_mem_str(void)
{
    char buf[16];
    uint8_t m[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    CHECK_EQ(vg_strlcpy(buf, "hello world, long", sizeof(buf)), 17);
    CHECK_STR(buf, "hello world, lo");
    vg_memmove(m + 2, m, 6); /* overlapping forward */
    CHECK(m[2] == 0 && m[7] == 5 && m[8] == 8);
    vg_memmove(m, m + 2, 6); /* overlapping backward */
    CHECK(m[0] == 0 && m[5] == 5);
    CHECK(vg_memcmp("abc", "abd", 3) < 0);
    CHECK(vg_strcmp("b", "a") > 0);
    CHECK_EQ(vg_strnlen("abcdef", 3), 3);
    return true;
}

int main(void)
{
    UNIT_RUN(test_fmt_integers);
    UNIT_RUN(test_fmt_width_pad);
    UNIT_RUN(test_fmt_strings_chars);
    UNIT_RUN(test_fmt_pointer);
    UNIT_RUN(test_fmt_truncation);
    UNIT_RUN(test_mem_str);
    return unit_exit();
}
