/*
 * tests_kmd_leak.c — host-side leak check of the shipped driver's
 * allocations.  The guest cannot list the host's resources, but QEMU
 * refuses RESOURCE_CREATE_2D once the live resources exceed the device's
 * max_hostmem (VIRTIO_GPU_RESP_ERR_OUT_OF_MEMORY).  The boot runs with
 * max_hostmem=64M, so 40 create/destroy cycles of a 4 MB primary only
 * succeed if DestroyAllocation really releases the host resource; the
 * negative control (creating without destroying) must hit the limit,
 * which proves the limit is there to be hit.
 */
#include "dxgk.h"
#include "nt_shim.h"

static NTSTATUS create(struct dxgk *k, uint32_t w, uint32_t h, HANDLE *out)
{
    static uint8_t priv[256] __attribute__((aligned(8)));
    D3DKMDT_SHAREDPRIMARYSURFACEDATA sp = {w, h, D3DDDIFMT_A8R8G8B8, {60000, 1000}, 0};
    DXGKARG_GETSTANDARDALLOCATIONDRIVERDATA sd;
    memset(&sd, 0, sizeof sd);
    sd.StandardAllocationType = D3DKMDT_STANDARDALLOCATION_SHAREDPRIMARYSURFACE;
    sd.pCreateSharedPrimarySurfaceData = &sp;
    NTSTATUS st = k->ddi.DxgkDdiGetStandardAllocationDriverData(k->ctx, &sd);
    if (st != STATUS_SUCCESS || sd.AllocationPrivateDriverDataSize > sizeof priv)
        return st ? st : STATUS_BUFFER_TOO_SMALL;
    memset(priv, 0, sizeof priv);
    sd.pAllocationPrivateDriverData = priv;
    st = k->ddi.DxgkDdiGetStandardAllocationDriverData(k->ctx, &sd);
    if (st != STATUS_SUCCESS)
        return st;
    DXGK_ALLOCATIONINFO ai;
    memset(&ai, 0, sizeof ai);
    ai.pPrivateDriverData = priv;
    ai.PrivateDriverDataSize = sd.AllocationPrivateDriverDataSize;
    DXGKARG_CREATEALLOCATION ca;
    memset(&ca, 0, sizeof ca);
    ca.NumAllocations = 1;
    ca.pAllocationInfo = &ai;
    st = k->ddi.DxgkDdiCreateAllocation(k->ctx, &ca);
    nt_pump();
    *out = ai.hAllocation;
    return st;
}

static NTSTATUS destroy(struct dxgk *k, HANDLE h)
{
    DXGKARG_DESTROYALLOCATION da;
    memset(&da, 0, sizeof da);
    da.NumAllocations = 1;
    da.pAllocationList = &h;
    NTSTATUS st = k->ddi.DxgkDdiDestroyAllocation(k->ctx, &da);
    nt_pump();
    return st;
}

static bool cycles(struct dxgk *k)
{
    HANDLE h, live[40];
    uint32_t n = 0;
    NTSTATUS st;
    for (uint32_t i = 0; i < 40; i++) {
        st = create(k, 1280, 800, &h);
        CHECK(st == STATUS_SUCCESS, "cycle %u: CreateAllocation(1280x800) 0x%08x: a destroyed allocation kept its host resource", i, (unsigned)st);
        st = destroy(k, h);
        CHECK(st == STATUS_SUCCESS, "cycle %u: DestroyAllocation 0x%08x", i, (unsigned)st);
    }
    /* negative control: keep them all; 64 MB / 4 MB must run out */
    bool hit = false;
    for (n = 0; n < 40; n++) {
        st = create(k, 1280, 800, &live[n]);
        if (st != STATUS_SUCCESS) {
            hit = true;
            break;
        }
    }
    kprintf("kmd: max_hostmem reached after %u live 1280x800 allocations (status 0x%08x)\n", n, (unsigned)st);
    for (uint32_t i = 0; i < n; i++)
        destroy(k, live[i]);
    CHECK(hit, "40 live 4 MB allocations never hit max_hostmem: is the boot's max_hostmem=64M set?");
    CHECK(n >= 10, "only %u live allocations before the limit: earlier cycles leaked", n);
    /* and after freeing them, creation works again */
    st = create(k, 1280, 800, &h);
    CHECK(st == STATUS_SUCCESS, "CreateAllocation after freeing everything: 0x%08x", (unsigned)st);
    destroy(k, h);
    return dxgk_no_violation("allocation cycles");
}

static bool t_kmd_alloc_cycles(void)
{
    struct dxgk *k = &dxgk_global;
    if (!kmdt_bring_up(k))
        return false;
    bool ok = cycles(k);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

const struct guest_test kmd_leak_tests[] = {
    {"kmd_alloc_cycles", t_kmd_alloc_cycles},
    {NULL, NULL},
};
