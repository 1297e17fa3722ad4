/*
 * vidpn.h — dxgkrnl's VidPN objects for the mini dxgkrnl: a VidPN (paths
 * + per-source and per-target mode sets with a pinned mode) and a monitor
 * source mode set, each reachable through the documented interfaces
 * (DXGK_VIDPN_INTERFACE and friends, include/wddm/d3dkmddi_vidpn.h).
 *
 *   struct vidpn *v = vidpn_new();           // empty, as for
 *   ...DxgkDdiRecommendFunctionalVidPn(ctx, {.hRecommendedFunctionalVidPn = vidpn_handle(v)})
 *   vidpn_pinned(v, source, &w, &h, ...)     // inspect what the driver built
 *   vidpn_check_released(v, "DDI name")      // every acquired object returned
 *   vidpn_free(v);
 *
 * Everything the driver acquires (topology path infos, mode sets, mode
 * infos) is counted; a DDI that returns with something still acquired, a
 * double release or a foreign pointer is a recorded contract violation.
 */
#ifndef GUEST_NT_VIDPN_H
#define GUEST_NT_VIDPN_H
#include <stdbool.h>
#include <stdint.h>
#include <ntddk.h>
#include "wddm/dispmprt.h"

#define VIDPN_MAX_PATHS 4
#define VIDPN_MAX_MODES 48

struct vidpn;
struct monitor_set;

struct vidpn *vidpn_new(void);
void vidpn_free(struct vidpn *v);
D3DKMDT_HVIDPN vidpn_handle(struct vidpn *v);
NTSTATUS APIENTRY vidpn_query_interface(const D3DKMDT_HVIDPN h, const DXGK_VIDPN_INTERFACE_VERSION ver,
                                        const DXGK_VIDPN_INTERFACE **out);
/* Builds by hand what the OS would after a mode choice: one path
 * source->target with a single pinned source and target mode each. */
bool vidpn_add_pinned_path(struct vidpn *v, uint32_t source, uint32_t target, uint32_t sw, uint32_t sh, uint32_t tw,
                           uint32_t th);
uint32_t vidpn_num_paths(const struct vidpn *v);
const D3DKMDT_VIDPN_PRESENT_PATH *vidpn_path(const struct vidpn *v, uint32_t i);
/* Pinned source / target mode sizes (false when nothing is pinned). */
bool vidpn_pinned_source(const struct vidpn *v, uint32_t source, uint32_t *w, uint32_t *h);
bool vidpn_pinned_target(const struct vidpn *v, uint32_t target, uint32_t *w, uint32_t *h);
uint32_t vidpn_num_source_modes(const struct vidpn *v, uint32_t source);
/* true when nothing acquired is outstanding; otherwise records a violation */
bool vidpn_check_released(const struct vidpn *v, const char *ddi);

struct monitor_set *monitor_set_new(void);
void monitor_set_free(struct monitor_set *m);
D3DKMDT_HMONITORSOURCEMODESET monitor_set_handle(struct monitor_set *m);
extern const DXGK_MONITORSOURCEMODESET_INTERFACE monitor_set_interface;
uint32_t monitor_set_num(const struct monitor_set *m);
const D3DKMDT_MONITOR_SOURCE_MODE *monitor_set_mode(const struct monitor_set *m, uint32_t i);
bool monitor_set_check_released(const struct monitor_set *m, const char *ddi);

#endif
