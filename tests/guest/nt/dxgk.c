/*
 * dxgk.c — dxgkrnl's side of a display miniport's life: registration,
 * AddDevice/StartDevice and the DXGKRNL_INTERFACE callbacks (see dxgk.h).
 * Callback IRQL rules come from each DxgkCb* documentation page; a callback
 * used outside them is a recorded violation, like a shim export.
 */
#include "dxgk.h"
#include "nt_shim.h"
#include "../sha256.h"
#include "vidpn.h"
#include "viogpu/abi.h"
#include "virgl/virgl_caps.h"

struct dxgk dxgk_global;

#define IOCTL_DXGK_WIN8 0x230047u
#define IOCTL_DXGK_LEGACY 0x23003Fu

bool dxgk_no_violation(const char *when)
{
    const char *v = nt_shim_violation();
    if (v[0])
        return t_fail("%s: %s", when, v);
    return true;
}

static bool status_ok(NTSTATUS st, const char *what)
{
    if (st < 0)
        return t_fail("%s returned 0x%08x", what, (unsigned)st);
    return true;
}

/* ---- registration: what DxgkInitialize's device control returns ---- */
static NTSTATUS dxgk_register(PDRIVER_OBJECT drv, PUNICODE_STRING reg, PDRIVER_INITIALIZATION_DATA d)
{
    struct dxgk *k = &dxgk_global;
    if (nt_irql() != NT_PASSIVE)
        nt_shim_violate("DxgkInitialize at IRQL %u", nt_irql());
    if (drv != &k->drv || !reg || !d)
        return STATUS_INVALID_PARAMETER;
    if (d->Version != DXGKDDI_INTERFACE_VERSION_WDDM1_3) {
        nt_shim_violate("DRIVER_INITIALIZATION_DATA.Version 0x%x, want 0x%x", (unsigned)d->Version,
                        DXGKDDI_INTERFACE_VERSION_WDDM1_3);
        return STATUS_REVISION_MISMATCH;
    }
    /* The DDIs every WDDM miniport must supply (dxgkrnl fails the load
     * otherwise). */
    if (!d->DxgkDdiAddDevice || !d->DxgkDdiStartDevice || !d->DxgkDdiStopDevice || !d->DxgkDdiRemoveDevice ||
        !d->DxgkDdiInterruptRoutine || !d->DxgkDdiDpcRoutine || !d->DxgkDdiQueryChildRelations ||
        !d->DxgkDdiQueryChildStatus || !d->DxgkDdiQueryDeviceDescriptor || !d->DxgkDdiSetPowerState ||
        !d->DxgkDdiResetDevice || !d->DxgkDdiUnload || !d->DxgkDdiQueryAdapterInfo || !d->DxgkDdiCommitVidPn ||
        !d->DxgkDdiIsSupportedVidPn || !d->DxgkDdiEnumVidPnCofuncModality || !d->DxgkDdiSetVidPnSourceAddress)
        return STATUS_INVALID_PARAMETER;
    k->ddi = *d;
    k->registered = true;
    return STATUS_SUCCESS;
}

static int32_t dxgk_ioctl(uint32_t code, bool internal, void *out, uint32_t outlen, uint64_t *info)
{
    struct dxgk *k = &dxgk_global;
    if (code == k->reject_ioctl)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (code != IOCTL_DXGK_WIN8 && code != IOCTL_DXGK_LEGACY)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!internal)
        nt_shim_violate("DxgKrnl control 0x%x sent as a non-internal control", code);
    if (!out || outlen < sizeof(void *))
        return STATUS_BUFFER_TOO_SMALL;
    void *fn = (void *)dxgk_register;
    memcpy(out, &fn, sizeof fn);
    k->reg_ioctl = code;
    *info = sizeof fn;
    return STATUS_SUCCESS;
}

/* ---- load and DriverEntry ---- */
bool dxgk_load(struct dxgk *k)
{
    char err[160], hex[65], line[128];
    memset(k, 0, sizeof(*k));
    nt_shim_init();
    nt_shim_violation_reset();
    nt_shim_set_dxgk(dxgk_ioctl);
    const struct mem_module *m = mem_module_find("viogpu3d.sys");
    if (!m)
        return t_fail("no viogpu3d.sys module (QEMU -initrd)");
    sha256_hex(m->data, m->len, hex);
    ksnprintf(line, sizeof line, "SHA256 viogpu3d.sys %s", hex);
    if (!t_host_check(line))
        return false;
    if (!pe_load(m->data, m->len, DXGK_LOAD_BASE, nt_shim_resolve, NULL, &k->img, err, sizeof err))
        return t_fail("pe_load: %s", err);
    k->loaded = true;
    kprintf("kmd: viogpu3d.sys %llu bytes at 0x%llx (preferred 0x%llx): %u relocs, %u imports, cert %u bytes\n",
            (unsigned long long)m->len, (unsigned long long)k->img.base, (unsigned long long)k->img.preferred,
            k->img.nrelocs, k->img.nimports, k->img.cert_size);
    return true;
}

bool dxgk_driver_entry(struct dxgk *k)
{
    static const WCHAR regpath[] = L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\viogpu3d";
    UNICODE_STRING rp;
    rp.Buffer = (PWSTR)regpath;
    rp.Length = sizeof(regpath) - sizeof(WCHAR);
    rp.MaximumLength = sizeof(regpath);
    k->drv.Type = IO_TYPE_DRIVER;
    k->drv.Size = sizeof(k->drv);
    typedef NTSTATUS (*entry_fn)(PDRIVER_OBJECT, PUNICODE_STRING);
    NTSTATUS st = ((entry_fn)(uintptr_t)k->img.entry)(&k->drv, &rp);
    nt_pump();
    if (!status_ok(st, "DriverEntry") || !dxgk_no_violation("DriverEntry"))
        return false;
    CHECK(k->registered, "DriverEntry succeeded without registering with dxgkrnl");
    CHECK(nt_dxgk_refs() == 0, "DriverEntry kept %d references on \\Device\\DxgKrnl", (int)nt_dxgk_refs());
    return true;
}

/* ---- DXGKRNL_INTERFACE callbacks ---- */
#define HANDLE_MAGIC ((HANDLE)(uintptr_t)0xD86C0001)
static bool check_handle(HANDLE h, const char *cb)
{
    if (h != HANDLE_MAGIC) {
        nt_shim_violate("%s with DeviceHandle %p, not the one from StartDevice", cb, h);
        return false;
    }
    return true;
}

static NTSTATUS cb_get_device_information(HANDLE h, PDXGK_DEVICE_INFO di)
{
    struct dxgk *k = &dxgk_global;
    if (!check_handle(h, "DxgkCbGetDeviceInformation"))
        return STATUS_INVALID_PARAMETER;
    if (nt_irql() != NT_PASSIVE)
        nt_shim_violate("DxgkCbGetDeviceInformation at IRQL %u (PASSIVE_LEVEL only)", nt_irql());
    memset(di, 0, sizeof(*di));
    di->MiniportDeviceContext = k->ctx;
    di->PhysicalDeviceObject = &k->pdo;
    di->TranslatedResourceList = (PCM_RESOURCE_LIST)k->res_buf;
    di->SystemMemorySize.QuadPart = 256ll << 20;
    di->HighestPhysicalAddress.QuadPart = (256ll << 20) - 1;
    return STATUS_SUCCESS;
}

static NTSTATUS cb_indicate_child_status(HANDLE h, PDXGK_CHILD_STATUS cs)
{
    struct dxgk *k = &dxgk_global;
    if (!check_handle(h, "DxgkCbIndicateChildStatus"))
        return STATUS_INVALID_PARAMETER;
    if (nt_irql() > NT_DISPATCH)
        nt_shim_violate("DxgkCbIndicateChildStatus at IRQL %u", nt_irql());
    if (!cs || cs->ChildUid >= k->nchild)
        nt_shim_violate("DxgkCbIndicateChildStatus for child %u of %u", cs ? (unsigned)cs->ChildUid : 0u,
                        (unsigned)k->nchild);
    else
        k->last_child_status = *cs;
    k->child_status_calls++;
    return STATUS_SUCCESS;
}

static NTSTATUS cb_map_memory(HANDLE h, PHYSICAL_ADDRESS pa, ULONG len, BOOLEAN io, BOOLEAN user,
                              MEMORY_CACHING_TYPE ct, PVOID *va)
{
    (void)io; (void)ct;
    if (!check_handle(h, "DxgkCbMapMemory"))
        return STATUS_INVALID_PARAMETER;
    if (user)
        return STATUS_NOT_SUPPORTED; /* no user mode here */
    if (!mem_map_identity((uint64_t)pa.QuadPart, len))
        return STATUS_INSUFFICIENT_RESOURCES;
    *va = (PVOID)(uintptr_t)pa.QuadPart;
    return STATUS_SUCCESS;
}

static NTSTATUS cb_unmap_memory(HANDLE h, PVOID va)
{
    (void)va;
    return check_handle(h, "DxgkCbUnmapMemory") ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

static void ddi_dpc(void *arg)
{
    struct dxgk *k = arg;
    k->dpcs++;
    k->ddi.DxgkDdiDpcRoutine(k->ctx);
}

static BOOLEAN cb_queue_dpc(HANDLE h)
{
    if (!check_handle(h, "DxgkCbQueueDpc"))
        return FALSE;
    return nt_queue_dpc_fn(ddi_dpc, &dxgk_global);
}

static NTSTATUS config_io(HANDLE h, ULONG type, PVOID buf, ULONG off, ULONG len, PULONG done, bool write)
{
    struct dxgk *k = &dxgk_global;
    if (!check_handle(h, write ? "DxgkCbWriteDeviceSpace" : "DxgkCbReadDeviceSpace"))
        return STATUS_INVALID_PARAMETER;
    if (nt_irql() != NT_PASSIVE)
        nt_shim_violate("DxgkCb%sDeviceSpace at IRQL %u (PASSIVE_LEVEL only)", write ? "Write" : "Read", nt_irql());
    if (type != DXGK_WHICHSPACE_CONFIG)
        return STATUS_NOT_SUPPORTED;
    if (off >= 256 || len > 256 - off)
        return STATUS_INVALID_PARAMETER;
    uint8_t *b = buf;
    for (ULONG i = 0; i < len; i++) {
        if (write)
            pci_write8(&k->pci, off + i, b[i]);
        else
            b[i] = pci_read8(&k->pci, off + i);
    }
    if (done)
        *done = len;
    return STATUS_SUCCESS;
}
static NTSTATUS cb_read_device_space(HANDLE h, ULONG t, PVOID b, ULONG o, ULONG l, PULONG d)
{
    return config_io(h, t, b, o, l, d, false);
}
static NTSTATUS cb_write_device_space(HANDLE h, ULONG t, PVOID b, ULONG o, ULONG l, PULONG d)
{
    return config_io(h, t, b, o, l, d, true);
}

static NTSTATUS cb_synchronize_execution(HANDLE h, PKSYNCHRONIZE_ROUTINE fn, PVOID arg, ULONG msg, PBOOLEAN ret)
{
    if (!check_handle(h, "DxgkCbSynchronizeExecution"))
        return STATUS_INVALID_PARAMETER;
    if (nt_irql() > NT_DIRQL)
        nt_shim_violate("DxgkCbSynchronizeExecution at IRQL %u", nt_irql());
    (void)msg;
    uint8_t old = nt_irql();
    nt_set_irql(NT_DIRQL); /* masks our device vectors: the ISR cannot run */
    BOOLEAN r = fn(arg);
    nt_set_irql(old);
    if (ret)
        *ret = r;
    return STATUS_SUCCESS;
}

static VOID APIENTRY cb_notify_interrupt(const HANDLE h, const DXGKARGCB_NOTIFY_INTERRUPT_DATA *d)
{
    if (!check_handle(h, "DxgkCbNotifyInterrupt"))
        return;
    /* Documented: called from the ISR or a SynchronizeExecution routine. */
    if (nt_irql() < NT_DIRQL)
        nt_shim_violate("DxgkCbNotifyInterrupt at IRQL %u (must be DIRQL)", nt_irql());
    dxgk_global.notify_irq++;
    if (d && d->InterruptType == DXGK_INTERRUPT_CRTC_VSYNC)
        dxgk_global.vsyncs++;
    if (d && d->InterruptType == DXGK_INTERRUPT_DMA_COMPLETED) {
        /* fences complete in submission order */
        if (d->DmaCompleted.SubmissionFenceId < dxgk_global.fence_done)
            nt_shim_violate("DMA_COMPLETED fence %u after %u", d->DmaCompleted.SubmissionFenceId,
                            dxgk_global.fence_done);
        dxgk_global.fence_done = d->DmaCompleted.SubmissionFenceId;
    }
}

static VOID APIENTRY cb_notify_dpc(const HANDLE h)
{
    if (!check_handle(h, "DxgkCbNotifyDpc"))
        return;
    if (nt_irql() != NT_DISPATCH)
        nt_shim_violate("DxgkCbNotifyDpc at IRQL %u (DISPATCH_LEVEL, from the DPC)", nt_irql());
    dxgk_global.notify_dpc++;
}

/* Callbacks the driver declares it never uses: calling one is a bug. */
static NTSTATUS cb_unexpected(void)
{
    nt_shim_violate("the driver called a DXGKRNL_INTERFACE callback it declares unused");
    return STATUS_NOT_SUPPORTED;
}

/* ---- interrupts: MSI-X vector -> DxgkDdiInterruptRoutine at DIRQL ---- */
static void on_msix(void *arg, uint32_t vector)
{
    struct dxgk *k = arg;
    uint8_t old = nt_irql();
    nt_set_irql(NT_DIRQL);
    k->isr_calls++;
    if (k->ddi.DxgkDdiInterruptRoutine(k->ctx, vector - VEC_DEVICE_BASE))
        k->isr_claimed++;
    if (nt_irql() != NT_DIRQL)
        nt_shim_violate("DxgkDdiInterruptRoutine returned at IRQL %u", nt_irql());
    nt_set_irql(old);
}

/* The translated resources the PnP manager would hand over: the memory
 * BARs in BAR order, then one message-signaled interrupt descriptor per
 * MSI-X message granted (documented in "Using Interrupt Resource
 * Descriptors"). */
static bool build_resources(struct dxgk *k)
{
    PCM_RESOURCE_LIST rl = (PCM_RESOURCE_LIST)k->res_buf;
    memset(k->res_buf, 0, sizeof k->res_buf);
    rl->Count = 1;
    rl->List[0].InterfaceType = PCIBus;
    PCM_PARTIAL_RESOURCE_LIST pl = &rl->List[0].PartialResourceList;
    pl->Version = 1;
    pl->Revision = 1;
    ULONG n = 0;
    for (uint32_t b = 0; b < 6; b++) {
        uint64_t base, size;
        uint32_t raw = pci_read32(&k->pci, 0x10 + 4 * b);
        if (pci_bar(&k->pci, b, &base, &size)) {
            PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &pl->PartialDescriptors[n++];
            d->Type = CmResourceTypeMemory;
            d->ShareDisposition = CmResourceShareDeviceExclusive;
            d->Flags = CM_RESOURCE_MEMORY_READ_WRITE;
            d->u.Memory.Start.QuadPart = (LONGLONG)base;
            d->u.Memory.Length = (ULONG)size;
        }
        if ((raw & 7u) == 4u)
            b++; /* 64-bit BAR: two registers */
    }
    k->msix_vectors = msix_setup(&k->pci, 3, on_msix, k);
    /* MSI-X: the translated list carries one descriptor per granted
     * message (Translated view: Level, Vector, Affinity); the
     * raw-only MessageCount field does not exist in this list. */
    for (uint32_t m = 0; m < k->msix_vectors; m++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = &pl->PartialDescriptors[n++];
        d->Type = CmResourceTypeInterrupt;
        d->ShareDisposition = CmResourceShareDeviceExclusive;
        d->Flags = CM_RESOURCE_INTERRUPT_LATCHED | CM_RESOURCE_INTERRUPT_MESSAGE;
        d->u.MessageInterrupt.Translated.Level = VEC_DEVICE_BASE + m;
        d->u.MessageInterrupt.Translated.Vector = VEC_DEVICE_BASE + m;
        d->u.MessageInterrupt.Translated.Affinity = 1;
    }
    pl->Count = n;
    for (ULONG i = 0; i < n; i++)
        kprintf("dxgk: resource %u: type %u flags 0x%x start 0x%llx len 0x%x\n", (unsigned)i,
                pl->PartialDescriptors[i].Type, pl->PartialDescriptors[i].Flags,
                (unsigned long long)pl->PartialDescriptors[i].u.Memory.Start.QuadPart,
                (unsigned)pl->PartialDescriptors[i].u.Memory.Length);
    return n > 0;
}

/* What dxgkrnl asks right after StartDevice: the driver's capabilities
 * and its memory segments (count first, then the descriptors). */
static bool query_adapter(struct dxgk *k)
{
    DXGKARG_QUERYADAPTERINFO q;
    memset(&q, 0, sizeof q);
    q.Type = DXGKQAITYPE_DRIVERCAPS;
    q.pOutputData = &k->caps;
    q.OutputDataSize = sizeof k->caps;
    NTSTATUS st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_SUCCESS, "QueryAdapterInfo(DRIVERCAPS): 0x%08x", (unsigned)st);
    CHECK(k->caps.MaxAllocationListSlotId > 0, "DRIVERCAPS: MaxAllocationListSlotId 0");
    CHECK(!k->caps.PointerCaps.Value || (k->caps.MaxPointerWidth && k->caps.MaxPointerHeight),
          "DRIVERCAPS: pointer caps 0x%x with a %ux%u maximum", k->caps.PointerCaps.Value, k->caps.MaxPointerWidth,
          k->caps.MaxPointerHeight);
    CHECK(k->caps.GpuEngineTopology.NbAsymetricProcessingNodes >= 1, "DRIVERCAPS: no GPU node");

    DXGK_QUERYSEGMENTIN in;
    DXGK_QUERYSEGMENTOUT out;
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    q.Type = DXGKQAITYPE_QUERYSEGMENT;
    q.pInputData = &in;
    q.InputDataSize = sizeof in;
    q.pOutputData = &out;
    q.OutputDataSize = sizeof out;
    st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_SUCCESS && out.NbSegment >= 1 && out.NbSegment <= 4,
          "QueryAdapterInfo(QUERYSEGMENT, count): 0x%08x, %u segments", (unsigned)st, out.NbSegment);
    DXGK_SEGMENTDESCRIPTOR seg[4];
    memset(seg, 0, sizeof seg);
    out.pSegmentDescriptor = seg;
    st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_SUCCESS, "QueryAdapterInfo(QUERYSEGMENT): 0x%08x", (unsigned)st);
    CHECK(seg[0].Size && seg[0].CommitLimit && seg[0].CommitLimit <= seg[0].Size,
          "segment 1: size %llu commit limit %llu", (unsigned long long)seg[0].Size,
          (unsigned long long)seg[0].CommitLimit);
    CHECK(seg[0].Flags.Aperture, "segment 1 is not an aperture segment (the harness pages by MDL)");
    CHECK(out.PagingBufferSize && out.PagingBufferSize <= 64u * 1024u,
          "paging buffer of %u bytes", out.PagingBufferSize);
    k->paging_buffer_size = out.PagingBufferSize;
    k->paging_priv_size = out.PagingBufferPrivateDataSize;

    /* What the UMD's pfnQueryAdapterInfoCb reaches (abi.h): too small
     * for the adapter info fails; adapter-info-sized gets that and not a
     * byte more; the whole struct carries the virgl capset exactly when
     * the device offers virgl, and that capset parses. */
    static struct viogpu_umd_private up;
    memset(&up, 0xa5, sizeof up);
    memset(&q, 0, sizeof q);
    q.Type = DXGKQAITYPE_UMDRIVERPRIVATE;
    q.pOutputData = &up;
    q.OutputDataSize = sizeof(up.info) - 1;
    st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_BUFFER_TOO_SMALL, "QueryAdapterInfo(UMDRIVERPRIVATE, %u bytes): 0x%08x",
          (unsigned)q.OutputDataSize, (unsigned)st);
    q.OutputDataSize = sizeof(up.info);
    st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_SUCCESS && up.info.magic == VIOGPU_ABI_MAGIC && up.capset_id == 0xa5a5a5a5u,
          "QueryAdapterInfo(UMDRIVERPRIVATE, info only): 0x%08x, magic 0x%x, wrote past the buffer: %d",
          (unsigned)st, up.info.magic, up.capset_id != 0xa5a5a5a5u);
    q.OutputDataSize = sizeof(up);
    st = k->ddi.DxgkDdiQueryAdapterInfo(k->ctx, &q);
    CHECK(st == STATUS_SUCCESS && up.info.abi_version == VIOGPU_ABI_VERSION && up.info.size == sizeof(up.info),
          "QueryAdapterInfo(UMDRIVERPRIVATE): 0x%08x, abi %u size %u", (unsigned)st, up.info.abi_version,
          up.info.size);
    kprintf("dxgk: UMD private: flags 0x%x capset %u v%u, %u bytes\n", up.info.flags, up.capset_id,
            up.capset_version, up.capset_size);
    if (up.info.flags & VIOGPU_ADAPTER_FLAG_VIRGL) {
        static struct virgl_caps caps;
        CHECK(up.capset_id == VIRGL_CAPSET_VIRGL2 && up.capset_size > 0 &&
                  up.capset_size <= VIOGPU_CAPSET_MAX && virgl_caps_parse(&caps, up.capset, up.capset_size) == 0 &&
                  caps.max_render_targets >= 1,
              "virgl device: capset %u of %u bytes does not parse", up.capset_id, up.capset_size);
    } else {
        CHECK(up.capset_id == 0 && up.capset_size == 0, "2D device answered capset %u of %u bytes",
              up.capset_id, up.capset_size);
    }
    return dxgk_no_violation("QueryAdapterInfo");
}

bool dxgk_start(struct dxgk *k)
{
    CHECK(pci_find(0x1af4, 0x1050, &k->pci), "no virtio-gpu PCI function");
    /* The PCI bus driver enables memory decoding and bus mastering. */
    pci_write16(&k->pci, 0x04, (uint16_t)(pci_read16(&k->pci, 0x04) | 0x6u));
    k->pdo.Type = IO_TYPE_DEVICE;
    k->pdo.Size = sizeof(k->pdo);
    NTSTATUS st = k->ddi.DxgkDdiAddDevice(&k->pdo, &k->ctx);
    if (!status_ok(st, "DxgkDdiAddDevice") || !dxgk_no_violation("DxgkDdiAddDevice"))
        return false;
    CHECK(k->ctx, "DxgkDdiAddDevice succeeded with a NULL MiniportDeviceContext");
    CHECK(build_resources(k), "no memory BARs on the GPU");

    memset(&k->ifc, 0, sizeof k->ifc);
    k->ifc.Size = sizeof k->ifc;
    k->ifc.Version = DXGKDDI_INTERFACE_VERSION_WDDM1_3;
    k->ifc.DeviceHandle = HANDLE_MAGIC;
    k->ifc.DxgkCbGetDeviceInformation = cb_get_device_information;
    k->ifc.DxgkCbIndicateChildStatus = cb_indicate_child_status;
    k->ifc.DxgkCbMapMemory = cb_map_memory;
    k->ifc.DxgkCbQueueDpc = cb_queue_dpc;
    k->ifc.DxgkCbReadDeviceSpace = cb_read_device_space;
    k->ifc.DxgkCbSynchronizeExecution = cb_synchronize_execution;
    k->ifc.DxgkCbUnmapMemory = cb_unmap_memory;
    k->ifc.DxgkCbWriteDeviceSpace = cb_write_device_space;
    k->ifc.DxgkCbNotifyInterrupt = cb_notify_interrupt;
    k->ifc.DxgkCbNotifyDpc = cb_notify_dpc;
    k->ifc.DxgkCbQueryVidPnInterface = vidpn_query_interface;
    PVOID *unused[] = {&k->ifc.DxgkCbEvalAcpiMethod, &k->ifc.DxgkCbQueryServices, &k->ifc.DxgkCbIsDevicePresent,
                       &k->ifc.DxgkCbGetHandleData, &k->ifc.DxgkCbGetHandleParent, &k->ifc.DxgkCbEnumHandleChildren,
                       &k->ifc.DxgkCbQueryMonitorInterface, &k->ifc.DxgkCbGetCaptureAddress,
                       &k->ifc.DxgkCbLogEtwEvent, &k->ifc.DxgkCbExcludeAdapterAccess,
                       &k->ifc.DxgkCbAcquirePostDisplayOwnership};
    for (size_t i = 0; i < sizeof unused / sizeof unused[0]; i++)
        *unused[i] = (PVOID)cb_unexpected;
    memset(&k->si, 0, sizeof k->si);
    k->si.RequiredDmaQueueEntry = 1;
    k->si.AdapterLuid.LowPart = 0x1234;

    st = k->ddi.DxgkDdiStartDevice(k->ctx, &k->si, &k->ifc, &k->nsrc, &k->nchild);
    nt_pump();
    if (!status_ok(st, "DxgkDdiStartDevice") || !dxgk_no_violation("DxgkDdiStartDevice"))
        return false;
    k->started = true;
    CHECK(k->nsrc >= 1 && k->nsrc <= 16, "StartDevice: %u video present sources", (unsigned)k->nsrc);
    CHECK(k->nchild >= 1 && k->nchild <= 16, "StartDevice: %u children", (unsigned)k->nchild);
    return query_adapter(k);
}

bool dxgk_stop(struct dxgk *k)
{
    if (k->started) {
        NTSTATUS st = k->ddi.DxgkDdiStopDevice(k->ctx);
        nt_pump();
        k->started = false;
        msix_disable(&k->pci);
        if (!status_ok(st, "DxgkDdiStopDevice"))
            return false;
    }
    if (k->ctx) {
        NTSTATUS st = k->ddi.DxgkDdiRemoveDevice(k->ctx);
        k->ctx = NULL;
        if (!status_ok(st, "DxgkDdiRemoveDevice"))
            return false;
    }
    if (k->registered) {
        k->ddi.DxgkDdiUnload();
        k->registered = false;
    }
    if (k->loaded) {
        pe_unload(&k->img);
        k->loaded = false;
    }
    return dxgk_no_violation("teardown");
}
