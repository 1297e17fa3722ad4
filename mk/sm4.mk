# SM4: DXBC container + SM4 token parser + SM4 -> TGSI translator (src/sm4),
# the sm4-dis / sm4-as tools, the shader corpus run on virgl_test_server,
# the fuzzer and the translation benchmark.
SM4_SRCS := src/sm4/sm4_dxbc.c src/sm4/sm4_parse.c src/sm4/sm4_opinfo.c src/sm4/sm4_text.c \
            src/sm4/sm4_dis.c src/sm4/sm4_tgsi.c src/sm4/sm4_tgsi_flow.c src/sm4/sm4_tgsi_decl.c \
            src/sm4/sm4_tgsi_res.c
$(eval $(call core_lib,sm4,$(SM4_SRCS)))
# The 32-bit UMD links the translator too.
ALL_TARGETS += $(OUT)/mingw32/libsm4.a

# ---- tools ----
SM4_DIS := $(OUT)/native/bin/sm4-dis
$(SM4_DIS): $(OUT)/native/tools/sm4-dis/main.o $(OUT)/native/libsm4.a
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^
TOOL_TARGETS += $(SM4_DIS)
ALL_TARGETS  += $(SM4_DIS)
SM4_AS := $(OUT)/native/bin/sm4-as
$(SM4_AS): $(OUT)/native/tools/sm4-as/main.o $(OUT)/native/libsm4.a
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lm
TOOL_TARGETS += $(SM4_AS)
ALL_TARGETS  += $(SM4_AS)

# ---- corpus runner: translate + draw on virgl_test_server via tests/vtest ----
SM4_RUN := $(OUT)/native/tests/shaders/sm4_run
$(SM4_RUN): $(OUT)/native/tests/shaders/sm4_run.o $(OUT)/native/libsm4.a $(OUT)/native/libvtest.a \
            $(OUT)/native/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^ -lm
CHECK_TARGETS += $(SM4_RUN) $(SM4_DIS) $(SM4_AS)

# ---- fuzzer (clang libFuzzer + ASan/UBSan) ----
SM4_FUZZ := $(OUT)/fuzz/tests/fuzz/sm4_fuzz
$(SM4_FUZZ): $(OUT)/fuzz/tests/fuzz/sm4_fuzz.o $(OUT)/fuzz/libsm4.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer -o $@ $^
FUZZ_TARGETS += $(SM4_FUZZ) $(SM4_DIS)
FUZZ_RUNS += tests/suites/sm4-fuzz.sh

# ---- unit tests (ASan/UBSan, no server) ----
SM4_UNIT := $(OUT)/native-san/tests/shaders/sm4_unit
$(SM4_UNIT): $(OUT)/native-san/tests/shaders/sm4_unit.o $(OUT)/native-san/libsm4.a
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_SAN) -o $@ $^

CHECK_TARGETS += $(SM4_FUZZ) $(SM4_UNIT)
SUITES += tests/suites/sm4-unit.sh tests/suites/sm4-tools.sh tests/suites/sm4-corpus.sh \
          tests/suites/sm4-fuzz.sh

# ---- `make shaders`: regenerate the committed corpus with Wine (not part of check) ----
.PHONY: shaders
shaders: $(SM4_AS) $(SM4_DIS)
	@scripts/deps.sh --shaders
	tests/shaders/gen/make_shaders.sh

# ---- bench: translation cost per shader, anchored by the container parse ----
SM4_BENCH := $(OUT)/native/bench/sm4_bench
$(SM4_BENCH): $(OUT)/native/bench/sm4_bench.o $(OUT)/native/libsm4.a
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $^
BENCH_TARGETS += $(SM4_BENCH)
BENCHES += bench/sm4_bench.sh
