/*
 * kmd_ddi_vidpn.c — the VidPN DDIs for up to 16 heads (one video present
 * source and one target per virtio-gpu scanout).
 *
 * The decisions are made by the portable code in kmd_modes.c (mode lists
 * per head, recommended identity topology, checking a requested
 * topology); this file only walks and builds dxgkrnl's VidPN objects
 * through the documented interfaces (DXGK_VIDPN_INTERFACE and friends):
 *  - IsSupportedVidPn: collect every path's pinned modes, kmd_vidpn_check;
 *  - RecommendFunctionalVidPn: kmd_vidpn_recommend, then create and pin a
 *    source mode, a target mode and an identity path for each head;
 *  - EnumVidPnCofuncModality: for every path, give each unpinned source /
 *    target a mode set of the head's modes (restricted to the size pinned
 *    on the other end), and identity scaling / rotation support;
 *  - CommitVidPn: record the committed size per source and (re)program
 *    the scanouts; sources without a path are disabled;
 *  - RecommendMonitorModes: add the head's modes the monitor descriptor
 *    did not already list.
 * Scaling and rotation other than identity are not offered: the host
 * scales the scanout itself.
 */
#include "kmd/nt/kmd_nt.h"

#define KMD_MAX_PATHS VIOGPU_MAX_SCANOUTS

static void fill_source_mode(D3DKMDT_VIDPN_SOURCE_MODE *m, uint32_t w, uint32_t h)
{
    m->Type = D3DKMDT_RMT_GRAPHICS;
    m->Format.Graphics.PrimSurfSize.cx = w;
    m->Format.Graphics.PrimSurfSize.cy = h;
    m->Format.Graphics.VisibleRegionSize = m->Format.Graphics.PrimSurfSize;
    m->Format.Graphics.Stride = kmd_mode_pitch(w);
    m->Format.Graphics.PixelFormat = D3DDDIFMT_A8R8G8B8;
    m->Format.Graphics.ColorBasis = D3DKMDT_CB_SRGB;
    m->Format.Graphics.PixelValueAccessMode = D3DKMDT_PVAM_DIRECT;
}

static void fill_signal(D3DKMDT_VIDEO_SIGNAL_INFO *s, const struct kmd_mode *m)
{
    s->VideoStandard = D3DKMDT_VSS_OTHER;
    s->TotalSize.cx = s->ActiveSize.cx = m->width;
    s->TotalSize.cy = s->ActiveSize.cy = m->height;
    s->VSyncFreq.Numerator = m->refresh_mhz;
    s->VSyncFreq.Denominator = 1000;
    s->HSyncFreq.Numerator = m->refresh_mhz * m->height;
    s->HSyncFreq.Denominator = 1000;
    s->PixelRate = (SIZE_T)((uint64_t)m->width * m->height * m->refresh_mhz / 1000u);
    s->ScanLineOrdering = D3DDDI_VSSLO_PROGRESSIVE;
}

static NTSTATUS get_vidpn(struct kmd_adapter *ad, D3DKMDT_HVIDPN h, const DXGK_VIDPN_INTERFACE **vi,
                          D3DKMDT_HVIDPNTOPOLOGY *top, const DXGK_VIDPNTOPOLOGY_INTERFACE **ti)
{
    NTSTATUS st = ad->dxgk.DxgkCbQueryVidPnInterface(h, DXGK_VIDPN_INTERFACE_VERSION_V1, vi);
    if (!NT_SUCCESS(st))
        return st;
    return (*vi)->pfnGetTopology(h, top, ti);
}

/* Pinned source / target sizes of one path (0x0 when not pinned). */
static void pinned_sizes(const DXGK_VIDPN_INTERFACE *vi, D3DKMDT_HVIDPN h, const D3DKMDT_VIDPN_PRESENT_PATH *p,
                         uint32_t *sw, uint32_t *sh, uint32_t *tw, uint32_t *th)
{
    D3DKMDT_HVIDPNSOURCEMODESET sms;
    const DXGK_VIDPNSOURCEMODESET_INTERFACE *si;
    D3DKMDT_HVIDPNTARGETMODESET tms;
    const DXGK_VIDPNTARGETMODESET_INTERFACE *tiface;
    *sw = *sh = *tw = *th = 0;
    if (NT_SUCCESS(vi->pfnAcquireSourceModeSet(h, p->VidPnSourceId, &sms, &si))) {
        const D3DKMDT_VIDPN_SOURCE_MODE *m = NULL;
        if (NT_SUCCESS(si->pfnAcquirePinnedModeInfo(sms, &m)) && m) {
            *sw = m->Format.Graphics.PrimSurfSize.cx;
            *sh = m->Format.Graphics.PrimSurfSize.cy;
            si->pfnReleaseModeInfo(sms, m);
        }
        vi->pfnReleaseSourceModeSet(h, sms);
    }
    if (NT_SUCCESS(vi->pfnAcquireTargetModeSet(h, p->VidPnTargetId, &tms, &tiface))) {
        const D3DKMDT_VIDPN_TARGET_MODE *m = NULL;
        if (NT_SUCCESS(tiface->pfnAcquirePinnedModeInfo(tms, &m)) && m) {
            *tw = m->VideoSignalInfo.ActiveSize.cx;
            *th = m->VideoSignalInfo.ActiveSize.cy;
            tiface->pfnReleaseModeInfo(tms, m);
        }
        vi->pfnReleaseTargetModeSet(h, tms);
    }
}

/* Walks the topology; paths[] gets source, target and the pinned size. */
static NTSTATUS collect_paths(struct kmd_adapter *ad, D3DKMDT_HVIDPN h, struct kmd_vidpn_path *paths, uint32_t *n,
                              bool *size_mismatch)
{
    const DXGK_VIDPN_INTERFACE *vi;
    D3DKMDT_HVIDPNTOPOLOGY top;
    const DXGK_VIDPNTOPOLOGY_INTERFACE *ti;
    NTSTATUS st = get_vidpn(ad, h, &vi, &top, &ti);
    *n = 0;
    *size_mismatch = false;
    if (!NT_SUCCESS(st))
        return st;
    const D3DKMDT_VIDPN_PRESENT_PATH *p = NULL;
    st = ti->pfnAcquireFirstPathInfo(top, &p);
    while (NT_SUCCESS(st) && st != STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET && p) {
        if (*n == KMD_MAX_PATHS) {
            ti->pfnReleasePathInfo(top, p);
            return STATUS_GRAPHICS_INVALID_VIDPN_TOPOLOGY;
        }
        uint32_t sw, sh, tw, th;
        pinned_sizes(vi, h, p, &sw, &sh, &tw, &th);
        if (sw && tw && (sw != tw || sh != th))
            *size_mismatch = true; /* would need scaling */
        paths[*n].source = p->VidPnSourceId;
        paths[*n].target = p->VidPnTargetId;
        paths[*n].width = tw ? tw : sw;
        paths[*n].height = tw ? th : sh;
        (*n)++;
        const D3DKMDT_VIDPN_PRESENT_PATH *next = NULL;
        st = ti->pfnAcquireNextPathInfo(top, p, &next);
        ti->pfnReleasePathInfo(top, p);
        p = next;
    }
    return st == STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET ? STATUS_SUCCESS : st;
}

NTSTATUS APIENTRY kmd_IsSupportedVidPn(const HANDLE h, DXGKARG_ISSUPPORTEDVIDPN *a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    if (!a->hDesiredVidPn) {
        a->IsVidPnSupported = TRUE; /* the empty VidPN (all off) is always supported */
        return STATUS_SUCCESS;
    }
    struct kmd_vidpn_path paths[KMD_MAX_PATHS];
    uint32_t n;
    bool mismatch;
    NTSTATUS st = collect_paths(ad, a->hDesiredVidPn, paths, &n, &mismatch);
    if (st == STATUS_GRAPHICS_INVALID_VIDPN_TOPOLOGY) {
        a->IsVidPnSupported = FALSE;
        return STATUS_SUCCESS;
    }
    if (!NT_SUCCESS(st))
        return st;
    struct kmd_head_modes *heads = kmd_heads_snapshot(ad);
    if (!heads)
        return STATUS_NO_MEMORY;
    a->IsVidPnSupported = !mismatch && kmd_vidpn_check(heads, ad->num_scanouts, paths, n) == 0;
    kmd_heads_release(heads);
    return STATUS_SUCCESS;
}

static NTSTATUS add_source_modes(const DXGK_VIDPN_INTERFACE *vi, D3DKMDT_HVIDPN h, uint32_t source,
                                 const struct kmd_head_modes *hm, uint32_t only_w, uint32_t only_h, bool pin_first)
{
    D3DKMDT_HVIDPNSOURCEMODESET set;
    const DXGK_VIDPNSOURCEMODESET_INTERFACE *si;
    NTSTATUS st = vi->pfnCreateNewSourceModeSet(h, source, &set, &si);
    if (!NT_SUCCESS(st))
        return st;
    D3DKMDT_VIDEO_PRESENT_SOURCE_MODE_ID first = 0;
    bool have_first = false;
    for (uint32_t i = 0; i < hm->n; i++) {
        if (only_w && (hm->m[i].width != only_w || hm->m[i].height != only_h))
            continue;
        D3DKMDT_VIDPN_SOURCE_MODE *m;
        st = si->pfnCreateNewModeInfo(set, &m);
        if (!NT_SUCCESS(st))
            break;
        fill_source_mode(m, hm->m[i].width, hm->m[i].height);
        D3DKMDT_VIDEO_PRESENT_SOURCE_MODE_ID id = m->Id;
        st = si->pfnAddMode(set, m);
        if (!NT_SUCCESS(st)) {
            si->pfnReleaseModeInfo(set, m);
            if (st == STATUS_GRAPHICS_MODE_ALREADY_IN_MODESET)
                continue;
            break;
        }
        if (!have_first) {
            first = id;
            have_first = true;
        }
    }
    if (NT_SUCCESS(st) && pin_first && have_first)
        st = si->pfnPinMode(set, first);
    if (NT_SUCCESS(st))
        st = vi->pfnAssignSourceModeSet(h, source, set);
    if (!NT_SUCCESS(st))
        vi->pfnReleaseSourceModeSet(h, set);
    return st;
}

static NTSTATUS add_target_modes(const DXGK_VIDPN_INTERFACE *vi, D3DKMDT_HVIDPN h, uint32_t target,
                                 const struct kmd_head_modes *hm, uint32_t only_w, uint32_t only_h, bool pin_first)
{
    D3DKMDT_HVIDPNTARGETMODESET set;
    const DXGK_VIDPNTARGETMODESET_INTERFACE *ti;
    NTSTATUS st = vi->pfnCreateNewTargetModeSet(h, target, &set, &ti);
    if (!NT_SUCCESS(st))
        return st;
    D3DKMDT_VIDEO_PRESENT_TARGET_MODE_ID first = 0;
    bool have_first = false;
    for (uint32_t i = 0; i < hm->n; i++) {
        if (only_w && (hm->m[i].width != only_w || hm->m[i].height != only_h))
            continue;
        D3DKMDT_VIDPN_TARGET_MODE *m;
        st = ti->pfnCreateNewModeInfo(set, &m);
        if (!NT_SUCCESS(st))
            break;
        fill_signal(&m->VideoSignalInfo, &hm->m[i]);
        m->Preference = (hm->m[i].flags & KMD_MODE_PREFERRED) ? D3DKMDT_MP_PREFERRED : D3DKMDT_MP_NOTPREFERRED;
        D3DKMDT_VIDEO_PRESENT_TARGET_MODE_ID id = m->Id;
        st = ti->pfnAddMode(set, m);
        if (!NT_SUCCESS(st)) {
            ti->pfnReleaseModeInfo(set, m);
            if (st == STATUS_GRAPHICS_MODE_ALREADY_IN_MODESET)
                continue;
            break;
        }
        if (!have_first) {
            first = id;
            have_first = true;
        }
    }
    if (NT_SUCCESS(st) && pin_first && have_first)
        st = ti->pfnPinMode(set, first);
    if (NT_SUCCESS(st))
        st = vi->pfnAssignTargetModeSet(h, target, set);
    if (!NT_SUCCESS(st))
        vi->pfnReleaseTargetModeSet(h, set);
    return st;
}

static void identity_path(D3DKMDT_VIDPN_PRESENT_PATH *p)
{
    p->ContentTransformation.Scaling = D3DKMDT_VPPS_IDENTITY;
    memset(&p->ContentTransformation.ScalingSupport, 0, sizeof(p->ContentTransformation.ScalingSupport));
    p->ContentTransformation.ScalingSupport.Identity = 1;
    p->ContentTransformation.Rotation = D3DKMDT_VPPR_IDENTITY;
    memset(&p->ContentTransformation.RotationSupport, 0, sizeof(p->ContentTransformation.RotationSupport));
    p->ContentTransformation.RotationSupport.Identity = 1;
}

NTSTATUS APIENTRY kmd_RecommendFunctionalVidPn(const HANDLE h, const DXGKARG_RECOMMENDFUNCTIONALVIDPN *const a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    struct kmd_vidpn_path rec[KMD_MAX_PATHS];
    struct kmd_head_modes *heads = kmd_heads_snapshot(ad);
    if (!heads)
        return STATUS_NO_MEMORY;
    uint32_t n = kmd_vidpn_recommend(heads, ad->num_scanouts, rec, KMD_MAX_PATHS);
    if (!n) {
        kmd_heads_release(heads);
        return STATUS_GRAPHICS_NO_RECOMMENDED_FUNCTIONAL_VIDPN;
    }
    const DXGK_VIDPN_INTERFACE *vi;
    D3DKMDT_HVIDPNTOPOLOGY top;
    const DXGK_VIDPNTOPOLOGY_INTERFACE *ti;
    NTSTATUS st = get_vidpn(ad, a->hRecommendedFunctionalVidPn, &vi, &top, &ti);
    for (uint32_t i = 0; NT_SUCCESS(st) && i < n; i++) {
        D3DKMDT_VIDPN_PRESENT_PATH *p;
        st = ti->pfnCreateNewPathInfo(top, &p);
        if (!NT_SUCCESS(st))
            break;
        p->VidPnSourceId = rec[i].source;
        p->VidPnTargetId = rec[i].target;
        p->ImportanceOrdinal = i == 0 ? D3DKMDT_VPPI_PRIMARY : D3DKMDT_VPPI_SECONDARY;
        identity_path(p);
        p->VidPnTargetColorBasis = D3DKMDT_CB_SRGB;
        p->VidPnTargetColorCoeffDynamicRanges.FirstChannel = 8;
        p->VidPnTargetColorCoeffDynamicRanges.SecondChannel = 8;
        p->VidPnTargetColorCoeffDynamicRanges.ThirdChannel = 8;
        p->Content = D3DKMDT_VPPC_GRAPHICS;
        p->CopyProtection.CopyProtectionType = D3DKMDT_VPPMT_NOPROTECTION;
        p->GammaRamp.Type = D3DDDI_GAMMARAMP_DEFAULT;
        st = ti->pfnAddPath(top, p);
        if (!NT_SUCCESS(st)) {
            ti->pfnReleasePathInfo(top, p);
            break;
        }
        const struct kmd_head_modes *hm = &heads[rec[i].target];
        st = add_source_modes(vi, a->hRecommendedFunctionalVidPn, rec[i].source, hm, rec[i].width, rec[i].height,
                              true);
        if (NT_SUCCESS(st))
            st = add_target_modes(vi, a->hRecommendedFunctionalVidPn, rec[i].target, hm, rec[i].width,
                                  rec[i].height, true);
    }
    kmd_heads_release(heads);
    return st;
}

NTSTATUS APIENTRY kmd_EnumVidPnCofuncModality(const HANDLE h, const DXGKARG_ENUMVIDPNCOFUNCMODALITY *const a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    const DXGK_VIDPN_INTERFACE *vi;
    D3DKMDT_HVIDPNTOPOLOGY top;
    const DXGK_VIDPNTOPOLOGY_INTERFACE *ti;
    D3DKMDT_HVIDPN vp = a->hConstrainingVidPn;
    NTSTATUS st = get_vidpn(ad, vp, &vi, &top, &ti);
    if (!NT_SUCCESS(st))
        return st;
    struct kmd_head_modes *heads = kmd_heads_snapshot(ad);
    if (!heads)
        return STATUS_NO_MEMORY;
    const D3DKMDT_VIDPN_PRESENT_PATH *p = NULL;
    st = ti->pfnAcquireFirstPathInfo(top, &p);
    while (NT_SUCCESS(st) && st != STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET && p) {
        if (p->VidPnSourceId >= ad->num_scanouts || p->VidPnTargetId >= ad->num_scanouts) {
            ti->pfnReleasePathInfo(top, p);
            st = STATUS_GRAPHICS_INVALID_VIDPN_TOPOLOGY;
            break;
        }
        const struct kmd_head_modes *hm = &heads[p->VidPnTargetId];
        uint32_t sw, sh, tw, th;
        pinned_sizes(vi, vp, p, &sw, &sh, &tw, &th);
        bool src_pivot = a->EnumPivotType == D3DKMDT_EPT_VIDPNSOURCE && a->EnumPivot.VidPnSourceId == p->VidPnSourceId;
        bool tgt_pivot = a->EnumPivotType == D3DKMDT_EPT_VIDPNTARGET && a->EnumPivot.VidPnTargetId == p->VidPnTargetId;
        if (!sw && !src_pivot)
            st = add_source_modes(vi, vp, p->VidPnSourceId, hm, tw, th, false);
        if (NT_SUCCESS(st) && !tw && !tgt_pivot)
            st = add_target_modes(vi, vp, p->VidPnTargetId, hm, sw, sh, false);
        /* Only identity scaling and rotation exist. */
        if (NT_SUCCESS(st) && (p->ContentTransformation.Scaling == D3DKMDT_VPPS_UNPINNED ||
                               p->ContentTransformation.Rotation == D3DKMDT_VPPR_UNPINNED ||
                               p->ContentTransformation.Scaling == D3DKMDT_VPPS_UNINITIALIZED)) {
            /* Report support only; pinning stays the OS's decision. */
            D3DKMDT_VIDPN_PRESENT_PATH upd = *p;
            memset(&upd.ContentTransformation.ScalingSupport, 0, sizeof(upd.ContentTransformation.ScalingSupport));
            upd.ContentTransformation.ScalingSupport.Identity = 1;
            memset(&upd.ContentTransformation.RotationSupport, 0, sizeof(upd.ContentTransformation.RotationSupport));
            upd.ContentTransformation.RotationSupport.Identity = 1;
            st = ti->pfnUpdatePathSupportInfo(top, &upd);
        }
        const D3DKMDT_VIDPN_PRESENT_PATH *next = NULL;
        NTSTATUS nst = NT_SUCCESS(st) ? ti->pfnAcquireNextPathInfo(top, p, &next) : st;
        ti->pfnReleasePathInfo(top, p);
        st = nst;
        p = next;
    }
    kmd_heads_release(heads);
    return st == STATUS_GRAPHICS_NO_MORE_ELEMENTS_IN_DATASET ? STATUS_SUCCESS : st;
}

NTSTATUS APIENTRY kmd_CommitVidPn(const HANDLE h, const DXGKARG_COMMITVIDPN *const a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    if (!kmd_active(ad))
        return STATUS_DEVICE_NOT_READY;
    struct kmd_vidpn_path paths[KMD_MAX_PATHS];
    uint32_t n;
    bool mismatch;
    NTSTATUS st = collect_paths(ad, a->hFunctionalVidPn, paths, &n, &mismatch);
    if (!NT_SUCCESS(st))
        return st;
    struct kmd_head_modes *heads = kmd_heads_snapshot(ad);
    if (!heads)
        return STATUS_NO_MEMORY;
    bool ok = !mismatch && kmd_vidpn_check(heads, ad->num_scanouts, paths, n) == 0;
    kmd_heads_release(heads);
    if (!ok)
        return STATUS_GRAPHICS_INVALID_VIDPN;
    bool has_path[VIOGPU_MAX_SCANOUTS] = {false};
    for (uint32_t i = 0; i < n; i++) {
        struct kmd_source *s = &ad->src[paths[i].source];
        has_path[paths[i].source] = true;
        s->width = paths[i].width;
        s->height = paths[i].height;
        if (paths[i].source == a->AffectedVidPnSourceId || a->AffectedVidPnSourceId == D3DDDI_ID_ALL) {
            struct kmd_alloc *al = (struct kmd_alloc *)a->hPrimaryAllocation;
            s->primary = al && al->magic == KMD_MAGIC_ALLOC ? al : NULL;
            s->visible = s->primary != NULL;
        }
    }
    for (uint32_t i = 0; i < ad->num_scanouts; i++) {
        if (!has_path[i] && (i == a->AffectedVidPnSourceId || a->AffectedVidPnSourceId == D3DDDI_ID_ALL)) {
            ad->src[i].primary = NULL;
            ad->src[i].width = ad->src[i].height = 0;
        }
        if (i == a->AffectedVidPnSourceId || a->AffectedVidPnSourceId == D3DDDI_ID_ALL)
            kmd_show_source(ad, i);
    }
    return STATUS_SUCCESS;
}

NTSTATUS APIENTRY kmd_UpdateActiveVidPnPresentPath(const HANDLE h, const DXGKARG_UPDATEACTIVEVIDPNPRESENTPATH *const a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a)
        return STATUS_INVALID_PARAMETER;
    const D3DKMDT_VIDPN_PRESENT_PATH *p = &a->VidPnPresentPathInfo;
    if (p->VidPnSourceId >= ad->num_scanouts || p->VidPnTargetId >= ad->num_scanouts)
        return STATUS_INVALID_PARAMETER;
    if ((p->ContentTransformation.Scaling != D3DKMDT_VPPS_IDENTITY &&
         p->ContentTransformation.Scaling != D3DKMDT_VPPS_NOTSPECIFIED) ||
        (p->ContentTransformation.Rotation != D3DKMDT_VPPR_IDENTITY &&
         p->ContentTransformation.Rotation != D3DKMDT_VPPR_NOTSPECIFIED))
        return STATUS_NOT_SUPPORTED;
    return STATUS_SUCCESS; /* gamma and content type need no device state */
}

NTSTATUS APIENTRY kmd_RecommendMonitorModes(const HANDLE h, const DXGKARG_RECOMMENDMONITORMODES *const a)
{
    struct kmd_adapter *ad = kmd_adapter_from(h);
    if (!ad || !a || a->VideoPresentTargetId >= ad->num_scanouts || !a->pMonitorSourceModeSetInterface)
        return STATUS_INVALID_PARAMETER;
    const DXGK_MONITORSOURCEMODESET_INTERFACE *mi = a->pMonitorSourceModeSetInterface;
    struct kmd_head_modes *heads = kmd_heads_snapshot(ad);
    if (!heads)
        return STATUS_NO_MEMORY;
    const struct kmd_head_modes *hm = &heads[a->VideoPresentTargetId];
    NTSTATUS st = STATUS_SUCCESS;
    for (uint32_t i = 0; i < hm->n; i++) {
        D3DKMDT_MONITOR_SOURCE_MODE *m;
        st = mi->pfnCreateNewModeInfo(a->hMonitorSourceModeSet, &m);
        if (!NT_SUCCESS(st))
            break;
        fill_signal(&m->VideoSignalInfo, &hm->m[i]);
        m->ColorBasis = D3DKMDT_CB_SRGB;
        m->ColorCoeffDynamicRanges.FirstChannel = 8;
        m->ColorCoeffDynamicRanges.SecondChannel = 8;
        m->ColorCoeffDynamicRanges.ThirdChannel = 8;
        m->ColorCoeffDynamicRanges.FourthChannel = 0;
        m->Origin = D3DKMDT_MCO_DRIVER;
        m->Preference = (hm->m[i].flags & KMD_MODE_PREFERRED) ? D3DKMDT_MP_PREFERRED : D3DKMDT_MP_NOTPREFERRED;
        st = mi->pfnAddMode(a->hMonitorSourceModeSet, m);
        if (!NT_SUCCESS(st)) {
            mi->pfnReleaseModeInfo(a->hMonitorSourceModeSet, m);
            if (st != STATUS_GRAPHICS_MODE_ALREADY_IN_MODESET)
                break;
            st = STATUS_SUCCESS; /* the EDID already listed it */
        }
    }
    kmd_heads_release(heads);
    return st;
}
