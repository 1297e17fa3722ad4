/*
 * umd_stub.c — placeholder viogpu_d3d10.dll until the UMD issue lands.
 *
 * The D3D10 runtime loads the DLL named by the adapter's
 * UserModeDriverName and calls OpenAdapter10 (D3D10) or OpenAdapter10_2
 * (D3D10.1/DXGI 1.1) with a D3D10DDIARG_OPENADAPTER.  This placeholder
 * exists so the package is complete and installable: both entry points
 * touch nothing and return E_NOTIMPL (0x80004001), which the runtime
 * reports as "no Direct3D 10 driver" and falls back to WARP/basic display,
 * instead of crashing or pretending to have opened the adapter.
 *
 * Built twice: x64 (System32) and x86 for WOW64 (SysWOW64, shipped as
 * viogpu_d3d10_wow.dll).  Exports are undecorated through
 * windows/viogpu_d3d10.def (on x86 APIENTRY is __stdcall, whose symbols are
 * _Name@4).  No C runtime: -nostdlib, own DllMain entry.
 */
#include <windows.h>

#define VIOGPU_UMD_E_NOTIMPL ((HRESULT)0x80004001L)

/* The argument is a D3D10DDIARG_OPENADAPTER*; the placeholder never reads
 * it, so the type stays opaque here. */
struct D3D10DDIARG_OPENADAPTER;

HRESULT APIENTRY OpenAdapter10(struct D3D10DDIARG_OPENADAPTER *args);
HRESULT APIENTRY OpenAdapter10_2(struct D3D10DDIARG_OPENADAPTER *args);

HRESULT APIENTRY OpenAdapter10(struct D3D10DDIARG_OPENADAPTER *args)
{
    (void)args;
    return VIOGPU_UMD_E_NOTIMPL;
}

HRESULT APIENTRY OpenAdapter10_2(struct D3D10DDIARG_OPENADAPTER *args)
{
    (void)args;
    return VIOGPU_UMD_E_NOTIMPL;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    (void)inst;
    (void)reason;
    (void)reserved;
    return TRUE;
}
