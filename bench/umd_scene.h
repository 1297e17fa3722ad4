/*
 * umd_scene.h — the tutorial-6 scene of the UMD benchmarks (bench/umd_bench.c
 * through the UMD, bench/umd_gl_anchor.c as native OpenGL ES): the data of
 * tests/scenes/tut06_lighting.scene (World = RotationY(0.5), eye (0,4,-10),
 * two directional lights), rendered at 640x480.
 */
#ifndef BENCH_UMD_SCENE_H
#define BENCH_UMD_SCENE_H

#include <stdint.h>

#define UMD_SCENE_W 640
#define UMD_SCENE_H 480

/* position xyz, normal xyz */
static const float umd_scene_vertices[144] = {
    -1.0f, 1.0f, -1.0f, 0.0f, 1.0f, 0.0f,
    1.0f, 1.0f, -1.0f, 0.0f, 1.0f, 0.0f,
    1.0f, 1.0f, 1.0f, 0.0f, 1.0f, 0.0f,
    -1.0f, 1.0f, 1.0f, 0.0f, 1.0f, 0.0f,
    -1.0f, -1.0f, -1.0f, 0.0f, -1.0f, 0.0f,
    1.0f, -1.0f, -1.0f, 0.0f, -1.0f, 0.0f,
    1.0f, -1.0f, 1.0f, 0.0f, -1.0f, 0.0f,
    -1.0f, -1.0f, 1.0f, 0.0f, -1.0f, 0.0f,
    -1.0f, -1.0f, 1.0f, -1.0f, 0.0f, 0.0f,
    -1.0f, -1.0f, -1.0f, -1.0f, 0.0f, 0.0f,
    -1.0f, 1.0f, -1.0f, -1.0f, 0.0f, 0.0f,
    -1.0f, 1.0f, 1.0f, -1.0f, 0.0f, 0.0f,
    1.0f, -1.0f, 1.0f, 1.0f, 0.0f, 0.0f,
    1.0f, -1.0f, -1.0f, 1.0f, 0.0f, 0.0f,
    1.0f, 1.0f, -1.0f, 1.0f, 0.0f, 0.0f,
    1.0f, 1.0f, 1.0f, 1.0f, 0.0f, 0.0f,
    -1.0f, -1.0f, -1.0f, 0.0f, 0.0f, -1.0f,
    1.0f, -1.0f, -1.0f, 0.0f, 0.0f, -1.0f,
    1.0f, 1.0f, -1.0f, 0.0f, 0.0f, -1.0f,
    -1.0f, 1.0f, -1.0f, 0.0f, 0.0f, -1.0f,
    -1.0f, -1.0f, 1.0f, 0.0f, 0.0f, 1.0f,
    1.0f, -1.0f, 1.0f, 0.0f, 0.0f, 1.0f,
    1.0f, 1.0f, 1.0f, 0.0f, 0.0f, 1.0f,
    -1.0f, 1.0f, 1.0f, 0.0f, 0.0f, 1.0f,
};
static const uint16_t umd_scene_indices[36] = {
    3, 1, 0, 2, 1, 3, 6, 4, 5, 7, 4, 6, 11, 9, 8, 10, 9, 11, 14, 12, 13, 15, 12, 14, 19, 17, 16, 18, 17, 19, 22, 20, 21, 23, 20, 22,
};
/* VS cb0: World, View, Projection, each transposed (row i = column i) */
static const float umd_scene_vs_cb[48] = {
    0.8775826f, 0.0f, 0.4794255f, 0.0f,
    0.0f, 1.0f, 0.0f, 0.0f,
    -0.4794255f, 0.0f, 0.8775826f, 0.0f,
    0.0f, 0.0f, 0.0f, 1.0f,
    1.0f, 0.0f, 0.0f, 0.0f,
    0.0f, 0.9578263f, 0.2873479f, -0.9578263f,
    0.0f, -0.2873479f, 0.9578263f, 10.72765f,
    0.0f, 0.0f, 0.0f, 1.0f,
    1.81066f, 0.0f, 0.0f, 0.0f,
    0.0f, 2.414214f, 0.0f, 0.0f,
    0.0f, 0.0f, 1.0001f, -0.010001f,
    0.0f, 0.0f, 1.0f, 0.0f,
};
/* PS cb0: vLightDir[2], vLightColor[2] */
static const float umd_scene_ps_cb[16] = {
    -0.577f, 0.577f, -0.577f, 0.0f,
    0.841471f, 0.0f, -0.5403023f, 0.0f,
    0.5f, 0.5f, 0.5f, 1.0f,
    0.5f, 0.0f, 0.0f, 1.0f,
};

#endif
