/*
 * d3d10rt_priv.h — what the mini runtime's files share (d3d10rt.c: bring-up
 * and the kernel-thunk callbacks; d3d10rt_objects.c: object creation the
 * runtime's way).  Not an API: d3d10rt.h is.
 */
#ifndef TESTS_D3D10RT_PRIV_H
#define TESTS_D3D10RT_PRIV_H

#include "d3d10rt.h"
#include "viogpu/abi.h"

#define RT_MAX_ALLOCS 1024
#define RT_MAX_OBJS 4096
#define RT_CMDBUF_BYTES (64u * 1024u)
#define RT_ALIST_ENTRIES 256u /* allocation list entries per command buffer */
#define RT_MAX_DEVICES 2
#define RT_MAX_KMRES 64
#define RT_KMRES_BASE 0x40000000u /* kernel resource handles: apart from allocation handles */

enum obj_kind {
    OBJ_RESOURCE, OBJ_RTV, OBJ_DSV, OBJ_SRV, OBJ_BLEND, OBJ_DSA, OBJ_RS, OBJ_SAMPLER, OBJ_LAYOUT, OBJ_SHADER,
    OBJ_QUERY,
};

struct rt_dev;
struct rt_obj {
    enum obj_kind kind;
    void *mem;
    struct rt_dev *dev; /* the device that created it (and destroys it) */
};

/* An allocation handle.  The one CreateResource made owns the host
 * resource; OpenResource in a device gets an alias (owner != 0) naming the
 * same host resource, as dxgkrnl gives each opening device its own handle.
 * A creator's deallocation while aliases live leaves the owner an orphan
 * until the last alias goes. */
struct rt_alloc {
    bool used;
    bool primary;                  /* D3DDDI_ALLOCATIONINFO.Flags.Primary */
    bool orphan;
    unsigned owner;                /* 0, or the handle this alias opens */
    unsigned refs;                 /* aliases of this owner alive */
    D3DKMT_HANDLE kmres;           /* kernel resource it belongs to, 0 none */
    struct viogpu_alloc_priv priv; /* as the KMD completed it (OpenResource hands it back) */
    struct vtest_resource res;
};

/* A kernel resource (D3DDDICB_ALLOCATE with hResource and resource-level
 * private data): what another device's OpenResource receives. */
struct rt_kmres {
    bool used;
    struct viogpu_resource_priv priv;
    D3DKMT_HANDLE alloc; /* its one allocation (the owner handle) */
};

/* One D3D device: its tables, its context's command buffer and allocation
 * list, and the virgl sub-context the KMD stand-in made for the context. */
struct rt_dev {
    struct d3drt *rt;
    unsigned index;
    bool open;
    uint32_t sub_ctx; /* index + 1 */
    D3D10_1DDI_DEVICEFUNCS funcs;
    D3D10DDI_HDEVICE hdev;
    DXGI_DDI_BASE_FUNCTIONS dxgi;
    uint32_t *cmdbuf;
    D3DDDI_ALLOCATIONLIST alist[RT_ALIST_ENTRIES];
};

struct d3drt {
    struct vtest *vt;
    char err[2048];
    HRESULT first_error;
    unsigned nerrors;
    unsigned submits;
    unsigned lock_waits; /* pfnLockCb calls that waited for the host */
    bool submit_failed;
    UINT iface;

    D3D10_2DDI_ADAPTERFUNCS afuncs;
    D3DDDI_ADAPTERCALLBACKS acb;
    D3D10DDI_HADAPTER hadapter;
    bool adapter_open;
    D3DDDI_DEVICECALLBACKS kt;
    D3D10DDI_CORELAYER_DEVICECALLBACKS um;
    /* The selected device (rt_select copies these from *cur). */
    D3D10_1DDI_DEVICEFUNCS funcs;
    D3D10DDI_HDEVICE hdev;
    bool device_open;
    uint32_t *cmdbuf;
    D3DDDI_ALLOCATIONLIST *alist;
    struct rt_dev devs[RT_MAX_DEVICES], *cur;
    unsigned ndevs;
    uint32_t vcb_out[RT_CMDBUF_BYTES / 4]; /* the validated stream */
    int vcb_last_error;                    /* VCB_* of the last rejected buffer */
    unsigned list_n, list_writes;          /* last accepted list: entries, WriteOperation bits 0..31 */
    int corrupt;                           /* D3DRT_CORRUPT_*: test-only fault injection */
    UINT alist_entries;                    /* list size handed out, <= RT_ALIST_ENTRIES */
    d3drt_submit_fn on_submit;             /* test hook: sees each validated stream */
    void *on_submit_ctx;

    /* DXGI: the driver's table and our callbacks; pfnPresentCb plays the
     * KMD's present, a blit into the "screen" (a host resource shaped like
     * the last presented source) that d3drt_screen reads back. */
    DXGI_DDI_BASE_FUNCTIONS dxgi;
    DXGI_DDI_BASE_CALLBACKS dxgi_cb;
    struct vtest_resource screen;
    bool have_screen;
    unsigned presents;

    struct rt_alloc allocs[RT_MAX_ALLOCS];
    struct rt_kmres kmres[RT_MAX_KMRES];
    D3DKMT_HANDLE last_kmres; /* made by the latest CreateResource that made one */
    D3DKMT_HANDLE scanout;    /* primary allocation pfnSetDisplayModeCb / a flip set, 0 none */
    unsigned modesets;
    struct rt_obj objs[RT_MAX_OBJS];
    unsigned nobjs;
};

/* Records a failure message (first one wins). */
void rt_fail(struct d3drt *rt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes `dv` the device the helpers and callbacks act for. */
void rt_select(struct d3drt *rt, struct rt_dev *dv);

#endif
