/*
 * vg_util.h — freestanding memory/string helpers, byte order and barriers.
 *
 * Usage: cores call vg_memcpy/vg_memset/... instead of the C library (there
 * is none in the kernel or the guest).  Note that GCC may still emit calls
 * to memcpy/memset/memmove/memcmp for struct copies and large initialisers,
 * as its freestanding contract allows: every embedding must provide those
 * four symbols (ntoskrnl exports them; the guest defines them).
 *
 * vg_cpu_to_le16/32/64 and vg_le*_to_cpu convert at the wire; every target
 * is little-endian, so they compile to nothing, but they mark the boundary.
 * vg_mb/vg_wmb/vg_rmb order memory shared with the device.
 */
#ifndef VG_UTIL_H
#define VG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *vg_memcpy(void *dst, const void *src, size_t n);
void *vg_memmove(void *dst, const void *src, size_t n);
void *vg_memset(void *dst, int c, size_t n);
int vg_memcmp(const void *a, const void *b, size_t n);
size_t vg_strlen(const char *s);
size_t vg_strnlen(const char *s, size_t max);
int vg_strcmp(const char *a, const char *b);
int vg_strncmp(const char *a, const char *b, size_t n);
/* Copies at most size-1 bytes, always NUL-terminates when size > 0;
 * returns strlen(src) so truncation is detectable (like BSD strlcpy). */
size_t vg_strlcpy(char *dst, const char *src, size_t size);

#define VG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define VG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define VG_MAX(a, b) ((a) > (b) ? (a) : (b))
#define VG_ALIGN_UP(v, a) (((v) + ((a) - 1)) & ~((__typeof__(v))(a) - 1))
#define VG_CONTAINER_OF(ptr, type, member) \
    ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "cores assume a little-endian target");
static inline uint16_t vg_cpu_to_le16(uint16_t v) { return v; }
static inline uint32_t vg_cpu_to_le32(uint32_t v) { return v; }
static inline uint64_t vg_cpu_to_le64(uint64_t v) { return v; }
static inline uint16_t vg_le16_to_cpu(uint16_t v) { return v; }
static inline uint32_t vg_le32_to_cpu(uint32_t v) { return v; }
static inline uint64_t vg_le64_to_cpu(uint64_t v) { return v; }

/* Unaligned little-endian loads from byte buffers (EDID, capsets). */
static inline uint16_t vg_get_le16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t vg_get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Full barrier (device sees everything before it before anything after). */
static inline void vg_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
/* Stores before the barrier become visible before stores after it. */
static inline void vg_wmb(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
/* Loads after the barrier are not satisfied before loads before it. */
static inline void vg_rmb(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }

#endif /* VG_UTIL_H */
