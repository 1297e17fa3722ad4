/*
 * gpu_env.h — the guest's embedding of the device core (src/gpu):
 * the struct vg_platform implementation for bare metal plus device
 * bring-up with MSI-X.
 *
 *     struct gpu_env env;
 *     if (!genv_open(&env, GENV_MSIX, 0)) return false;  (test failed, why set)
 *     ... vgpu_cmd_*(env.dev, ...) ...
 *     genv_close(&env);                        vgpu_fini + MSI-X off
 *
 * Interrupt path: the MSI-X vector's handler calls vgpu_isr() and counts the
 * interrupt; vgpu_process() (the "DPC") runs in thread context from
 * genv_poll()/genv_process(), never inside the handler, so core callbacks
 * never run nested in an interrupt.  The core's synchronous waits call
 * wait_a_little, which halts until the device's interrupt arrives.
 * GENV_POLLING leaves MSI-X off and passes msix_vectors = 0 with no INTx
 * routed: completions are then found only by the core's polling of the
 * used ring (the fallback).  GENV_INTX passes msix_vectors = 0 and routes
 * the INTx line through the I/O APIC once vgpu_init has returned (a level
 * interrupt nobody can acknowledge yet would otherwise storm); its handler
 * calls vgpu_isr(dev, VGPU_ISR_INTX), which reads and so clears the ISR.
 */
#ifndef GUEST_GPU_ENV_H
#define GUEST_GPU_ENV_H

#include "runner.h"
#include "gpu/vgpu.h"

#define GENV_MSIX 0u
#define GENV_POLLING 1u
#define GENV_INTX 2u /* MSI-X off, the PCI INTx line routed through the I/O APIC */

struct gpu_env {
    struct pci_dev pci;
    struct vg_platform plat;
    struct vgpu_dev *dev;
    uint32_t mode;              /* GENV_* */
    uint32_t nvec;              /* MSI-X vectors programmed (0 = polling/INTx) */
    uint32_t intx_pin;          /* I/O APIC pin with GENV_INTX */
    volatile uint64_t irqs;     /* MSI-X interrupts taken */
    volatile uint64_t isr_true; /* of which vgpu_isr claimed */
    volatile bool pending;      /* vgpu_process owed */
    bool in_process;
    uint64_t irqs_seen;         /* irqs when wait_a_little last returned */
    uint64_t halts;             /* wait_a_little calls that halted */
    uint32_t display_events;    /* vgpu_params.display_changed calls */
    uint32_t display_mask;      /* OR of their changed_mask */
};

/* Finds the device, programs MSI-X (unless GENV_POLLING) and runs
 * vgpu_init with vgpu_flags.  On failure calls t_fail and returns false. */
bool genv_open(struct gpu_env *e, uint32_t mode, uint32_t vgpu_flags);
void genv_close(struct gpu_env *e);
/* Runs vgpu_process if an interrupt asked for it. */
void genv_poll(struct gpu_env *e);
/* Runs vgpu_process now (thread context), interrupt or not. */
void genv_process(struct gpu_env *e);
/* Physically contiguous, zeroed DMA memory (identity-mapped). */
void *genv_dma(uint64_t bytes);
void genv_dma_free(void *p, uint64_t bytes);
const char *genv_err(int rc);

#endif
