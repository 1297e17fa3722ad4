/*
 * scene.h — runs a scene file (docs/testing.md, "Scene files") through the
 * UMD under the mini D3D10 runtime and checks its pixel probes.
 *
 *   struct scene_result res;
 *   int rc = scene_run(srv, "tests/scenes/x.scene", "out.png" or NULL, 0, &res);
 *   rc: 0 every probe held; 1 a probe failed or the scene could not run
 *   (res.msg / stdout say why; each failing probe is printed).
 */
#ifndef TESTS_SCENE_H
#define TESTS_SCENE_H

#include "vtest/vtest.h"

struct scene_result {
    unsigned probes, failed;
    char msg[512];
};

/* iface: D3D10_0/D3D10_1_DDI_INTERFACE_VERSION to force one, 0 = highest. */
int scene_run(struct vtest_server *srv, const char *path, const char *png, unsigned iface,
              struct scene_result *res);

#endif
