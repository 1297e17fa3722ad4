/*
 * umd_platform.c — the one environment hook the UMD's freestanding parts
 * need: a heap for the SM4 translator (sm4_program_parse /
 * sm4_tgsi_translate allocate while a shader is created, never per draw).
 * On Windows it is the process heap (kernel32, no C runtime); natively
 * (vtest host) calloc/free.  Also provides memcpy/memset/memmove/memcmp to
 * the DLL, which links no C runtime but gets struct-copy calls from GCC.
 */
#include "umd_priv.h"

#ifdef _WIN32
static void *umd_heap_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size ? size : 1);
}
static void umd_heap_free(void *ctx, void *p)
{
    (void)ctx;
    if (p)
        HeapFree(GetProcessHeap(), 0, p);
}

/* GCC emits calls to these for struct copies and large initialisers. */
void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}
void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else if (d > s) {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
    return dst;
}
void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}
int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x < *y ? -1 : 1;
    return 0;
}

/* The DLL entry point: nothing to set up (no CRT, no TLS). */
BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reason;
    (void)reserved;
    return TRUE;
}
#else
#include <stdlib.h>
static void *umd_heap_alloc(void *ctx, size_t size)
{
    (void)ctx;
    return calloc(1, size ? size : 1);
}
static void umd_heap_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}
#endif

const struct vg_platform umd_platform = {
    .alloc = umd_heap_alloc,
    .free = umd_heap_free,
};
