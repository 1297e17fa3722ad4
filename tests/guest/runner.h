/*
 * runner.h — guest test runner and its line protocol with the host
 * (tests/guest/run_guest.py).  Every protocol line starts with "@@":
 *
 *   guest -> host
 *     @@HELLO                       kernel booted, services up
 *     @@BEGIN <test>                a test case starts
 *     @@PASS <test>                 ... passed
 *     @@FAIL <test>: <why>          ... failed
 *     @@SCREENDUMP <head> <w> <h> <layer>[;<layer>...]
 *                                   take a QMP screendump of <head>, compare
 *                                   it with the image the HOST computes from
 *                                   the layers (see pattern.h), answer
 *     @@RESIZE <w> <h>              ask QEMU (as a VNC client) to resize
 *                                   head 0: a display-change event follows
 *     @@EDID <w>x<h> <hex>          an EDID blob read from the device
 *     @@MARK <label>                host timestamps this line (benchmarks)
 *     @@STAT <key>=<value> ...      numbers for the host to print
 *     @@SHA256 <module> <hex>       digest of a loaded image: the host compares
 *                                   it with its copy of that module, answers
 *     @@DONE <passed> <failed>      all tests ran; the guest exits QEMU
 *   host -> guest (serial RX)
 *     @@R OK | @@R FAIL <why>       answer to SCREENDUMP and RESIZE
 *
 * Tests are named on the kernel command line: tests=a,b,c (see main.c).
 * A test function returns true on success; on failure it calls t_fail()
 * (first message wins) and returns false.  CHECK() does both.
 */
#ifndef GUEST_RUNNER_H
#define GUEST_RUNNER_H

#include "kernel.h"

struct guest_test {
    const char *name;
    bool (*fn)(void);
};

/* Records why the running test failed (first call wins) and returns false. */
bool t_fail(const char *fmt, ...) __attribute__((format(gnu_printf, 1, 2)));
#define CHECK(cond, ...) \
    do { \
        if (!(cond)) \
            return t_fail(__VA_ARGS__); \
    } while (0)

/* Asks the host to screendump `head` and compare it with `layers`; true
 * when the host answered OK, otherwise the test has been failed. */
bool t_screendump(uint32_t head, uint32_t w, uint32_t h, const char *layers);
/* Asks the host to resize head 0 (VNC SetDesktopSize); true when it did. */
bool t_resize(uint32_t w, uint32_t h);
/* Sends "@@<line>" (e.g. "SHA256 <module> <hex>") and waits for the
 * host's @@R answer; true on OK, otherwise the test has been failed. */
bool t_host_check(const char *line);
/* Reads a command-line option "key=value"; NULL if absent. */
const char *t_option(const char *key, char *buf, size_t size);

void runner_run(const struct guest_test *const *tables, const char *cmdline) __attribute__((noreturn));

#endif
