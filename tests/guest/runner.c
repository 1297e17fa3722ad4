/*
 * runner.c — runs the tests named on the command line, reports each one to
 * the host (protocol in runner.h), and turns a CPU exception into a failed
 * test plus an immediate exit so the host never waits for a dead guest.
 */
#include "runner.h"

static const char *current;
static char why[256];
static bool failed;

bool t_fail(const char *fmt, ...)
{
    if (!failed) {
        va_list ap;
        va_start(ap, fmt);
        kvsnprintf(why, sizeof why, fmt, ap);
        va_end(ap);
        for (char *p = why; *p; p++)
            if (*p == '\n' || *p == '\r')
                *p = ' ';
        failed = true;
    }
    return false;
}

bool t_screendump(uint32_t head, uint32_t w, uint32_t h, const char *layers)
{
    char ans[256];
    kprintf("@@SCREENDUMP %u %u %u %s\n", head, w, h, layers);
    /* the host needs Python time to build and compare the image */
    if (!serial_readline(ans, sizeof ans, 60ull * 1000000000ull))
        return t_fail("no screendump answer from host");
    if (!strcmp(ans, "@@R OK"))
        return true;
    if (!strncmp(ans, "@@R FAIL", 8))
        return t_fail("screendump head %u: %s", head, ans + 8);
    return t_fail("bad host answer '%s'", ans);
}

bool t_resize(uint32_t w, uint32_t h)
{
    char ans[256];
    kprintf("@@RESIZE %u %u\n", w, h);
    if (!serial_readline(ans, sizeof ans, 30ull * 1000000000ull))
        return t_fail("no resize answer from host");
    if (!strcmp(ans, "@@R OK"))
        return true;
    return t_fail("host could not resize to %ux%u: %s", w, h, ans);
}

bool t_host_check(const char *line)
{
    char ans[256];
    kprintf("@@%s\n", line);
    if (!serial_readline(ans, sizeof ans, 30ull * 1000000000ull))
        return t_fail("no host answer to '%.40s'", line);
    if (!strcmp(ans, "@@R OK"))
        return true;
    if (!strncmp(ans, "@@R FAIL", 8))
        return t_fail("host: %s", ans + 8);
    return t_fail("bad host answer '%s'", ans);
}

static const char *cmdline_s;

const char *t_option(const char *key, char *buf, size_t size)
{
    size_t kl = strlen(key);
    for (const char *p = cmdline_s; p && *p;) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if ((size_t)(end - p) > kl && !strncmp(p, key, kl) && p[kl] == '=') {
            size_t n = (size_t)(end - p) - kl - 1;
            if (n >= size)
                n = size - 1;
            memcpy(buf, p + kl + 1, n);
            buf[n] = 0;
            return buf;
        }
        p = end;
    }
    return NULL;
}

void fatal_exception(const struct isr_frame *f)
{
    kprintf("\nEXCEPTION vector %llu err 0x%llx rip %llx cr2 %llx rsp %llx\n",
            (unsigned long long)f->vector, (unsigned long long)f->err, (unsigned long long)f->rip,
            (unsigned long long)read_cr2(), (unsigned long long)f->rsp);
    kprintf("@@FAIL %s: CPU exception %llu at rip %llx err %llx cr2 %llx\n", current ? current : "boot",
            (unsigned long long)f->vector, (unsigned long long)f->rip, (unsigned long long)f->err,
            (unsigned long long)read_cr2());
    qemu_exit(2);
}

static const struct guest_test *lookup(const struct guest_test *const *tables, const char *name, size_t len)
{
    for (; *tables; tables++)
        for (const struct guest_test *t = *tables; t->name; t++)
            if (strlen(t->name) == len && !strncmp(t->name, name, len))
                return t;
    return NULL;
}

void runner_run(const struct guest_test *const *tables, const char *cmdline)
{
    static char list[2048];
    unsigned npass = 0, nfail = 0;
    cmdline_s = cmdline;
    if (!t_option("tests", list, sizeof list))
        list[0] = 0;
    for (const char *p = list; *p;) {
        const char *end = p;
        while (*end && *end != ',')
            end++;
        size_t len = (size_t)(end - p);
        const struct guest_test *t = lookup(tables, p, len);
        char name[64];
        size_t nl = len < sizeof name - 1 ? len : sizeof name - 1;
        memcpy(name, p, nl);
        name[nl] = 0;
        kprintf("@@BEGIN %s\n", name);
        failed = false;
        why[0] = 0;
        current = name;
        bool ok = t ? t->fn() : t_fail("no such test in this kernel");
        if (ok && failed)
            ok = false; /* a helper failed but the test did not return false */
        if (!ok && !failed)
            t_fail("test returned false without a reason");
        current = NULL;
        if (ok) {
            npass++;
            kprintf("@@PASS %s\n", name);
        } else {
            nfail++;
            kprintf("@@FAIL %s: %s\n", name, why);
        }
        p = *end ? end + 1 : end;
    }
    kprintf("@@DONE %u %u\n", npass, nfail);
    qemu_exit(nfail ? 1 : 0);
}
