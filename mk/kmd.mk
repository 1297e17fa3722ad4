# KMD: our WDDM headers (include/wddm), the portable KMD logic (src/kmd/*.c,
# a freestanding core built every way and unit-tested natively with
# sanitizers), the NT side of viogpu3d.sys (src/kmd/nt/*.c, x64 only), the
# placeholder UMD DLL (x64 + x86/WOW64) and the PE / INF checkers.
# Packaging and signing live in mk/package.mk.

DDK_INC := -isystem /usr/share/mingw-w64/include/ddk

# ---- portable KMD logic: a core like the others -----------------------------
KMDCORE_SRCS := src/kmd/kmd_rect.c src/kmd/kmd_cursor.c src/kmd/kmd_modes.c \
                src/kmd/kmd_escape.c src/kmd/kmd_alloc.c src/kmd/kmd_dma.c src/kmd/kmd_fence.c
$(eval $(call core_lib,kmdcore,$(KMDCORE_SRCS)))

# ---- viogpu3d.sys -------------------------------------------------------------
KMD_NT_SRCS := $(wildcard src/kmd/nt/*.c)
KMD_NT_OBJS := $(patsubst %.c,$(OUT)/mingw64/%.o,$(KMD_NT_SRCS))
# The NT side sees the MinGW ddk headers; nothing else does.
$(KMD_NT_OBJS): CFLAGS_MINGW64 += $(DDK_INC)

KMD_LIBS := $(OUT)/mingw64/libkmdcore.a $(OUT)/mingw64/libvggpu.a \
            $(OUT)/mingw64/libvgvirtio.a $(OUT)/mingw64/libvgbase.a
# A driver is not a DLL (-shared would set IMAGE_FILE_DLL and export every
# symbol): native subsystem, DriverEntry entry, relocatable, NX, page-
# aligned sections, and the import libraries of ntoskrnl.exe and HAL.dll
# only.  --enable-reloc-section keeps .reloc even if nothing needed it.
KMD_LDFLAGS := -nostdlib -nostartfiles -Wl,--subsystem,native -Wl,--entry,DriverEntry \
               -Wl,--dynamicbase,--nxcompat,--high-entropy-va,--enable-reloc-section \
               -Wl,--file-alignment,0x200,--section-alignment,0x1000 \
               -Wl,--image-base,0x140000000 -Wl,--fatal-warnings
KMD_SYS_UNSIGNED := $(OUT)/mingw64/viogpu3d.sys

$(KMD_SYS_UNSIGNED): $(KMD_NT_OBJS) $(KMD_LIBS)
	@mkdir -p $(dir $@)
	$(CC_MINGW64) $(KMD_LDFLAGS) -o $@.tmp $(KMD_NT_OBJS) $(KMD_LIBS) -lntoskrnl -lhal -lgcc
	# strip drops the DWARF and recomputes the optional-header checksum
	$(MINGW64)-strip --strip-debug -o $@ $@.tmp
	@rm -f $@.tmp

# ---- tools ----------------------------------------------------------------------
$(OUT)/native/tools/pecheck: tools/pecheck.c
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $<
$(OUT)/native/tools/infcheck: tools/infcheck.c
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -o $@ $<
TOOL_TARGETS += $(OUT)/native/tools/pecheck $(OUT)/native/tools/infcheck
ALL_TARGETS += $(OUT)/native/tools/pecheck $(OUT)/native/tools/infcheck

# ---- native unit tests of the portable KMD logic (ASan+UBSan) ------------------
KMD_UNIT := $(OUT)/native-san/tests/kmd/test_kmd
$(KMD_UNIT): $(OUT)/native-san/tests/kmd/test_kmd.o $(OUT)/native-san/libkmdcore.a \
             $(OUT)/native-san/libvgbase.a
	$(CC_NATIVE) $(CFLAGS_SAN) -o $@ $^
CHECK_TARGETS += $(KMD_UNIT)

SUITES += tests/suites/kmd-unit.sh tests/suites/kmd-layout.sh tests/suites/kmd-pe.sh

# ---- fuzzer of the parsers of outside input (clang libFuzzer) --------------
$(OUT)/fuzz/tests/fuzz/kmd_fuzz: $(OUT)/fuzz/tests/fuzz/kmd_fuzz.o $(OUT)/fuzz/libkmdcore.a $(OUT)/fuzz/libvgbase.a
	$(CC_FUZZ) $(CFLAGS_FUZZ) -fsanitize=fuzzer,address,undefined -o $@ $^
CHECK_TARGETS += $(OUT)/fuzz/tests/fuzz/kmd_fuzz
FUZZ_TARGETS += $(OUT)/fuzz/tests/fuzz/kmd_fuzz
SUITES += tests/suites/kmd-fuzz.sh
FUZZ_RUNS += tests/suites/kmd-fuzz.sh
