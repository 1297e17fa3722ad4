/*
 * sm4_dxbc.c — DXBC container: header, chunk table, checksum, signatures.
 *
 * Layout (all little-endian):
 *   0  "DXBC"   4  checksum[16]   20 version (1)   24 total size
 *   28 chunk count   32 chunk offsets[count]
 *   chunk: fourcc, byte size, body
 * The checksum is MD5 over bytes [20, size) with a non-standard final
 * block: the bit count goes first in the last block (or alone in an extra
 * block when the tail is >= 56 bytes) and the last dword holds
 * (bits >> 2) | 1 instead of the high half of the length.
 *
 * sm4_dxbc_parse() checks every offset and size against the file size
 * before touching memory, so a hostile file can at most be rejected.
 */
#include "sm4/sm4.h"

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define FOURCC(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

/* ---- MD5 compression function (RFC 1321) ---- */

static uint32_t rol(uint32_t x, uint32_t n)
{
    return (x << n) | (x >> (32 - n));
}

static const uint8_t md5_shift[64] = {
    7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
    5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
    4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
    6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

/* floor(abs(sin(i + 1)) * 2^32), tabulated because this code is freestanding. */
static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static void md5_block(uint32_t st[4], const uint8_t blk[64])
{
    uint32_t m[16];
    for (int i = 0; i < 16; i++)
        m[i] = rd32(blk + 4 * i);
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f, g;
        if (i < 16) {
            f = (b & c) | (~b & d);
            g = (uint32_t)i;
        } else if (i < 32) {
            f = (d & b) | (~d & c);
            g = (5u * (uint32_t)i + 1) & 15;
        } else if (i < 48) {
            f = b ^ c ^ d;
            g = (3u * (uint32_t)i + 5) & 15;
        } else {
            f = c ^ (b | ~d);
            g = (7u * (uint32_t)i) & 15;
        }
        uint32_t t = d;
        d = c;
        c = b;
        b = b + rol(a + f + md5_k[i] + m[g], md5_shift[i]);
        a = t;
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

void sm4_dxbc_checksum(const void *data, uint32_t size, uint32_t out[4])
{
    uint32_t st[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
    const uint8_t *p = (const uint8_t *)data + 20;
    uint32_t len = size > 20 ? size - 20 : 0;
    uint32_t bits = len * 8;
    uint32_t full = len & ~63u;
    for (uint32_t off = 0; off < full; off += 64)
        md5_block(st, p + off);
    uint32_t tail = len - full;
    uint8_t blk[64];
    for (int i = 0; i < 64; i++)
        blk[i] = 0;
    if (tail >= 56) {
        for (uint32_t i = 0; i < tail; i++)
            blk[i] = p[full + i];
        blk[tail] = 0x80;
        md5_block(st, blk);
        for (int i = 0; i < 64; i++)
            blk[i] = 0;
        put32(blk, bits);
        put32(blk + 60, (bits >> 2) | 1);
        md5_block(st, blk);
    } else {
        put32(blk, bits);
        for (uint32_t i = 0; i < tail; i++)
            blk[4 + i] = p[full + i];
        blk[4 + tail] = 0x80;
        put32(blk + 60, (bits >> 2) | 1);
        md5_block(st, blk);
    }
    for (int i = 0; i < 4; i++)
        out[i] = st[i];
}

int sm4_signature_parse(const uint8_t *chunk, uint32_t size, struct sm4_signature *sig)
{
    sig->count = 0;
    if (size < 8)
        return SM4_ERR_SIGNATURE;
    uint32_t count = rd32(chunk);
    uint32_t first = rd32(chunk + 4);
    if (count > SM4_MAX_SIG || first > size || (size - first) / 24 < count)
        return SM4_ERR_SIGNATURE;
    for (uint32_t i = 0; i < count; i++) {
        const uint8_t *e = chunk + first + 24 * i;
        struct sm4_sig_elem *el = &sig->elem[i];
        uint32_t noff = rd32(e);
        if (noff >= size)
            return SM4_ERR_SIGNATURE;
        uint32_t n = 0;
        while (noff + n < size && chunk[noff + n])
            n++;
        if (noff + n >= size) /* no terminating NUL inside the chunk */
            return SM4_ERR_SIGNATURE;
        el->name = (const char *)chunk + noff;
        el->name_len = n;
        el->semantic_index = rd32(e + 4);
        el->system_value = rd32(e + 8);
        el->component_type = rd32(e + 12);
        el->reg = rd32(e + 16);
        el->mask = e[20];
        el->rw_mask = e[21];
    }
    sig->count = count;
    return SM4_OK;
}

int sm4_dxbc_parse(const void *data, uint32_t size, struct sm4_dxbc *dx)
{
    const uint8_t *b = data;
    if (!data || !dx)
        return SM4_ERR_ARGUMENT;
    dx->shdr = NULL;
    dx->shdr_dwords = 0;
    dx->is_shex = false;
    dx->nchunks = 0;
    dx->has_isgn = dx->has_osgn = dx->has_pcsg = false;
    dx->isgn.count = dx->osgn.count = dx->pcsg.count = 0;
    if (size < 32)
        return SM4_ERR_DXBC_TRUNCATED;
    if (rd32(b) != FOURCC('D', 'X', 'B', 'C'))
        return SM4_ERR_DXBC_MAGIC;
    if (rd32(b + 24) != size)
        return SM4_ERR_DXBC_SIZE;
    uint32_t sum[4];
    sm4_dxbc_checksum(b, size, sum);
    for (int i = 0; i < 4; i++)
        if (sum[i] != rd32(b + 4 + 4 * i))
            return SM4_ERR_DXBC_CHECKSUM;
    uint32_t n = rd32(b + 28);
    if (n > (size - 32) / 4)
        return SM4_ERR_DXBC_TRUNCATED;
    dx->nchunks = n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t off = rd32(b + 32 + 4 * i);
        if (off > size - 8 || (off & 3))
            return SM4_ERR_DXBC_CHUNK;
        uint32_t fourcc = rd32(b + off);
        uint32_t csize = rd32(b + off + 4);
        if (csize > size - 8 - off)
            return SM4_ERR_DXBC_CHUNK;
        const uint8_t *body = b + off + 8;
        int rc = SM4_OK;
        if (fourcc == FOURCC('I', 'S', 'G', 'N')) {
            rc = sm4_signature_parse(body, csize, &dx->isgn);
            dx->has_isgn = true;
        } else if (fourcc == FOURCC('O', 'S', 'G', 'N')) {
            rc = sm4_signature_parse(body, csize, &dx->osgn);
            dx->has_osgn = true;
        } else if (fourcc == FOURCC('P', 'C', 'S', 'G')) {
            rc = sm4_signature_parse(body, csize, &dx->pcsg);
            dx->has_pcsg = true;
        } else if (fourcc == FOURCC('S', 'H', 'D', 'R') || fourcc == FOURCC('S', 'H', 'E', 'X')) {
            if (csize < 8)
                return SM4_ERR_DXBC_CHUNK;
            /* Keep only whole dwords; the length token inside is checked by
             * the token parser against this bound. */
            dx->shdr = (const uint32_t *)(const void *)body;
            dx->shdr_dwords = csize / 4;
            dx->is_shex = fourcc == FOURCC('S', 'H', 'E', 'X');
        }
        if (rc)
            return rc;
    }
    if (!dx->shdr)
        return SM4_ERR_DXBC_NO_SHADER;
    return SM4_OK;
}
