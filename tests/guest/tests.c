/* tests.c — every test table linked into the kernel. */
#include "guest_tests.h"

const struct guest_test *const guest_test_tables[] = {
    kernel_tests,
    scanout_tests,
    device_tests,
    error_tests,
    stress_tests,
    virgl_tests,
    kmd_tests,
    kmd_vidpn_tests,
    kmd_present_tests,
    kmd_cursor_tests,
    kmd_leak_tests,
    NULL,
};
