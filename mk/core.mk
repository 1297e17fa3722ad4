# CORE: freestanding base helpers, virtio transport + virtqueue, virtio-gpu
# device core; their native unit tests (ASan+UBSan) and the EDID fuzzer.
VGBASE_SRCS := src/base/vg_mem.c src/base/vg_err.c src/base/vg_fmt.c src/base/vg_log.c \
               src/base/vg_ida.c
VGVIRTIO_SRCS := src/virtio/virtq.c src/virtio/vpci.c
VGGPU_SRCS := src/gpu/edid.c src/gpu/vgpu_fence.c src/gpu/vgpu_core.c src/gpu/vgpu_req.c \
              src/gpu/vgpu_cmd_2d.c src/gpu/vgpu_cmd_3d.c src/gpu/vgpu_display.c \
              src/gpu/vgpu_state.c

$(eval $(call core_lib,vgbase,$(VGBASE_SRCS)))
$(eval $(call core_lib,vgvirtio,$(VGVIRTIO_SRCS)))
$(eval $(call core_lib,vggpu,$(VGGPU_SRCS)))
# The 32-bit UMD links src/base too.
ALL_TARGETS += $(OUT)/mingw32/libvgbase.a

# ---- native unit tests (ASan+UBSan) ----
CORE_UNIT_TESTS := test_fmt test_ida test_virtq test_fence test_edid test_vgpu
CORE_UNIT_COMMON := tests/unit/unit_platform.c tests/unit/fake_gpu.c
CORE_SAN_LIBS := $(OUT)/native-san/libvggpu.a $(OUT)/native-san/libvgvirtio.a \
                 $(OUT)/native-san/libvgbase.a
define core_unit
$(OUT)/native-san/tests/unit/$(1): $(OUT)/native-san/tests/unit/$(1).o \
        $(patsubst %.c,$(OUT)/native-san/%.o,$(CORE_UNIT_COMMON)) $(CORE_SAN_LIBS)
	$(CC_NATIVE) $(CFLAGS_SAN) -o $$@ $$^
CHECK_TARGETS += $(OUT)/native-san/tests/unit/$(1)
endef
$(foreach t,$(CORE_UNIT_TESTS),$(eval $(call core_unit,$(t))))
SUITES += tests/suites/unit-core.sh

# ---- EDID fuzzer (clang libFuzzer) ----
$(OUT)/fuzz/tests/fuzz/edid_fuzz: $(OUT)/fuzz/tests/fuzz/edid_fuzz.o $(OUT)/fuzz/libvggpu.a $(OUT)/fuzz/libvgbase.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer,address,undefined -o $@ $^
CHECK_TARGETS += $(OUT)/fuzz/tests/fuzz/edid_fuzz
FUZZ_TARGETS += $(OUT)/fuzz/tests/fuzz/edid_fuzz $(OUT)/native-san/tests/unit/test_edid
SUITES += tests/suites/fuzz-edid.sh
FUZZ_RUNS += tests/suites/fuzz-edid.sh
