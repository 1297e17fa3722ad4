/*
 * pe_loader.h — loads a PE32+ image (a Windows x64 driver) into the test
 * kernel, the way the NT loader would: headers checked against the file's
 * bounds, sections copied to their RVAs, base relocations applied for the
 * base we choose (never the preferred one, so relocation is exercised),
 * imports resolved by name through a caller-supplied resolver, then every
 * page mapped at `base` with the protection its section asks for (code
 * read-only + executable, read-only data NX, data RW + NX).  The
 * Authenticode certificate table is bounds-checked and otherwise ignored.
 *
 *   struct pe_image img;
 *   if (!pe_load(file, len, 0xFFFFF88000000000, resolve, ctx, &img, err, sizeof err))
 *       fail(err);               // err names the first problem / import
 *   entry = (void *)img.entry;
 *   ...
 *   pe_unload(&img);
 */
#ifndef GUEST_PE_LOADER_H
#define GUEST_PE_LOADER_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the address of `name` exported by `dll`, or 0 if unknown. */
typedef uint64_t (*pe_resolve_fn)(void *ctx, const char *dll, const char *name);

struct pe_image {
    uint64_t base;          /* where it is mapped */
    uint64_t preferred;     /* OptionalHeader.ImageBase */
    uint64_t size;          /* SizeOfImage, page-rounded */
    uint64_t entry;         /* absolute address of the entry point */
    void *phys;             /* the backing pages (identity-mapped alias) */
    uint32_t nrelocs;       /* DIR64 fixups applied */
    uint32_t nimports;      /* import thunks resolved */
    uint32_t cert_size;     /* bytes of the (ignored) certificate table */
    uint32_t nsections;
    struct pe_section {
        char name[9];
        uint32_t rva, vsize;
        uint64_t pte_flags; /* PTE_RW / PTE_NX the pages got */
    } sect[16];
};

bool pe_load(const void *file, size_t len, uint64_t base, pe_resolve_fn resolve, void *ctx,
             struct pe_image *img, char *err, size_t errsz);
void pe_unload(struct pe_image *img);

#endif
