/*
 * tests_kmd.c — scenarios that drive the shipped viogpu3d.sys through the
 * mini dxgkrnl (dxgk.h) on QEMU's virtio-gpu-pci.  Each test loads a fresh
 * copy of the image and tears it down, so tests are independent and any
 * pool block, contiguous buffer, I/O mapping or timer left behind is a
 * leak of that scenario.
 */
#include "dxgk.h"
#include "nt_shim.h"
#include "../sha256.h"
#include "../pattern.h"
#include "viogpu/abi.h"

static bool strstr_simple(const char *h, const char *n)
{
    size_t l = strlen(n);
    for (; *h; h++)
        if (!strncmp(h, n, l))
            return true;
    return false;
}

#define KMD_TAG 0x55504756u /* 'VGPU', the driver's pool tag */

bool kmdt_no_leaks(const char *when)
{
    char d[128];
    uint64_t bytes;
    uint64_t n = nt_pool_live(0, &bytes);
    if (n) {
        nt_pool_describe(d, sizeof d);
        return t_fail("%s: %llu pool blocks (%llu bytes) still allocated: %s", when, (unsigned long long)n,
                      (unsigned long long)bytes, d);
    }
    CHECK(!nt_contig_live(), "%s: %u contiguous allocations not freed", when, nt_contig_live());
    CHECK(!nt_iomap_live(), "%s: %u MmMapIoSpace mappings not unmapped", when, nt_iomap_live());
    CHECK(!nt_timers_live(), "%s: %u timers still armed", when, nt_timers_live());
    return true;
}

/* Loads the image and checks what the loader did with it. */
static bool t_kmd_load(void)
{
    struct dxgk *k = &dxgk_global;
    if (!dxgk_load(k))
        return false;
    struct pe_image *im = &k->img;
    CHECK(im->base != im->preferred, "loaded at the preferred base");
    CHECK(im->nrelocs > 0, "no DIR64 relocations applied");
    /* the host counts the file's imports with objdump (imports=N) */
    char want[12];
    CHECK(t_option("imports", want, sizeof want), "needs imports=N (the suite counts them on the host)");
    uint32_t n = 0;
    for (const char *p = want; *p >= '0' && *p <= '9'; p++)
        n = n * 10 + (uint32_t)(*p - '0');
    CHECK(n > 0 && im->nimports == n, "%u imports resolved, viogpu3d.sys imports %s", im->nimports, want);
    CHECK(im->cert_size > 0, "no certificate table: is the shipped (signed) file loaded?");
    /* section protections reached the page tables */
    bool text = false, data = false;
    for (uint32_t i = 0; i < im->nsections; i++) {
        uint64_t pte = mem_pte(im->base + im->sect[i].rva);
        CHECK(pte & 1, "section %s not mapped", im->sect[i].name);
        CHECK((pte & (PTE_RW | PTE_NX)) == im->sect[i].pte_flags, "section %s PTE 0x%llx, want flags 0x%llx",
              im->sect[i].name, (unsigned long long)pte, (unsigned long long)im->sect[i].pte_flags);
        if (!strcmp(im->sect[i].name, ".text")) {
            text = true;
            CHECK(!(pte & (PTE_RW | PTE_NX)), ".text must be read-only and executable");
            CHECK(im->entry >= im->base + im->sect[i].rva &&
                      im->entry < im->base + im->sect[i].rva + im->sect[i].vsize,
                  "entry point outside .text");
        }
        if (!strcmp(im->sect[i].name, ".data")) {
            data = true;
            CHECK((pte & PTE_RW) && (pte & PTE_NX), ".data must be writable and no-execute");
        }
    }
    CHECK(text && data, "no .text or .data section");
    CHECK(mem_pte(im->base) && !(mem_pte(im->base) & PTE_RW), "headers must be mapped read-only");
    return dxgk_stop(k);
}

/* An import the shim does not export stops the load and is named. */
static bool t_kmd_unknown_import(void)
{
    const struct mem_module *m = mem_module_find("viogpu3d.sys");
    CHECK(m, "no viogpu3d.sys module");
    struct pe_image im;
    char err[160];
    nt_shim_init();
    nt_shim_hide_export("KeSetTimerEx");
    bool ok = pe_load(m->data, m->len, DXGK_LOAD_BASE, nt_shim_resolve, NULL, &im, err, sizeof err);
    nt_shim_hide_export(NULL);
    if (ok) {
        pe_unload(&im);
        return t_fail("the load succeeded without KeSetTimerEx");
    }
    kprintf("kmd: %s\n", err);
    CHECK(strstr_simple(err, "ntoskrnl.exe!KeSetTimerEx"), "load error does not name the import: %s", err);
    CHECK(!mem_pte(DXGK_LOAD_BASE), "a failed load left pages mapped");
    return true;
}

/* Truncated or damaged copies are rejected, never mapped. */
static bool t_kmd_bad_image(void)
{
    const struct mem_module *m = mem_module_find("viogpu3d.sys");
    CHECK(m, "no viogpu3d.sys module");
    uint8_t *copy = page_alloc(m->len, 4096);
    CHECK(copy, "no memory");
    struct pe_image im;
    char err[160];
    static const uint32_t cuts[] = {0, 2, 0x3f, 0x80, 0x100, 0x200, 0x1000};
    bool ok = true;
    for (unsigned i = 0; ok && i < sizeof cuts / sizeof cuts[0]; i++) {
        memcpy(copy, m->data, m->len);
        if (pe_load(copy, cuts[i], DXGK_LOAD_BASE, nt_shim_resolve, NULL, &im, err, sizeof err)) {
            pe_unload(&im);
            ok = t_fail("a %u-byte truncation loaded", cuts[i]);
        }
    }
    /* damaged fields, each alone */
    memcpy(copy, m->data, m->len);
    uint32_t pe = *(uint32_t *)(copy + 0x3c);
    struct {
        uint32_t off;
        uint32_t val;
        const char *what;
    } bad[] = {
        {0x3c, 0x7ffffff0u, "e_lfanew"},
        {pe + 4, 0x014c, "machine"},          /* i386 */
        {pe + 24, 0x10b, "optional magic"},   /* PE32 */
        {pe + 24 + 56, 0x7fffffffu, "SizeOfImage"},
        {pe + 24 + 112 + 5 * 8, 0x7ffff000u, "reloc directory"},
        {pe + 24 + 112 + 1 * 8, 0x7ffff000u, "import directory"},
    };
    for (unsigned i = 0; ok && i < sizeof bad / sizeof bad[0]; i++) {
        memcpy(copy, m->data, m->len);
        if (bad[i].off + 4 > m->len)
            continue;
        if (bad[i].what[0] == 'm' || bad[i].what[0] == 'o')
            memcpy(copy + bad[i].off, &bad[i].val, 2);
        else
            memcpy(copy + bad[i].off, &bad[i].val, 4);
        if (pe_load(copy, m->len, DXGK_LOAD_BASE, nt_shim_resolve, NULL, &im, err, sizeof err)) {
            pe_unload(&im);
            ok = t_fail("damaged %s loaded", bad[i].what);
        } else {
            kprintf("kmd: damaged %s rejected: %s\n", bad[i].what, err);
        }
    }
    page_free(copy, m->len);
    return ok;
}

static bool t_kmd_driver_entry(void)
{
    struct dxgk *k = &dxgk_global;
    if (!dxgk_load(k) || !dxgk_driver_entry(k))
        return dxgk_stop(k), false;
    CHECK(k->reg_ioctl == 0x230047u, "registration came through control 0x%x, want 0x230047", k->reg_ioctl);
    return dxgk_stop(k) && kmdt_no_leaks("after Unload");
}

/* Pre-Windows-8 dxgkrnl: 0x230047 unknown, the driver falls back. */
static bool t_kmd_legacy_ioctl(void)
{
    struct dxgk *k = &dxgk_global;
    if (!dxgk_load(k))
        return false;
    k->reject_ioctl = 0x230047u;
    if (!dxgk_driver_entry(k))
        return dxgk_stop(k), false;
    CHECK(k->reg_ioctl == 0x23003Fu, "registration came through control 0x%x, want 0x23003F", k->reg_ioctl);
    return dxgk_stop(k) && kmdt_no_leaks("after Unload");
}

static bool t_kmd_start_stop(void)
{
    struct dxgk *k = &dxgk_global;
    if (!dxgk_load(k) || !dxgk_driver_entry(k) || !dxgk_start(k))
        return dxgk_stop(k), false;
    kprintf("kmd: started, %u sources, %u children, %u MSI-X messages, %llu interrupts (%llu claimed), %llu DPCs\n",
            (unsigned)k->nsrc, (unsigned)k->nchild, k->msix_vectors, (unsigned long long)k->isr_calls,
            (unsigned long long)k->isr_claimed, (unsigned long long)k->dpcs);
    CHECK(k->isr_claimed > 0, "StartDevice talked to the device without a single claimed interrupt");
    CHECK(nt_pool_live(KMD_TAG, NULL) > 0, "no pool allocated with the driver's tag");
    if (!dxgk_stop(k))
        return false;
    return kmdt_no_leaks("after Stop/Remove/Unload");
}

/* Brings the driver up to a started adapter; on failure tears down. */
bool kmdt_bring_up(struct dxgk *k)
{
    if (dxgk_load(k) && dxgk_driver_entry(k) && dxgk_start(k))
        return true;
    dxgk_stop(k);
    return false;
}

bool kmdt_mode_option(uint32_t *w, uint32_t *h)
{
    char buf[24];
    if (!t_option("mode", buf, sizeof buf))
        return false;
    uint32_t v = 0, *out = w;
    for (const char *p = buf; *p; p++) {
        if (*p == 'x') {
            *w = v;
            v = 0;
            out = h;
        } else {
            v = v * 10 + (uint32_t)(*p - '0');
        }
    }
    *out = v;
    return true;
}

/* Child enumeration as dxgkrnl does it after StartDevice: relations with
 * NumberOfChildren + 1 zeroed entries, connection status, then the EDID
 * through QueryDeviceDescriptor in 128-byte blocks. */
static bool children(struct dxgk *k)
{
    DXGK_CHILD_DESCRIPTOR rel[17];
    memset(rel, 0, sizeof rel);
    NTSTATUS st = k->ddi.DxgkDdiQueryChildRelations(k->ctx, rel, (k->nchild + 1) * sizeof(rel[0]));
    CHECK(st == STATUS_SUCCESS, "QueryChildRelations: 0x%08x", (unsigned)st);
    for (ULONG i = 0; i < k->nchild; i++) {
        CHECK(rel[i].ChildDeviceType == TypeVideoOutput, "child %u type %d", (unsigned)i, rel[i].ChildDeviceType);
        for (ULONG j = 0; j < i; j++)
            CHECK(rel[j].ChildUid != rel[i].ChildUid, "children %u and %u share ChildUid %u", (unsigned)j,
                  (unsigned)i, (unsigned)rel[i].ChildUid);
    }
    CHECK(rel[k->nchild].ChildDeviceType == TypeUninitialized, "QueryChildRelations wrote past NumberOfChildren");

    DXGK_CHILD_STATUS cs;
    memset(&cs, 0, sizeof cs);
    cs.Type = StatusConnection;
    cs.ChildUid = rel[0].ChildUid;
    st = k->ddi.DxgkDdiQueryChildStatus(k->ctx, &cs, FALSE);
    CHECK(st == STATUS_SUCCESS, "QueryChildStatus: 0x%08x", (unsigned)st);
    CHECK(cs.HotPlug.Connected, "child 0 reported disconnected");

    uint8_t edid[128];
    DXGK_DEVICE_DESCRIPTOR dd = {0, sizeof edid, edid};
    memset(edid, 0, sizeof edid);
    st = k->ddi.DxgkDdiQueryDeviceDescriptor(k->ctx, rel[0].ChildUid, &dd);
    CHECK(st == STATUS_SUCCESS, "QueryDeviceDescriptor(0, 128): 0x%08x", (unsigned)st);
    static const uint8_t hdr[8] = {0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0};
    CHECK(!memcmp(edid, hdr, 8), "EDID block 0 has no EDID header");
    uint8_t sum = 0;
    for (int i = 0; i < 128; i++)
        sum = (uint8_t)(sum + edid[i]);
    CHECK(sum == 0, "EDID block 0 checksum 0x%02x", sum);
    /* first detailed timing = preferred mode */
    uint32_t hw = edid[56] | (edid[58] >> 4) << 8, vh = edid[59] | (edid[61] >> 4) << 8, w, h;
    if (kmdt_mode_option(&w, &h))
        CHECK(hw == w && vh == h, "EDID preferred mode %ux%u, QEMU was given %ux%u", hw, vh, w, h);
    dd.DescriptorOffset = 0x10000;
    st = k->ddi.DxgkDdiQueryDeviceDescriptor(k->ctx, rel[0].ChildUid, &dd);
    CHECK(st == STATUS_MONITOR_NO_MORE_DESCRIPTOR_DATA,
          "QueryDeviceDescriptor past the EDID: 0x%08x, want STATUS_MONITOR_NO_MORE_DESCRIPTOR_DATA", (unsigned)st);
    return dxgk_no_violation("child enumeration");
}

static bool t_kmd_children(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = children(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

NTSTATUS kmdt_escape(struct dxgk *k, void *buf, UINT size)
{
    DXGKARG_ESCAPE a;
    memset(&a, 0, sizeof a);
    a.pPrivateDriverData = buf;
    a.PrivateDriverDataSize = size;
    return k->ddi.DxgkDdiEscape(k->ctx, &a);
}

static bool escapes(struct dxgk *k)
{
    /* dxgkrnl captures the private data in kernel memory; oversize room
     * behind the buffer shows a driver that reads or writes past it */
    static uint8_t buf[1024] __attribute__((aligned(8)));
    struct viogpu_esc_get_info *gi = (void *)buf;
    NTSTATUS st;

    memset(buf, 0, sizeof buf);
    gi->hdr.code = VIOGPU_ESC_GET_INFO;
    gi->hdr.version = 1;
    gi->hdr.size = sizeof(*gi);
    st = kmdt_escape(k, buf, sizeof(*gi));
    CHECK(st == STATUS_SUCCESS && gi->hdr.status == VIOGPU_ESC_OK, "GET_INFO: 0x%08x status %d", (unsigned)st,
          gi->hdr.status);
    CHECK(gi->info.magic == VIOGPU_ABI_MAGIC, "GET_INFO magic 0x%08x", gi->info.magic);

    struct viogpu_esc_display_info *di = (void *)buf;
    memset(buf, 0, sizeof buf);
    di->hdr.code = VIOGPU_ESC_GET_DISPLAY_INFO;
    di->hdr.version = 1;
    di->hdr.size = sizeof(*di);
    st = kmdt_escape(k, buf, sizeof(*di));
    CHECK(st == STATUS_SUCCESS, "GET_DISPLAY_INFO: 0x%08x", (unsigned)st);
    CHECK(di->num_scanouts == k->nsrc, "GET_DISPLAY_INFO: %u scanouts, StartDevice said %u", di->num_scanouts,
          (unsigned)k->nsrc);
    uint32_t w, h;
    if (kmdt_mode_option(&w, &h))
        CHECK(di->scanout[0].width == w && di->scanout[0].height == h, "GET_DISPLAY_INFO: head 0 %ux%u, want %ux%u",
              di->scanout[0].width, di->scanout[0].height, w, h);

    static const struct {
        const char *what;
        uint32_t code, version, hsize, size;
        NTSTATUS want;
        int32_t want_status; /* 1 = header too short to carry one */
    } bad[] = {
        {"short (8 bytes)", VIOGPU_ESC_GET_INFO, 1, 8, 8, STATUS_INVALID_BUFFER_SIZE, 1},
        {"empty", VIOGPU_ESC_GET_INFO, 1, 0, 0, STATUS_INVALID_BUFFER_SIZE, 1},
        {"short payload", VIOGPU_ESC_GET_INFO, 1, 40, 40, STATUS_INVALID_BUFFER_SIZE, VIOGPU_ESC_EBADSIZE},
        {"oversized", VIOGPU_ESC_GET_INFO, 1, 96 + 64, 96 + 64, STATUS_INVALID_BUFFER_SIZE, VIOGPU_ESC_EBADSIZE},
        {"size field != buffer", VIOGPU_ESC_GET_INFO, 1, 96, 128, STATUS_INVALID_BUFFER_SIZE, VIOGPU_ESC_EBADSIZE},
        {"unknown code", 0x7777, 1, 16, 16, STATUS_NOT_SUPPORTED, VIOGPU_ESC_EBADCODE},
        {"unknown version", VIOGPU_ESC_GET_INFO, 9, 96, 96, STATUS_REVISION_MISMATCH, VIOGPU_ESC_EBADVERSION},
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(buf, 0x5A, sizeof buf);
        struct viogpu_escape_hdr *hh = (void *)buf;
        hh->code = bad[i].code;
        hh->version = bad[i].version;
        hh->size = bad[i].hsize;
        hh->status = 0x5A5A5A5A;
        st = kmdt_escape(k, buf, bad[i].size);
        CHECK(st == bad[i].want, "escape %s: 0x%08x, want 0x%08x", bad[i].what, (unsigned)st, (unsigned)bad[i].want);
        if (bad[i].want_status != 1)
            CHECK(hh->status == bad[i].want_status, "escape %s: status %d, want %d", bad[i].what, hh->status,
                  bad[i].want_status);
        for (unsigned b = bad[i].size > 16 ? bad[i].size : 16; b < sizeof buf; b++)
            CHECK(buf[b] == 0x5A, "escape %s wrote byte %u past the %u-byte buffer", bad[i].what, b, bad[i].size);
    }
    return dxgk_no_violation("escapes");
}

static bool t_kmd_escape(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = escapes(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

/* The bug-check screen: SystemDisplayEnable/Write run with interrupts off
 * at HIGH_LEVEL (documented: any IRQL, no locks, no waits on interrupts),
 * so this proves the driver can drive the device by polling alone. */
static bool sysdisp(struct dxgk *k)
{
    UINT w = 0, h = 0;
    D3DDDIFORMAT fmt = 0;
    DXGKARG_SYSTEM_DISPLAY_ENABLE_FLAGS fl;
    fl.Value = 0;
    static uint32_t rows[1024 * 16];
    irq_off();
    nt_set_irql(15);
    NTSTATUS st = k->ddi.DxgkDdiSystemDisplayEnable(k->ctx, 0, &fl, &w, &h, &fmt);
    bool ok = st == STATUS_SUCCESS && w && h && w <= 1024 && (fmt == D3DDDIFMT_X8R8G8B8 || fmt == D3DDDIFMT_A8R8G8B8);
    /* the pattern in 16-row bands, the way bugcheck text is drawn */
    for (UINT y = 0; ok && y < h; y += 16) {
        UINT n = h - y < 16 ? h - y : 16;
        for (UINT r = 0; r < n; r++)
            for (UINT x = 0; x < w; x++)
                rows[r * w + x] = pattern_mix(x, y + r, 7);
        k->ddi.DxgkDdiSystemDisplayWrite(k->ctx, rows, w, n, w * 4, 0, y);
    }
    nt_set_irql(NT_PASSIVE);
    irq_on();
    CHECK(st == STATUS_SUCCESS, "SystemDisplayEnable: 0x%08x", (unsigned)st);
    CHECK(ok, "SystemDisplayEnable: %ux%u format %d", w, h, (int)fmt);
    char layers[64];
    ksnprintf(layers, sizeof layers, "mix:7:0:0:%u:%u", w, h);
    if (!t_screendump(0, w, h, layers))
        return false;
    return dxgk_no_violation("system display");
}

static bool t_kmd_system_display(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = sysdisp(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

/* The IRQL tracker itself: exports called above their documented IRQL
 * are caught and named (otherwise every "no violation" above proves
 * nothing). */
static bool t_kmd_irql_rules(void)
{
    nt_shim_init();
    nt_shim_violation_reset();
    typedef VOID (*flush_fn)(VOID);
    typedef PVOID (*alloc_fn)(POOL_TYPE, SIZE_T, ULONG);
    typedef VOID (*free_fn)(PVOID, ULONG);
    flush_fn flush = (flush_fn)(uintptr_t)nt_shim_resolve(NULL, "ntoskrnl.exe", "KeFlushQueuedDpcs");
    alloc_fn alloc = (alloc_fn)(uintptr_t)nt_shim_resolve(NULL, "ntoskrnl.exe", "ExAllocatePoolWithTag");
    free_fn pfree = (free_fn)(uintptr_t)nt_shim_resolve(NULL, "ntoskrnl.exe", "ExFreePoolWithTag");
    CHECK(flush && alloc && pfree, "exports missing");
    nt_set_irql(NT_DISPATCH);
    flush();
    nt_set_irql(NT_PASSIVE);
    CHECK(strstr_simple(nt_shim_violation(), "KeFlushQueuedDpcs called at IRQL 2"),
          "KeFlushQueuedDpcs at DISPATCH_LEVEL not caught: '%s'", nt_shim_violation());
    nt_shim_violation_reset();
    nt_set_irql(NT_DISPATCH);
    void *p = alloc(PagedPool, 64, KMD_TAG);
    nt_set_irql(NT_PASSIVE);
    CHECK(strstr_simple(nt_shim_violation(), "ExAllocatePoolWithTag called at IRQL 2"),
          "paged pool at DISPATCH_LEVEL not caught: '%s'", nt_shim_violation());
    nt_shim_violation_reset();
    CHECK(p && nt_pool_live(KMD_TAG, NULL) == 1, "pool accounting missed an allocation");
    pfree(p, 0x41414141u);
    CHECK(strstr_simple(nt_shim_violation(), "allocated with"), "free with the wrong tag not caught: '%s'",
          nt_shim_violation());
    nt_shim_violation_reset();
    CHECK(nt_pool_live(0, NULL) == 0, "pool accounting missed a free");
    return true;
}

/* A host display change (QEMU as VNC server resizes head 0): the device
 * raises VIRTIO_GPU_EVENT_DISPLAY, the driver's ISR/DPC re-read the
 * display and report the child through DxgkCbIndicateChildStatus; the
 * EDID the driver then returns describes the new size. */
static bool display_event(struct dxgk *k)
{
    CHECK(children(k), "child enumeration failed");
    uint32_t before = k->child_status_calls;
    if (!t_resize(800, 600))
        return false;
    uint64_t end = now_ns() + 5000000000ull;
    while (k->child_status_calls == before && now_ns() < end) {
        nt_pump();
        cpu_wait_interrupt();
    }
    CHECK(k->child_status_calls > before, "no DxgkCbIndicateChildStatus within 5 s of the resize");
    CHECK(k->last_child_status.Type == StatusConnection && k->last_child_status.ChildUid == 0 &&
              k->last_child_status.HotPlug.Connected,
          "IndicateChildStatus type %d child %u connected %d", k->last_child_status.Type,
          (unsigned)k->last_child_status.ChildUid, k->last_child_status.HotPlug.Connected);
    uint8_t edid[128];
    DXGK_DEVICE_DESCRIPTOR dd = {0, sizeof edid, edid};
    NTSTATUS st = k->ddi.DxgkDdiQueryDeviceDescriptor(k->ctx, 0, &dd);
    CHECK(st == STATUS_SUCCESS, "QueryDeviceDescriptor after the event: 0x%08x", (unsigned)st);
    uint32_t hw = edid[56] | (edid[58] >> 4) << 8, vh = edid[59] | (edid[61] >> 4) << 8;
    CHECK(hw == 800 && vh == 600, "EDID preferred mode after the resize %ux%u, want 800x600", hw, vh);
    return dxgk_no_violation("display event");
}

static bool t_kmd_display_event(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = display_event(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

/* The digest the host compares must itself be right: FIPS 180-2's
 * examples, including the 56-byte message whose padding needs a second
 * block. */
static bool t_kmd_sha256_vectors(void)
{
    static const struct {
        const char *msg, *hex;
    } v[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    char hex[65];
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        sha256_hex(v[i].msg, strlen(v[i].msg), hex);
        CHECK(!strcmp(hex, v[i].hex), "SHA-256 of a %u-byte message: %s", (unsigned)strlen(v[i].msg), hex);
    }
    return true;
}

const struct guest_test kmd_tests[] = {
    {"kmd_sha256_vectors", t_kmd_sha256_vectors},
    {"kmd_irql_rules", t_kmd_irql_rules},
    {"kmd_load", t_kmd_load},
    {"kmd_unknown_import", t_kmd_unknown_import},
    {"kmd_bad_image", t_kmd_bad_image},
    {"kmd_driver_entry", t_kmd_driver_entry},
    {"kmd_legacy_ioctl", t_kmd_legacy_ioctl},
    {"kmd_start_stop", t_kmd_start_stop},
    {"kmd_children", t_kmd_children},
    {"kmd_escape", t_kmd_escape},
    {"kmd_system_display", t_kmd_system_display},
    {"kmd_display_event", t_kmd_display_event},
    {NULL, NULL},
};
