#!/usr/bin/env python3
"""Writes tut04_spaces.scene, tut05_depth.scene, tut06_lighting.scene,
tut07_texture.scene and the negative controls negative/tut05_no_depth.scene,
negative/tut06_no_solid_ps.scene and negative/tut07_point.scene next to
itself, or under the directory given as the first argument (the umd-scenes
suite does that to check the committed files are current).

The D3D10 SDK tutorials 4 and 5 draw the coloured cube with World/View/
Projection matrices from a constant buffer (tutorial 5: two cubes and a
depth buffer).  This script builds the same matrices the way XNA Math does
(row vectors, left-handed), writes them transposed as the samples upload
them, and renders the scene with a small reference rasterizer (pixel
centres, perspective-correct colour or texture coordinate, point or
bilinear sampling, back-face culling, depth test) to choose the probes:
pixels whose 3x3 neighbourhood shows a single object (or background), or a
single face where faces differ in colour, spread over every object drawn,
so the expectation does not hinge on edge rules (a cube's colour is
continuous across its triangles and faces: they share the coloured
corners).  Rerun it after changing a scene parameter; the output is
committed.
"""
import math
import os
import sys

W, H = 64, 48
CLEAR = (0.0, 0.125, 0.3, 1.0)

CUBE = [((-1, 1, -1), (0, 0, 1)), ((1, 1, -1), (0, 1, 0)), ((1, 1, 1), (0, 1, 1)), ((-1, 1, 1), (1, 0, 0)),
        ((-1, -1, -1), (1, 0, 1)), ((1, -1, -1), (1, 1, 0)), ((1, -1, 1), (1, 1, 1)), ((-1, -1, 1), (0, 0, 0))]
INDICES = [3, 1, 0, 2, 1, 3, 0, 5, 4, 1, 5, 0, 3, 4, 7, 0, 4, 3, 1, 6, 5, 2, 6, 1, 2, 7, 6, 3, 7, 2, 6, 4, 5, 7, 4, 6]


def mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(4)) for j in range(4)] for i in range(4)]


def rot_y(a):
    c, s = math.cos(a), math.sin(a)
    return [[c, 0, -s, 0], [0, 1, 0, 0], [s, 0, c, 0], [0, 0, 0, 1]]


def rot_z(a):
    c, s = math.cos(a), math.sin(a)
    return [[c, s, 0, 0], [-s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]


def translate(x, y, z):
    return [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [x, y, z, 1]]


def scale(s):
    return [[s, 0, 0, 0], [0, s, 0, 0], [0, 0, s, 0], [0, 0, 0, 1]]


def look_at_lh(eye, at, up):
    def sub(a, b): return [a[i] - b[i] for i in range(3)]
    def norm(v):
        n = math.sqrt(sum(x * x for x in v))
        return [x / n for x in v]
    def cross(a, b): return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    def dot(a, b): return sum(a[i] * b[i] for i in range(3))
    z = norm(sub(at, eye))
    x = norm(cross(up, z))
    y = cross(z, x)
    return [[x[0], y[0], z[0], 0], [x[1], y[1], z[1], 0], [x[2], y[2], z[2], 0],
            [-dot(x, eye), -dot(y, eye), -dot(z, eye), 1]]


def perspective_fov_lh(fov, aspect, zn, zf):
    h = 1 / math.tan(fov / 2)
    return [[h / aspect, 0, 0, 0], [0, h, 0, 0], [0, 0, zf / (zf - zn), 1], [0, 0, -zn * zf / (zf - zn), 0]]


def transposed_floats(m):
    return [m[j][i] for i in range(4) for j in range(4)]


def fmt(v):
    s = '%.7g' % v
    return '0' if s in ('-0', '0') else s


def bilinear(texels, tw, th, u, v):
    """D3D10 bilinear filtering with clamp addressing: texel centres at
    (i + 0.5) / size, the four nearest centres weighted by the fractional
    position, each index clamped to the texture."""
    sx, sy = u * tw - 0.5, v * th - 0.5
    x0, y0 = int(math.floor(sx)), int(math.floor(sy))
    fx, fy = sx - x0, sy - y0
    def tex(x, y):
        return texels[min(th - 1, max(0, y))][min(tw - 1, max(0, x))]
    return tuple((1 - fy) * ((1 - fx) * tex(x0, y0)[i] + fx * tex(x0 + 1, y0)[i]) +
                 fy * ((1 - fx) * tex(x0, y0 + 1)[i] + fx * tex(x0 + 1, y0 + 1)[i]) for i in range(3))


class Raster:
    def __init__(self, w=W, h=H):
        self.w, self.h = w, h
        self.color = [[CLEAR[:3] for _ in range(w)] for _ in range(h)]
        self.depth = [[1.0] * w for _ in range(h)]
        self.owner = [[-1] * w for _ in range(h)]  # object index, -1 = background
        self.key = [[-1] * w for _ in range(h)]    # owner, refined by face/texel when textured
        self.point = [[None] * w for _ in range(h)]  # linear textures: what point sampling gives
        self.nobj = 0

    def draw(self, world, view, proj, depth_test, cube=CUBE, indices=INDICES, tex=None, facekey=False):
        """tex = (texels[y][x] rgb, width, height, mesh colour, linear): the
        per-vertex "colour" is then (u, v, 0), sampled with clamp (point,
        or bilinear when linear).  facekey: probes keep off the edges
        between faces (each face has its own colour)."""
        W, H = self.w, self.h
        m = mul(mul(world, view), proj)
        verts = []
        for (p, c) in cube:
            v = [p[0], p[1], p[2], 1]
            clip = [sum(v[k] * m[k][j] for k in range(4)) for j in range(4)]
            x = (clip[0] / clip[3] + 1) * W / 2
            y = (1 - clip[1] / clip[3]) * H / 2
            verts.append((x, y, clip[2] / clip[3], 1 / clip[3], c))
        for t in range(0, len(indices), 3):
            a, b, c = (verts[i] for i in indices[t:t + 3])
            area = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            tid = self.nobj
            if area <= 0:  # counter-clockwise on screen (y down): back face, culled
                continue
            ys = [v[1] for v in (a, b, c)]
            xs = [v[0] for v in (a, b, c)]
            for py in range(max(0, int(min(ys)) - 1), min(H, int(max(ys)) + 2)):
                for px in range(max(0, int(min(xs)) - 1), min(W, int(max(xs)) + 2)):
                    x, y = px + 0.5, py + 0.5
                    w0 = (b[0] - x) * (c[1] - y) - (b[1] - y) * (c[0] - x)
                    w1 = (c[0] - x) * (a[1] - y) - (c[1] - y) * (a[0] - x)
                    w2 = (a[0] - x) * (b[1] - y) - (a[1] - y) * (b[0] - x)
                    if w0 < 0 or w1 < 0 or w2 < 0:
                        continue
                    l0, l1, l2 = w0 / area, w1 / area, w2 / area
                    z = l0 * a[2] + l1 * b[2] + l2 * c[2]
                    if depth_test and z >= self.depth[py][px]:
                        continue
                    q = l0 * a[3] + l1 * b[3] + l2 * c[3]
                    col = tuple((l0 * a[3] * a[4][i] + l1 * b[3] * b[4][i] + l2 * c[3] * c[4][i]) / q
                                for i in range(3))
                    key = (tid, t // 6) if facekey else tid
                    if tex and tex[4]:
                        texels, tw, th, mesh, _ = tex
                        tx = min(tw - 1, max(0, int(math.floor(col[0] * tw))))
                        ty = min(th - 1, max(0, int(math.floor(col[1] * th))))
                        self.point[py][px] = tuple(texels[ty][tx][i] * mesh[i] for i in range(3))
                        col = tuple(v * mesh[i] for i, v in enumerate(bilinear(texels, tw, th, col[0], col[1])))
                        key = (tid, t // 6)  # the filtered colour is continuous across a face
                    elif tex:
                        texels, tw, th, mesh, _ = tex
                        tx = min(tw - 1, max(0, int(math.floor(col[0] * tw))))
                        ty = min(th - 1, max(0, int(math.floor(col[1] * th))))
                        col = tuple(texels[ty][tx][i] * mesh[i] for i in range(3))
                        key = (tid, t // 6, tx, ty)  # face and texel: probes avoid texel edges
                    self.key[py][px] = key
                    self.color[py][px] = col
                    self.depth[py][px] = z if depth_test else self.depth[py][px]
                    self.owner[py][px] = tid
        self.nobj += 1

    def filtered(self, x, y):
        """A linearly filtered pixel whose point-sampled colour differs by
        more than 24 levels: such a probe tells the filters apart."""
        p = self.point[y][x]
        return p is not None and max(abs(p[i] - self.color[y][x][i]) for i in range(3)) * 255 > 24

    def probes(self, n):
        """Pixels whose 3x3 neighbourhood shows one object, n spread over
        each object drawn (every object gets probes), 3 on background.
        Where a linear texture is drawn, half of an object's probes are
        pixels where filtering matters (filtered())."""
        W, H = self.w, self.h
        out = []
        inner = [(x, y) for y in range(1, H - 1) for x in range(1, W - 1)
                 if len({self.key[y + dy][x + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)}) == 1]
        for obj in range(self.nobj):
            mine = [p for p in inner if self.owner[p[1]][p[0]] == obj]
            filt = [p for p in mine if self.filtered(*p)]
            if filt:
                step = max(1, len(filt) // (n // 2))
                picked = filt[step // 2::step][:n // 2]
                mine = [p for p in mine if p not in picked]
                step = max(1, len(mine) // (n - len(picked)))
                out += sorted(picked + mine[step // 2::step][:n - len(picked)], key=lambda p: (p[1], p[0]))
                continue
            step = max(1, len(mine) // n)
            out += mine[step // 2::step][:n]
        bg = [p for p in inner if self.owner[p[1]][p[0]] < 0]
        out += bg[::max(1, len(bg) // 3)][:3]
        return out


def scene_text(title, comment, cmds, r):
    lines = ['# ' + title, '# Generated by gen_tutorials.py; do not edit.'] + ['# ' + c for c in comment]
    lines += cmds
    for (x, y) in r.probes(12):
        col = r.color[y][x]
        lines.append('probe %d %d %d %d %d 255 4' % (x, y, *(round(255 * v) for v in col)))
    return '\n'.join(lines) + '\n'


def cube_cmds():
    vb = ' \\\n    '.join('%s  %s 1' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in c)) for p, c in CUBE)
    return ['vs shaders/tut04_vs.dxbc', 'ps shaders/color_ps.dxbc',
            'layout POSITION R32G32B32_FLOAT 0  COLOR R32G32B32A32_FLOAT 12',
            'vertices 28 ' + vb,
            'indices 16 ' + ' '.join(str(i) for i in INDICES),
            'topology trianglelist']


def cb_line(verb, world, view, proj):
    fl = transposed_floats(world) + transposed_floats(view) + transposed_floats(proj)
    return '%s vs 0 %s' % (verb, ' \\\n    '.join(' '.join(fmt(v) for v in fl[i:i + 16]) for i in range(0, 48, 16)))


# Tutorial 6's cube: 24 vertices, one normal per face.
FACES = [((0, 1, 0), [(-1, 1, -1), (1, 1, -1), (1, 1, 1), (-1, 1, 1)]),
         ((0, -1, 0), [(-1, -1, -1), (1, -1, -1), (1, -1, 1), (-1, -1, 1)]),
         ((-1, 0, 0), [(-1, -1, 1), (-1, -1, -1), (-1, 1, -1), (-1, 1, 1)]),
         ((1, 0, 0), [(1, -1, 1), (1, -1, -1), (1, 1, -1), (1, 1, 1)]),
         ((0, 0, -1), [(-1, -1, -1), (1, -1, -1), (1, 1, -1), (-1, 1, -1)]),
         ((0, 0, 1), [(-1, -1, 1), (1, -1, 1), (1, 1, 1), (-1, 1, 1)])]
INDICES6 = [3, 1, 0, 2, 1, 3, 6, 4, 5, 7, 4, 6, 11, 9, 8, 10, 9, 11, 14, 12, 13, 15, 12, 14,
            19, 17, 16, 18, 17, 19, 22, 20, 21, 23, 20, 22]


def xform3(v, m):
    return [sum(v[k] * m[k][j] for k in range(3)) for j in range(3)]


def tutorial6(here, ident):
    """Two directional lights on a rotating cube, and each light drawn as a
    small cube of its colour (PSSolid), as the sample's Render does: one
    constant buffer (World, View, Projection, vLightDir[2], vLightColor[2],
    vOutputColor) bound to the VS and the PS, updated before each draw.
    The lit colour is constant per face (the normal is), so the reference
    rasterizer gets it as a per-vertex colour computed here the way the PS
    does; a light cube's colour is its light's.  128x96, so that the light
    cubes (0.4 wide) cover enough pixels for probes."""
    w, h = 128, 96
    t = 0.5
    world = rot_y(t)
    view = look_at_lh([0, 4, -10], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, w / h, 0.01, 100)
    dirs = [(-0.577, 0.577, -0.577), tuple(xform3((0, 0, -1), rot_y(-2 * t)))]
    cols = [(0.5, 0.5, 0.5), (0.5, 0.0, 0.0)]
    lit, vb = [], []
    for (n, corners) in FACES:
        wn = xform3(n, world)
        c = [0.0, 0.0, 0.0]
        for d, col in zip(dirs, cols):
            k = min(1.0, max(0.0, sum(d[i] * wn[i] for i in range(3))))
            c = [c[i] + k * col[i] for i in range(3)]
        for p in corners:
            lit.append((p, tuple(c)))
            vb.append('%s  %s' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in n)))

    def cbdata(wm, out):
        fl = transposed_floats(wm) + transposed_floats(view) + transposed_floats(proj)
        fl += [v for d in dirs for v in (*d, 0)] + [v for c in cols for v in (*c, 1)] + list(out)
        return ' \\\n    '.join(' '.join(fmt(v) for v in fl[i:i + 16]) for i in range(0, len(fl), 16))

    r = Raster(w, h)
    r.draw(world, view, proj, True, lit, INDICES6, facekey=True)
    cmds = ['target %d %d' % (w, h), 'depth D24_UNORM_S8_UINT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0', 'vs shaders/tut06_vs.dxbc', 'ps shaders/tut06_ps.dxbc',
            'layout POSITION R32G32B32_FLOAT 0  NORMAL R32G32B32_FLOAT 12',
            'vertices 24 ' + ' \\\n    '.join(vb),
            'indices 16 ' + ' '.join(str(i) for i in INDICES6), 'topology trianglelist',
            'cb vs 0 ' + cbdata(world, (0, 0, 0, 0)), 'cb ps 0 ' + cbdata(world, (0, 0, 0, 0)), 'drawindexed 36',
            'ps shaders/tut06_solid_ps.dxbc']
    for d, col in zip(dirs, cols):
        # mLight = Scaling(0.2) * TranslationFromVector(5 * vLightDir)
        lw = mul(scale(0.2), translate(*(5 * v for v in d)))
        r.draw(lw, view, proj, True, [(p, col) for (p, _c) in lit], INDICES6)
        cmds += ['cbupdate vs 0 ' + cbdata(lw, (*col, 1)), 'cbupdate ps 0 ' + cbdata(lw, (*col, 1)), 'drawindexed 36']
    text = scene_text(
        'D3D10 SDK tutorial 6 (lighting): a cube lit by two directional lights (N.L per pixel), the lights as small cubes.',
        ['t = 0.5: World = RotationY(t); light 0 (-0.577,0.577,-0.577) grey, light 1 (0,0,-1)*RotationY(-2t) red.',
         'Eye (0,4,-10) at (0,1,0), fov pi/4.  Each light: a cube with World = Scaling(0.2) * Translation(5 * dir),',
         'drawn with PSSolid (vOutputColor = the light colour), the constant buffer updated before each draw.'],
        cmds, r)
    open(os.path.join(here, 'tut06_lighting.scene'), 'w').write(text)
    # Negative control: the light cubes drawn with the lit PS (PSSolid never
    # bound) must fail their probes.
    neg = text.replace('ps shaders/tut06_solid_ps.dxbc\n', '').replace(' shaders/', ' ../shaders/').replace(
        '# D3D10 SDK tutorial 6', '# NEGATIVE CONTROL (light cubes without PSSolid, probes of the real scene): D3D10 SDK tutorial 6')
    assert neg.count('tut06_solid_ps') == 0
    os.makedirs(os.path.join(here, 'negative'), exist_ok=True)
    open(os.path.join(here, 'negative', 'tut06_no_solid_ps.scene'), 'w').write(neg)


def tutorial7(here):
    """Texture mapping: the cube with a 4x4 texture, the sample's
    MIN_MAG_MIP_LINEAR sampler (clamp), and its three constant buffers.
    Every texel differs from its neighbours (red rises with x, green with
    y, blue is a checker), so bilinear filtering shows on the whole face;
    half the probes sit where point sampling would be more than 24 levels
    off (negative/tut07_point.scene samples with a point filter and must
    fail).  The expectation is the bilinear filter of the perspective-
    correct texture coordinate at the pixel centre, texel centres at
    (i + 0.5) / 4; a 4x4 texture on a ~20-pixel face is magnified, and
    with one mip level MIP_LINEAR changes nothing.  The result is
    continuous in (u, v) (also across texel centres and the clamp), so a
    probe only has to keep off the edges between faces; the tolerance of
    4 levels covers llvmpipe's 8-bit filter weights."""
    t = 0.7
    world = rot_y(t)
    view = look_at_lh([0, 3, -6], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, W / H, 0.01, 100)
    mesh = (0.9, 0.8, 0.7, 1.0)
    texels = [[(x / 3, y / 3, float((x + y) % 2)) for x in range(4)] for y in range(4)]
    uvs = [(0, 0), (1, 0), (1, 1), (0, 1)]
    ref, vb = [], []
    for (_n, corners) in FACES:
        for p, uv in zip(corners, uvs):
            ref.append((p, (uv[0], uv[1], 0)))
            vb.append('%s  %s' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in uv)))
    # the reference filters the bytes the texture holds
    texels = [[tuple(round(255 * c) / 255 for c in tx) for tx in row] for row in texels]
    r = Raster()
    r.draw(world, view, proj, True, ref, INDICES6, (texels, 4, 4, mesh, True))
    texbytes = ' '.join('%d %d %d 255' % tuple(round(255 * c) for c in texels[y][x]) for y in range(4) for x in range(4))
    cmds = ['target %d %d' % (W, H), 'depth D24_UNORM_S8_UINT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0', 'vs shaders/tut07_vs.dxbc', 'ps shaders/tut07_ps.dxbc',
            'layout POSITION R32G32B32_FLOAT 0  TEXCOORD R32G32_FLOAT 12',
            'vertices 20 ' + ' \\\n    '.join(vb),
            'indices 16 ' + ' '.join(str(i) for i in INDICES6), 'topology trianglelist',
            'cb vs 0 ' + ' '.join(fmt(v) for v in transposed_floats(view)),
            'cb vs 1 ' + ' '.join(fmt(v) for v in transposed_floats(proj)),
            'cb vs 2 ' + ' '.join(fmt(v) for v in transposed_floats(world) + list(mesh)),
            'cb ps 2 ' + ' '.join(fmt(v) for v in transposed_floats(world) + list(mesh)),
            'texture ps 0 4 4 R8G8B8A8_UNORM ' + texbytes, 'sampler ps 0 filter=linear address=clamp',
            'drawindexed 36']
    text = scene_text(
        'D3D10 SDK tutorial 7 (texture mapping): a textured cube, a linear sampler, three constant buffers.',
        ['t = 0.7: World = RotationY(t), vMeshColor (0.9,0.8,0.7,1); eye (0,3,-6) at (0,1,0), fov pi/4.',
         'A 4x4 texture (red = x/3, green = y/3, blue a checker) sampled MIN_MAG_MIP_LINEAR with clamp, as the',
         'SDK samples seafloor.dds; half the probes are where point sampling would be more than 24 levels off.'],
        cmds, r)
    open(os.path.join(here, 'tut07_texture.scene'), 'w').write(text)
    # Negative control: the same probes with a point sampler must fail.
    neg = text.replace('filter=linear', 'filter=point').replace(' shaders/', ' ../shaders/').replace(
        '# D3D10 SDK tutorial 7', '# NEGATIVE CONTROL (point sampler, probes of the linear scene): D3D10 SDK tutorial 7')
    os.makedirs(os.path.join(here, 'negative'), exist_ok=True)
    open(os.path.join(here, 'negative', 'tut07_point.scene'), 'w').write(neg)


class Pipe:
    """A reference of the D3D10 output merger for the SDK-like scenes: an
    RGBA8 target (bytes), depth, 8-bit stencil, per-draw cull / depth /
    stencil / alpha-blend state, pixel centres, perspective-correct
    attributes.  key[y][x] lists every (draw, face, texel) that covered the
    pixel, whatever the tests decided, so a probe whose 3x3 neighbourhood
    has one key does not hinge on an edge rule."""

    def __init__(self, w, h, clear):
        self.w, self.h = w, h
        q = tuple(round(255 * c) for c in clear)
        self.color = [[q for _ in range(w)] for _ in range(h)]
        self.depth = [[1.0] * w for _ in range(h)]
        self.stencil = [[0] * w for _ in range(h)]
        self.key = [[() for _ in range(w)] for _ in range(h)]
        self.ndraw = 0

    def draw(self, verts, indices, mvp, shade, ccw=False, depth=(True, True), stencil=None, blend=False):
        """verts: (position, attributes); shade(attributes) -> (rgba, texel
        key); depth (test LESS, write); stencil (func 'always'|'equal',
        ref, pass op 'keep'|'replace') or None; blend: SRC_ALPHA /
        INV_SRC_ALPHA on colour, ONE / ZERO on alpha."""
        W, H = self.w, self.h
        pv = []
        for (p, attr) in verts:
            v = [p[0], p[1], p[2], 1]
            clip = [sum(v[k] * mvp[k][j] for k in range(4)) for j in range(4)]
            pv.append(((clip[0] / clip[3] + 1) * W / 2, (1 - clip[1] / clip[3]) * H / 2, clip[2] / clip[3],
                       1 / clip[3], attr))
        for t in range(0, len(indices), 3):
            a, b, c = (pv[i] for i in indices[t:t + 3])
            area = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
            if (area <= 0) != ccw:  # area > 0: clockwise on screen (y down)
                continue
            ys = [v[1] for v in (a, b, c)]
            xs = [v[0] for v in (a, b, c)]
            for py in range(max(0, int(min(ys)) - 1), min(H, int(max(ys)) + 2)):
                for px in range(max(0, int(min(xs)) - 1), min(W, int(max(xs)) + 2)):
                    x, y = px + 0.5, py + 0.5
                    w0 = (b[0] - x) * (c[1] - y) - (b[1] - y) * (c[0] - x)
                    w1 = (c[0] - x) * (a[1] - y) - (c[1] - y) * (a[0] - x)
                    w2 = (a[0] - x) * (b[1] - y) - (a[1] - y) * (b[0] - x)
                    if not ((w0 >= 0 and w1 >= 0 and w2 >= 0) or (w0 <= 0 and w1 <= 0 and w2 <= 0)):
                        continue
                    l0, l1, l2 = w0 / area, w1 / area, w2 / area
                    z = l0 * a[2] + l1 * b[2] + l2 * c[2]
                    q = l0 * a[3] + l1 * b[3] + l2 * c[3]
                    attr = tuple((l0 * a[3] * a[4][i] + l1 * b[3] * b[4][i] + l2 * c[3] * c[4][i]) / q
                                 for i in range(len(a[4])))
                    rgba, texel = shade(attr)
                    self.key[py][px] += ((self.ndraw, t // 6, texel),)
                    if stencil and stencil[0] == 'equal' and self.stencil[py][px] != stencil[1]:
                        continue
                    if depth[0] and z >= self.depth[py][px]:
                        continue
                    if stencil and stencil[2] == 'replace':
                        self.stencil[py][px] = stencil[1]
                    if depth[0] and depth[1]:
                        self.depth[py][px] = z
                    src = [min(1.0, max(0.0, v)) for v in rgba]
                    if blend:
                        dst = self.color[py][px]
                        out = [src[3] * src[i] * 255 + (1 - src[3]) * dst[i] for i in range(3)] + [src[3] * 255]
                    else:
                        out = [v * 255 for v in src]
                    self.color[py][px] = tuple(int(round(v)) for v in out)
        self.ndraw += 1


def pick_probes(r, others, n):
    """n probes spread over the pixels whose 3x3 neighbourhood has one key
    (in r and in every render of `others`), about half of them where some
    other render differs by more than 24 levels: those are what the
    negative controls must trip over."""
    W, H = r.w, r.h
    def steady(p, x, y):
        return len({p.key[y + dy][x + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)}) == 1
    inner = [(x, y) for y in range(1, H - 1) for x in range(1, W - 1)
             if steady(r, x, y) and all(steady(o, x, y) for o in others)]
    out = []
    for o in others:
        diff = [p for p in inner if max(abs(o.color[p[1]][p[0]][i] - r.color[p[1]][p[0]][i]) for i in range(4)) > 24]
        assert len(diff) >= 3, 'a negative control would change too few steady pixels'
        step = max(1, len(diff) // (n // (2 * len(others))))
        out += diff[step // 2::step][:n // (2 * len(others))]
    rest = [p for p in inner if p not in out]
    step = max(1, len(rest) // (n - len(out)))
    out += rest[step // 2::step][:n - len(out)]
    return sorted(set(out), key=lambda p: (p[1], p[0]))


def sdk_reflection(here):
    """A planar mirror with a stencil mask, like the SDK's reflection
    samples: the mirror (a 2x2 texture with alpha, through the tutorial 7
    shaders) is drawn writing stencil 1 and no depth; the cube mirrored
    in y = 0 is drawn only where stencil = 1, with FrontCounterClockwise
    (mirroring flips the winding); the mirror is drawn again alpha-blended
    over its reflection; then the real cube.  Negative controls: the
    reflection without the stencil test (it spills past the mirror) and
    without FrontCounterClockwise (its front faces culled)."""
    w, h = 64, 48
    view = look_at_lh([0, 2.5, -6], [0, 0.2, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, w / h, 0.01, 100)
    world = mul(mul(scale(0.6), rot_y(0.5)), translate(0, 1.0, 0))
    mirror_y = [[1, 0, 0, 0], [0, -1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]
    rworld = mul(world, mirror_y)
    # mirror quad in y = 0, two triangles, clockwise seen from above
    quad = [((0.1, 0, -3.0), (0, 1)), ((0.1, 0, 1.5), (0, 0)), ((2.2, 0, 1.5), (1, 0)), ((2.2, 0, -3.0), (1, 1))]
    qidx = [0, 1, 2, 0, 2, 3]
    mesh = (1.0, 1.0, 1.0, 1.0)
    tex = [[(0.8, 0.8, 1.0, 0.4), (0.6, 0.9, 0.7, 0.6)], [(1.0, 0.9, 0.6, 0.5), (0.7, 0.7, 0.7, 0.7)]]
    tex = [[tuple(round(255 * c) / 255 for c in t) for t in row] for row in tex]

    def shade_tex(attr):
        tx = min(1, max(0, int(math.floor(attr[0] * 2))))
        ty = min(1, max(0, int(math.floor(attr[1] * 2))))
        return tuple(tex[ty][tx][i] * mesh[i] for i in range(4)), (tx, ty)

    def shade_color(attr):
        return tuple(attr) + (1.0,), None

    cube = [(p, c) for (p, c) in CUBE]
    vp = mul(view, proj)

    def render(stencil_on, flip):
        r = Pipe(w, h, CLEAR)
        r.draw(quad, qidx, vp, shade_tex, depth=(True, False), stencil=('always', 1, 'replace'))
        r.draw(cube, INDICES, mul(rworld, vp), shade_color, ccw=flip,
               stencil=('equal', 1, 'keep') if stencil_on else None)
        r.draw(quad, qidx, vp, shade_tex, blend=True)
        r.draw(cube, INDICES, mul(world, vp), shade_color)
        return r

    r = render(True, True)
    others = [render(False, True), render(True, False)]
    quad_vb = ' \\\n    '.join('%s  %s' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in uv)) for p, uv in quad)
    texbytes = ' '.join('%d %d %d %d' % tuple(round(255 * c) for c in tex[y][x]) for y in range(2) for x in range(2))

    def cube_draw(wm, extra):
        return (['vs shaders/tut04_vs.dxbc', 'ps shaders/color_ps.dxbc'] + extra +
                ['layout POSITION R32G32B32_FLOAT 0  COLOR R32G32B32A32_FLOAT 12',
                 'vertices 28 ' + ' \\\n    '.join('%s  %s 1' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in c))
                                                   for p, c in CUBE),
                 'indices 16 ' + ' '.join(str(i) for i in INDICES), 'topology trianglelist',
                 cb_line('cb', wm, view, proj), 'drawindexed 36'])

    mirror_draw = ['vs shaders/tut07_vs.dxbc', 'ps shaders/tut07_ps.dxbc',
                   'layout POSITION R32G32B32_FLOAT 0  TEXCOORD R32G32_FLOAT 12',
                   'vertices 20 ' + quad_vb, 'indices 16 ' + ' '.join(str(i) for i in qidx),
                   'topology trianglelist',
                   'cb vs 0 ' + ' '.join(fmt(v) for v in transposed_floats(view)),
                   'cb vs 1 ' + ' '.join(fmt(v) for v in transposed_floats(proj)),
                   'cb vs 2 ' + ' '.join(fmt(v) for v in transposed_floats([[1 if i == j else 0 for j in range(4)]
                                                                            for i in range(4)]) + list(mesh)),
                   'cb ps 2 ' + ' '.join(fmt(v) for v in [0] * 16 + list(mesh)), 'drawindexed 6']
    cmds = ['target %d %d' % (w, h), 'depth D24_UNORM_S8_UINT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0', 'clearstencil 0',
            'texture ps 0 2 2 R8G8B8A8_UNORM ' + texbytes, 'sampler ps 0 filter=point address=clamp',
            '# 1. the mirror: stencil 1 where it covers, no depth write',
            'depthstencil depth=1 write=0 stencil=1 sfunc=always spass=replace ref=1'] + mirror_draw + [
            '# 2. the reflected cube, only where stencil = 1; mirroring flips the winding',
            'depthstencil depth=1 write=1 stencil=1 sfunc=equal spass=keep ref=1', 'rasterizer ccw=1'] + \
        cube_draw(rworld, []) + [
            '# 3. the mirror again, alpha-blended over its reflection',
            'rasterizer', 'depthstencil depth=1 write=1', 'blend alpha'] + mirror_draw + [
            '# 4. the real cube', 'blend none'] + cube_draw(world, [])
    lines = ['# SDK-like scene: a stencil-masked planar reflection under an alpha-blended textured mirror.',
             '# Generated by gen_tutorials.py; do not edit.',
             '# Cube = Scaling(0.6) * RotationY(0.5) * Translation(0,1,-0.3), reflected in y = 0; the mirror',
             '# x -1.6..1.6, z -0.8..2 with a 2x2 RGBA texture (alpha 0.4..0.7), point-sampled.',
             '# Eye (0,3.5,-6) at (0,0.3,0), fov pi/4.'] + cmds
    for (x, y) in pick_probes(r, others, 24):
        lines.append('probe %d %d %d %d %d %d 4' % (x, y, *r.color[y][x]))
    text = '\n'.join(lines) + '\n'
    open(os.path.join(here, 'sdk_reflection.scene'), 'w').write(text)
    os.makedirs(os.path.join(here, 'negative'), exist_ok=True)
    neg = text.replace(' shaders/', ' ../shaders/')
    a = neg.replace('depthstencil depth=1 write=1 stencil=1 sfunc=equal spass=keep ref=1', 'depthstencil depth=1 write=1')
    assert a != neg
    open(os.path.join(here, 'negative', 'sdk_reflection_nostencil.scene'), 'w').write(
        '# NEGATIVE CONTROL (the reflection without its stencil test, probes of the real scene):\n' + a)
    b = neg.replace('rasterizer ccw=1\n', 'rasterizer\n')
    assert b != neg
    open(os.path.join(here, 'negative', 'sdk_reflection_noflip.scene'), 'w').write(
        '# NEGATIVE CONTROL (the reflection without FrontCounterClockwise, probes of the real scene):\n' + b)


def sdk_instancing(here):
    """Four tinted cubes from one DrawInstanced (SDK-like instancing): the
    per-instance offset, scale and tint sit in a constant-buffer array
    that the VS indexes with SV_InstanceID (dynamic cb indexing); the
    cube's 36 vertices are not indexed; the instances overlap, so the
    depth test decides between them.  Negative controls: 3 instances
    instead of 4 (the last one's probes fail), the depth test off (the
    instance drawn second shows through the one in front of it)."""
    w, h = 64, 48
    view = look_at_lh([0, 2.5, -5], [0, 0.2, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, w / h, 0.01, 100)
    inst = [((-0.8, 0.1, 0.0), 0.5, (1.0, 0.35, 0.35, 1)), ((-0.4, 0.3, 1.3), 0.6, (0.4, 1.0, 0.4, 1)),
            ((1.1, 0.3, 0.2), 0.45, (0.45, 0.55, 1.0, 1)), ((0.35, -0.1, -0.8), 0.35, (1.0, 1.0, 0.3, 1))]
    vp = mul(view, proj)

    def render(count, depth):
        r = Pipe(w, h, CLEAR)
        for (off, sc, tint) in inst[:count]:
            verts = [(tuple(CUBE[i][0][k] * sc + off[k] for k in range(3)),
                      tuple(CUBE[i][1][k] * tint[k] for k in range(3))) for i in INDICES]
            r.draw(verts, list(range(36)), vp, lambda attr: (tuple(attr) + (1.0,), None), depth=(depth, depth))
        return r

    # instance 1 (behind instance 0, drawn after it) shows through without
    # the depth test; the negative controls' renders: 3 instances, no depth
    r = render(4, True)
    others = [render(3, True), render(4, False)]
    cbf = transposed_floats(view) + transposed_floats(proj)
    for (off, sc, tint) in inst:
        cbf += list(off) + [sc] + list(tint)
    vb = ' \\\n    '.join('%s  %s 1' % (' '.join(fmt(v) for v in CUBE[i][0]), ' '.join(fmt(v) for v in CUBE[i][1]))
                          for i in INDICES)
    cmds = ['target %d %d' % (w, h), 'depth D32_FLOAT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0', 'vs shaders/sdk_inst_vs.dxbc', 'ps shaders/color_ps.dxbc',
            'layout POSITION R32G32B32_FLOAT 0  COLOR R32G32B32A32_FLOAT 12', 'vertices 28 ' + vb,
            'topology trianglelist',
            'cb vs 0 ' + ' \\\n    '.join(' '.join(fmt(v) for v in cbf[i:i + 16]) for i in range(0, len(cbf), 16)),
            'drawinstanced 36 4']
    lines = ['# SDK-like scene: four tinted cubes from one DrawInstanced, per-instance data in a cb array',
             '# indexed by SV_InstanceID.  Generated by gen_tutorials.py; do not edit.',
             '# Instance i: position * scale + offset, colour * tint (Inst[2i], Inst[2i+1]); eye (0,2.5,-5).'] + cmds
    for (x, y) in pick_probes(r, others, 24):
        lines.append('probe %d %d %d %d %d %d 4' % (x, y, *r.color[y][x]))
    text = '\n'.join(lines) + '\n'
    open(os.path.join(here, 'sdk_instancing.scene'), 'w').write(text)
    neg = text.replace(' shaders/', ' ../shaders/').replace('drawinstanced 36 4', 'drawinstanced 36 3')
    os.makedirs(os.path.join(here, 'negative'), exist_ok=True)
    open(os.path.join(here, 'negative', 'sdk_instancing_three.scene'), 'w').write(
        '# NEGATIVE CONTROL (3 instances drawn, probes of the 4-instance scene):\n' + neg)
    neg = text.replace(' shaders/', ' ../shaders/').replace('drawinstanced 36 4', 'depthstencil depth=0\ndrawinstanced 36 4')
    open(os.path.join(here, 'negative', 'sdk_instancing_nodepth.scene'), 'w').write(
        '# NEGATIVE CONTROL (depth test off, probes of the real scene):\n' + neg)


def main():
    here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    ident = [[1 if i == j else 0 for j in range(4)] for i in range(4)]

    # Tutorial 4: one cube, World = RotationY(t) at t = 0.6.
    view = look_at_lh([0, 1, -5], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 2, W / H, 0.01, 100)
    world = rot_y(0.6)
    r = Raster()
    r.draw(world, view, proj, False)
    cmds = ['target %d %d' % (W, H), 'clear %s' % ' '.join(fmt(v) for v in CLEAR)] + cube_cmds()
    cmds += [cb_line('cb', ident, ident, ident), cb_line('cbupdate', world, view, proj), 'drawindexed 36']
    open(os.path.join(here, 'tut04_spaces.scene'), 'w').write(scene_text(
        'D3D10 SDK tutorial 4 (3D spaces): the coloured cube through World/View/Projection in a constant buffer.',
        ['World = RotationY(0.6), eye (0,1,-5) at (0,1,0), fov pi/2, aspect 4:3, z 0.01..100.',
         'The buffer is created with identity matrices and then updated (UpdateSubresource), as the sample does.'],
        cmds, r))

    # Tutorial 5: two cubes with a depth buffer, t = pi/4; the small cube
    # orbits to (0, 0, -4), in front of the big one.  Drawn small cube
    # first (the SDK draws it second) so that only the depth test keeps it.
    t = math.pi / 4
    view = look_at_lh([0, 1, -10], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, W / H, 0.01, 100)
    world1 = rot_y(t)
    world2 = mul(mul(mul(scale(0.3), rot_z(-t)), translate(-4, 0, 0)), rot_y(-2 * t))
    r = Raster()
    r.draw(world2, view, proj, True)
    r.draw(world1, view, proj, True)
    cmds = ['target %d %d' % (W, H), 'depth D24_UNORM_S8_UINT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0'] + cube_cmds()
    cmds += [cb_line('cb', world2, view, proj), 'drawindexed 36', cb_line('cbupdate', world1, view, proj),
             'drawindexed 36']
    text = scene_text(
        'D3D10 SDK tutorial 5 (transformations): two cubes, a depth buffer, per-object UpdateSubresource.',
        ['t = pi/4: cube 1 = RotationY(t); cube 2 = Scale(0.3) * RotationZ(-t) * Translate(-4,0,0) * RotationY(-2t),',
         'which puts it at (0,0,-4), in front of cube 1.  Eye (0,1,-10), fov pi/4.  Cube 2 is drawn first:',
         'without the depth test cube 1 would cover it (negative/tut05_no_depth.scene).'],
        cmds, r)
    open(os.path.join(here, 'tut05_depth.scene'), 'w').write(text)
    # Negative control: the same scene and probes with the depth test off
    # must fail (cube 1, drawn second, covers cube 2's probes).
    neg = text.replace('cleardepth 1.0\n', 'cleardepth 1.0\ndepthstencil depth=0\n').replace(
        ' shaders/', ' ../shaders/').replace(
        '# D3D10 SDK tutorial 5', '# NEGATIVE CONTROL (depth test off, probes of the real scene): D3D10 SDK tutorial 5')
    os.makedirs(os.path.join(here, 'negative'), exist_ok=True)
    open(os.path.join(here, 'negative', 'tut05_no_depth.scene'), 'w').write(neg)
    tutorial6(here, ident)
    tutorial7(here)
    sdk_reflection(here)
    sdk_instancing(here)


if __name__ == '__main__':
    main()
