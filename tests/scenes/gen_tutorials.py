#!/usr/bin/env python3
"""Writes tut04_spaces.scene, tut05_depth.scene, tut06_lighting.scene,
tut07_texture.scene and
negative/tut05_no_depth.scene next to itself, or under the directory given
as the first argument (the umd-scenes suite does that to check the
committed files are current).

The D3D10 SDK tutorials 4 and 5 draw the coloured cube with World/View/
Projection matrices from a constant buffer (tutorial 5: two cubes and a
depth buffer).  This script builds the same matrices the way XNA Math does
(row vectors, left-handed), writes them transposed as the samples upload
them, and renders the scene with a small reference rasterizer (pixel
centres, perspective-correct colour, back-face culling, depth test) to
choose the probes: pixels whose 3x3 neighbourhood shows a single object
(or background), spread over every object drawn, so the expectation does
not hinge on edge rules (a cube's colour is continuous across its
triangles and faces: they share the coloured corners).  Rerun it after changing a scene parameter; the output is committed.
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


class Raster:
    def __init__(self):
        self.color = [[CLEAR[:3] for _ in range(W)] for _ in range(H)]
        self.depth = [[1.0] * W for _ in range(H)]
        self.owner = [[-1] * W for _ in range(H)]  # object index, -1 = background
        self.key = [[-1] * W for _ in range(H)]    # owner, refined by face/texel when textured
        self.nobj = 0

    def draw(self, world, view, proj, depth_test, cube=CUBE, indices=INDICES, tex=None):
        """tex = (texels[y][x] rgb, width, height, mesh colour): the
        per-vertex "colour" is then (u, v, 0), point-sampled with clamp."""
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
            for py in range(H):
                for px in range(W):
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
                    key = tid
                    if tex:
                        texels, tw, th, mesh = tex
                        tx = min(tw - 1, max(0, int(math.floor(col[0] * tw))))
                        ty = min(th - 1, max(0, int(math.floor(col[1] * th))))
                        col = tuple(texels[ty][tx][i] * mesh[i] for i in range(3))
                        key = (tid, t // 6, tx, ty)  # face and texel: probes avoid texel edges
                    self.key[py][px] = key
                    self.color[py][px] = col
                    self.depth[py][px] = z if depth_test else self.depth[py][px]
                    self.owner[py][px] = tid
        self.nobj += 1

    def probes(self, n):
        """Pixels whose 3x3 neighbourhood shows one object, n spread over
        each object drawn (every object gets probes), 3 on background."""
        out = []
        inner = [(x, y) for y in range(1, H - 1) for x in range(1, W - 1)
                 if len({self.key[y + dy][x + dx] for dy in (-1, 0, 1) for dx in (-1, 0, 1)}) == 1]
        for obj in range(self.nobj):
            mine = [p for p in inner if self.owner[p[1]][p[0]] == obj]
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
    """Two directional lights on a rotating cube: the lit colour is constant
    per face (the normal is), so the reference rasterizer gets it as a
    per-vertex colour computed here the way the PS does."""
    t = 0.5
    world = rot_y(t)
    view = look_at_lh([0, 4, -10], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, W / H, 0.01, 100)
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
    r = Raster()
    r.draw(world, view, proj, True, lit, INDICES6)
    psdata = [v for d in dirs for v in (*d, 0)] + [v for c in cols for v in (*c, 1)]
    cmds = ['target %d %d' % (W, H), 'depth D24_UNORM_S8_UINT', 'clear %s' % ' '.join(fmt(v) for v in CLEAR),
            'cleardepth 1.0', 'vs shaders/tut06_vs.dxbc', 'ps shaders/tut06_ps.dxbc',
            'layout POSITION R32G32B32_FLOAT 0  NORMAL R32G32B32_FLOAT 12',
            'vertices 24 ' + ' \\\n    '.join(vb),
            'indices 16 ' + ' '.join(str(i) for i in INDICES6), 'topology trianglelist',
            cb_line('cb', world, view, proj), 'cb ps 0 ' + ' '.join(fmt(v) for v in psdata), 'drawindexed 36']
    open(os.path.join(here, 'tut06_lighting.scene'), 'w').write(scene_text(
        'D3D10 SDK tutorial 6 (lighting): a cube lit by two directional lights (N.L per pixel).',
        ['t = 0.5: World = RotationY(t); light 0 (-0.577,0.577,-0.577) grey, light 1 (0,0,-1)*RotationY(-2t) red.',
         'Eye (0,4,-10) at (0,1,0), fov pi/4.  The SDK also draws the lights as small cubes; not here.'],
        cmds, r))


def tutorial7(here):
    """Texture mapping: the cube with a 4x4 texture (2x2 blocks of four
    colours), a point sampler, and the sample's three constant buffers."""
    t = 0.7
    world = rot_y(t)
    view = look_at_lh([0, 3, -6], [0, 1, 0], [0, 1, 0])
    proj = perspective_fov_lh(math.pi / 4, W / H, 0.01, 100)
    mesh = (0.9, 0.8, 0.7, 1.0)
    blocks = [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), (1.0, 1.0, 1.0)]
    texels = [[blocks[(y // 2) * 2 + x // 2] for x in range(4)] for y in range(4)]
    uvs = [(0, 0), (1, 0), (1, 1), (0, 1)]
    ref, vb = [], []
    for (_n, corners) in FACES:
        for p, uv in zip(corners, uvs):
            ref.append((p, (uv[0], uv[1], 0)))
            vb.append('%s  %s' % (' '.join(fmt(v) for v in p), ' '.join(fmt(v) for v in uv)))
    r = Raster()
    r.draw(world, view, proj, True, ref, INDICES6, (texels, 4, 4, mesh))
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
            'texture ps 0 4 4 R8G8B8A8_UNORM ' + texbytes, 'sampler ps 0 filter=point address=clamp',
            'drawindexed 36']
    open(os.path.join(here, 'tut07_texture.scene'), 'w').write(scene_text(
        'D3D10 SDK tutorial 7 (texture mapping): a textured cube, a sampler, three constant buffers.',
        ['t = 0.7: World = RotationY(t), vMeshColor (0.9,0.8,0.7,1); eye (0,3,-6) at (0,1,0), fov pi/4.',
         'A 4x4 texture of four 2x2 colour blocks, point-sampled (the SDK samples seafloor.dds linearly).'],
        cmds, r))


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


if __name__ == '__main__':
    main()
