/*
 * tests_kmd_vidpn.c — display-mode scenarios of the shipped viogpu3d.sys:
 * what dxgkrnl does after child enumeration to light a monitor up
 * (RecommendMonitorModes, RecommendFunctionalVidPn, IsSupportedVidPn,
 * EnumVidPnCofuncModality, CommitVidPn) and a mode change away from the
 * EDID preferred mode and back.  The committed mode is read back through
 * the driver's own GET_DISPLAY_INFO escape (active_width/height) — the
 * driver's record of what it programmed.
 */
#include "dxgk.h"
#include "nt_shim.h"
#include "vidpn.h"
#include "viogpu/abi.h"

static bool active_mode(struct dxgk *k, uint32_t head, uint32_t *w, uint32_t *h)
{
    static struct viogpu_esc_display_info di;
    memset(&di, 0, sizeof di);
    di.hdr.code = VIOGPU_ESC_GET_DISPLAY_INFO;
    di.hdr.version = 1;
    di.hdr.size = sizeof di;
    NTSTATUS st = kmdt_escape(k, &di, sizeof di);
    CHECK(st == STATUS_SUCCESS, "GET_DISPLAY_INFO: 0x%08x", (unsigned)st);
    *w = di.scanout[head].active_width;
    *h = di.scanout[head].active_height;
    return true;
}

static bool is_supported(struct dxgk *k, struct vidpn *v, BOOLEAN *yes)
{
    DXGKARG_ISSUPPORTEDVIDPN a = {vidpn_handle(v), FALSE};
    NTSTATUS st = k->ddi.DxgkDdiIsSupportedVidPn(k->ctx, &a);
    CHECK(st == STATUS_SUCCESS, "IsSupportedVidPn: 0x%08x", (unsigned)st);
    CHECK(vidpn_check_released(v, "IsSupportedVidPn"), "%s", nt_shim_violation());
    *yes = a.IsVidPnSupported;
    return true;
}

static bool commit(struct dxgk *k, struct vidpn *v, uint32_t source)
{
    DXGKARG_COMMITVIDPN a;
    memset(&a, 0, sizeof a);
    a.hFunctionalVidPn = vidpn_handle(v);
    a.AffectedVidPnSourceId = source;
    a.MonitorConnectivityChecks = D3DKMDT_MCC_ENFORCE;
    NTSTATUS st = k->ddi.DxgkDdiCommitVidPn(k->ctx, &a);
    nt_pump();
    CHECK(st == STATUS_SUCCESS, "CommitVidPn: 0x%08x", (unsigned)st);
    CHECK(vidpn_check_released(v, "CommitVidPn"), "%s", nt_shim_violation());
    return dxgk_no_violation("CommitVidPn");
}

/* The boot-time sequence for one monitor; leaves `want` committed. */
static bool light_up(struct dxgk *k, uint32_t want_w, uint32_t want_h)
{
    /* monitor modes first: the driver adds what the EDID does not say */
    struct monitor_set *ms = monitor_set_new();
    CHECK(ms, "no memory");
    DXGKARG_RECOMMENDMONITORMODES rm = {0, monitor_set_handle(ms), &monitor_set_interface};
    NTSTATUS st = k->ddi.DxgkDdiRecommendMonitorModes(k->ctx, &rm);
    bool rel = monitor_set_check_released(ms, "RecommendMonitorModes");
    kprintf("kmd: RecommendMonitorModes added %u modes\n", monitor_set_num(ms));
    monitor_set_free(ms);
    CHECK(st == STATUS_SUCCESS, "RecommendMonitorModes: 0x%08x", (unsigned)st);
    CHECK(rel, "%s", nt_shim_violation());

    struct vidpn *v = vidpn_new();
    CHECK(v, "no memory");
    DXGKARG_RECOMMENDFUNCTIONALVIDPN rf;
    memset(&rf, 0, sizeof rf);
    rf.NumberOfVidPnTargets = k->nchild;
    rf.hRecommendedFunctionalVidPn = vidpn_handle(v);
    rf.RequestReason = DXGK_RFVR_FIRMWARE;
    st = k->ddi.DxgkDdiRecommendFunctionalVidPn(k->ctx, &rf);
    bool ok = st == STATUS_SUCCESS || t_fail("RecommendFunctionalVidPn: 0x%08x", (unsigned)st);
    ok = ok && (vidpn_check_released(v, "RecommendFunctionalVidPn") || t_fail("%s", nt_shim_violation()));
    uint32_t sw = 0, sh = 0, tw = 0, th = 0;
    if (ok) {
        const D3DKMDT_VIDPN_PRESENT_PATH *p = vidpn_path(v, 0);
        ok = (vidpn_num_paths(v) >= 1 || t_fail("recommended VidPN has no path")) &&
             (p->VidPnTargetId < k->nchild || t_fail("path to target %u", (unsigned)p->VidPnTargetId)) &&
             (vidpn_pinned_source(v, p->VidPnSourceId, &sw, &sh) || t_fail("recommended VidPN: source mode not pinned")) &&
             (vidpn_pinned_target(v, p->VidPnTargetId, &tw, &th) || t_fail("recommended VidPN: target mode not pinned")) &&
             ((sw == want_w && sh == want_h) || t_fail("recommended source mode %ux%u, EDID prefers %ux%u", sw, sh, want_w, want_h)) &&
             ((tw == sw && th == sh) || t_fail("recommended target %ux%u != source %ux%u", tw, th, sw, sh));
    }
    BOOLEAN yes = FALSE;
    ok = ok && is_supported(k, v, &yes) && (yes || t_fail("the driver rejects its own recommended VidPN"));
    if (ok) {
        DXGKARG_ENUMVIDPNCOFUNCMODALITY ec = {vidpn_handle(v), D3DKMDT_EPT_NOPIVOT, {0, 0}};
        st = k->ddi.DxgkDdiEnumVidPnCofuncModality(k->ctx, &ec);
        ok = (st == STATUS_SUCCESS || t_fail("EnumVidPnCofuncModality: 0x%08x", (unsigned)st)) &&
             (vidpn_check_released(v, "EnumVidPnCofuncModality") || t_fail("%s", nt_shim_violation()));
    }
    ok = ok && commit(k, v, vidpn_path(v, 0)->VidPnSourceId);
    vidpn_free(v);
    uint32_t aw, ah;
    ok = ok && active_mode(k, 0, &aw, &ah) &&
         ((aw == want_w && ah == want_h) || t_fail("after CommitVidPn the driver reports %ux%u, committed %ux%u", aw, ah, want_w, want_h));
    return ok;
}

/* A VidPN the OS built after a mode choice: one path, pinned modes. */
static bool set_mode(struct dxgk *k, uint32_t w, uint32_t h)
{
    struct vidpn *v = vidpn_new();
    CHECK(v, "no memory");
    BOOLEAN yes = FALSE;
    bool ok = vidpn_add_pinned_path(v, 0, 0, w, h, w, h) && is_supported(k, v, &yes) &&
              (yes || t_fail("IsSupportedVidPn rejects %ux%u", w, h)) && commit(k, v, 0);
    vidpn_free(v);
    uint32_t aw, ah;
    return ok && active_mode(k, 0, &aw, &ah) &&
           ((aw == w && ah == h) || t_fail("after committing %ux%u the driver reports %ux%u", w, h, aw, ah));
}

static bool t_kmd_vidpn_commit(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    if (!kmdt_bring_up(k))
        return false;
    bool ok = light_up(k, w, h);
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

static bool t_kmd_mode_change(void)
{
    struct dxgk *k = &dxgk_global;
    uint32_t w, h;
    CHECK(kmdt_mode_option(&w, &h), "needs mode=WxH (QEMU's xres/yres)");
    if (!kmdt_bring_up(k))
        return false;
    bool ok = light_up(k, w, h) && set_mode(k, 1024, 768) && set_mode(k, w, h);
    /* a path that would need scaling (source != target) is not supported */
    if (ok) {
        struct vidpn *v = vidpn_new();
        BOOLEAN yes = TRUE;
        ok = v && vidpn_add_pinned_path(v, 0, 0, 800, 600, 1024, 768) && is_supported(k, v, &yes) &&
             (!yes || t_fail("IsSupportedVidPn accepts 800x600 on a 1024x768 target (no scaling exists)"));
        vidpn_free(v);
    }
    return dxgk_stop(k) && ok && kmdt_no_leaks("after Stop/Remove/Unload");
}

const struct guest_test kmd_vidpn_tests[] = {
    {"kmd_vidpn_commit", t_kmd_vidpn_commit},
    {"kmd_mode_change", t_kmd_mode_change},
    {NULL, NULL},
};
