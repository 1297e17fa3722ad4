/*
 * umd_fuzz.h — what umd_fuzz.c (the memory-only runtime + KMD callbacks,
 * the OpenAdapter and OpenResource modes) shares with umd_fuzz_ddi.c (the
 * DDI-call-sequence mode): a device on a capable synthetic adapter, the
 * runtime's object memory, and the KMD's view of an allocation.
 *
 *   struct fz_dev v;
 *   fz_open_device(&v, false);              // D3D10.1 device, every format
 *   D3D10DDI_HRESOURCE r = create_resource(&v, &args);
 *   ... v.f.pfnXxx(v.hd, ...) ...           // submissions pass vcb or abort()
 *   destroy_resource(&v, r);
 *   fz_close_device(&v);                    // checks nothing the UMD made leaks
 */
#ifndef UMD_FUZZ_H
#define UMD_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "viogpu/abi.h"
#include "wddm/d3d10umddi.h"
#include "wddm/dxgiddi.h"

#define FZ_CHECK(c)                                                                      \
    do {                                                                                 \
        if (!(c)) {                                                                      \
            fprintf(stderr, "umd_fuzz: invariant failed at line %d: %s\n", __LINE__, #c); \
            abort();                                                                     \
        }                                                                                \
    } while (0)

struct fz_dev {
    D3D10DDI_HADAPTER ha;
    D3D10_2DDI_ADAPTERFUNCS af;
    D3D10_1DDI_DEVICEFUNCS f; /* the 10.0 table is a prefix of it */
    DXGI_DDI_BASE_FUNCTIONS dxgi;
    DXGI_DDI_BASE_CALLBACKS dxgi_cb;
    D3D10DDI_HDEVICE hd;
    UINT iface;
};

/* Driver memory the way a debug runtime hands it: not zeroed. */
void *rt_mem(SIZE_T size);
void create_device(struct fz_dev *v);
void destroy_device(struct fz_dev *v);
D3D10DDI_HRESOURCE create_resource(struct fz_dev *v, const D3D10DDIARG_CREATERESOURCE *a);
void destroy_resource(struct fz_dev *v, D3D10DDI_HRESOURCE h);
/* Guest backing bytes of an allocation of this shape (the KMD's math). */
uint64_t backing_bytes(const struct viogpu_alloc_priv *p);
/* OpenAdapter10_2 on a capable synthetic host (every format, 4x MSAA)
 * and CreateDevice; the close half destroys and closes both. */
void fz_open_device(struct fz_dev *v, bool d3d10_0);
void fz_close_device(struct fz_dev *v);
/* The KMD's backing of allocation `h` (NULL if none) and its size. */
uint8_t *fz_backing(D3DKMT_HANDLE h, uint64_t *size);
/* pfnSetErrorCb calls since the input started, the first HRESULT, and
 * pfnAllocateCb calls. */
unsigned fz_errors(void);
HRESULT fz_first_error(void);
unsigned fz_alloc_calls(void);

/* umd_fuzz_ddi.c: one input of the DDI-call-sequence mode (the input
 * after the selector byte); true when the device came up. */
bool fuzz_ddi(uint8_t sel, const uint8_t *data, size_t n);
/* Writes its seeds to `dir` (run through fuzz_ddi first) after its fixed
 * regression checks; 0 when all pass. */
int fuzz_ddi_seeds(const char *dir, int (*write)(const char *dir, const char *name, const void *a, size_t na,
                                                 const void *b, size_t nb));

#endif /* UMD_FUZZ_H */
