/*
 * scene_query.c — the query directives of scene files (docs/testing.md):
 *
 *   query NAME occlusion|predicate|timestamp|event|disjoint|sostats|
 *              sooverflow|pipelinestats
 *   begin NAME / end NAME                                    QueryBegin/End
 *   predicate NAME true|false / predicate off                SetPredication
 *   queryprobe NAME[.N] OP VALUE  QueryGetData until ready, then compare
 *                                 (OP: == != < <= > >=; booleans are 0/1,
 *                                 disjoint compares its Frequency, sostats
 *                                 NumPrimitivesWritten, NAME.1 its
 *                                 PrimitivesStorageNeeded; pipelinestats
 *                                 NAME.0 .. NAME.7 are IAVertices,
 *                                 IAPrimitives, VSInvocations, GSInvocations,
 *                                 GSPrimitives, CInvocations, CPrimitives,
 *                                 PSInvocations, NAME alone IAVertices)
 *
 * A query probe is checked when its line runs (the result belongs to that
 * point of the scene) and counts with the pixel probes; a failing one is
 * printed as "PATH:LINE: probe (query NAME): ...".
 */
#include "scene_priv.h"

#include <stdio.h>
#include <string.h>

static struct scene_query *find(struct scene *s, const char *name)
{
    for (unsigned i = 0; i < s->nqueries; i++)
        if (!strcmp(s->queries[i].name, name))
            return &s->queries[i];
    return NULL;
}

static int cmd_query(struct scene *s, char **tok, int n)
{
    static const struct {
        const char *name;
        D3D10DDI_QUERY kind;
    } kinds[] = {
        {"occlusion", D3D10DDI_QUERY_OCCLUSION},   {"predicate", D3D10DDI_QUERY_OCCLUSIONPREDICATE},
        {"timestamp", D3D10DDI_QUERY_TIMESTAMP},   {"event", D3D10DDI_QUERY_EVENT},
        {"disjoint", D3D10DDI_QUERY_TIMESTAMPDISJOINT}, {"pipelinestats", D3D10DDI_QUERY_PIPELINESTATS},
        {"sostats", D3D10DDI_QUERY_STREAMOUTPUTSTATS}, {"sooverflow", D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE},
    };
    if (n != 3 || strlen(tok[1]) >= sizeof(s->queries[0].name))
        return scene_fail(s, "usage: query NAME occlusion|predicate|timestamp|event|disjoint|sostats|sooverflow|"
                             "pipelinestats");
    if (find(s, tok[1]) || s->nqueries == sizeof(s->queries) / sizeof(s->queries[0]))
        return scene_fail(s, "query '%s' exists or too many queries", tok[1]);
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (!strcmp(tok[2], kinds[i].name)) {
            struct scene_query *q = &s->queries[s->nqueries++];
            snprintf(q->name, sizeof(q->name), "%s", tok[1]);
            q->kind = kinds[i].kind;
            q->h = d3drt_query(s->rt, q->kind);
            return q->h.pDrvPrivate ? 0 : scene_fail(s, "cannot create query '%s'", tok[1]);
        }
    return scene_fail(s, "unknown query kind '%s'", tok[2]);
}

static bool compare(uint64_t got, const char *op, uint64_t want, bool *bad_op)
{
    *bad_op = false;
    if (!strcmp(op, "==")) return got == want;
    if (!strcmp(op, "!=")) return got != want;
    if (!strcmp(op, "<")) return got < want;
    if (!strcmp(op, "<=")) return got <= want;
    if (!strcmp(op, ">")) return got > want;
    if (!strcmp(op, ">=")) return got >= want;
    *bad_op = true;
    return false;
}

static int cmd_queryprobe(struct scene *s, char **tok, int n)
{
    char qname[40];
    unsigned field = 0, want;
    snprintf(qname, sizeof(qname), "%s", n == 4 ? tok[1] : "");
    char *dot = strchr(qname, '.');
    if (dot) {
        *dot = 0;
        field = dot[1] >= '0' && dot[1] <= '7' && !dot[2] ? (unsigned)(dot[1] - '0') : 99;
    }
    struct scene_query *q = n == 4 && field < 8 ? find(s, qname) : NULL;
    /* fields: sostats has 2 UINT64s, pipelinestats 8 */
    if (q && field && !(q->kind == D3D10DDI_QUERY_STREAMOUTPUTSTATS && field < 2) &&
        q->kind != D3D10DDI_QUERY_PIPELINESTATS)
        q = NULL;
    if (!q || !scene_parse_uint(tok[3], &want))
        return scene_fail(s, "usage: queryprobe NAME[.N] ==|!=|<|<=|>|>= VALUE (NAME from 'query')");
    uint8_t data[64] = {0};
    UINT size = q->kind == D3D10DDI_QUERY_OCCLUSIONPREDICATE || q->kind == D3D10DDI_QUERY_EVENT ||
                        q->kind == D3D10DDI_QUERY_STREAMOVERFLOWPREDICATE
                    ? sizeof(BOOL)
                : q->kind == D3D10DDI_QUERY_TIMESTAMPDISJOINT || q->kind == D3D10DDI_QUERY_STREAMOUTPUTSTATS ? 16
                : q->kind == D3D10DDI_QUERY_PIPELINESTATS                                                    ? 64
                                                                                                               : 8;
    HRESULT hr = d3drt_query_data(s->rt, q->h, data, size);
    if (hr != S_OK)
        return scene_fail(s, "QueryGetData(%s): 0x%08x: %s", q->name, (unsigned)hr, d3drt_error(s->rt));
    uint64_t got = 0;
    /* sostats: NAME compares NumPrimitivesWritten, NAME.1 PrimitivesStorageNeeded;
     * pipelinestats: NAME.N its Nth counter */
    memcpy(&got, data + 8 * field, size == sizeof(BOOL) ? sizeof(BOOL) : 8);
    bool bad_op;
    bool ok = compare(got, tok[2], want, &bad_op);
    if (bad_op)
        return scene_fail(s, "unknown comparison '%s'", tok[2]);
    s->qprobes++;
    if (!ok) {
        s->qfailed++;
        printf("%s:%u: probe (query %s): got %llu, want %s %u\n", s->path, s->line, q->name, (unsigned long long)got,
               tok[2], want);
    }
    return 0;
}

int scene_query_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "query"))
        return cmd_query(s, tok, n);
    if (!strcmp(c, "queryprobe"))
        return cmd_queryprobe(s, tok, n);
    if (!strcmp(c, "begin") || !strcmp(c, "end")) {
        struct scene_query *q = n == 2 ? find(s, tok[1]) : NULL;
        if (!q)
            return scene_fail(s, "usage: %s NAME (NAME from 'query')", c);
        if (c[0] == 'b')
            s->f->pfnQueryBegin(s->dev, q->h);
        else
            s->f->pfnQueryEnd(s->dev, q->h);
        return 0;
    }
    if (!strcmp(c, "predicate")) {
        if (n == 2 && !strcmp(tok[1], "off")) {
            s->f->pfnSetPredication(s->dev, (D3D10DDI_HQUERY){NULL}, FALSE);
            return 0;
        }
        struct scene_query *q = n == 3 ? find(s, tok[1]) : NULL;
        if (!q || (strcmp(tok[2], "true") && strcmp(tok[2], "false")))
            return scene_fail(s, "usage: predicate NAME true|false, or predicate off");
        s->f->pfnSetPredication(s->dev, q->h, !strcmp(tok[2], "true"));
        return 0;
    }
    return 1;
}
