/*
 * d3dtool.exe — the only Windows-side piece of the shader corpus build: a
 * MinGW program run under wine64 by `make shaders` that calls Wine's
 * d3dcompiler_47 (an independent compiler/disassembler):
 *
 *   d3dtool compile PROFILE ENTRY IN.hlsl OUT.dxbc   D3DCompile
 *   d3dtool disasm IN.dxbc OUT.txt                   D3DDisassemble
 *
 * Exit status 0 on success; compiler messages go to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>
#include <d3dcompiler.h>

static void *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)sz + 1);
    if (fread(b, 1, (size_t)sz, f) != (size_t)sz) {
        fclose(f);
        free(b);
        return NULL;
    }
    b[sz] = 0;
    fclose(f);
    *n = (size_t)sz;
    return b;
}

static int spit(const char *path, const void *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(d, 1, n, f) != n)
        return 1;
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    size_t n;
    if (argc == 6 && !strcmp(argv[1], "compile")) {
        char *src = slurp(argv[4], &n);
        if (!src) {
            fprintf(stderr, "cannot read %s\n", argv[4]);
            return 1;
        }
        ID3DBlob *code = NULL, *errs = NULL;
        HRESULT hr = D3DCompile(src, n, argv[4], NULL, NULL, argv[3], argv[2], 0, 0, &code, &errs);
        if (errs) {
            fprintf(stderr, "%s", (const char *)errs->lpVtbl->GetBufferPointer(errs));
            errs->lpVtbl->Release(errs);
        }
        if (FAILED(hr) || !code) {
            fprintf(stderr, "D3DCompile failed: 0x%08lx\n", (unsigned long)hr);
            return 1;
        }
        int rc = spit(argv[5], code->lpVtbl->GetBufferPointer(code), code->lpVtbl->GetBufferSize(code));
        code->lpVtbl->Release(code);
        return rc;
    }
    if (argc == 4 && !strcmp(argv[1], "disasm")) {
        char *bin = slurp(argv[2], &n);
        if (!bin) {
            fprintf(stderr, "cannot read %s\n", argv[2]);
            return 1;
        }
        ID3DBlob *text = NULL;
        HRESULT hr = D3DDisassemble(bin, n, 0, NULL, &text);
        if (FAILED(hr) || !text) {
            fprintf(stderr, "D3DDisassemble failed: 0x%08lx\n", (unsigned long)hr);
            return 1;
        }
        size_t len = text->lpVtbl->GetBufferSize(text);
        const char *s = text->lpVtbl->GetBufferPointer(text);
        while (len && !s[len - 1])
            len--;
        int rc = spit(argv[3], s, len);
        text->lpVtbl->Release(text);
        return rc;
    }
    fprintf(stderr, "usage: d3dtool compile PROFILE ENTRY IN.hlsl OUT.dxbc | disasm IN.dxbc OUT.txt\n");
    return 2;
}
