/*
 * nt_shim.c — ntoskrnl.exe/HAL.dll exports for a loaded driver (see
 * nt_shim.h).  Each export is sh_<Name> and starts with an IRQL check
 * taken from its documentation page (MicrosoftDocs windows-driver-docs-ddi,
 * "IRQL" requirement); a violation is recorded, never fatal, so the test
 * that provoked it reports it by name.  Kernel services come from the
 * test kernel (kernel.h): pool = heap, contiguous memory = pages,
 * identity-mapped, so MmGetPhysicalAddress only differs for image pages.
 */
#include <ntddk.h>
#include "../runner.h"
#include "nt_shim.h"

#define KUSD_VA 0xFFFFF78000000000ull

static char violation[200];
static const char *hidden_export;

void nt_shim_violate(const char *fmt, ...)
{
    if (violation[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(violation, sizeof violation, fmt, ap);
    va_end(ap);
    kprintf("nt: VIOLATION %s\n", violation);
}
const char *nt_shim_violation(void) { return violation; }
void nt_shim_violation_reset(void) { violation[0] = 0; }
void nt_shim_hide_export(const char *name) { hidden_export = name; }

/* ---- time: KUSER_SHARED_DATA.InterruptTime (100 ns units) ---- */
static volatile uint64_t *kusd_itime;
static void tick(void)
{
    if (kusd_itime)
        *kusd_itime = now_ns() / 100;
}

#define IRQL_MAX(fn, max) \
    do { \
        tick(); \
        if (nt_irql() > (max)) \
            nt_shim_violate("%s called at IRQL %u (documented maximum %u)", fn, nt_irql(), (unsigned)(max)); \
    } while (0)
#define IRQL_EQ(fn, lvl) \
    do { \
        tick(); \
        if (nt_irql() != (lvl)) \
            nt_shim_violate("%s called at IRQL %u (documented: only %u)", fn, nt_irql(), (unsigned)(lvl)); \
    } while (0)

/* ---- pool with per-tag accounting ---- */
#define POOL_MAGIC 0x4c4f4f504c4f4f50ull
struct pool_hdr {
    uint64_t magic;
    uint32_t tag, pad;
    uint64_t size;
    uint64_t pad2;
};
#define MAX_TAGS 16
static struct {
    uint32_t tag;
    uint64_t blocks, bytes;
} tags[MAX_TAGS];

static void tag_account(uint32_t tag, int64_t blocks, int64_t bytes)
{
    for (int i = 0; i < MAX_TAGS; i++) {
        if (tags[i].tag == tag || (!tags[i].tag && !tags[i].blocks)) {
            tags[i].tag = tag;
            tags[i].blocks += (uint64_t)blocks;
            tags[i].bytes += (uint64_t)bytes;
            return;
        }
    }
    nt_shim_violate("more than %d pool tags", MAX_TAGS);
}

uint64_t nt_pool_live(uint32_t tag, uint64_t *bytes)
{
    uint64_t b = 0, n = 0;
    for (int i = 0; i < MAX_TAGS; i++)
        if (!tag || tags[i].tag == tag) {
            n += tags[i].blocks;
            b += tags[i].bytes;
        }
    if (bytes)
        *bytes = b;
    return n;
}

void nt_pool_describe(char *buf, uint32_t size)
{
    uint32_t o = 0;
    buf[0] = 0;
    for (int i = 0; i < MAX_TAGS && o < size; i++)
        if (tags[i].blocks) {
            uint32_t t = tags[i].tag;
            o += (uint32_t)ksnprintf(buf + o, size - o, "%c%c%c%c:%llu ", (char)t, (char)(t >> 8), (char)(t >> 16),
                                     (char)(t >> 24), (unsigned long long)tags[i].blocks);
        }
}

static PVOID sh_ExAllocatePoolWithTag(POOL_TYPE type, SIZE_T size, ULONG tag)
{
    /* NonPaged*: <= DISPATCH_LEVEL; paged pool: <= APC_LEVEL. */
    IRQL_MAX("ExAllocatePoolWithTag", (type & 1) ? NT_APC : NT_DISPATCH);
    if (!tag || tag == 0x6b644420u /* 'Ddk ', the untagged default */)
        nt_shim_violate("ExAllocatePoolWithTag with tag 0x%x", (unsigned)tag);
    struct pool_hdr *h = heap_alloc(sizeof(*h) + size);
    if (!h)
        return NULL;
    h->magic = POOL_MAGIC;
    h->tag = tag;
    h->size = size;
    tag_account(tag, 1, (int64_t)size);
    /* Windows does not zero pool: neither do we, so a driver relying on it shows. */
    memset(h + 1, 0xA5, size);
    return h + 1;
}

static VOID sh_ExFreePoolWithTag(PVOID p, ULONG tag)
{
    IRQL_MAX("ExFreePoolWithTag", NT_DISPATCH);
    if (!p) {
        nt_shim_violate("ExFreePoolWithTag(NULL)");
        return;
    }
    struct pool_hdr *h = (struct pool_hdr *)p - 1;
    if (h->magic != POOL_MAGIC) {
        nt_shim_violate("ExFreePoolWithTag(%p): not a pool block (double free?)", p);
        return;
    }
    if (h->tag != tag)
        nt_shim_violate("ExFreePoolWithTag(%p) tag 0x%x, allocated with 0x%x", p, (unsigned)tag, h->tag);
    h->magic = 0;
    tag_account(h->tag, -1, -(int64_t)h->size);
    heap_free(h);
}

/* ---- contiguous memory, physical addresses, I/O space ---- */
#define MAX_CONTIG 64
static struct {
    void *va;
    uint64_t size;
} contig[MAX_CONTIG];

uint32_t nt_contig_live(void)
{
    uint32_t n = 0;
    for (int i = 0; i < MAX_CONTIG; i++)
        n += contig[i].va != NULL;
    return n;
}

uint32_t nt_contig_list(uint64_t size, void **out, uint32_t max)
{
    uint32_t n = 0;
    for (int i = 0; i < MAX_CONTIG; i++)
        if (contig[i].va && contig[i].size == size && n < max)
            out[n++] = contig[i].va;
    return n;
}

static PVOID sh_MmAllocateContiguousMemorySpecifyCache(SIZE_T size, PHYSICAL_ADDRESS lo, PHYSICAL_ADDRESS hi,
                                                        PHYSICAL_ADDRESS boundary, MEMORY_CACHING_TYPE ct)
{
    IRQL_MAX("MmAllocateContiguousMemorySpecifyCache", NT_DISPATCH);
    (void)ct;
    if (!size)
        return NULL;
    int slot = -1;
    for (int i = 0; i < MAX_CONTIG && slot < 0; i++)
        if (!contig[i].va)
            slot = i;
    if (slot < 0)
        return NULL;
    uint64_t align = 4096;
    if (boundary.QuadPart) {
        if ((uint64_t)boundary.QuadPart < size)
            return NULL; /* documented: cannot satisfy */
        align = (uint64_t)boundary.QuadPart; /* aligned to it = never crosses it */
    }
    void *p = page_alloc(size, align);
    if (!p)
        return NULL;
    uint64_t pa = (uint64_t)(uintptr_t)p;
    if (pa < (uint64_t)lo.QuadPart || pa + size - 1 > (uint64_t)hi.QuadPart) {
        page_free(p, size);
        return NULL;
    }
    contig[slot].va = p;
    contig[slot].size = size;
    return p;
}

static VOID sh_MmFreeContiguousMemory(PVOID va)
{
    IRQL_MAX("MmFreeContiguousMemory", NT_DISPATCH); /* Server 2008+: <= DISPATCH_LEVEL */
    for (int i = 0; i < MAX_CONTIG; i++)
        if (contig[i].va == va && va) {
            page_free(va, contig[i].size);
            contig[i].va = NULL;
            return;
        }
    nt_shim_violate("MmFreeContiguousMemory(%p): not a contiguous allocation", va);
}

static PHYSICAL_ADDRESS sh_MmGetPhysicalAddress(PVOID va)
{
    tick(); /* any IRQL */
    PHYSICAL_ADDRESS r;
    r.QuadPart = (LONGLONG)mem_virt_to_phys((uint64_t)(uintptr_t)va);
    return r;
}

#define MAX_IOMAP 16
static struct {
    uint64_t pa, len;
} iomap[MAX_IOMAP];
uint32_t nt_iomap_live(void)
{
    uint32_t n = 0;
    for (int i = 0; i < MAX_IOMAP; i++)
        n += iomap[i].len != 0;
    return n;
}

static PVOID sh_MmMapIoSpace(PHYSICAL_ADDRESS pa, SIZE_T len, MEMORY_CACHING_TYPE ct)
{
    IRQL_MAX("MmMapIoSpace", NT_DISPATCH);
    (void)ct;
    if (!len)
        return NULL;
    for (int i = 0; i < MAX_IOMAP; i++)
        if (!iomap[i].len) {
            if (!mem_map_identity((uint64_t)pa.QuadPart, len))
                return NULL;
            iomap[i].pa = (uint64_t)pa.QuadPart;
            iomap[i].len = len;
            return (PVOID)(uintptr_t)pa.QuadPart;
        }
    return NULL;
}

static VOID sh_MmUnmapIoSpace(PVOID va, SIZE_T len)
{
    IRQL_MAX("MmUnmapIoSpace", NT_DISPATCH);
    for (int i = 0; i < MAX_IOMAP; i++)
        if (iomap[i].len && iomap[i].pa == (uint64_t)(uintptr_t)va) {
            if (iomap[i].len != len)
                nt_shim_violate("MmUnmapIoSpace(%p, %llu): mapped with length %llu", va, (unsigned long long)len,
                                (unsigned long long)iomap[i].len);
            iomap[i].len = 0;
            return;
        }
    nt_shim_violate("MmUnmapIoSpace(%p): not mapped", va);
}

/* ---- spin locks: raise to DISPATCH_LEVEL; one CPU, so no spinning ---- */
static KIRQL sh_KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK l)
{
    IRQL_MAX("KeAcquireSpinLockRaiseToDpc", NT_DISPATCH);
    KIRQL old = nt_irql();
    if (*l)
        nt_shim_violate("KeAcquireSpinLockRaiseToDpc(%p): already held (deadlock on one CPU)", (void *)l);
    *l = 1;
    nt_set_irql(NT_DISPATCH);
    return old;
}

static VOID sh_KeReleaseSpinLock(PKSPIN_LOCK l, KIRQL old)
{
    IRQL_EQ("KeReleaseSpinLock", NT_DISPATCH);
    if (!*l)
        nt_shim_violate("KeReleaseSpinLock(%p): not held", (void *)l);
    if (old > NT_DISPATCH)
        nt_shim_violate("KeReleaseSpinLock: NewIrql %u above DISPATCH_LEVEL", old);
    *l = 0;
    nt_set_irql(old);
}

/* ---- DPCs and timers ---- */
#define MAX_DPC 16
static struct {
    PKDPC dpc;                 /* a driver KDPC ... */
    void (*fn)(void *);        /* ... or a dxgkrnl-side function */
    void *arg;
} dpcq[MAX_DPC];
static uint32_t ndpc;

static bool queue_dpc(PKDPC d, void (*fn)(void *), void *arg)
{
    for (uint32_t i = 0; i < ndpc; i++)
        if ((d && dpcq[i].dpc == d) || (fn && dpcq[i].fn == fn && dpcq[i].arg == arg))
            return false; /* already queued: documented FALSE */
    if (ndpc == MAX_DPC) {
        nt_shim_violate("DPC queue overflow");
        return false;
    }
    dpcq[ndpc].dpc = d;
    dpcq[ndpc].fn = fn;
    dpcq[ndpc].arg = arg;
    ndpc++;
    return true;
}
bool nt_queue_dpc_fn(void (*fn)(void *), void *arg)
{
    uint64_t f = read_flags();
    irq_off();
    bool r = queue_dpc(NULL, fn, arg);
    if (f & 0x200)
        irq_on();
    return r;
}

static VOID sh_KeInitializeDpc(PRKDPC d, PKDEFERRED_ROUTINE fn, PVOID ctx)
{
    tick(); /* any IRQL */
    memset(d, 0, sizeof(*d));
    d->DeferredRoutine = fn;
    d->DeferredContext = ctx;
}

#define MAX_TIMERS 8
static struct {
    PKTIMER t;
    uint64_t due_ns, period_ns;
    PKDPC dpc;
} timers[MAX_TIMERS];
uint32_t nt_timers_live(void)
{
    uint32_t n = 0;
    for (int i = 0; i < MAX_TIMERS; i++)
        n += timers[i].t != NULL;
    return n;
}

static VOID sh_KeInitializeTimer(PKTIMER t)
{
    IRQL_MAX("KeInitializeTimer", NT_DISPATCH);
    memset(t, 0, sizeof(*t));
}

static BOOLEAN cancel_timer(PKTIMER t)
{
    for (int i = 0; i < MAX_TIMERS; i++)
        if (timers[i].t == t) {
            timers[i].t = NULL;
            return TRUE;
        }
    return FALSE;
}

static BOOLEAN sh_KeCancelTimer(PKTIMER t)
{
    IRQL_MAX("KeCancelTimer", NT_DISPATCH);
    return cancel_timer(t);
}

static BOOLEAN sh_KeSetTimerEx(PKTIMER t, LARGE_INTEGER due, LONG period_ms, PKDPC dpc)
{
    IRQL_MAX("KeSetTimerEx", NT_DISPATCH);
    BOOLEAN was = cancel_timer(t);
    uint64_t now = now_ns();
    /* negative = relative, in 100 ns units; positive = absolute system time
     * (we have no wall clock: treat as "now") */
    uint64_t at = due.QuadPart < 0 ? now + (uint64_t)(-due.QuadPart) * 100 : now;
    for (int i = 0; i < MAX_TIMERS; i++)
        if (!timers[i].t) {
            timers[i].t = t;
            timers[i].due_ns = at;
            timers[i].period_ns = (uint64_t)period_ms * 1000000ull;
            timers[i].dpc = dpc;
            return was;
        }
    nt_shim_violate("more than %d timers", MAX_TIMERS);
    return was;
}

void nt_pump(void)
{
    tick();
    if (nt_irql() != NT_PASSIVE)
        return; /* DPCs run when IRQL drops below DISPATCH_LEVEL */
    uint64_t now = now_ns();
    for (int i = 0; i < MAX_TIMERS; i++)
        if (timers[i].t && now >= timers[i].due_ns) {
            PKDPC d = timers[i].dpc;
            if (timers[i].period_ns)
                timers[i].due_ns = now + timers[i].period_ns;
            else
                timers[i].t = NULL;
            if (d)
                queue_dpc(d, NULL, NULL);
        }
    for (int guard = 0; guard < 64; guard++) {
        irq_off();
        if (!ndpc) {
            irq_on();
            break;
        }
        PKDPC d = dpcq[0].dpc;
        void (*fn)(void *) = dpcq[0].fn;
        void *arg = dpcq[0].arg;
        memmove(&dpcq[0], &dpcq[1], (ndpc - 1) * sizeof(dpcq[0]));
        ndpc--;
        irq_on();
        nt_set_irql(NT_DISPATCH);
        if (d)
            d->DeferredRoutine(d, d->DeferredContext, NULL, NULL);
        else
            fn(arg);
        if (nt_irql() != NT_DISPATCH)
            nt_shim_violate("a DPC returned at IRQL %u", nt_irql());
        nt_set_irql(NT_PASSIVE);
    }
}

static VOID sh_KeFlushQueuedDpcs(VOID)
{
    IRQL_EQ("KeFlushQueuedDpcs", NT_PASSIVE);
    /* timers are not DPCs yet: only what is queued now */
    nt_pump();
}

/* ---- events and waits ---- */
static VOID sh_KeInitializeEvent(PRKEVENT e, EVENT_TYPE type, BOOLEAN state)
{
    tick(); /* any IRQL */
    memset(e, 0, sizeof(*e));
    e->Header.Type = (UCHAR)type;
    e->Header.SignalState = state ? 1 : 0;
    InitializeListHead(&e->Header.WaitListHead);
}

static uint64_t timeout_ns(PLARGE_INTEGER t)
{
    if (!t)
        return ~0ull;
    if (t->QuadPart >= 0)
        return 0; /* absolute: no wall clock here, it is in the past */
    return (uint64_t)(-t->QuadPart) * 100;
}

static NTSTATUS sh_KeWaitForSingleObject(PVOID obj, KWAIT_REASON why, KPROCESSOR_MODE mode, BOOLEAN alertable,
                                         PLARGE_INTEGER timeout)
{
    (void)why; (void)mode; (void)alertable;
    IRQL_MAX("KeWaitForSingleObject", NT_DISPATCH);
    uint64_t lim = timeout_ns(timeout);
    if (nt_irql() == NT_DISPATCH && lim != 0)
        nt_shim_violate("KeWaitForSingleObject at DISPATCH_LEVEL with a nonzero timeout");
    PKEVENT e = obj;
    uint64_t end = lim == ~0ull ? ~0ull : now_ns() + lim;
    for (;;) {
        if (e->Header.SignalState) {
            if (e->Header.Type == SynchronizationEvent)
                e->Header.SignalState = 0;
            return STATUS_SUCCESS;
        }
        if (now_ns() >= end)
            return STATUS_TIMEOUT;
        nt_pump();
        cpu_wait_interrupt();
    }
}

static NTSTATUS sh_KeDelayExecutionThread(KPROCESSOR_MODE mode, BOOLEAN alertable, PLARGE_INTEGER interval)
{
    (void)mode; (void)alertable;
    IRQL_MAX("KeDelayExecutionThread", NT_APC);
    uint64_t end = now_ns() + timeout_ns(interval);
    while (now_ns() < end) {
        nt_pump();
        cpu_wait_interrupt();
    }
    return STATUS_SUCCESS;
}

static VOID sh_KeStallExecutionProcessor(ULONG us)
{
    tick(); /* any IRQL */
    if (us > 50)
        nt_shim_violate("KeStallExecutionProcessor(%u): documented limit is 50 us", (unsigned)us);
    uint64_t end = now_ns() + (uint64_t)us * 1000;
    while (now_ns() < end)
        cpu_relax();
    tick();
}

/* ---- strings, registry, logging ---- */
static VOID sh_RtlInitUnicodeString(PUNICODE_STRING u, PCWSTR s)
{
    IRQL_MAX("RtlInitUnicodeString", NT_DISPATCH);
    size_t n = 0;
    while (s && s[n])
        n++;
    u->Buffer = (PWSTR)s;
    u->Length = (USHORT)(n * 2);
    u->MaximumLength = s ? (USHORT)(n * 2 + 2) : 0;
}

static bool ustr_eq(PCUNICODE_STRING u, const char *a)
{
    size_t n = strlen(a);
    if (!u || !u->Buffer || u->Length != n * 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if (u->Buffer[i] != (WCHAR)a[i])
            return false;
    return true;
}

static NTSTATUS sh_RtlQueryRegistryValues(ULONG rel, PCWSTR path, PRTL_QUERY_REGISTRY_TABLE q, PVOID ctx, PVOID env)
{
    (void)rel; (void)path; (void)ctx; (void)env;
    IRQL_EQ("RtlQueryRegistryValues", NT_PASSIVE);
    /* The only value a test sets: <service>\Parameters\LogLevel from the
     * kernel option kmdlog=N.  Everything else does not exist. */
    char buf[16];
    const char *lv = t_option("kmdlog", buf, sizeof buf);
    for (; q && (q->QueryRoutine || q->Name); q++) {
        bool known = lv && q->Name && q->Name[0] == 'L' && (q->Flags & RTL_QUERY_REGISTRY_DIRECT);
        if (known) {
            *(ULONG *)q->EntryContext = (ULONG)(lv[0] - '0');
            continue;
        }
        if (q->Flags & RTL_QUERY_REGISTRY_REQUIRED)
            return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    return STATUS_SUCCESS;
}

static ULONG sh_DbgPrintEx(ULONG comp, ULONG level, PCSTR fmt, ...)
{
    (void)comp;
    tick(); /* any IRQL, but not above DIRQL in practice */
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    kprintf("kmd[%u]: %s", (unsigned)level, line);
    return STATUS_SUCCESS;
}

/* ---- I/O manager: just enough for DxgkInitialize ---- */
static DEVICE_OBJECT dxgk_dev;
static FILE_OBJECT dxgk_file;
static int32_t dxgk_refs;
static nt_ioctl_fn dxgk_ioctl;
void nt_shim_set_dxgk(nt_ioctl_fn fn) { dxgk_ioctl = fn; }
int32_t nt_dxgk_refs(void) { return dxgk_refs; }

static NTSTATUS sh_ZwLoadDriver(PUNICODE_STRING svc)
{
    IRQL_EQ("ZwLoadDriver", NT_PASSIVE);
    if (ustr_eq(svc, "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\DXGKrnl"))
        return (NTSTATUS)0xC000010E; /* STATUS_IMAGE_ALREADY_LOADED */
    return STATUS_OBJECT_NAME_NOT_FOUND;
}

static NTSTATUS sh_IoGetDeviceObjectPointer(PUNICODE_STRING name, ACCESS_MASK acc, PFILE_OBJECT *f, PDEVICE_OBJECT *d)
{
    (void)acc;
    IRQL_EQ("IoGetDeviceObjectPointer", NT_PASSIVE);
    if (!dxgk_ioctl || !ustr_eq(name, "\\Device\\DxgKrnl"))
        return STATUS_OBJECT_NAME_NOT_FOUND;
    dxgk_refs++;
    *f = &dxgk_file;
    *d = &dxgk_dev;
    return STATUS_SUCCESS;
}

static VOID sh_ObfDereferenceObject(PVOID obj)
{
    IRQL_MAX("ObfDereferenceObject", NT_DISPATCH);
    if (obj != &dxgk_file || dxgk_refs <= 0)
        nt_shim_violate("ObfDereferenceObject(%p): no reference held", obj);
    else
        dxgk_refs--;
}

/* Our IRP is private: the driver only passes it to IofCallDriver. */
struct sh_irp {
    uint64_t magic;
    ULONG code;
    BOOLEAN internal;
    PVOID out;
    ULONG outlen;
    PKEVENT event;
    PIO_STATUS_BLOCK iosb;
};
#define IRP_MAGIC 0x5052494d49485300ull

static PIRP sh_IoBuildDeviceIoControlRequest(ULONG code, PDEVICE_OBJECT dev, PVOID in, ULONG inlen, PVOID out,
                                             ULONG outlen, BOOLEAN internal, PKEVENT ev, PIO_STATUS_BLOCK iosb)
{
    (void)in; (void)inlen;
    IRQL_EQ("IoBuildDeviceIoControlRequest", NT_PASSIVE);
    if (dev != &dxgk_dev)
        nt_shim_violate("IoBuildDeviceIoControlRequest for an unknown device %p", (void *)dev);
    if (!iosb)
        nt_shim_violate("IoBuildDeviceIoControlRequest without an IoStatusBlock");
    struct sh_irp *irp = heap_alloc(sizeof(*irp));
    if (!irp)
        return NULL;
    irp->magic = IRP_MAGIC;
    irp->code = code;
    irp->internal = internal;
    irp->out = out;
    irp->outlen = outlen;
    irp->event = ev;
    irp->iosb = iosb;
    return (PIRP)irp;
}

static NTSTATUS sh_IofCallDriver(PDEVICE_OBJECT dev, PIRP pirp)
{
    IRQL_MAX("IofCallDriver", NT_DISPATCH);
    struct sh_irp *irp = (struct sh_irp *)pirp;
    if (dev != &dxgk_dev || !irp || irp->magic != IRP_MAGIC) {
        nt_shim_violate("IofCallDriver(%p, %p): unknown device or IRP", (void *)dev, (void *)pirp);
        return STATUS_INVALID_PARAMETER;
    }
    uint64_t info = 0;
    NTSTATUS st = dxgk_ioctl(irp->code, irp->internal, irp->out, irp->outlen, &info);
    /* Completion, as the I/O manager does it for a threaded IRP: status
     * block, then the event, then the IRP is freed. */
    if (irp->iosb) {
        irp->iosb->Status = st;
        irp->iosb->Information = info;
    }
    if (irp->event)
        irp->event->Header.SignalState = 1;
    irp->magic = 0;
    heap_free(irp);
    return st;
}

/* ---- export table ---- */
static void *sh_memcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
static void *sh_memset(void *d, int c, size_t n) { return memset(d, c, n); }

static const struct {
    const char *dll, *name;
    void *fn;
} exports[] = {
#define NT(x) {"ntoskrnl.exe", #x, (void *)sh_##x}
    {"HAL.dll", "KeStallExecutionProcessor", (void *)sh_KeStallExecutionProcessor},
    NT(DbgPrintEx), NT(ExAllocatePoolWithTag), NT(ExFreePoolWithTag), NT(IoBuildDeviceIoControlRequest),
    NT(IoGetDeviceObjectPointer), NT(IofCallDriver), NT(KeAcquireSpinLockRaiseToDpc), NT(KeCancelTimer),
    NT(KeDelayExecutionThread), NT(KeFlushQueuedDpcs), NT(KeInitializeDpc), NT(KeInitializeEvent),
    NT(KeInitializeTimer), NT(KeReleaseSpinLock), NT(KeSetTimerEx), NT(KeWaitForSingleObject),
    NT(MmAllocateContiguousMemorySpecifyCache), NT(MmFreeContiguousMemory), NT(MmGetPhysicalAddress),
    NT(MmMapIoSpace), NT(MmUnmapIoSpace), NT(ObfDereferenceObject), NT(RtlInitUnicodeString),
    NT(RtlQueryRegistryValues), NT(ZwLoadDriver), NT(memcpy), NT(memset),
#undef NT
};

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? *a + 32 : *a, y = *b >= 'A' && *b <= 'Z' ? *b + 32 : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

uint64_t nt_shim_resolve(void *ctx, const char *dll, const char *name)
{
    (void)ctx;
    if (hidden_export && !strcmp(hidden_export, name))
        return 0;
    for (size_t i = 0; i < sizeof exports / sizeof exports[0]; i++)
        if (ieq(dll, exports[i].dll) && !strcmp(name, exports[i].name))
            return (uint64_t)(uintptr_t)exports[i].fn;
    return 0;
}

void nt_shim_init(void)
{
    if (!kusd_itime) {
        void *pg = page_alloc(4096, 4096);
        mem_enable_nx();
        if (pg && mem_map_4k(KUSD_VA, (uint64_t)(uintptr_t)pg, PTE_RW | PTE_NX))
            kusd_itime = (volatile uint64_t *)(uintptr_t)(KUSD_VA + 8);
    }
    tick();
    nt_set_irql(NT_PASSIVE);
}
