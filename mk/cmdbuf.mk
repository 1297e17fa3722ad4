# The 3D command buffer validator (src/cmdbuf, prefix vcb_): freestanding,
# built for every flavour (the KMD will link the mingw64 archive, the
# vtest host the native one), with its unit tests and libFuzzer target.
# It sizes formats with src/virgl's table: whoever links libvcb links
# libvirgl after it.
$(eval $(call core_lib,vcb,src/cmdbuf/vcb.c))
ALL_TARGETS += $(OUT)/mingw32/libvcb.a

VCB_TEST := $(OUT)/native-san/tests/cmdbuf/test_vcb
$(VCB_TEST): $(OUT)/native-san/tests/cmdbuf/test_vcb.o $(OUT)/native-san/libvcb.a $(OUT)/native-san/libvirgl.a
	$(CC_NATIVE) $(CFLAGS_SAN) -o $@ $^
CHECK_TARGETS += $(VCB_TEST)
SUITES += tests/suites/cmdbuf-unit.sh

VCB_FUZZ := $(OUT)/fuzz/tests/fuzz/cmdbuf_fuzz
$(VCB_FUZZ): $(OUT)/fuzz/tests/fuzz/cmdbuf_fuzz.o $(OUT)/fuzz/libvcb.a $(OUT)/fuzz/libvirgl.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer,address,undefined -o $@ $^
CHECK_TARGETS += $(VCB_FUZZ)
FUZZ_TARGETS += $(VCB_FUZZ) $(VCB_TEST)
SUITES += tests/suites/cmdbuf-fuzz.sh
FUZZ_RUNS += tests/suites/cmdbuf-fuzz.sh
