/*
 * infcheck — parses a Windows driver INF (ASCII/UTF-8 or UTF-16LE with BOM)
 * the way SetupAPI reads it and cross-checks a display driver package.
 *
 * Usage:
 *   infcheck [--hwid ID] [--service-binary FILE] [--umd FILE]
 *            [--package-dir DIR] [--dump] FILE.inf
 * Checks (each failure is one line "infcheck: FILE: what" on stderr):
 *   - [Version]: Signature $WINDOWS NT$, Class Display with the display
 *     class GUID, Provider, DriverVer (mm/dd/yyyy,w.x.y.z), CatalogFile;
 *   - every section a directive names exists: Manufacturer -> models
 *     sections (with each TargetOS decoration), model lines -> install
 *     sections, install -> .Services and .SoftwareSettings, CopyFiles /
 *     AddReg / DelReg -> their sections, AddService -> its service section;
 *   - the model lines include --hwid; FeatureScore is set;
 *   - the service installs --service-binary from %12% as a kernel driver;
 *   - every copied file is listed in [SourceDisksFiles] and has a
 *     destination (DestinationDirs entry or DefaultDestDir); with
 *     --package-dir, it exists there;
 *   - registry writes stay in the driver's own keys: every AddReg/DelReg
 *     line uses root HKR, and no line sets a system-wide graphics policy
 *     value (TdrDebugMode, TdrLevel, TdrDelay, TdrDdiDelay, TdrLimitTime,
 *     TdrLimitCount, EnablePreemption);
 *   - UserModeDriverName (from a .SoftwareSettings AddReg) equals --umd;
 *   - every %string% token is defined in [Strings].
 * Exit status 0 when all checks pass, 1 otherwise, 2 for usage errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_SECT 256
#define MAX_LINES 4096
#define MAX_FIELDS 16
#define FIELD_LEN 256

struct line {
    int sect;                 /* index into sections */
    int lineno;
    char key[FIELD_LEN];      /* "" when the line has no '=' */
    int nf;
    char f[MAX_FIELDS][FIELD_LEN]; /* comma-separated values, unquoted, %str% expanded */
};

struct inf {
    const char *path;
    char sect[MAX_SECT][FIELD_LEN];
    int nsect;
    struct line *lines;
    int nlines;
    int nfail;
};

static void fail(struct inf *in, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "infcheck: %s: ", in->path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    in->nfail++;
}

/* Bounded copy that always terminates; over-long INF fields are cut, as
 * SetupAPI limits them too. */
static void scopy(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    memmove(s, s + i, n - i + 1);
}

static int find_sect(const struct inf *in, const char *name)
{
    for (int i = 0; i < in->nsect; i++)
        if (strcasecmp(in->sect[i], name) == 0)
            return i;
    return -1;
}

/* Converts the file to 8-bit text: UTF-16LE (BOM FF FE) keeps the low byte
 * of each BMP code unit ('?' for anything beyond ASCII), UTF-8 BOM is
 * skipped.  Returns a NUL-terminated malloc'd buffer. */
static char *load_text(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long l = ftell(f);
    rewind(f);
    if (l < 0 || l > (1L << 24)) {
        fclose(f);
        return NULL;
    }
    unsigned char *raw = malloc((size_t)l + 2);
    if (!raw || fread(raw, 1, (size_t)l, f) != (size_t)l) {
        fclose(f);
        free(raw);
        return NULL;
    }
    fclose(f);
    char *txt = malloc((size_t)l + 1);
    size_t n = 0;
    if (l >= 2 && raw[0] == 0xff && raw[1] == 0xfe) {
        for (long i = 2; i + 1 < l; i += 2) {
            unsigned cu = raw[i] | raw[i + 1] << 8;
            txt[n++] = cu < 0x80 ? (char)cu : '?';
        }
    } else {
        long i = (l >= 3 && raw[0] == 0xef && raw[1] == 0xbb && raw[2] == 0xbf) ? 3 : 0;
        for (; i < l; i++)
            txt[n++] = (char)raw[i];
    }
    txt[n] = 0;
    free(raw);
    *out_len = n;
    return txt;
}

/* Pass 1 only collects [Strings]; values are then expanded in pass 2. */
struct strtab {
    char key[MAX_LINES / 4][64];
    char val[MAX_LINES / 4][FIELD_LEN];
    int n;
};

static const char *str_lookup(const struct strtab *st, const char *k)
{
    for (int i = 0; i < st->n; i++)
        if (strcasecmp(st->key[i], k) == 0)
            return st->val[i];
    return NULL;
}

/* Expands %name% tokens (%% -> %, numeric DIRIDs such as %12% stay). */
static void expand(struct inf *in, const struct strtab *st, const char *src, char *dst, int lineno)
{
    size_t o = 0;
    for (const char *p = src; *p && o + 1 < FIELD_LEN;) {
        if (*p != '%') {
            dst[o++] = *p++;
            continue;
        }
        const char *e = strchr(p + 1, '%');
        if (!e) {
            dst[o++] = *p++;
            continue;
        }
        char name[64];
        size_t nl = (size_t)(e - p - 1);
        if (nl >= sizeof(name))
            nl = sizeof(name) - 1;
        memcpy(name, p + 1, nl);
        name[nl] = 0;
        const char *v = NULL;
        char tmp[80];
        if (nl == 0) {
            v = "%";
        } else if (strspn(name, "0123456789") == nl) {
            snprintf(tmp, sizeof(tmp), "%%%s%%", name);
            v = tmp;
        } else if (!(v = str_lookup(st, name))) {
            fail(in, "line %d: string %%%s%% is not defined in [Strings]", lineno, name);
            v = "";
        }
        for (; *v && o + 1 < FIELD_LEN; v++)
            dst[o++] = *v;
        p = e + 1;
    }
    dst[o] = 0;
}

/* Splits one logical line into key and comma-separated fields, honouring
 * double quotes ("" inside quotes is a literal quote). */
static void split_fields(char *s, char *key, int *nf, char f[][FIELD_LEN])
{
    key[0] = 0;
    *nf = 0;
    /* key = the part before an unquoted '=' */
    int inq = 0;
    char *eq = NULL;
    for (char *p = s; *p; p++) {
        if (*p == '"')
            inq = !inq;
        else if (*p == '=' && !inq) {
            eq = p;
            break;
        }
    }
    char *vals = s;
    if (eq) {
        *eq = 0;
        scopy(key, FIELD_LEN, s);
        trim(key);
        vals = eq + 1;
    }
    char cur[FIELD_LEN];
    size_t o = 0;
    inq = 0;
    for (char *p = vals;; p++) {
        if (*p == '"') {
            if (inq && p[1] == '"') {
                if (o + 1 < FIELD_LEN)
                    cur[o++] = '"';
                p++;
            } else {
                inq = !inq;
            }
            continue;
        }
        if ((*p == ',' && !inq) || *p == 0) {
            cur[o] = 0;
            trim(cur);
            if (*nf < MAX_FIELDS)
                snprintf(f[(*nf)++], FIELD_LEN, "%s", cur);
            o = 0;
            if (*p == 0)
                break;
            continue;
        }
        if (o + 1 < FIELD_LEN)
            cur[o++] = *p;
    }
    if (*nf == 1 && f[0][0] == 0 && !eq)
        *nf = 0;
}

static int parse(struct inf *in, char *txt, int strings_only, struct strtab *st)
{
    int cur = -1;
    int lineno = 0;
    char logical[4096];
    size_t ll = 0;
    char *p = txt;
    while (*p) {
        char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        lineno++;
        /* strip comment outside quotes */
        char buf[2048];
        if (len >= sizeof(buf))
            len = sizeof(buf) - 1;
        memcpy(buf, p, len);
        buf[len] = 0;
        int inq = 0;
        for (char *q = buf; *q; q++) {
            if (*q == '"')
                inq = !inq;
            else if (*q == ';' && !inq) {
                *q = 0;
                break;
            }
        }
        trim(buf);
        size_t bl = strlen(buf);
        int cont = bl && buf[bl - 1] == '\\';
        if (cont)
            buf[--bl] = 0;
        if (ll + bl + 1 < sizeof(logical)) {
            memcpy(logical + ll, buf, bl);
            ll += bl;
        }
        logical[ll] = 0;
        p = nl ? nl + 1 : p + len;
        if (cont)
            continue;
        ll = 0;
        trim(logical);
        if (!logical[0])
            continue;
        if (logical[0] == '[') {
            char *e = strchr(logical, ']');
            if (!e) {
                if (!strings_only)
                    fail(in, "line %d: unterminated section header", lineno);
                continue;
            }
            *e = 0;
            char name[FIELD_LEN];
            scopy(name, sizeof(name), logical + 1);
            trim(name);
            cur = find_sect(in, name);
            if (cur < 0 && in->nsect < MAX_SECT) {
                snprintf(in->sect[in->nsect], FIELD_LEN, "%s", name);
                cur = in->nsect++;
            }
            continue;
        }
        if (cur < 0) {
            if (!strings_only)
                fail(in, "line %d: text before the first section", lineno);
            continue;
        }
        struct line L;
        memset(&L, 0, sizeof(L));
        split_fields(logical, L.key, &L.nf, L.f);
        L.sect = cur;
        L.lineno = lineno;
        if (strings_only) {
            if (strcasecmp(in->sect[cur], "Strings") == 0 && L.key[0] && st->n < (int)(sizeof(st->key) / sizeof(st->key[0]))) {
                scopy(st->key[st->n], sizeof(st->key[0]), L.key);
                snprintf(st->val[st->n], FIELD_LEN, "%s", L.nf ? L.f[0] : "");
                st->n++;
            }
            continue;
        }
        if (strcasecmp(in->sect[cur], "Strings") != 0) {
            char tmp[FIELD_LEN];
            for (int i = 0; i < L.nf; i++) {
                expand(in, st, L.f[i], tmp, lineno);
                memcpy(L.f[i], tmp, FIELD_LEN);
            }
        }
        if (in->nlines >= MAX_LINES) {
            fail(in, "too many lines");
            return -1;
        }
        in->lines[in->nlines++] = L;
    }
    return 0;
}

/* First value of key in section, or NULL. */
static const struct line *get(const struct inf *in, const char *sect, const char *key)
{
    int s = find_sect(in, sect);
    for (int i = 0; i < in->nlines; i++)
        if (in->lines[i].sect == s && strcasecmp(in->lines[i].key, key) == 0)
            return &in->lines[i];
    return NULL;
}

static const char *getv(const struct inf *in, const char *sect, const char *key)
{
    const struct line *l = get(in, sect, key);
    return l && l->nf ? l->f[0] : NULL;
}

static void need_sect(struct inf *in, const char *name, const char *why)
{
    if (find_sect(in, name) < 0)
        fail(in, "section [%s] referenced by %s does not exist", name, why);
}

static const char *const forbidden_values[] = {
    "TdrDebugMode", "TdrLevel", "TdrDelay", "TdrDdiDelay", "TdrLimitTime", "TdrLimitCount",
    "EnablePreemption",
};

struct ctx {
    const char *hwid, *svc_bin, *umd, *pkg;
    int dump;
    int hwid_found, umd_found;
};

static void check_reg_section(struct inf *in, struct ctx *c, const char *name, int software)
{
    int s = find_sect(in, name);
    if (s < 0)
        return;
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (l->sect != s)
            continue;
        if (l->key[0] || l->nf < 1) {
            fail(in, "line %d: [%s] is not a registry line", l->lineno, name);
            continue;
        }
        if (strcasecmp(l->f[0], "HKR") != 0)
            fail(in, "line %d: registry write to %s outside the driver's keys (only HKR allowed)",
                 l->lineno, l->f[0]);
        const char *valname = l->nf > 2 ? l->f[2] : "";
        for (size_t k = 0; k < sizeof(forbidden_values) / sizeof(forbidden_values[0]); k++)
            if (strcasecmp(valname, forbidden_values[k]) == 0)
                fail(in, "line %d: sets system-wide graphics policy %s", l->lineno, valname);
        if (software && strcasecmp(valname, "UserModeDriverName") == 0) {
            if (l->nf > 4 && c->umd && strcasecmp(l->f[4], c->umd) == 0)
                c->umd_found = 1;
            else if (c->umd)
                fail(in, "line %d: UserModeDriverName is '%s', expected %s", l->lineno,
                     l->nf > 4 ? l->f[4] : "", c->umd);
        }
    }
}

static int in_source_disks(const struct inf *in, const char *file)
{
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (strncasecmp(in->sect[l->sect], "SourceDisksFiles", 16) == 0 && strcasecmp(l->key, file) == 0)
            return 1;
    }
    return 0;
}

static void check_file(struct inf *in, struct ctx *c, const char *file, const char *why)
{
    if (!in_source_disks(in, file))
        fail(in, "%s copies %s, which is not in [SourceDisksFiles]", why, file);
    if (c->pkg) {
        char path[1024];
        struct stat sb;
        snprintf(path, sizeof(path), "%s/%s", c->pkg, file);
        if (stat(path, &sb) != 0)
            fail(in, "%s copies %s, which is not in the package directory", why, file);
    }
}

static void check_copyfiles(struct inf *in, struct ctx *c, const struct line *l)
{
    for (int k = 0; k < l->nf; k++) {
        const char *v = l->f[k];
        if (!v[0])
            continue;
        if (v[0] == '@') {
            check_file(in, c, v + 1, "CopyFiles");
            continue;
        }
        int s = find_sect(in, v);
        if (s < 0) {
            fail(in, "section [%s] referenced by CopyFiles does not exist", v);
            continue;
        }
        if (!get(in, "DestinationDirs", v) && !get(in, "DestinationDirs", "DefaultDestDir"))
            fail(in, "file list [%s] has no DestinationDirs entry", v);
        for (int i = 0; i < in->nlines; i++)
            if (in->lines[i].sect == s && in->lines[i].nf)
                check_file(in, c, in->lines[i].key[0] ? in->lines[i].key : in->lines[i].f[0], v);
    }
}

static void check_install(struct inf *in, struct ctx *c, const char *inst)
{
    int s = find_sect(in, inst);
    if (s < 0) {
        fail(in, "install section [%s] named by a model line does not exist", inst);
        return;
    }
    if (!getv(in, inst, "FeatureScore"))
        fail(in, "[%s] has no FeatureScore (required for display drivers)", inst);
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (l->sect != s)
            continue;
        if (strcasecmp(l->key, "CopyFiles") == 0)
            check_copyfiles(in, c, l);
        else if (strcasecmp(l->key, "AddReg") == 0 || strcasecmp(l->key, "DelReg") == 0)
            for (int k = 0; k < l->nf; k++) {
                need_sect(in, l->f[k], inst);
                check_reg_section(in, c, l->f[k], 0);
            }
    }
    char name[FIELD_LEN + 32];
    snprintf(name, sizeof(name), "%s.SoftwareSettings", inst);
    int ss = find_sect(in, name);
    if (ss < 0)
        fail(in, "[%s] missing (the UMD registration lives there)", name);
    for (int i = 0; ss >= 0 && i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (l->sect == ss && (strcasecmp(l->key, "AddReg") == 0 || strcasecmp(l->key, "DelReg") == 0))
            for (int k = 0; k < l->nf; k++) {
                need_sect(in, l->f[k], name);
                check_reg_section(in, c, l->f[k], 1);
            }
    }
    snprintf(name, sizeof(name), "%s.Services", inst);
    int sv = find_sect(in, name);
    if (sv < 0) {
        fail(in, "[%s] missing", name);
        return;
    }
    int nsvc = 0;
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (l->sect != sv || strcasecmp(l->key, "AddService") != 0)
            continue;
        nsvc++;
        if (l->nf < 3) {
            fail(in, "line %d: AddService needs name, flags, section", l->lineno);
            continue;
        }
        const char *svs = l->f[2];
        if (find_sect(in, svs) < 0) {
            fail(in, "service section [%s] does not exist", svs);
            continue;
        }
        const char *bin = getv(in, svs, "ServiceBinary");
        const char *type = getv(in, svs, "ServiceType");
        if (!type || strtoul(type, NULL, 0) != 1)
            fail(in, "[%s] ServiceType is not 1 (kernel driver)", svs);
        if (!getv(in, svs, "StartType"))
            fail(in, "[%s] has no StartType", svs);
        if (!bin) {
            fail(in, "[%s] has no ServiceBinary", svs);
        } else {
            const char *slash = strrchr(bin, '\\');
            const char *file = slash ? slash + 1 : bin;
            if (strncmp(bin, "%12%\\", 5) != 0)
                fail(in, "ServiceBinary %s is not under %%12%% (drivers directory)", bin);
            if (c->svc_bin && strcasecmp(file, c->svc_bin) != 0)
                fail(in, "ServiceBinary %s, expected %s", bin, c->svc_bin);
            check_file(in, c, file, "ServiceBinary");
        }
        const struct line *ar = get(in, svs, "AddReg");
        for (int k = 0; ar && k < ar->nf; k++) {
            need_sect(in, ar->f[k], svs);
            check_reg_section(in, c, ar->f[k], 0);
        }
        if (c->dump)
            printf("service %s binary %s\n", l->f[0], bin ? bin : "?");
    }
    if (!nsvc)
        fail(in, "[%s] installs no service", name);
}

static void check_all(struct inf *in, struct ctx *c)
{
    const char *sig = getv(in, "Version", "Signature");
    if (!sig || strcasecmp(sig, "$WINDOWS NT$") != 0)
        fail(in, "[Version] Signature is not \"$WINDOWS NT$\"");
    const char *cls = getv(in, "Version", "Class");
    if (!cls || strcasecmp(cls, "Display") != 0)
        fail(in, "[Version] Class is not Display");
    const char *guid = getv(in, "Version", "ClassGUID");
    if (!guid || strcasecmp(guid, "{4d36e968-e325-11ce-bfc1-08002be10318}") != 0)
        fail(in, "[Version] ClassGUID is not the display class GUID");
    if (!getv(in, "Version", "Provider"))
        fail(in, "[Version] has no Provider");
    if (!getv(in, "Version", "CatalogFile"))
        fail(in, "[Version] has no CatalogFile");
    const struct line *dv = get(in, "Version", "DriverVer");
    unsigned mo, d, y, a, b, cc, e;
    if (!dv || dv->nf != 2 || sscanf(dv->f[0], "%u/%u/%u", &mo, &d, &y) != 3 || mo < 1 || mo > 12 ||
        d < 1 || d > 31 || y < 1990 || sscanf(dv->f[1], "%u.%u.%u.%u", &a, &b, &cc, &e) != 4)
        fail(in, "[Version] DriverVer is not mm/dd/yyyy,w.x.y.z");
    if (find_sect(in, "SourceDisksNames") < 0)
        fail(in, "[SourceDisksNames] missing");
    if (find_sect(in, "DestinationDirs") < 0)
        fail(in, "[DestinationDirs] missing");
    int man = find_sect(in, "Manufacturer");
    if (man < 0) {
        fail(in, "[Manufacturer] missing");
        return;
    }
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (l->sect != man)
            continue;
        if (l->nf < 1 || !l->f[0][0]) {
            fail(in, "line %d: Manufacturer entry without a models section", l->lineno);
            continue;
        }
        char models[8][FIELD_LEN + 40];
        int nm = 0;
        if (l->nf == 1)
            snprintf(models[nm++], sizeof(models[0]), "%s", l->f[0]);
        for (int k = 1; k < l->nf && nm < 8; k++)
            snprintf(models[nm++], sizeof(models[0]), "%s.%s", l->f[0], l->f[k]);
        for (int m = 0; m < nm; m++) {
            int ms = find_sect(in, models[m]);
            if (ms < 0) {
                fail(in, "models section [%s] named by [Manufacturer] does not exist", models[m]);
                continue;
            }
            for (int j = 0; j < in->nlines; j++) {
                const struct line *ml = &in->lines[j];
                if (ml->sect != ms)
                    continue;
                if (ml->nf < 2) {
                    fail(in, "line %d: model line needs install section and hardware id", ml->lineno);
                    continue;
                }
                for (int k = 1; k < ml->nf; k++)
                    if (c->hwid && strcasecmp(ml->f[k], c->hwid) == 0)
                        c->hwid_found = 1;
                if (c->dump)
                    printf("model %s -> [%s] %s\n", ml->key, ml->f[0], ml->f[1]);
                check_install(in, c, ml->f[0]);
            }
        }
    }
    if (c->hwid && !c->hwid_found)
        fail(in, "hardware id %s not in any models section", c->hwid);
    if (c->umd && !c->umd_found)
        fail(in, "no UserModeDriverName = %s in a .SoftwareSettings AddReg", c->umd);
    /* Any registry root other than HKR anywhere counts, even in a section
     * no directive references (dead sections still mislead reviewers). */
    for (int i = 0; i < in->nlines; i++) {
        const struct line *l = &in->lines[i];
        if (!l->key[0] && l->nf >= 3 &&
            (strcasecmp(l->f[0], "HKLM") == 0 || strcasecmp(l->f[0], "HKCU") == 0 ||
             strcasecmp(l->f[0], "HKU") == 0 || strcasecmp(l->f[0], "HKCR") == 0))
            fail(in, "line %d: registry root %s outside the driver's keys", l->lineno, l->f[0]);
    }
}

int main(int argc, char **argv)
{
    struct ctx c;
    memset(&c, 0, sizeof(c));
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--hwid") == 0 && v) {
            c.hwid = v;
            i++;
        } else if (strcmp(argv[i], "--service-binary") == 0 && v) {
            c.svc_bin = v;
            i++;
        } else if (strcmp(argv[i], "--umd") == 0 && v) {
            c.umd = v;
            i++;
        } else if (strcmp(argv[i], "--package-dir") == 0 && v) {
            c.pkg = v;
            i++;
        } else if (strcmp(argv[i], "--dump") == 0) {
            c.dump = 1;
        } else if (argv[i][0] != '-' && !path) {
            path = argv[i];
        } else {
            fprintf(stderr, "usage: infcheck [--hwid ID] [--service-binary F] [--umd F] "
                            "[--package-dir D] [--dump] FILE.inf\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: infcheck [options] FILE.inf\n");
        return 2;
    }
    struct inf in;
    memset(&in, 0, sizeof(in));
    in.path = path;
    size_t len;
    char *txt = load_text(path, &len);
    if (!txt) {
        fprintf(stderr, "infcheck: %s: cannot read\n", path);
        return 1;
    }
    char *copy = malloc(len + 1);
    memcpy(copy, txt, len + 1);
    in.lines = calloc(MAX_LINES, sizeof(struct line));
    struct strtab *st = calloc(1, sizeof(*st));
    if (!in.lines || !st || !copy)
        return 1;
    parse(&in, copy, 1, st);
    in.nsect = 0;
    parse(&in, txt, 0, st);
    check_all(&in, &c);
    free(txt);
    free(copy);
    free(in.lines);
    free(st);
    return in.nfail ? 1 : 0;
}
