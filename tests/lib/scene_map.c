/*
 * scene_map.c — dynamic-buffer directives of scene files (docs/testing.md):
 *
 *   ring BYTES STRIDE    a DYNAMIC vertex buffer (CPU write) bound as
 *                        vertex buffer 0 with STRIDE
 *   ringmode discard|write   how ringdraw maps: "discard" (default) is
 *                        the application pattern, WRITE_NO_OVERWRITE while
 *                        the data fits and WRITE_DISCARD when it wraps;
 *                        "write" maps with plain WRITE, which must wait
 *                        (the negative control of maxwaits)
 *   ringdraw FLOAT...    appends the vertices to the ring and draws them
 *   maxwaits N           probe: pfnLockCb waited for the host at most N
 *                        times since 'ring'
 */
#include "scene_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_ring(struct scene *s, char **tok, int n)
{
    unsigned bytes, stride;
    if (n != 3 || !scene_parse_uint(tok[1], &bytes) || !scene_parse_uint(tok[2], &stride) || !stride ||
        bytes < stride)
        return scene_fail(s, "usage: ring BYTES STRIDE");
    D3D10DDI_MIPINFO mip = {bytes, 1, 1, bytes, 1, 1};
    D3D10DDIARG_CREATERESOURCE a = d3drt_desc(&mip, D3D10DDIRESOURCE_BUFFER, D3D10_DDI_USAGE_DYNAMIC, D3D10_DDI_BIND_VERTEX_BUFFER, DXGI_FORMAT_UNKNOWN);
    a.MapFlags = D3D10_DDI_CPU_ACCESS_WRITE;
    s->ring = d3drt_resource(s->rt, &a);
    if (!s->ring.pDrvPrivate)
        return scene_fail(s, "cannot create the ring buffer");
    s->ring_size = bytes;
    s->ring_stride = stride;
    s->ring_pos = bytes; /* the first ringdraw discards */
    UINT off = 0;
    s->f->pfnIaSetVertexBuffers(s->dev, 0, 1, &s->ring, &stride, &off);
    s->ring_waits0 = d3drt_lock_waits(s->rt);
    return 0;
}

static int cmd_ringdraw(struct scene *s, char **tok, int n)
{
    if (!s->ring.pDrvPrivate)
        return scene_fail(s, "ringdraw before ring");
    unsigned nf = (unsigned)(n - 1), bytes = nf * 4;
    if (!nf || bytes % s->ring_stride || bytes > s->ring_size)
        return scene_fail(s, "ringdraw: %u floats are not whole vertices that fit the ring", nf);
    float v[1024];
    if (nf > 1024)
        return scene_fail(s, "ringdraw: too many floats");
    for (unsigned i = 0; i < nf; i++) {
        char *end;
        v[i] = strtof(tok[1 + i], &end);
        if (*end || end == tok[1 + i])
            return scene_fail(s, "not a number: '%s'", tok[1 + i]);
    }
    /* The application pattern: append with NO_OVERWRITE, DISCARD on wrap. */
    D3D10_DDI_MAP type = D3D10_DDI_MAP_WRITE_NOOVERWRITE;
    if (s->ring_pos + bytes > s->ring_size) {
        type = D3D10_DDI_MAP_WRITE_DISCARD;
        s->ring_pos = 0;
    }
    if (s->ring_plain_write)
        type = D3D10_DDI_MAP_WRITE;
    D3D10DDI_MAPPED_SUBRESOURCE m = {0};
    s->f->pfnResourceMap(s->dev, s->ring, 0, type, 0, &m);
    if (d3drt_failed(s->rt) || !m.pData)
        return scene_fail(s, "Map of the ring failed: %s", d3drt_error(s->rt));
    memcpy((char *)m.pData + s->ring_pos, v, bytes);
    s->f->pfnResourceUnmap(s->dev, s->ring, 0);
    if (scene_flush_layout(s))
        return -1;
    s->f->pfnDraw(s->dev, bytes / s->ring_stride, s->ring_pos / s->ring_stride);
    s->ring_pos += bytes;
    return 0;
}

int scene_map_directive(struct scene *s, char **tok, int n)
{
    const char *c = tok[0];
    if (!strcmp(c, "ring"))
        return cmd_ring(s, tok, n);
    if (!strcmp(c, "ringdraw"))
        return cmd_ringdraw(s, tok, n);
    if (!strcmp(c, "ringmode")) {
        if (n != 2 || (strcmp(tok[1], "discard") && strcmp(tok[1], "write")))
            return scene_fail(s, "usage: ringmode discard|write");
        s->ring_plain_write = !strcmp(tok[1], "write");
        return 0;
    }
    if (!strcmp(c, "maxwaits")) {
        unsigned max;
        if (n != 2 || !scene_parse_uint(tok[1], &max) || !s->ring.pDrvPrivate)
            return scene_fail(s, "usage: maxwaits N (after ring)");
        unsigned got = d3drt_lock_waits(s->rt) - s->ring_waits0;
        s->qprobes++;
        if (got > max) {
            s->qfailed++;
            printf("%s:%u: probe (lock waits): %u pfnLockCb calls waited for the host, want <= %u\n", s->path,
                   s->line, got, max);
        }
        return 0;
    }
    return 1;
}
