/*
 * kmd_platform.c — struct vg_platform implemented with NT kernel
 * primitives, so the freestanding device core runs inside viogpu3d.sys.
 *
 * kmd_platform_init() fills adapter->plat (ctx = the adapter) once the
 * BARs and the dxgkrnl interface are known (StartDevice).  Register access
 * uses READ/WRITE_REGISTER_*, PCI configuration space goes through
 * DxgkCbRead/WriteDeviceSpace, BARs are mapped with MmMapIoSpace from the
 * translated resource list, DMA memory is MmAllocateContiguousMemory-
 * SpecifyCache (cached: virtio is cache coherent), locks are KSPIN_LOCKs.
 * The log sink is DbgPrintEx(DPFLTR_IHVVIDEO_ID) filtered by the level
 * read from the service key's Parameters\LogLevel in DriverEntry.
 */
#include "kmd/nt/kmd_nt.h"
#include <stdarg.h>
#include "base/vg_fmt.h"

/* DPFLTR_IHVVIDEO_ID from dpfilter.h (78); DbgPrintEx levels 0..3. */
#define KMD_DPFLTR_ID 78u

static volatile LONG g_log_level = VG_LOG_WARN;

int kmd_log_level(void)
{
    return g_log_level;
}

void kmd_set_log_level(int level)
{
    if (level < VG_LOG_ERROR)
        level = VG_LOG_ERROR;
    if (level > VG_LOG_TRACE)
        level = VG_LOG_TRACE;
    InterlockedExchange(&g_log_level, level);
}

static void emit(int level, const char *msg)
{
    if (level > g_log_level || KeGetCurrentIrql() > DISPATCH_LEVEL)
        return; /* DbgPrintEx is not callable above DIRQL paths we reach */
    /* DbgPrintEx: 0 error, 1 warning, 2 trace, 3 info; map ours onto it. */
    ULONG l = level == VG_LOG_ERROR ? 0 : level == VG_LOG_WARN ? 1 : level == VG_LOG_INFO ? 3 : 2;
    DbgPrintEx(KMD_DPFLTR_ID, l, "viogpu3d: %s\n", msg);
}

void kmd_logf(int level, const char *fmt, ...)
{
    char line[192];
    va_list ap;
    if (level > g_log_level)
        return;
    va_start(ap, fmt);
    vg_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    emit(level, line);
}

static void p_log(void *ctx, int level, const char *msg)
{
    (void)ctx;
    emit(level, msg);
}

static uint8_t p_rd8(void *ctx, volatile void *a)
{
    (void)ctx;
    return READ_REGISTER_UCHAR((volatile UCHAR *)a);
}
static uint16_t p_rd16(void *ctx, volatile void *a)
{
    (void)ctx;
    return READ_REGISTER_USHORT((volatile USHORT *)a);
}
static uint32_t p_rd32(void *ctx, volatile void *a)
{
    (void)ctx;
    return READ_REGISTER_ULONG((volatile ULONG *)a);
}
static void p_wr8(void *ctx, volatile void *a, uint8_t v)
{
    (void)ctx;
    WRITE_REGISTER_UCHAR((volatile UCHAR *)a, v);
}
static void p_wr16(void *ctx, volatile void *a, uint16_t v)
{
    (void)ctx;
    WRITE_REGISTER_USHORT((volatile USHORT *)a, v);
}
static void p_wr32(void *ctx, volatile void *a, uint32_t v)
{
    (void)ctx;
    WRITE_REGISTER_ULONG((volatile ULONG *)a, v);
}

static int p_cfg_read(void *ctx, uint32_t off, void *buf, uint32_t len)
{
    struct kmd_adapter *ad = ctx;
    ULONG got = 0;
    if (!ad->dxgk.DxgkCbReadDeviceSpace)
        return VG_ERR_NO_PLATFORM_OP;
    NTSTATUS st = ad->dxgk.DxgkCbReadDeviceSpace(ad->dxgk.DeviceHandle, DXGK_WHICHSPACE_CONFIG, buf, off, len, &got);
    return NT_SUCCESS(st) && got == len ? 0 : VG_ERR_PCI_CFG;
}

static int p_cfg_write(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    struct kmd_adapter *ad = ctx;
    ULONG put = 0;
    if (!ad->dxgk.DxgkCbWriteDeviceSpace)
        return VG_ERR_NO_PLATFORM_OP;
    NTSTATUS st = ad->dxgk.DxgkCbWriteDeviceSpace(ad->dxgk.DeviceHandle, DXGK_WHICHSPACE_CONFIG, (PVOID)buf, off,
                                                  len, &put);
    return NT_SUCCESS(st) && put == len ? 0 : VG_ERR_PCI_CFG;
}

static volatile void *p_map_bar(void *ctx, uint32_t bar, uint64_t off, uint64_t len)
{
    struct kmd_adapter *ad = ctx;
    if (bar >= KMD_MAX_BARS || !ad->bar[bar].present || !len || off > ad->bar[bar].len ||
        len > ad->bar[bar].len - off)
        return NULL;
    uint32_t slot;
    for (slot = 0; slot < KMD_MAX_MAPPINGS && ad->map[slot].va; slot++)
        ;
    if (slot == KMD_MAX_MAPPINGS)
        return NULL;
    PHYSICAL_ADDRESS pa = ad->bar[bar].pa;
    pa.QuadPart += (LONGLONG)off;
    PVOID va = MmMapIoSpace(pa, (SIZE_T)len, MmNonCached);
    if (!va)
        return NULL;
    ad->map[slot].va = va;
    ad->map[slot].len = len;
    return va;
}

static void p_unmap_bar(void *ctx, volatile void *va, uint64_t len)
{
    struct kmd_adapter *ad = ctx;
    for (uint32_t i = 0; i < KMD_MAX_MAPPINGS; i++)
        if (ad->map[i].va == va) {
            MmUnmapIoSpace((PVOID)va, (SIZE_T)len);
            ad->map[i].va = NULL;
            return;
        }
}

void kmd_platform_unmap_all(struct kmd_adapter *ad)
{
    for (uint32_t i = 0; i < KMD_MAX_MAPPINGS; i++)
        if (ad->map[i].va) {
            MmUnmapIoSpace((PVOID)ad->map[i].va, (SIZE_T)ad->map[i].len);
            ad->map[i].va = NULL;
        }
}

static void *p_alloc(void *ctx, size_t size)
{
    (void)ctx;
    void *p = ExAllocatePoolWithTag(NonPagedPoolNx, size, KMD_POOL_TAG);
    if (p)
        memset(p, 0, size);
    return p;
}

static void p_free(void *ctx, void *p)
{
    (void)ctx;
    if (p)
        ExFreePoolWithTag(p, KMD_POOL_TAG);
}

static int p_dma_alloc(void *ctx, uint64_t size, uint64_t align, vg_dma_buf *out)
{
    (void)ctx;
    PHYSICAL_ADDRESS lo, hi, boundary;
    /* Contiguous allocations are page aligned; larger alignments are not
     * needed by virtio (rings want 4 KiB at most). */
    if (!size || align > PAGE_SIZE || (align & (align - 1)))
        return VG_ERR_INVALID_ARG;
    lo.QuadPart = 0;
    hi.QuadPart = -1;
    boundary.QuadPart = 0;
    PVOID va = MmAllocateContiguousMemorySpecifyCache((SIZE_T)size, lo, hi, boundary, MmCached);
    if (!va)
        return VG_ERR_NO_DMA_MEMORY;
    memset(va, 0, (size_t)size);
    out->va = va;
    out->pa = (uint64_t)MmGetPhysicalAddress(va).QuadPart;
    out->size = size;
    out->cookie = NULL;
    return 0;
}

static void p_dma_free(void *ctx, vg_dma_buf *b)
{
    (void)ctx;
    if (b && b->va) {
        MmFreeContiguousMemory(b->va);
        b->va = NULL;
    }
}

static uint64_t p_virt_to_phys(void *ctx, const void *va)
{
    (void)ctx;
    return (uint64_t)MmGetPhysicalAddress((PVOID)va).QuadPart;
}

/* Bug-check screen: DxgkDdiSystemDisplayEnable/Write run at HIGH_LEVEL
 * with the other processors frozen.  Spin locks cannot be taken there
 * (KeAcquireSpinLockRaiseToDpc would lower the IRQL) and a lock a frozen
 * processor holds would never be released, so from then on the core runs
 * single-threaded without them. */
static volatile LONG g_emergency;
/* The interrupt clock stops with interrupts off: in emergency mode time is
 * the sum of the stalls, so the core's bounded waits still end. */
static volatile LONG64 g_emergency_ns;

void kmd_platform_enter_emergency(void)
{
    InterlockedExchange(&g_emergency, 1);
}

static void *p_lock_create(void *ctx)
{
    KSPIN_LOCK *l = p_alloc(ctx, sizeof(KSPIN_LOCK));
    if (l)
        KeInitializeSpinLock(l);
    return l;
}

static void p_lock_destroy(void *ctx, void *lock)
{
    p_free(ctx, lock);
}

#define KMD_NO_LOCK_TOKEN ((uintptr_t)0x100) /* not a valid KIRQL */

static uintptr_t p_lock_acquire(void *ctx, void *lock)
{
    (void)ctx;
    if (g_emergency)
        return KMD_NO_LOCK_TOKEN;
    return (uintptr_t)KeAcquireSpinLockRaiseToDpc((KSPIN_LOCK *)lock);
}

static void p_lock_release(void *ctx, void *lock, uintptr_t token)
{
    (void)ctx;
    if (token == KMD_NO_LOCK_TOKEN)
        return;
    KeReleaseSpinLock((KSPIN_LOCK *)lock, (KIRQL)token);
}

static uint64_t p_now_ns(void *ctx)
{
    (void)ctx;
    if (g_emergency)
        return (uint64_t)g_emergency_ns;
    return (uint64_t)KeQueryInterruptTime() * 100u; /* 100 ns units */
}

static void p_wait_a_little(void *ctx, uint64_t max_ns)
{
    (void)ctx;
    if (KeGetCurrentIrql() <= APC_LEVEL) {
        LARGE_INTEGER t;
        uint64_t units = max_ns / 100u;
        t.QuadPart = -(LONGLONG)(units ? units : 1);
        KeDelayExecutionThread(KernelMode, FALSE, &t);
    } else {
        /* At DISPATCH_LEVEL we may only spin: keep it short. */
        uint64_t us = max_ns / 1000u;
        us = us > 50 ? 50 : us ? us : 1;
        KeStallExecutionProcessor((ULONG)us);
        if (g_emergency)
            g_emergency_ns += (LONG64)(us * 1000u);
    }
}

void kmd_platform_init(struct kmd_adapter *ad)
{
    struct vg_platform *p = &ad->plat;
    memset(p, 0, sizeof(*p));
    p->ctx = ad;
    p->mmio_read8 = p_rd8;
    p->mmio_read16 = p_rd16;
    p->mmio_read32 = p_rd32;
    p->mmio_write8 = p_wr8;
    p->mmio_write16 = p_wr16;
    p->mmio_write32 = p_wr32;
    p->pci_cfg_read = p_cfg_read;
    p->pci_cfg_write = p_cfg_write;
    p->map_bar = p_map_bar;
    p->unmap_bar = p_unmap_bar;
    p->alloc = p_alloc;
    p->free = p_free;
    p->dma_alloc = p_dma_alloc;
    p->dma_free = p_dma_free;
    p->virt_to_phys = p_virt_to_phys;
    p->lock_create = p_lock_create;
    p->lock_destroy = p_lock_destroy;
    p->lock_acquire = p_lock_acquire;
    p->lock_release = p_lock_release;
    p->now_ns = p_now_ns;
    p->wait_a_little = p_wait_a_little;
    p->log = p_log;
}
