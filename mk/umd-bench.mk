# UMD benchmarks (bench/umd_bench.sh): instructions per state-churn draw
# through the DDI, and frames/s of a tutorial-6 scene through the UMD on
# virgl_test_server next to the same scene as native OpenGL ES (EGL
# surfaceless, llvmpipe).  Links the objects and libraries mk/umd.mk builds.
#
# This fragment is read before mk/umd.mk (sorted names), so UMD_NATIVE_OBJS
# is still empty when prerequisites are expanded: the prerequisites name the
# objects of src/umd/*.c (minus the packaged stub) and the recipe, expanded
# after all fragments are read, links exactly $(UMD_NATIVE_OBJS).
UMD_BENCH     := $(OUT)/native/bench/umd_bench
UMD_GL_ANCHOR := $(OUT)/native/bench/umd_gl_anchor
UMD_BENCH_OBJS := $(patsubst %.c,$(OUT)/native/%.o,$(UMD_SRCS))
UMD_BENCH_LIBS := $(OUT)/native/libvcb.a $(OUT)/native/libsm4.a $(OUT)/native/libvtest.a $(OUT)/native/libvirgl.a
$(OUT)/native/bench/umd_bench.o $(OUT)/native/bench/umd_gl_anchor.o: CFLAGS_NATIVE += -Itests -Ibench
$(UMD_BENCH): $(OUT)/native/bench/umd_bench.o $(OUT)/native/tests/lib/d3d10rt.o $(UMD_BENCH_OBJS) \
              $(UMD_BENCH_LIBS)
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $(OUT)/native/bench/umd_bench.o $(OUT)/native/tests/lib/d3d10rt.o \
	    $(UMD_NATIVE_OBJS) $(UMD_BENCH_LIBS) -lm
$(UMD_GL_ANCHOR): $(OUT)/native/bench/umd_gl_anchor.o
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lEGL -lGLESv2
BENCH_TARGETS += $(UMD_BENCH) $(UMD_GL_ANCHOR)
BENCHES += bench/umd_bench.sh
