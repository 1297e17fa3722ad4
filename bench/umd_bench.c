/*
 * umd_bench.c — benchmarks of the D3D10 UMD driven through its DDI entry
 * points by the mini runtime (tests/lib/d3d10rt.c) on virgl_test_server.
 *
 *   umd_bench churn N          N state-churn draws; the UMD's submissions go
 *                              to a discarding pfnRenderCb (instruction counts
 *                              under callgrind); prints dwords per draw
 *   umd_bench memcpy N DW      anchor: memcpy of DW dwords per draw, N times
 *   umd_bench fps FRAMES OUT   tutorial-6 cube (two lights, constant buffers,
 *                              depth) at 640x480: per frame clear, constant
 *                              buffer update, DrawIndexed, copy to staging and
 *                              Map(READ) (with `flush`: Flush per frame, only
 *                              the last one read back); writes the last frame
 *                              as raw RGBA8
 *   umd_bench compare A B      compares two raw 640x480 RGBA8 frames
 * Run from the top of the tree (shaders are read from tests/scenes/shaders).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/d3d10rt.h"
#include "umd/umd_priv.h"
#include "umd_scene.h"

static struct vtest_server *srv;
static struct d3drt *rt;
static const D3D10_1DDI_DEVICEFUNCS *f;
static D3D10DDI_HDEVICE dev;

static void die(const char *what)
{
    fprintf(stderr, "umd_bench: %s: %s\n", what, rt ? d3drt_error(rt) : "");
    exit(1);
}

static void *read_file(const char *path, uint32_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        die(path);
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    void *buf = malloc(len > 0 ? (size_t)len : 1);
    if (!buf || len <= 0 || fread(buf, 1, (size_t)len, fp) != (size_t)len)
        die(path);
    fclose(fp);
    *size = (uint32_t)len;
    return buf;
}

static D3D10DDI_HRESOURCE make_buffer(UINT bind, const void *data, unsigned bytes)
{
    D3D10DDI_HRESOURCE r = d3drt_buffer(rt, bind, data, bytes);
    if (!r.pDrvPrivate)
        die("buffer");
    return r;
}

static D3D10DDI_HRESOURCE make_tex2d(DXGI_FORMAT fmt, UINT bind, UINT usage, UINT map)
{
    D3D10DDI_MIPINFO mip = {UMD_SCENE_W, UMD_SCENE_H, 1, UMD_SCENE_W, UMD_SCENE_H, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_TEXTURE2D, usage, bind, fmt);
    a.MapFlags = map;
    D3D10DDI_HRESOURCE r = d3drt_resource(rt, &a);
    if (!r.pDrvPrivate)
        die("texture");
    return r;
}

/* Everything the tutorial-6 frame uses; the churn bench has two of each. */
struct set {
    D3D10DDI_HSHADER vs, ps;
    D3D10DDI_HELEMENTLAYOUT layout;
    D3D10DDI_HRESOURCE vb, ib, vcb, pcb;
    D3D10DDI_HBLENDSTATE blend;
    D3D10DDI_HDEPTHSTENCILSTATE dsa;
    D3D10DDI_HRASTERIZERSTATE rs;
};

static D3D10DDI_HRESOURCE target, staging;
static D3D10DDI_HRENDERTARGETVIEW rtv;
static D3D10DDI_HDEPTHSTENCILVIEW dsv;

static void open_device(void)
{
    if (vtest_server_start(&srv)) {
        fprintf(stderr, "umd_bench: cannot start virgl_test_server\n");
        exit(1);
    }
    if (d3drt_open(&rt, srv, 0))
        die("open");
    f = d3drt_funcs(rt);
    dev = d3drt_dev(rt);
    target = make_tex2d(DXGI_FORMAT_R8G8B8A8_UNORM, D3D10_DDI_BIND_RENDER_TARGET, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDIARG_CREATERENDERTARGETVIEW v = {0};
    v.hDrvResource = target;
    v.Format = DXGI_FORMAT_R8G8B8A8_UNORM;
    v.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    v.Tex2D.ArraySize = 1;
    rtv = d3drt_rtv(rt, &v);
    D3D10DDI_HRESOURCE depth =
        make_tex2d(DXGI_FORMAT_D24_UNORM_S8_UINT, D3D10_DDI_BIND_DEPTH_STENCIL, D3D10_DDI_USAGE_DEFAULT, 0);
    D3D10DDIARG_CREATEDEPTHSTENCILVIEW dv = {0};
    dv.hDrvResource = depth;
    dv.Format = DXGI_FORMAT_D24_UNORM_S8_UINT;
    dv.ResourceDimension = D3D10DDIRESOURCE_TEXTURE2D;
    dv.Tex2D.ArraySize = 1;
    dsv = d3drt_dsv(rt, &dv);
    if (!rtv.pDrvPrivate || !dsv.pDrvPrivate)
        die("views");
    f->pfnSetRenderTargets(dev, &rtv, 1, 0, dsv);
    D3D10_DDI_VIEWPORT vp = {0, 0, UMD_SCENE_W, UMD_SCENE_H, 0, 1};
    f->pfnSetViewports(dev, 1, 0, &vp);
    f->pfnIaSetTopology(dev, D3D10_DDI_PRIMITIVE_TOPOLOGY_TRIANGLELIST);
}

/* One set of objects; `variant` 1 differs in every state object. */
static void make_set(struct set *s, int variant)
{
    static void *vsbin, *psbin;
    static uint32_t vssize, pssize;
    static struct sm4_dxbc vsdx, psdx;
    if (!vsbin) {
        vsbin = read_file("tests/scenes/shaders/tut06_vs.dxbc", &vssize);
        psbin = read_file("tests/scenes/shaders/tut06_ps.dxbc", &pssize);
    }
    s->vs = d3drt_shader(rt, 0, vsbin, vssize, &vsdx);
    s->ps = d3drt_shader(rt, 1, psbin, pssize, &psdx);
    if (!s->vs.pDrvPrivate || !s->ps.pDrvPrivate)
        die("shader");
    /* POSITION, NORMAL: the tutorial VS's input registers 0 and 1 */
    D3D10DDIARG_INPUT_ELEMENT_DESC el[2] = {
        {0, 0, DXGI_FORMAT_R32G32B32_FLOAT, D3D10_DDI_INPUT_PER_VERTEX_DATA, 0, 0},
        {0, 12, DXGI_FORMAT_R32G32B32_FLOAT, D3D10_DDI_INPUT_PER_VERTEX_DATA, 0, 1},
    };
    D3D10DDIARG_CREATEELEMENTLAYOUT la = {el, 2};
    s->layout = d3drt_layout(rt, &la);
    s->vb = make_buffer(D3D10_DDI_BIND_VERTEX_BUFFER, umd_scene_vertices, sizeof(umd_scene_vertices));
    s->ib = make_buffer(D3D10_DDI_BIND_INDEX_BUFFER, umd_scene_indices, sizeof(umd_scene_indices));
    s->vcb = make_buffer(D3D10_DDI_BIND_CONSTANT_BUFFER, umd_scene_vs_cb, sizeof(umd_scene_vs_cb));
    /* The tutorial PS reads the lights from the sample's one constant
     * buffer, after World/View/Projection (cb0[12..15]). */
    static float ps_cb[48 + 16];
    memcpy(ps_cb, umd_scene_vs_cb, sizeof(umd_scene_vs_cb));
    memcpy(ps_cb + 48, umd_scene_ps_cb, sizeof(umd_scene_ps_cb));
    _Static_assert(sizeof(umd_scene_vs_cb) == 48 * sizeof(float), "World, View, Projection");
    s->pcb = make_buffer(D3D10_DDI_BIND_CONSTANT_BUFFER, ps_cb, sizeof(ps_cb));
    D3D10_1_DDI_BLEND_DESC b = {0};
    for (int i = 0; i < 8; i++) {
        D3D10_DDI_RENDER_TARGET_BLEND_DESC1 t = {variant != 0, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                 D3D10_DDI_BLEND_OP_ADD, D3D10_DDI_BLEND_ONE, D3D10_DDI_BLEND_ZERO,
                                                 D3D10_DDI_BLEND_OP_ADD, 0xf};
        b.RenderTarget[i] = t;
    }
    s->blend = d3drt_blend(rt, &b);
    D3D10_DDI_DEPTH_STENCIL_DESC d = {0};
    d.DepthEnable = TRUE;
    d.DepthWriteMask = D3D10_DDI_DEPTH_WRITE_MASK_ALL;
    d.DepthFunc = variant ? D3D10_DDI_COMPARISON_LESS_EQUAL : D3D10_DDI_COMPARISON_LESS;
    d.StencilReadMask = d.StencilWriteMask = 0xff;
    d.FrontFace.StencilFunc = d.BackFace.StencilFunc = D3D10_DDI_COMPARISON_ALWAYS;
    d.FrontFace.StencilFailOp = d.FrontFace.StencilDepthFailOp = d.FrontFace.StencilPassOp = D3D10_DDI_STENCIL_OP_KEEP;
    d.BackFace = d.FrontFace;
    s->dsa = d3drt_dsa(rt, &d);
    D3D10_DDI_RASTERIZER_DESC r = {D3D10_DDI_FILL_SOLID, variant ? D3D10_DDI_CULL_NONE : D3D10_DDI_CULL_BACK,
                                   FALSE, 0, 0, 0, TRUE, variant != 0, FALSE, FALSE};
    s->rs = d3drt_rs(rt, &r);
    if (!s->layout.pDrvPrivate || !s->blend.pDrvPrivate || !s->dsa.pDrvPrivate || !s->rs.pDrvPrivate)
        die("state");
}

static void bind_set(const struct set *s, int variant)
{
    static const FLOAT factor[4] = {1, 1, 1, 1};
    UINT stride = 24, off = 0;
    f->pfnSetBlendState(dev, s->blend, factor, 0xffffffffu);
    f->pfnSetDepthStencilState(dev, s->dsa, 0);
    f->pfnSetRasterizerState(dev, s->rs);
    f->pfnIaSetInputLayout(dev, s->layout);
    f->pfnIaSetVertexBuffers(dev, 0, 1, &s->vb, &stride, &off);
    f->pfnIaSetIndexBuffer(dev, s->ib, DXGI_FORMAT_R16_UINT, 0);
    f->pfnVsSetShader(dev, s->vs);
    f->pfnPsSetShader(dev, s->ps);
    f->pfnVsSetConstantBuffers(dev, 0, 1, &s->vcb);
    f->pfnPsSetConstantBuffers(dev, 0, 1, &s->pcb);
    D3D10_DDI_VIEWPORT vp = {(FLOAT)variant, 0, UMD_SCENE_W - (FLOAT)variant, UMD_SCENE_H, 0, 1};
    f->pfnSetViewports(dev, 1, 0, &vp);
    D3D10_DDI_RECT sc = {0, 0, UMD_SCENE_W - variant, UMD_SCENE_H};
    f->pfnSetScissorRects(dev, 1, 0, &sc);
}

/* ---- churn: submissions discarded ------------------------------------------------ */
static uint32_t discard_cmd[16384];
static D3DDDI_ALLOCATIONLIST discard_alist[256];
static D3DDDI_DEVICECALLBACKS discard_kt;
static uint64_t discarded_dwords, discarded_bufs;

static HRESULT APIENTRY discard_render(HANDLE h, D3DDDICB_RENDER *r)
{
    (void)h;
    if (r->CommandLength >= sizeof(struct viogpu_cmdbuf_hdr)) {
        discarded_dwords += (r->CommandLength - sizeof(struct viogpu_cmdbuf_hdr)) / 4u;
        discarded_bufs++;
    }
    r->pNewCommandBuffer = discard_cmd;
    r->NewCommandBufferSize = sizeof(discard_cmd);
    r->pNewAllocationList = discard_alist;
    r->NewAllocationListSize = 256;
    return S_OK;
}

static int churn(unsigned n)
{
    struct set s[2];
    open_device();
    make_set(&s[0], 0);
    make_set(&s[1], 1);
    f->pfnFlush(dev); /* the set-up reaches the host through the real runtime */
    if (d3drt_failed(rt))
        die("set-up");
    /* From here on the kernel thunk for Render is a discarding one: what is
     * measured is the UMD (DDI entry + encoding), not the KMD or the host. */
    struct umd_device *d = dev.pDrvPrivate;
    if (d->magic != UMD_DEVICE_MAGIC)
        die("unexpected device layout");
    discard_kt = *d->kt;
    discard_kt.pfnRenderCb = discard_render;
    d->kt = &discard_kt;
    for (unsigned i = 0; i < n; i++) {
        bind_set(&s[i & 1], (int)(i & 1));
        f->pfnDrawIndexed(dev, 36, 0, 0);
    }
    f->pfnFlush(dev);
    if (d3drt_failed(rt))
        die("churn");
    printf("churn: %u draws, %llu dwords per draw, %llu command buffers\n", n,
           (unsigned long long)(n ? discarded_dwords / n : 0), (unsigned long long)discarded_bufs);
    d3drt_close(rt);
    vtest_server_stop(srv);
    return 0;
}

static int anchor_memcpy(unsigned n, unsigned dw)
{
    static uint32_t src[4096], dst[65536];
    if (dw > 4096)
        return 2;
    for (unsigned i = 0; i < 4096; i++)
        src[i] = i * 2654435761u;
    unsigned pos = 0;
    for (unsigned i = 0; i < n; i++) {
        if (pos + dw > 65536)
            pos = 0;
        memcpy(dst + pos, src, dw * 4u);
        __asm__ volatile("" : : "r"(dst) : "memory");
        pos += dw;
    }
    printf("memcpy: %u x %u dwords\n", n, dw);
    return 0;
}

/* ---- fps: the tutorial-6 frame through vtest ------------------------------------- */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int fps(unsigned frames, const char *out, bool readback_each)
{
    struct set s;
    open_device();
    make_set(&s, 0);
    bind_set(&s, 0);
    staging = make_tex2d(DXGI_FORMAT_R8G8B8A8_UNORM, 0, D3D10_DDI_USAGE_STAGING, D3D10_DDI_CPU_ACCESS_READ);
    static uint8_t frame[UMD_SCENE_W * UMD_SCENE_H * 4];
    static FLOAT clear[4] = {0, 0.125f, 0.3f, 1};
    double t0 = 0;
    for (unsigned i = 0; i <= frames; i++) {
        if (i == 1)
            t0 = now(); /* frame 0 compiles the shaders on the host: not timed */
        f->pfnClearRenderTargetView(dev, rtv, clear);
        f->pfnClearDepthStencilView(dev, dsv, D3D10_DDI_CLEAR_DEPTH | D3D10_DDI_CLEAR_STENCIL, 1.0f, 0);
        f->pfnDefaultConstantBufferUpdateSubresourceUP(dev, s.vcb, 0, NULL, umd_scene_vs_cb, sizeof(umd_scene_vs_cb),
                                                       sizeof(umd_scene_vs_cb));
        f->pfnDrawIndexed(dev, 36, 0, 0);
        if (!readback_each && i < frames) {
            f->pfnFlush(dev);
            continue;
        }
        f->pfnResourceCopy(dev, staging, target);
        D3D10DDI_MAPPED_SUBRESOURCE m = {0};
        f->pfnStagingResourceMap(dev, staging, 0, D3D10_DDI_MAP_READ, 0, &m);
        if (d3drt_failed(rt) || !m.pData)
            die("frame");
        for (unsigned y = 0; y < UMD_SCENE_H; y++)
            memcpy(frame + y * UMD_SCENE_W * 4, (const uint8_t *)m.pData + (size_t)y * m.RowPitch, UMD_SCENE_W * 4);
        f->pfnStagingResourceUnmap(dev, staging, 0);
    }
    double t = now() - t0;
    printf("umd+vtest (%s): %u frames of %ux%u in %.3f s: %.1f frames/s (%.2f ms/frame)\n",
           readback_each ? "read back every frame" : "flush per frame, read back the last", frames, UMD_SCENE_W,
           UMD_SCENE_H, t, frames / t, t * 1e3 / frames);
    FILE *fp = fopen(out, "wb");
    if (!fp || fwrite(frame, 1, sizeof(frame), fp) != sizeof(frame) || fclose(fp))
        die(out);
    d3drt_close(rt);
    vtest_server_stop(srv);
    return 0;
}

static int compare(const char *a, const char *b)
{
    uint32_t na, nb;
    const uint8_t *pa = read_file(a, &na), *pb = read_file(b, &nb);
    if (na != nb || na != UMD_SCENE_W * UMD_SCENE_H * 4) {
        fprintf(stderr, "umd_bench: frames differ in size\n");
        return 1;
    }
    unsigned differ = 0, maxd = 0, lit = 0;
    for (uint32_t i = 0; i < na; i += 4) {
        unsigned pd = 0;
        for (int c = 0; c < 4; c++) {
            unsigned dlt = (unsigned)abs((int)pa[i + c] - (int)pb[i + c]);
            pd = dlt > pd ? dlt : pd;
        }
        maxd = pd > maxd ? pd : maxd;
        differ += pd > 2;
        lit += pa[i] != 0 || pa[i + 1] != 32 || pa[i + 2] != 76; /* not the clear colour: the cube */
    }
    /* printed, not asserted: the scene tests check the rendering */
    printf("compare: %s: %u of %u pixels differ by more than 2/255 (largest difference %u); cube covers %u pixels\n",
           differ ? "FRAMES DIFFER" : "same frame", differ, na / 4, maxd, lit);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "churn"))
        return churn((unsigned)strtoul(argv[2], NULL, 0));
    if (argc == 4 && !strcmp(argv[1], "memcpy"))
        return anchor_memcpy((unsigned)strtoul(argv[2], NULL, 0), (unsigned)strtoul(argv[3], NULL, 0));
    if ((argc == 4 || argc == 5) && !strcmp(argv[1], "fps"))
        return fps((unsigned)strtoul(argv[2], NULL, 0), argv[3], argc == 4 || strcmp(argv[4], "flush"));
    if (argc == 4 && !strcmp(argv[1], "compare"))
        return compare(argv[2], argv[3]);
    fprintf(stderr, "usage: umd_bench churn N | memcpy N DWORDS | fps FRAMES OUT.rgba [flush] | compare A B\n");
    return 2;
}
