/*
 * umd_gl_anchor.c — the anchor of the UMD frame-rate benchmark: the
 * tutorial-6 scene of bench/umd_scene.h written as a native OpenGL ES 3.0
 * program on Mesa (llvmpipe) through EGL surfaceless, into a framebuffer
 * object (RGBA8 colour + 24/8 depth-stencil) of the same size.  Per frame:
 * clear, glBufferSubData of the same uniform block the UMD bench updates,
 * glDrawElements, glReadPixels of the whole frame (the UMD bench copies to
 * a staging texture and maps it).  The shaders mirror tut06_vs.asm and
 * tut06_ps.asm instruction for instruction.
 *
 *   umd_gl_anchor FRAMES OUT.rgba [flush]   (OUT: last frame, top row first;
 *                                            flush: glFlush per frame and only
 *                                            the last one read back)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLES3/gl3.h>

#include "umd_scene.h"

static void die(const char *what)
{
    fprintf(stderr, "umd_gl_anchor: %s (EGL 0x%x, GL 0x%x)\n", what, eglGetError(), glGetError());
    exit(1);
}

static const char *vs_src =
    "#version 300 es\n"
    "layout(std140) uniform VsCb { vec4 c[12]; };\n"
    "layout(location = 0) in vec4 pos;\n"
    "layout(location = 1) in vec3 nrm;\n"
    "out vec3 n;\n"
    "void main() {\n"
    "  vec4 w = vec4(dot(pos, c[0]), dot(pos, c[1]), dot(pos, c[2]), dot(pos, c[3]));\n"
    "  vec4 v = vec4(dot(w, c[4]), dot(w, c[5]), dot(w, c[6]), dot(w, c[7]));\n"
    "  gl_Position = vec4(dot(v, c[8]), dot(v, c[9]), dot(v, c[10]), dot(v, c[11]));\n"
    "  n = vec3(dot(nrm, c[0].xyz), dot(nrm, c[1].xyz), dot(nrm, c[2].xyz));\n"
    "}\n";
static const char *ps_src =
    "#version 300 es\n"
    "precision highp float;\n"
    "layout(std140) uniform PsCb { vec4 l[4]; };\n"
    "in vec3 n;\n"
    "out vec4 o;\n"
    "void main() {\n"
    "  float a = clamp(dot(l[0].xyz, n), 0.0, 1.0);\n"
    "  float b = clamp(dot(l[1].xyz, n), 0.0, 1.0);\n"
    "  o = vec4(b * l[3].xyz + a * l[2].xyz, 1.0);\n"
    "}\n";

static GLuint shader(GLenum kind, const char *src)
{
    GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024];
        glGetShaderInfoLog(s, sizeof(log), NULL, log);
        fprintf(stderr, "%s", log);
        die("shader compile");
    }
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: umd_gl_anchor FRAMES OUT.rgba [flush]\n");
        return 2;
    }
    bool readback_each = argc == 3 || strcmp(argv[3], "flush");
    unsigned frames = (unsigned)strtoul(argv[1], NULL, 0);
    PFNEGLGETPLATFORMDISPLAYEXTPROC get_display =
        (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
    if (!get_display)
        die("no eglGetPlatformDisplayEXT");
    EGLDisplay dpy = get_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
    EGLint major, minor;
    if (dpy == EGL_NO_DISPLAY || !eglInitialize(dpy, &major, &minor))
        die("eglInitialize (surfaceless)");
    static const EGLint cfg_attr[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_ES3_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
                                      EGL_NONE};
    EGLConfig cfg;
    EGLint ncfg = 0;
    if (!eglChooseConfig(dpy, cfg_attr, &cfg, 1, &ncfg) || ncfg < 1)
        die("eglChooseConfig");
    if (!eglBindAPI(EGL_OPENGL_ES_API))
        die("eglBindAPI");
    static const EGLint ctx_attr[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_NONE};
    EGLContext ctx = eglCreateContext(dpy, cfg, EGL_NO_CONTEXT, ctx_attr);
    if (ctx == EGL_NO_CONTEXT || !eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx))
        die("context");
    printf("gl anchor: %s, %s\n", (const char *)glGetString(GL_RENDERER), (const char *)glGetString(GL_VERSION));

    GLuint fbo, rb[2];
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glGenRenderbuffers(2, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, UMD_SCENE_W, UMD_SCENE_H);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, UMD_SCENE_W, UMD_SCENE_H);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1]);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
        die("framebuffer");

    GLuint prog = glCreateProgram();
    glAttachShader(prog, shader(GL_VERTEX_SHADER, vs_src));
    glAttachShader(prog, shader(GL_FRAGMENT_SHADER, ps_src));
    glLinkProgram(prog);
    GLint ok = 0;
    glGetProgramiv(prog, GL_LINK_STATUS, &ok);
    if (!ok)
        die("link");
    glUseProgram(prog);
    glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "VsCb"), 0);
    glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "PsCb"), 1);

    GLuint buf[4], vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glGenBuffers(4, buf);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glBufferData(GL_ARRAY_BUFFER, sizeof(umd_scene_vertices), umd_scene_vertices, GL_STATIC_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, buf[1]);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof(umd_scene_indices), umd_scene_indices, GL_STATIC_DRAW);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 24, (const void *)0);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 24, (const void *)12);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glBindBufferBase(GL_UNIFORM_BUFFER, 0, buf[2]);
    glBufferData(GL_UNIFORM_BUFFER, sizeof(umd_scene_vs_cb), umd_scene_vs_cb, GL_DYNAMIC_DRAW);
    glBindBufferBase(GL_UNIFORM_BUFFER, 1, buf[3]);
    glBufferData(GL_UNIFORM_BUFFER, sizeof(umd_scene_ps_cb), umd_scene_ps_cb, GL_STATIC_DRAW);

    /* D3D10 defaults of the UMD bench: back faces culled, front faces the
     * ones that appear clockwise on the screen (in either convention). */
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glFrontFace(GL_CW);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glViewport(0, 0, UMD_SCENE_W, UMD_SCENE_H);
    glClearColor(0, 0.125f, 0.3f, 1);
    glClearDepthf(1.0f);
    glClearStencil(0);

    static uint8_t px[UMD_SCENE_W * UMD_SCENE_H * 4];
    double t0 = 0;
    for (unsigned i = 0; i <= frames; i++) {
        if (i == 1)
            t0 = now(); /* frame 0 compiles the shaders: not timed */
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        glBindBuffer(GL_UNIFORM_BUFFER, buf[2]);
        glBufferSubData(GL_UNIFORM_BUFFER, 0, sizeof(umd_scene_vs_cb), umd_scene_vs_cb);
        glDrawElements(GL_TRIANGLES, 36, GL_UNSIGNED_SHORT, (const void *)0);
        if (readback_each || i == frames)
            glReadPixels(0, 0, UMD_SCENE_W, UMD_SCENE_H, GL_RGBA, GL_UNSIGNED_BYTE, px);
        else
            glFlush();
    }
    double t = now() - t0;
    if (glGetError() != GL_NO_ERROR)
        die("GL error");
    printf("gl anchor (%s): %u frames of %ux%u in %.3f s: %.1f frames/s (%.2f ms/frame)\n",
           readback_each ? "read back every frame" : "flush per frame, read back the last", frames, UMD_SCENE_W,
           UMD_SCENE_H, t, frames / t, t * 1e3 / frames);
    /* glReadPixels starts at the bottom row: write top row first like D3D */
    FILE *fp = fopen(argv[2], "wb");
    for (int y = UMD_SCENE_H - 1; fp && y >= 0; y--)
        if (fwrite(px + (size_t)y * UMD_SCENE_W * 4, 1, UMD_SCENE_W * 4, fp) != UMD_SCENE_W * 4)
            die("write");
    if (!fp || fclose(fp))
        die(argv[2]);
    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(dpy, ctx);
    eglTerminate(dpy);
    return 0;
}
