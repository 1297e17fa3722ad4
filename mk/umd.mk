# UMD: the Direct3D 10/10.1 user-mode driver (src/umd), the mini D3D10
# runtime + scene runner (tests/lib), the scenes (tests/scenes) and their
# suites.  mk/package.mk signs the two DLLs built here into out/package/
# Every .c under src/umd is part of the driver.
UMD_SRCS := $(sort $(wildcard src/umd/*.c))

# ---- native build: the UMD linked into the test host -------------------------
UMD_NATIVE_OBJS := $(patsubst %.c,$(OUT)/native/%.o,$(UMD_SRCS))
# The runtime and the scene interpreter: every tests/lib file but the mains.
SCENE_LIB_SRCS  := $(filter-out tests/lib/scene_run.c tests/lib/umd_api.c tests/lib/umd_formats.c tests/lib/umd_args.c,$(sort $(wildcard tests/lib/*.c)))
# The mini runtime alone (umd-api and the UMD bench link it without the scene interpreter).
D3DRT_OBJS      := $(patsubst %.c,$(OUT)/native/%.o,$(sort $(wildcard tests/lib/d3d10rt*.c)))
SCENE_OBJS      := $(patsubst %.c,$(OUT)/native/%.o,$(SCENE_LIB_SRCS) tests/lib/scene_run.c)
$(patsubst %.c,$(OUT)/native/%.o,$(SCENE_LIB_SRCS) tests/lib/scene_run.c): CFLAGS_NATIVE += -Itests
SCENE_RUN := $(OUT)/native/bin/scene-run
$(SCENE_RUN): $(SCENE_OBJS) $(UMD_NATIVE_OBJS) $(OUT)/native/libvcb.a $(OUT)/native/libsm4.a $(OUT)/native/libvtest.a \
              $(OUT)/native/libvirgl.a
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lm
TOOL_TARGETS += $(SCENE_RUN)
ALL_TARGETS  += $(SCENE_RUN)

# ---- Windows DLLs: x64 and x86 (WOW64), no C runtime ---------------------------
# User-mode flavour of the freestanding flags: no CRT, no builtins turned
# into libc calls (umd_platform.c provides mem*), MS bit-fields.
UMD_WIN_CFLAGS  := $(CSTD) $(WARN) $(INCLUDES) -O2 -g -ffreestanding -fno-builtin -fno-stack-protector \
                   -fno-strict-aliasing -mms-bitfields
UMD_WIN_LDFLAGS := -shared -nostdlib -Wl,--subsystem,windows \
                   -Wl,--dynamicbase,--nxcompat,--enable-reloc-section -Wl,--fatal-warnings
$(OUT)/mingw64/umd/obj/%.o: src/umd/%.c
	@mkdir -p $(dir $@)
	$(CC_MINGW64) $(UMD_WIN_CFLAGS) -MMD -MP -c $< -o $@
$(OUT)/mingw32/umd/obj/%.o: src/umd/%.c
	@mkdir -p $(dir $@)
	$(CC_MINGW32) $(UMD_WIN_CFLAGS) -MMD -MP -c $< -o $@
UMD_DLL64 := $(OUT)/mingw64/umd/viogpu_d3d10.dll
UMD_DLL32 := $(OUT)/mingw32/umd/viogpu_d3d10_wow.dll
$(UMD_DLL64): $(patsubst src/umd/%.c,$(OUT)/mingw64/umd/obj/%.o,$(UMD_SRCS)) src/umd/viogpu_d3d10.def \
              $(OUT)/mingw64/libsm4.a $(OUT)/mingw64/libvirgl.a
	$(CC_MINGW64) $(UMD_WIN_LDFLAGS) -Wl,--entry,DllMain -Wl,--high-entropy-va -o $@.tmp $^ -lkernel32 -lgcc
	$(MINGW64)-strip --strip-debug -o $@ $@.tmp
	@rm -f $@.tmp
$(UMD_DLL32): $(patsubst src/umd/%.c,$(OUT)/mingw32/umd/obj/%.o,$(UMD_SRCS)) src/umd/viogpu_d3d10_x86.def \
              $(OUT)/mingw32/libsm4.a $(OUT)/mingw32/libvirgl.a
	$(CC_MINGW32) $(UMD_WIN_LDFLAGS) -Wl,--entry,_DllMain@12 -o $@.tmp $^ -lkernel32 -lgcc
	$(MINGW32)-strip --strip-debug -o $@ $@.tmp
	@rm -f $@.tmp
ALL_TARGETS += $(UMD_DLL64) $(UMD_DLL32)

# ---- suites ---------------------------------------------------------------------
CHECK_TARGETS += $(SCENE_RUN) $(SM4_AS) $(OUT)/native/tools/pecheck
SUITES += tests/suites/umd-scenes.sh tests/suites/umd-build.sh

# ---- DDI contract checks (umd-api) ------------------------------------------------
UMD_API := $(OUT)/native/tests/lib/umd-api
$(OUT)/native/tests/lib/umd_api.o $(OUT)/native/tests/lib/umd_formats.o $(OUT)/native/tests/lib/umd_args.o: CFLAGS_NATIVE += -Itests
$(UMD_API): $(OUT)/native/tests/lib/umd_api.o $(OUT)/native/tests/lib/umd_formats.o $(OUT)/native/tests/lib/umd_args.o $(D3DRT_OBJS) $(UMD_NATIVE_OBJS) $(OUT)/native/libvcb.a \
            $(OUT)/native/libsm4.a $(OUT)/native/libvtest.a $(OUT)/native/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lm
CHECK_TARGETS += $(UMD_API)
# built by `make` too: umd-scenes.sh runs it, and a stale binary would test old code
ALL_TARGETS += $(UMD_API)

# ---- benchmarks ------------------------------------------------------------------
# UMD benchmarks (bench/umd_bench.sh): instructions per state-churn draw
# through the DDI, and frames/s of a tutorial-6 scene through the UMD on
# virgl_test_server next to the same scene as native OpenGL ES (EGL
# surfaceless, llvmpipe).  Kept in this file, after the variables above it
# uses: prerequisites are expanded when make reads them.
UMD_BENCH     := $(OUT)/native/bench/umd_bench
UMD_GL_ANCHOR := $(OUT)/native/bench/umd_gl_anchor
UMD_BENCH_LIBS := $(OUT)/native/libvcb.a $(OUT)/native/libsm4.a $(OUT)/native/libvtest.a $(OUT)/native/libvirgl.a
$(OUT)/native/bench/umd_bench.o $(OUT)/native/bench/umd_gl_anchor.o: CFLAGS_NATIVE += -Itests -Ibench
$(UMD_BENCH): $(OUT)/native/bench/umd_bench.o $(D3DRT_OBJS) $(UMD_NATIVE_OBJS) \
              $(UMD_BENCH_LIBS)
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $(OUT)/native/bench/umd_bench.o $(D3DRT_OBJS) \
	    $(UMD_NATIVE_OBJS) $(UMD_BENCH_LIBS) -lm
$(UMD_GL_ANCHOR): $(OUT)/native/bench/umd_gl_anchor.o
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lEGL -lGLESv2
BENCH_TARGETS += $(UMD_BENCH) $(UMD_GL_ANCHOR)
BENCHES += bench/umd_bench.sh

# ---- fuzzer of the UMD's parsers of kernel-provided data (clang libFuzzer) ----
# OpenAdapter's adapter private data and OpenResource's private data, driven
# through the DDI with memory-only runtime/KMD callbacks (no server): the
# UMD objects are built in the fuzz flavour, and the KMD's validator checks
# every submission.
UMD_FUZZ := $(OUT)/fuzz/tests/fuzz/umd_fuzz
$(UMD_FUZZ): $(OUT)/fuzz/tests/fuzz/umd_fuzz.o $(OUT)/fuzz/tests/fuzz/umd_fuzz_ddi.o $(patsubst %.c,$(OUT)/fuzz/%.o,$(UMD_SRCS)) $(OUT)/fuzz/libvcb.a \
             $(OUT)/fuzz/libsm4.a $(OUT)/fuzz/libvirgl.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer,address,undefined -o $@ $^ -lm
CHECK_TARGETS += $(UMD_FUZZ)
FUZZ_TARGETS += $(UMD_FUZZ)
SUITES += tests/suites/umd-fuzz.sh
FUZZ_RUNS += tests/suites/umd-fuzz.sh
