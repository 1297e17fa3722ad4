/*
 * scene_shared.c — shared resources: a second device, OpenResource, ResolveSharedResource, primaries.
 */
#include "scene_priv.h"

int scene_shared_directive(struct scene *s, char **tok, int n)
{
    (void)s;
    (void)tok;
    (void)n;
    return 1;
}
