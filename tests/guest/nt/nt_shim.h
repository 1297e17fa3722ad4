/*
 * nt_shim.h — the ntoskrnl.exe / HAL.dll stand-in a loaded driver imports
 * from (nt_shim.c), and what tests read back from it.  Only the exports
 * viogpu3d.sys imports exist; pe_load resolves through nt_shim_resolve, so
 * a driver that starts importing something new fails its load naming it.
 *
 * IRQL is the CPU's CR8 (the MinGW headers' KeGetCurrentIrql reads it, as
 * on Windows x64).  Each export checks the IRQL its documentation allows;
 * the first violation is kept and tests fail on it (nt_shim_violation).
 *
 * Time: KeQueryInterruptTime reads KUSER_SHARED_DATA at
 * 0xFFFFF78000000000 inline, so nt_shim_init maps that page and every
 * shim entry and pump refreshes InterruptTime from the kernel clock.
 *
 * Deferred work: DPCs queued by timers or by the mini dxgkrnl run only at
 * pump points (waits, delays, KeFlushQueuedDpcs, nt_pump after each DDI
 * returns at PASSIVE_LEVEL) at DISPATCH_LEVEL — never while the driver
 * holds a spin lock.
 */
#ifndef GUEST_NT_SHIM_H
#define GUEST_NT_SHIM_H
#include <stdbool.h>
#include <stdint.h>

#define NT_PASSIVE 0
#define NT_APC 1
#define NT_DISPATCH 2
#define NT_DIRQL 4 /* masks the device vectors 0x40..0x4F in the LAPIC TPR */

void nt_shim_init(void);
/* pe_resolve_fn: exports by DLL ("ntoskrnl.exe", "HAL.dll") and name. */
uint64_t nt_shim_resolve(void *ctx, const char *dll, const char *name);
/* Hides one export from nt_shim_resolve (NULL = none): proves that an
 * unknown import stops a load with its name. */
void nt_shim_hide_export(const char *name);

/* First IRQL or contract violation seen ("" if none); reset clears it. */
const char *nt_shim_violation(void);
void nt_shim_violation_reset(void);
void nt_shim_violate(const char *fmt, ...) __attribute__((format(gnu_printf, 1, 2)));

/* Live pool blocks / bytes with `tag` (0 = all tags). */
uint64_t nt_pool_live(uint32_t tag, uint64_t *bytes);
/* Describes the live pool as "TAG:n,..." for failure messages. */
void nt_pool_describe(char *buf, uint32_t size);
/* Live contiguous allocations and I/O-space mappings. */
uint32_t nt_contig_live(void);
uint32_t nt_iomap_live(void);
/* The live contiguous allocations of exactly `size` bytes: lets a test
 * read a buffer the driver handed the device. */
uint32_t nt_contig_list(uint64_t size, void **out, uint32_t max);
/* Live timers armed by the driver. */
uint32_t nt_timers_live(void);

static inline uint8_t nt_irql(void) { uint64_t v; __asm__ volatile("mov %%cr8, %0" : "=r"(v)); return (uint8_t)v; }
static inline void nt_set_irql(uint8_t v) { __asm__ volatile("mov %0, %%cr8" ::"r"((uint64_t)v) : "memory"); }

/* Runs due timers and queued DPCs at DISPATCH_LEVEL; call at PASSIVE. */
void nt_pump(void);
/* Queues a plain function as a DPC (the dxgkrnl side's DDI DPC). */
bool nt_queue_dpc_fn(void (*fn)(void *), void *arg);

/* The \Device\DxgKrnl object the shim exposes: IofCallDriver on it calls
 * `fn` with the control code and output buffer; returns an NTSTATUS. */
typedef int32_t (*nt_ioctl_fn)(uint32_t code, bool internal, void *out, uint32_t outlen, uint64_t *info);
void nt_shim_set_dxgk(nt_ioctl_fn fn);
/* Open references on the DxgKrnl file object (0 after DxgkInitialize). */
int32_t nt_dxgk_refs(void);

#endif
