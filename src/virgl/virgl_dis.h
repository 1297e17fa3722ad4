/*
 * virgl_dis.h — turns a virgl command stream back into readable text, one
 * line per command (freestanding; used by tools/virgl-dis, by the
 * encoder round-trip tests, and usable for debug logs in the drivers).
 *
 * Use:
 *   static void out(void *ctx, const char *line) { puts(line); }
 *   int r = virgl_dis(dwords, n, 0, out, NULL);
 * Each command gives one NUL-terminated line such as
 *   CREATE_OBJECT SURFACE handle=1 res=7 format=B8G8R8A8_UNORM level=0 layers=0..0
 *   DRAW_VBO start=0 count=3 mode=TRIANGLES indexed=0 instances=1 ...
 * A shader's text follows its line, one "  | " line per text line.
 * With VIRGL_DIS_OFFSETS each line starts with the command's dword offset.
 * Returns 0, or VIRGL_ETRUNC when a command's length runs past the end of
 * the stream (the last line then says "TRUNCATED"); unknown commands are
 * printed as their id and raw dwords and do not stop the walk.
 */
#ifndef VIRGL_DIS_H
#define VIRGL_DIS_H

#include <stdint.h>

#define VIRGL_DIS_OFFSETS 1u

typedef void (*virgl_dis_out_fn)(void *ctx, const char *line);

int virgl_dis(const uint32_t *dw, uint32_t ndw, uint32_t flags, virgl_dis_out_fn out,
              void *ctx);
/* Names used in the text (NULL when unknown). */
const char *virgl_dis_cmd_name(uint32_t cmd);
const char *virgl_dis_obj_name(uint32_t obj);

#endif /* VIRGL_DIS_H */
