/*
 * png.h — writes an 8-bit RGBA image as an uncompressed PNG (stored
 * deflate blocks), enough for looking at a scene's render target.
 * png_write_rgba(path, w, h, rgba) returns 0 or -1 (errno set).
 */
#ifndef TESTS_PNG_H
#define TESTS_PNG_H
#include <stdint.h>
int png_write_rgba(const char *path, uint32_t w, uint32_t h, const uint8_t *rgba);
#endif
