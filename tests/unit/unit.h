/*
 * unit.h — the tiny harness the native unit tests share.
 *
 * A test is `static bool test_x(void)` that returns true or fails through
 * CHECK/CHECK_EQ (which record file:line and the values, then return false).
 * main() calls UNIT_RUN(test_x) for each and returns unit_exit(); every
 * case prints "ok - NAME" or "not ok - NAME: WHY" for scripts/run-suites.sh.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdio.h>

extern char unit_why[512];
extern int unit_failures;
extern const char *unit_prefix;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            snprintf(unit_why, sizeof(unit_why), "%s:%d: %s", __FILE__, __LINE__, #cond); \
            return false;                                                                \
        }                                                                                \
    } while (0)

#define CHECK_EQ(a, b)                                                                       \
    do {                                                                                     \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                \
        if (va_ != vb_) {                                                                    \
            snprintf(unit_why, sizeof(unit_why), "%s:%d: %s == %s (%lld != %lld)", __FILE__, \
                     __LINE__, #a, #b, va_, vb_);                                            \
            return false;                                                                    \
        }                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                      \
    do {                                                                                     \
        const char *sa_ = (a), *sb_ = (b);                                                   \
        if (strcmp(sa_, sb_)) {                                                              \
            snprintf(unit_why, sizeof(unit_why), "%s:%d: \"%s\" != \"%s\"", __FILE__,         \
                     __LINE__, sa_, sb_);                                                    \
            return false;                                                                    \
        }                                                                                    \
    } while (0)

void unit_run(const char *name, bool (*fn)(void));
int unit_exit(void);
#define UNIT_RUN(fn) unit_run(#fn, fn)

#endif /* UNIT_H */
