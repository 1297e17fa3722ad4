/*
 * virgl_enc_priv.h — helpers shared by the encoder's source files only.
 */
#ifndef VIRGL_ENC_PRIV_H
#define VIRGL_ENC_PRIV_H

#include "virgl/virgl_enc.h"

/* Records `err` as the sticky error (if none yet) and returns it. */
int virgl_enc_fail(struct virgl_enc *e, int err);

#endif /* VIRGL_ENC_PRIV_H */
