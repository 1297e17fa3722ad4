/*
 * pecheck — asserts the properties a shipped Windows driver binary must
 * have, from the PE/COFF specification, without trusting the linker.
 *
 * Usage:
 *   pecheck [options] FILE
 *     --machine x64|x86     COFF machine (AMD64 0x8664 / I386 0x14c); x64
 *                           also requires the PE32+ optional header
 *     --subsystem native|gui|cui
 *     --dll | --no-dll      IMAGE_FILE_DLL characteristic set / clear
 *     --imports-only A,B    every imported DLL is one of these (case-insens.)
 *     --forbid-import A,B   none of these DLLs is imported (prefix match,
 *                           e.g. "vcruntime,msvcr,ucrtbase,api-ms-win-crt")
 *     --no-exports          no export directory (or one with no names/functions)
 *     --exports A,B         the export table names exactly these, undecorated
 *     --signed              an Authenticode certificate table is present
 *     --relocs              a non-empty base relocation directory (required
 *                           for drivers: the kernel always relocates them)
 *     --dump                print what was found (headers, imports, exports)
 * Always checked: MZ/PE signatures, sections inside the file,
 * RELOCS_STRIPPED clear, DYNAMIC_BASE and NX_COMPAT set, the optional-header checksum equal to the PE checksum of the
 * file, and no section both writable and executable.
 * Exit status 0 when every check passes; otherwise 1, with one line per
 * failed check on stderr ("pecheck: FILE: what").  2 for usage errors.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 256

struct pe {
    const char *path;
    uint8_t *buf;
    size_t len;
    uint32_t pe_off;
    uint16_t machine, nsect, chars, opt_size;
    int pe32plus;
    uint32_t opt_off, sect_off;
    uint16_t subsystem, dll_chars;
    uint32_t checksum_off, checksum;
    uint32_t ndirs, dirs_off;
    int nfail;
};

static void fail(struct pe *pe, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "pecheck: %s: ", pe->path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    pe->nfail++;
}

static int in_file(const struct pe *pe, uint64_t off, uint64_t n)
{
    return off <= pe->len && n <= pe->len - off;
}

static uint16_t rd16(const struct pe *pe, uint64_t off)
{
    if (!in_file(pe, off, 2))
        return 0;
    return (uint16_t)(pe->buf[off] | pe->buf[off + 1] << 8);
}

static uint32_t rd32(const struct pe *pe, uint64_t off)
{
    if (!in_file(pe, off, 4))
        return 0;
    return (uint32_t)pe->buf[off] | (uint32_t)pe->buf[off + 1] << 8 |
           (uint32_t)pe->buf[off + 2] << 16 | (uint32_t)pe->buf[off + 3] << 24;
}

/* Data directory i: rva and size (0,0 when absent). */
static void dir(const struct pe *pe, uint32_t i, uint32_t *rva, uint32_t *size)
{
    *rva = *size = 0;
    if (i >= pe->ndirs)
        return;
    *rva = rd32(pe, pe->dirs_off + 8u * i);
    *size = rd32(pe, pe->dirs_off + 8u * i + 4);
}

/* RVA -> file offset through the section table; 0 when unmapped. */
static uint64_t rva2off(const struct pe *pe, uint32_t rva, uint32_t need)
{
    for (uint32_t i = 0; i < pe->nsect; i++) {
        uint64_t s = pe->sect_off + 40ull * i;
        uint32_t vsz = rd32(pe, s + 8), va = rd32(pe, s + 12);
        uint32_t rawsz = rd32(pe, s + 16), raw = rd32(pe, s + 20);
        uint32_t span = vsz > rawsz ? rawsz : vsz;
        if (span == 0)
            span = rawsz;
        if (rva >= va && (uint64_t)rva + need <= (uint64_t)va + span) {
            uint64_t off = (uint64_t)raw + (rva - va);
            return in_file(pe, off, need) ? off : 0;
        }
    }
    return 0;
}

/* NUL-terminated string at an RVA, bounded; NULL if it runs off its section. */
static const char *rva_str(const struct pe *pe, uint32_t rva)
{
    uint64_t off = rva2off(pe, rva, 1);
    if (!off)
        return NULL;
    for (uint64_t i = off; i < pe->len && i < off + 512; i++)
        if (pe->buf[i] == 0)
            return (const char *)pe->buf + off;
    return NULL;
}

/* The PE checksum: 16-bit one's-complement-style sum of the file with the
 * checksum field taken as zero, folded, plus the file length. */
static uint32_t pe_checksum(const struct pe *pe)
{
    uint64_t sum = 0;
    for (size_t i = 0; i + 1 < pe->len; i += 2) {
        if (i == pe->checksum_off || i == pe->checksum_off + 2)
            continue;
        sum += (uint32_t)(pe->buf[i] | pe->buf[i + 1] << 8);
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if (pe->len & 1) {
        sum += pe->buf[pe->len - 1];
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint32_t)(sum + pe->len);
}

static int parse_headers(struct pe *pe)
{
    if (pe->len < 64 || pe->buf[0] != 'M' || pe->buf[1] != 'Z') {
        fail(pe, "no MZ header");
        return -1;
    }
    pe->pe_off = rd32(pe, 0x3c);
    if (!in_file(pe, pe->pe_off, 24) || memcmp(pe->buf + pe->pe_off, "PE\0\0", 4) != 0) {
        fail(pe, "no PE signature at e_lfanew");
        return -1;
    }
    uint32_t coff = pe->pe_off + 4;
    pe->machine = rd16(pe, coff);
    pe->nsect = rd16(pe, coff + 2);
    pe->opt_size = rd16(pe, coff + 16);
    pe->chars = rd16(pe, coff + 18);
    pe->opt_off = coff + 20;
    pe->sect_off = pe->opt_off + pe->opt_size;
    if (!in_file(pe, pe->opt_off, pe->opt_size) || !in_file(pe, pe->sect_off, 40ull * pe->nsect)) {
        fail(pe, "optional header or section table outside the file");
        return -1;
    }
    uint16_t magic = rd16(pe, pe->opt_off);
    if (magic == 0x20b)
        pe->pe32plus = 1;
    else if (magic != 0x10b) {
        fail(pe, "optional header magic 0x%x is neither PE32 nor PE32+", magic);
        return -1;
    }
    /* Windows-specific fields sit at the same offsets in both formats up to
     * the checksum; the data directory count moves with the 64-bit sizes. */
    pe->checksum_off = pe->opt_off + 64;
    pe->checksum = rd32(pe, pe->checksum_off);
    pe->subsystem = rd16(pe, pe->opt_off + 68);
    pe->dll_chars = rd16(pe, pe->opt_off + 70);
    uint32_t nd_off = pe->opt_off + (pe->pe32plus ? 108 : 92);
    pe->ndirs = rd32(pe, nd_off);
    pe->dirs_off = nd_off + 4;
    if (pe->ndirs > 16 || pe->dirs_off + 8ull * pe->ndirs > (uint64_t)pe->opt_off + pe->opt_size) {
        fail(pe, "data directory count %u does not fit the optional header", pe->ndirs);
        return -1;
    }
    for (uint32_t i = 0; i < pe->nsect; i++) {
        uint64_t s = pe->sect_off + 40ull * i;
        uint32_t rawsz = rd32(pe, s + 16), raw = rd32(pe, s + 20);
        if (rawsz && !in_file(pe, raw, rawsz))
            fail(pe, "section %u raw data outside the file", i);
    }
    return 0;
}

static int split(char *list, char **out, int max)
{
    int n = 0;
    for (char *t = strtok(list, ","); t && n < max; t = strtok(NULL, ","))
        out[n++] = t;
    return n;
}

static int name_in(const char *name, char *const *list, int n, int prefix)
{
    for (int i = 0; i < n; i++) {
        size_t l = strlen(list[i]);
        if (prefix ? strncasecmp(name, list[i], l) == 0 : strcasecmp(name, list[i]) == 0)
            return 1;
    }
    return 0;
}

struct opts {
    const char *machine, *subsystem;
    int dll; /* -1 don't care, 0 no, 1 yes */
    char *imports_only[MAX_NAMES];
    int n_imports_only;
    char *forbid[MAX_NAMES];
    int n_forbid;
    int no_exports;
    char *exports[MAX_NAMES];
    int n_exports;
    int signed_;
    int relocs;
    int dump;
};

static void check_imports(struct pe *pe, const struct opts *o)
{
    uint32_t rva, size;
    dir(pe, 1, &rva, &size);
    if (!rva || !size) {
        if (o->dump)
            printf("imports: none\n");
        return;
    }
    for (uint32_t i = 0;; i++) {
        uint64_t d = rva2off(pe, rva + 20u * i, 20);
        if (!d) {
            fail(pe, "import descriptor %u outside any section", i);
            return;
        }
        uint32_t name_rva = rd32(pe, d + 12), ilt = rd32(pe, d), iat = rd32(pe, d + 16);
        if (!name_rva && !ilt && !iat)
            break;
        const char *dll = rva_str(pe, name_rva);
        if (!dll) {
            fail(pe, "import descriptor %u has an unreadable DLL name", i);
            return;
        }
        if (o->dump)
            printf("import: %s\n", dll);
        if (o->n_imports_only && !name_in(dll, o->imports_only, o->n_imports_only, 0))
            fail(pe, "imports from %s, which is not allowed", dll);
        if (o->n_forbid && name_in(dll, o->forbid, o->n_forbid, 1))
            fail(pe, "imports from forbidden %s", dll);
        if (i > 64) {
            fail(pe, "import descriptor table not terminated");
            return;
        }
    }
}

static void check_exports(struct pe *pe, const struct opts *o)
{
    uint32_t rva, size;
    dir(pe, 0, &rva, &size);
    uint32_t nfunc = 0, nnames = 0;
    uint64_t d = 0;
    if (rva && size) {
        d = rva2off(pe, rva, 40);
        if (!d) {
            fail(pe, "export directory outside any section");
            return;
        }
        nfunc = rd32(pe, d + 20);
        nnames = rd32(pe, d + 24);
    }
    if (o->dump)
        printf("exports: %u functions, %u names\n", nfunc, nnames);
    if (o->no_exports && (nfunc || nnames))
        fail(pe, "exports %u functions / %u names, expected none", nfunc, nnames);
    if (!o->n_exports && !o->dump)
        return;
    int seen[MAX_NAMES] = {0};
    uint32_t names_rva = d ? rd32(pe, d + 32) : 0;
    for (uint32_t i = 0; i < nnames && i < 4096; i++) {
        uint64_t p = rva2off(pe, names_rva + 4 * i, 4);
        const char *nm = p ? rva_str(pe, rd32(pe, p)) : NULL;
        if (!nm) {
            fail(pe, "export name %u unreadable", i);
            return;
        }
        if (o->dump)
            printf("export: %s\n", nm);
        if (!o->n_exports)
            continue;
        int hit = 0;
        for (int k = 0; k < o->n_exports; k++)
            if (strcmp(nm, o->exports[k]) == 0) {
                seen[k]++;
                hit = 1;
            }
        if (!hit)
            fail(pe, "unexpected export %s", nm);
    }
    for (int k = 0; k < o->n_exports; k++)
        if (seen[k] != 1)
            fail(pe, "export %s %s", o->exports[k], seen[k] ? "listed twice" : "missing");
}

static void check_all(struct pe *pe, const struct opts *o)
{
    if (parse_headers(pe) != 0)
        return;
    if (o->dump)
        printf("machine 0x%x %s subsystem %u characteristics 0x%x dllchars 0x%x checksum 0x%x\n",
               pe->machine, pe->pe32plus ? "PE32+" : "PE32", pe->subsystem, pe->chars,
               pe->dll_chars, pe->checksum);
    if (o->machine) {
        if (strcmp(o->machine, "x64") == 0) {
            if (pe->machine != 0x8664)
                fail(pe, "machine 0x%x, expected AMD64 (0x8664)", pe->machine);
            if (!pe->pe32plus)
                fail(pe, "not PE32+");
        } else if (strcmp(o->machine, "x86") == 0) {
            if (pe->machine != 0x14c)
                fail(pe, "machine 0x%x, expected I386 (0x14c)", pe->machine);
            if (pe->pe32plus)
                fail(pe, "PE32+ on x86");
        }
    }
    if (o->subsystem) {
        unsigned want = strcmp(o->subsystem, "native") == 0 ? 1 : strcmp(o->subsystem, "gui") == 0 ? 2 : 3;
        if (pe->subsystem != want)
            fail(pe, "subsystem %u, expected %s (%u)", pe->subsystem, o->subsystem, want);
    }
    if (o->dll == 1 && !(pe->chars & 0x2000))
        fail(pe, "IMAGE_FILE_DLL not set");
    if (o->dll == 0 && (pe->chars & 0x2000))
        fail(pe, "IMAGE_FILE_DLL set on a driver image");
    if (pe->chars & 0x0001)
        fail(pe, "IMAGE_FILE_RELOCS_STRIPPED set");
    if (!(pe->dll_chars & 0x0040))
        fail(pe, "DYNAMIC_BASE not set");
    if (!(pe->dll_chars & 0x0100))
        fail(pe, "NX_COMPAT not set");
    uint32_t rva, size;
    dir(pe, 5, &rva, &size);
    if (o->dump)
        printf("base relocations: %u bytes\n", size);
    if (o->relocs && (!rva || !size))
        fail(pe, "no base relocations");
    uint32_t sum = pe_checksum(pe);
    if (sum != pe->checksum)
        fail(pe, "checksum 0x%x, computed 0x%x", pe->checksum, sum);
    for (uint32_t i = 0; i < pe->nsect; i++) {
        uint64_t s = pe->sect_off + 40ull * i;
        uint32_t c = rd32(pe, s + 36);
        char name[9] = {0};
        memcpy(name, pe->buf + s, 8);
        if (o->dump)
            printf("section %-8s flags 0x%08x\n", name, c);
        if ((c & 0x80000000u) && (c & 0x20000000u))
            fail(pe, "section %s is writable and executable", name);
    }
    check_imports(pe, o);
    check_exports(pe, o);
    dir(pe, 4, &rva, &size);
    if (o->dump)
        printf("certificate table: %u bytes\n", size);
    if (o->signed_) {
        /* The security directory holds a file offset, not an RVA. */
        if (!rva || size < 8 || !in_file(pe, rva, size))
            fail(pe, "no Authenticode certificate table");
        else if (rd16(pe, rva + 6) != 0x0002)
            fail(pe, "certificate type 0x%x is not PKCS#7 signed data", rd16(pe, rva + 6));
    }
}

static int usage(void)
{
    fprintf(stderr, "usage: pecheck [--machine x64|x86] [--subsystem native|gui|cui] [--dll|--no-dll]\n"
                    "               [--imports-only A,B] [--forbid-import A,B] [--no-exports|--exports A,B]\n"
                    "               [--signed] [--relocs] [--dump] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct opts o;
    memset(&o, 0, sizeof(o));
    o.dll = -1;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--machine") == 0 && v) {
            o.machine = v;
            i++;
        } else if (strcmp(a, "--subsystem") == 0 && v) {
            o.subsystem = v;
            i++;
        } else if (strcmp(a, "--dll") == 0) {
            o.dll = 1;
        } else if (strcmp(a, "--no-dll") == 0) {
            o.dll = 0;
        } else if (strcmp(a, "--imports-only") == 0 && v) {
            o.n_imports_only = split(argv[++i], o.imports_only, MAX_NAMES);
        } else if (strcmp(a, "--forbid-import") == 0 && v) {
            o.n_forbid = split(argv[++i], o.forbid, MAX_NAMES);
        } else if (strcmp(a, "--no-exports") == 0) {
            o.no_exports = 1;
        } else if (strcmp(a, "--exports") == 0 && v) {
            o.n_exports = split(argv[++i], o.exports, MAX_NAMES);
        } else if (strcmp(a, "--signed") == 0) {
            o.signed_ = 1;
        } else if (strcmp(a, "--relocs") == 0) {
            o.relocs = 1;
        } else if (strcmp(a, "--dump") == 0) {
            o.dump = 1;
        } else if (a[0] != '-' && !path) {
            path = a;
        } else {
            return usage();
        }
    }
    if (!path)
        return usage();
    struct pe pe;
    memset(&pe, 0, sizeof(pe));
    pe.path = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "pecheck: %s: cannot open\n", path);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return 1;
    }
    long l = ftell(f);
    rewind(f);
    if (l <= 0 || l > (1L << 30)) {
        fprintf(stderr, "pecheck: %s: bad size\n", path);
        fclose(f);
        return 1;
    }
    pe.len = (size_t)l;
    pe.buf = malloc(pe.len);
    if (!pe.buf || fread(pe.buf, 1, pe.len, f) != pe.len) {
        fprintf(stderr, "pecheck: %s: read failed\n", path);
        fclose(f);
        free(pe.buf);
        return 1;
    }
    fclose(f);
    check_all(&pe, &o);
    free(pe.buf);
    return pe.nfail ? 1 : 0;
}
