/*
 * pe_loader.c — PE32+ loader of the test kernel (see pe_loader.h).
 * Field offsets follow the Microsoft PE/COFF specification: the DOS stub's
 * e_lfanew at 0x3C, "PE\0\0", the 20-byte COFF file header, the PE32+
 * optional header (magic 0x20B) with its data directories, 40-byte section
 * headers.  Every read of the file or of the mapped image goes through a
 * bounds check, because a loader that trusts its input is not a test of
 * anything.
 */
#include "pe_loader.h"
#include "kernel.h"

#define PAGE 4096ull

struct ctx {
    const uint8_t *f;
    size_t len;
    char *err;
    size_t errsz;
};

static bool fail(struct ctx *c, const char *fmt, ...) __attribute__((format(gnu_printf, 2, 3)));
static bool fail(struct ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(c->err, c->errsz, fmt, ap);
    va_end(ap);
    return false;
}

static bool in_file(const struct ctx *c, uint64_t off, uint64_t n) { return off <= c->len && n <= c->len - off; }
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }
static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

/* A NUL-terminated string at `rva` inside the image of `size` bytes. */
static const char *img_str(const uint8_t *img, uint64_t size, uint32_t rva)
{
    if (rva >= size)
        return NULL;
    for (uint64_t i = rva; i < size; i++)
        if (!img[i])
            return (const char *)img + rva;
    return NULL;
}

static bool apply_relocs(struct ctx *c, uint8_t *img, uint64_t size, uint32_t rva, uint32_t dsize, int64_t delta,
                         uint32_t *count)
{
    if ((uint64_t)rva + dsize > size)
        return fail(c, "reloc directory outside the image");
    for (uint32_t off = 0; off + 8 <= dsize;) {
        uint32_t page = rd32(img + rva + off), bsize = rd32(img + rva + off + 4);
        if (bsize < 8 || off + bsize > dsize || (bsize & 1))
            return fail(c, "bad reloc block at +0x%x (size %u)", off, bsize);
        for (uint32_t e = 8; e + 2 <= bsize; e += 2) {
            uint16_t ent = rd16(img + rva + off + e);
            uint32_t type = ent >> 12, at = page + (ent & 0xfff);
            if (type == 0) /* IMAGE_REL_BASED_ABSOLUTE: padding */
                continue;
            if (type != 10) /* IMAGE_REL_BASED_DIR64 is all x64 uses */
                return fail(c, "unsupported relocation type %u at rva 0x%x", type, at);
            if ((uint64_t)at + 8 > size)
                return fail(c, "relocation at rva 0x%x outside the image", at);
            uint64_t v = rd64(img + at) + (uint64_t)delta;
            memcpy(img + at, &v, 8);
            (*count)++;
        }
        off += bsize;
    }
    return true;
}

static bool resolve_imports(struct ctx *c, uint8_t *img, uint64_t size, uint32_t rva, uint32_t dsize,
                            pe_resolve_fn resolve, void *rctx, uint32_t *count)
{
    if ((uint64_t)rva + dsize > size)
        return fail(c, "import directory outside the image");
    for (uint32_t d = rva;; d += 20) {
        if ((uint64_t)d + 20 > size)
            return fail(c, "import descriptors run off the image");
        uint32_t ilt = rd32(img + d), name_rva = rd32(img + d + 12), iat = rd32(img + d + 16);
        if (!ilt && !name_rva && !iat)
            return true; /* the all-zero terminator */
        const char *dll = img_str(img, size, name_rva);
        if (!dll)
            return fail(c, "import descriptor with a bad DLL name rva 0x%x", name_rva);
        if (!ilt)
            ilt = iat; /* no lookup table: the IAT holds the names */
        for (uint32_t i = 0;; i++) {
            uint64_t lo = (uint64_t)ilt + 8ull * i, ia = (uint64_t)iat + 8ull * i;
            if (lo + 8 > size || ia + 8 > size)
                return fail(c, "import thunks of %s run off the image", dll);
            uint64_t th = rd64(img + lo);
            if (!th)
                break;
            if (th >> 63)
                return fail(c, "import by ordinal %u from %s: not supported", (unsigned)(th & 0xffff), dll);
            const char *fn = img_str(img, size, (uint32_t)th + 2); /* skip the hint */
            if ((th >> 32) || !fn)
                return fail(c, "bad import name rva 0x%llx in %s", (unsigned long long)th, dll);
            uint64_t addr = resolve(rctx, dll, fn);
            if (!addr)
                return fail(c, "unknown import %s!%s", dll, fn);
            memcpy(img + ia, &addr, 8);
            (*count)++;
        }
    }
}

bool pe_load(const void *file, size_t len, uint64_t base, pe_resolve_fn resolve, void *rctx,
             struct pe_image *img, char *err, size_t errsz)
{
    struct ctx c = {file, len, err, errsz};
    const uint8_t *f = file;
    memset(img, 0, sizeof(*img));
    if (!in_file(&c, 0, 0x40) || f[0] != 'M' || f[1] != 'Z')
        return fail(&c, "no MZ header");
    uint32_t pe = rd32(f + 0x3c);
    if (!in_file(&c, pe, 24) || memcmp(f + pe, "PE\0\0", 4))
        return fail(&c, "no PE signature at 0x%x", pe);
    const uint8_t *coff = f + pe + 4;
    uint16_t machine = rd16(coff), nsect = rd16(coff + 2), optsz = rd16(coff + 16);
    if (machine != 0x8664)
        return fail(&c, "machine 0x%x is not x86-64", machine);
    uint64_t opt_off = pe + 24ull;
    if (optsz < 112 || !in_file(&c, opt_off, optsz))
        return fail(&c, "optional header of %u bytes does not fit", optsz);
    const uint8_t *opt = f + opt_off;
    if (rd16(opt) != 0x20b)
        return fail(&c, "optional header magic 0x%x is not PE32+", rd16(opt));
    uint32_t entry = rd32(opt + 16), salign = rd32(opt + 32), sizeimg = rd32(opt + 56), sizehdr = rd32(opt + 60);
    uint32_t ndirs = rd32(opt + 108);
    uint64_t pref = rd64(opt + 24);
    if (salign != PAGE)
        return fail(&c, "section alignment 0x%x, want 0x1000", salign);
    if (ndirs > 16 || 112ull + 8ull * ndirs > optsz)
        return fail(&c, "%u data directories do not fit", ndirs);
    if (!sizeimg || sizeimg > (64u << 20) || sizehdr > sizeimg || !in_file(&c, 0, sizehdr))
        return fail(&c, "bad SizeOfImage 0x%x / SizeOfHeaders 0x%x", sizeimg, sizehdr);
    if (entry >= sizeimg)
        return fail(&c, "entry point 0x%x outside the image", entry);
    uint64_t sect_off = opt_off + optsz;
    if (nsect > 16 || !in_file(&c, sect_off, 40ull * nsect) || sect_off + 40ull * nsect > sizehdr)
        return fail(&c, "%u section headers do not fit", nsect);
    if (base & (PAGE - 1) || base == pref)
        return fail(&c, "load base 0x%llx must be page-aligned and not the preferred base", (unsigned long long)base);
    uint32_t dir[16][2] = {{0}};
    for (uint32_t i = 0; i < ndirs; i++) {
        dir[i][0] = rd32(opt + 112 + 8 * i);
        dir[i][1] = rd32(opt + 116 + 8 * i);
    }
    /* [4] is the certificate table: a FILE offset, not an RVA. */
    if (dir[4][1] && !in_file(&c, dir[4][0], dir[4][1]))
        return fail(&c, "certificate table 0x%x+0x%x outside the file", dir[4][0], dir[4][1]);

    uint64_t size = (sizeimg + PAGE - 1) & ~(PAGE - 1);
    uint8_t *m = page_alloc(size, PAGE);
    if (!m)
        return fail(&c, "no memory for a %llu-byte image", (unsigned long long)size);
    memcpy(m, f, sizehdr);
    for (uint32_t i = 0; i < nsect; i++) {
        const uint8_t *s = f + sect_off + 40ull * i;
        uint32_t vsize = rd32(s + 8), rva = rd32(s + 12), rawsz = rd32(s + 16), raw = rd32(s + 20);
        uint32_t ch = rd32(s + 36);
        struct pe_section *ps = &img->sect[i];
        memcpy(ps->name, s, 8);
        ps->name[8] = 0;
        ps->rva = rva;
        ps->vsize = vsize ? vsize : rawsz;
        if (rva & (PAGE - 1) || rva < sizehdr || (uint64_t)rva + ps->vsize > size) {
            page_free(m, size);
            return fail(&c, "section %s at rva 0x%x+0x%x outside the image", ps->name, rva, ps->vsize);
        }
        uint32_t copy = rawsz < ps->vsize ? rawsz : ps->vsize;
        if (copy && !in_file(&c, raw, copy)) {
            page_free(m, size);
            return fail(&c, "section %s raw data 0x%x+0x%x outside the file", ps->name, raw, copy);
        }
        memcpy(m + rva, f + raw, copy);
        ps->pte_flags = ((ch & 0x80000000u) ? PTE_RW : 0) | ((ch & 0x20000000u) ? 0 : PTE_NX);
    }
    img->nsections = nsect;

    int64_t delta = (int64_t)(base - pref);
    if (dir[5][1] && !apply_relocs(&c, m, size, dir[5][0], dir[5][1], delta, &img->nrelocs)) {
        page_free(m, size);
        return false;
    }
    if (dir[1][1] && !resolve_imports(&c, m, size, dir[1][0], dir[1][1], resolve, rctx, &img->nimports)) {
        page_free(m, size);
        return false;
    }
    /* Map: headers read-only NX; each page of a section with its rights;
     * gaps stay read-only NX. */
    mem_enable_nx();
    for (uint64_t o = 0; o < size; o += PAGE) {
        uint64_t fl = PTE_NX;
        for (uint32_t i = 0; i < nsect; i++)
            if (o >= img->sect[i].rva && o < img->sect[i].rva + ((img->sect[i].vsize + PAGE - 1) & ~(PAGE - 1)))
                fl = img->sect[i].pte_flags;
        if (!mem_map_4k(base + o, (uint64_t)(uintptr_t)m + o, fl)) {
            for (uint64_t u = 0; u < o; u += PAGE)
                mem_unmap_4k(base + u);
            page_free(m, size);
            return fail(&c, "out of page-table memory mapping the image");
        }
    }
    img->base = base;
    img->preferred = pref;
    img->size = size;
    img->entry = base + entry;
    img->phys = m;
    img->cert_size = dir[4][1];
    return true;
}

void pe_unload(struct pe_image *img)
{
    if (!img->phys)
        return;
    for (uint64_t o = 0; o < img->size; o += PAGE)
        mem_unmap_4k(img->base + o);
    page_free(img->phys, img->size);
    img->phys = NULL;
}
