/*
 * scene-run — runs scene files through the UMD on a private
 * virgl_test_server and checks their pixel probes.
 *
 *   scene-run FILE.scene [--png OUT.png] [--interface 10.0|10.1]
 *   scene-run --list FILE.scene...      one "ok - NAME" / "not ok - NAME: WHY"
 *                                       line per scene (one server for all)
 * Exit status: 0 when every probe of every scene holds, 1 otherwise, 2 on
 * usage errors.  Failing probes are printed one per line.
 */
#include <stdio.h>
#include <string.h>

#include "scene.h"
#include "wddm/d3d10umddi.h"

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

int main(int argc, char **argv)
{
    const char *png = NULL;
    unsigned iface = 0;
    bool tap = false;
    const char *files[256];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--png") && i + 1 < argc)
            png = argv[++i];
        else if (!strcmp(argv[i], "--interface") && i + 1 < argc && !strcmp(argv[i + 1], "10.0") && ++i)
            iface = D3D10_0_DDI_INTERFACE_VERSION;
        else if (!strcmp(argv[i], "--interface") && i + 1 < argc && !strcmp(argv[i + 1], "10.1") && ++i)
            iface = D3D10_1_DDI_INTERFACE_VERSION;
        else if (!strcmp(argv[i], "--list"))
            tap = true;
        else if (argv[i][0] == '-' || nfiles == 256) {
            fprintf(stderr, "usage: scene-run FILE.scene [--png OUT.png] [--interface 10.0|10.1] | --list FILE.scene...\n");
            return 2;
        } else
            files[nfiles++] = argv[i];
    }
    if (!nfiles || (nfiles > 1 && !tap) || (png && nfiles > 1)) {
        fprintf(stderr, "usage: scene-run FILE.scene [--png OUT.png] [--interface 10.0|10.1] | --list FILE.scene...\n");
        return 2;
    }
    struct vtest_server *srv;
    if (vtest_server_start(&srv)) {
        fprintf(stderr, "scene-run: cannot start virgl_test_server\n");
        return 1;
    }
    int rc = 0;
    for (int i = 0; i < nfiles; i++) {
        struct scene_result res;
        int r = scene_run(srv, files[i], png, iface, &res);
        if (r) {
            rc = 1;
            if (tap)
                printf("not ok - %s: %s\n", base(files[i]), res.msg);
            else
                fprintf(stderr, "scene-run: %s\n", res.msg);
        } else if (tap) {
            printf("ok - %s\n", base(files[i]));
        } else {
            printf("%s: %u probes hold\n", files[i], res.probes);
        }
        fflush(stdout);
    }
    vtest_server_stop(srv);
    return rc;
}
