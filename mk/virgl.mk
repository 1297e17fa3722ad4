# VIRGL: the virgl stream encoder/caps/format core (src/virgl), the
# disassembler tool, the vtest client + quad helper (tests/vtest), their
# suites and benchmarks.
VIRGL_SRCS := src/virgl/virgl_enc.c src/virgl/virgl_enc_state.c src/virgl/virgl_caps.c \
              src/virgl/virgl_format.c src/virgl/virgl_dis.c
$(eval $(call core_lib,virgl,$(VIRGL_SRCS)))
# The 32-bit UMD links the encoder too.
ALL_TARGETS += $(OUT)/mingw32/libvirgl.a

# ---- tools/virgl-dis ----
VIRGL_DIS := $(OUT)/native/bin/virgl-dis
$(VIRGL_DIS): $(OUT)/native/tools/virgl-dis/main.o $(OUT)/native/libvirgl.a
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^
TOOL_TARGETS += $(VIRGL_DIS)
ALL_TARGETS  += $(VIRGL_DIS)

# ---- vtest client + quad helper (native test code, not freestanding) ----
VTEST_LIB_SRCS := tests/vtest/vtest.c tests/vtest/vtq.c
VTEST_LDLIBS   := -lm
$(OUT)/native/libvtest.a: $(patsubst %.c,$(OUT)/native/%.o,$(VTEST_LIB_SRCS))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^
$(OUT)/native-san/libvtest.a: $(patsubst %.c,$(OUT)/native-san/%.o,$(VTEST_LIB_SRCS))
	@mkdir -p $(dir $@); rm -f $@; ar rcs $@ $^

# Encoder/caps/format/disassembler unit tests (ASan+UBSan, no server).
VIRGL_UNIT := $(OUT)/native-san/tests/vtest/virgl_unit
$(VIRGL_UNIT): $(OUT)/native-san/tests/vtest/virgl_unit.o $(OUT)/native-san/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_SAN) -o $@ $^ -lm
# Render tests against a real virgl_test_server (plain -O2 build: the
# sanitizers would slow the shm copies for nothing).
VIRGL_RENDER := $(OUT)/native/tests/vtest/virgl_render
VIRGL_RENDER_OBJS := $(patsubst %.c,$(OUT)/native/%.o,tests/vtest/virgl_render.c \
                     tests/vtest/virgl_render_draw.c tests/vtest/virgl_render_vtq.c \
                     tests/vtest/virgl_render_formats.c)
$(VIRGL_RENDER): $(VIRGL_RENDER_OBJS) $(OUT)/native/libvtest.a $(OUT)/native/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ $(VTEST_LDLIBS)
CHECK_TARGETS += $(VIRGL_UNIT) $(VIRGL_RENDER) $(VIRGL_DIS)
SUITES += tests/suites/virgl-unit.sh tests/suites/virgl-render.sh

# ---- benches ----
VIRGL_BENCH := $(OUT)/native/bench/virgl_bench
$(OUT)/native/bench/virgl_bench.o: CFLAGS_NATIVE += -Itests
$(VIRGL_BENCH): $(OUT)/native/bench/virgl_bench.o $(OUT)/native/libvtest.a $(OUT)/native/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ $(VTEST_LDLIBS)
BENCH_TARGETS += $(VIRGL_BENCH)
BENCHES += bench/virgl_bench.sh

# ---- fuzzer: disassembler + caps parser ----
VIRGL_FUZZ := $(OUT)/fuzz/tests/vtest/virgl_fuzz
$(VIRGL_FUZZ): $(OUT)/fuzz/tests/vtest/virgl_fuzz.o $(OUT)/fuzz/libvirgl.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer,address,undefined -o $@ $^
CHECK_TARGETS += $(VIRGL_FUZZ)
FUZZ_TARGETS += $(VIRGL_FUZZ)
SUITES += tests/suites/virgl-fuzz.sh
FUZZ_RUNS += tests/suites/virgl-fuzz.sh
