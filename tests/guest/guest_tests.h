/*
 * guest_tests.h — the tables of test cases the kernel knows; each test file
 * exports one NULL-terminated table, listed in guest_test_tables (tests.c).
 */
#ifndef GUEST_TESTS_H
#define GUEST_TESTS_H
#include "runner.h"

extern const struct guest_test kernel_tests[];
extern const struct guest_test scanout_tests[];
extern const struct guest_test device_tests[];
extern const struct guest_test error_tests[];
extern const struct guest_test stress_tests[];
extern const struct guest_test virgl_tests[];
extern const struct guest_test kmd_tests[];
extern const struct guest_test kmd_vidpn_tests[];
extern const struct guest_test kmd_present_tests[];
extern const struct guest_test kmd_cursor_tests[];
extern const struct guest_test kmd_leak_tests[];
/* Numeric kernel option key=N, or dflt. */
uint32_t tests_opt_u32(const char *key, uint32_t dflt);
extern const struct guest_test *const guest_test_tables[];

#endif
