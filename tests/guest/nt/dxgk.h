/*
 * dxgk.h — the mini dxgkrnl of the guest host: loads the shipped
 * viogpu3d.sys (a multiboot module) with pe_loader, runs DriverEntry
 * against the NT shim, answers DxgkInitialize's device control with its
 * own registration entry, keeps the DRIVER_INITIALIZATION_DATA and plays
 * dxgkrnl's side of the adapter DDIs on the real virtio-gpu-pci function.
 *
 * A scenario (tests_kmd.c) calls, in the documented order:
 *   struct dxgk *k = &dxgk_global;
 *   dxgk_load(k)            image loaded at a non-preferred base, SHA-256
 *                           confirmed by the host
 *   dxgk_driver_entry(k)    DriverEntry -> DxgkInitialize -> registration
 *   dxgk_start(k)           DxgkDdiAddDevice, DxgkDdiStartDevice
 *   ... DDIs through k->ddi with k->ctx ...
 *   dxgk_stop(k)            StopDevice, RemoveDevice, Unload, image unmapped
 * Each step returns false after t_fail() naming the broken postcondition;
 * DDIs run at PASSIVE_LEVEL and nt_pump() runs afterwards so DPCs the
 * driver queued complete before the next step, as they would on Windows.
 */
#ifndef GUEST_NT_DXGK_H
#define GUEST_NT_DXGK_H
#include <ntddk.h>
#include "wddm/dispmprt.h"
#include "../pe_loader.h"
#include "../runner.h"

struct dxgk {
    struct pe_image img;
    bool loaded, registered, started;
    uint32_t reg_ioctl;                 /* control code that delivered the entry */
    uint32_t reject_ioctl;              /* test knob: answer this code with an error */
    DRIVER_INITIALIZATION_DATA ddi;     /* copy kept from registration */
    DRIVER_OBJECT drv;
    DEVICE_OBJECT pdo;
    PVOID ctx;                          /* MiniportDeviceContext */
    DXGKRNL_INTERFACE ifc;
    DXGK_START_INFO si;
    ULONG nsrc, nchild;
    DXGK_DRIVERCAPS caps;               /* QueryAdapterInfo after StartDevice */
    uint32_t paging_buffer_size, paging_priv_size;
    struct pci_dev pci;
    uint32_t msix_vectors;
    uint8_t res_buf[512];               /* CM_RESOURCE_LIST handed out */
    /* what the driver told us */
    volatile uint64_t isr_calls, isr_claimed, dpcs, notify_irq, notify_dpc;
    volatile uint32_t fence_done;       /* last DMA_COMPLETED fence */
    volatile uint32_t vsyncs;           /* CRTC_VSYNC notifications */
    uint32_t child_status_calls;
    DXGK_CHILD_STATUS last_child_status;
};

extern struct dxgk dxgk_global;

bool dxgk_load(struct dxgk *k);
bool dxgk_driver_entry(struct dxgk *k);
bool dxgk_start(struct dxgk *k);
bool dxgk_stop(struct dxgk *k);
/* Fails the test if the shim recorded an IRQL/contract violation. */
bool dxgk_no_violation(const char *when);

/* Scenario helpers (tests_kmd.c): load + DriverEntry + start (tears
 * down on failure); the mode=WxH kernel option; one DxgkDdiEscape; no
 * pool / contiguous / I/O mapping / timer left. */
bool kmdt_bring_up(struct dxgk *k);
bool kmdt_mode_option(uint32_t *w, uint32_t *h);
NTSTATUS kmdt_escape(struct dxgk *k, void *buf, UINT size);
bool kmdt_no_leaks(const char *when);

#define DXGK_LOAD_BASE 0xFFFFF88000000000ull

#endif
