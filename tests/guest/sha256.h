/*
 * sha256.h — SHA-256 (FIPS 180-4) for the test kernel: the guest prints the
 * digest of every image it loads so the host can prove it ran the very
 * file in out/package/.  One-shot use: sha256(data, len, digest) or
 * sha256_hex(data, len, hex) for the 64-char lower-case form.
 */
#ifndef GUEST_SHA256_H
#define GUEST_SHA256_H
#include <stddef.h>
#include <stdint.h>

void sha256(const void *data, size_t len, uint8_t out[32]);
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
