# Shared toolchain settings and the templates every fragment uses.
#
# Fragments (mk/<concern>.mk) append to:
#   ALL_TARGETS    files `make` must produce (package, tools)
#   TOOL_TARGETS   developer tools (also in ALL_TARGETS)
#   CHECK_TARGETS  extra files `make check` needs (tests, guest images)
#   SUITES         test suite scripts run by scripts/run-suites.sh, in order
#   BENCH_TARGETS / BENCHES   what `make bench` builds / runs
#   FUZZ_TARGETS / FUZZ_RUNS  what `make fuzz` builds / runs
# Output goes only under $(OUT):
#   out/native/      LP64 host build (tools, benches)
#   out/native-san/  LP64 host build with ASan+UBSan (unit tests)
#   out/fuzz/        clang libFuzzer builds
#   out/mingw64/     MinGW-w64 x86-64, shipped kernel-mode flavour
#   out/mingw32/     MinGW-w64 i686 (32-bit UMD)
#   out/guest/       MinGW-w64 x86-64 for the bare-metal test guest
#   out/package/     the Windows driver package
OUT        ?= out
export OUT  # suite scripts find their binaries under $OUT (default out)

ALL_TARGETS   :=
TOOL_TARGETS  :=
CHECK_TARGETS :=
SUITES        :=
BENCH_TARGETS :=
BENCHES       :=
FUZZ_TARGETS  :=
FUZZ_RUNS     :=

WARN      := -Wall -Wextra -Werror
CSTD      := -std=gnu11
INCLUDES  := -Iinclude -Isrc

CC_NATIVE     := gcc
CFLAGS_NATIVE := $(CSTD) $(WARN) $(INCLUDES) -O2 -g -fno-strict-aliasing
SANFLAGS      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CFLAGS_SAN    := $(CSTD) $(WARN) $(INCLUDES) -O1 -g -fno-strict-aliasing $(SANFLAGS)

CC_FUZZ       := clang
CFLAGS_FUZZ   := $(CSTD) $(WARN) $(INCLUDES) -O1 -g -fno-strict-aliasing \
                 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined

MINGW64       := x86_64-w64-mingw32
MINGW32       := i686-w64-mingw32
CC_MINGW64    := $(MINGW64)-gcc
CC_MINGW32    := $(MINGW32)-gcc
AR_MINGW64    := $(MINGW64)-ar
AR_MINGW32    := $(MINGW32)-ar
# Kernel-mode flavour shared by the shipped .sys and the test guest: no CRT,
# no stack protector, no red zone (Windows x64 has none anyway), no SEH
# unwind tables needed by the guest, MS bit-field layout (MinGW default).
CFLAGS_KERNEL := $(CSTD) $(WARN) $(INCLUDES) -O2 -g -ffreestanding -fno-builtin \
                 -fno-stack-protector -fno-strict-aliasing -mno-red-zone \
                 -fno-asynchronous-unwind-tables -fno-unwind-tables \
                 -mno-stack-arg-probe -mms-bitfields
CFLAGS_MINGW64 := $(CFLAGS_KERNEL)
CFLAGS_GUEST   := $(CFLAGS_KERNEL)
CFLAGS_MINGW32 := $(CSTD) $(WARN) $(INCLUDES) -O2 -g -ffreestanding -fno-builtin \
                  -fno-stack-protector -fno-strict-aliasing -mms-bitfields

# $(call core_lib,NAME,SOURCES)
# Builds one freestanding core four ways; each archive is a target:
#   $(OUT)/native/libNAME.a  $(OUT)/native-san/libNAME.a
#   $(OUT)/mingw64/libNAME.a $(OUT)/guest/libNAME.a
# and adds the MinGW and guest archives to ALL_TARGETS so that `make`
# proves the three-target build.
define core_lib
$(1)_SRCS := $(2)
$(OUT)/native/lib$(1).a: $$(patsubst %.c,$(OUT)/native/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; ar rcs $$@ $$^
$(OUT)/native-san/lib$(1).a: $$(patsubst %.c,$(OUT)/native-san/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; ar rcs $$@ $$^
$(OUT)/fuzz/lib$(1).a: $$(patsubst %.c,$(OUT)/fuzz/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; ar rcs $$@ $$^
$(OUT)/mingw64/lib$(1).a: $$(patsubst %.c,$(OUT)/mingw64/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; $(AR_MINGW64) rcs $$@ $$^
$(OUT)/mingw32/lib$(1).a: $$(patsubst %.c,$(OUT)/mingw32/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; $(AR_MINGW32) rcs $$@ $$^
$(OUT)/guest/lib$(1).a: $$(patsubst %.c,$(OUT)/guest/%.o,$(2))
	@mkdir -p $$(dir $$@); rm -f $$@; $(AR_MINGW64) rcs $$@ $$^
ALL_TARGETS += $(OUT)/native/lib$(1).a $(OUT)/mingw64/lib$(1).a $(OUT)/guest/lib$(1).a
endef

# Pattern rules: one object per source per flavour, with header dependencies.
$(OUT)/native/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_NATIVE) -MMD -MP -c $< -o $@
$(OUT)/native-san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_NATIVE) $(CFLAGS_SAN) -MMD -MP -c $< -o $@
$(OUT)/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_FUZZ) $(CFLAGS_FUZZ) -MMD -MP -c $< -o $@
$(OUT)/mingw64/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_MINGW64) $(CFLAGS_MINGW64) -MMD -MP -c $< -o $@
$(OUT)/mingw32/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_MINGW32) $(CFLAGS_MINGW32) -MMD -MP -c $< -o $@
$(OUT)/guest/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC_MINGW64) $(CFLAGS_GUEST) -MMD -MP -c $< -o $@
$(OUT)/guest/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC_MINGW64) $(CFLAGS_GUEST) -MMD -MP -c $< -o $@

-include $(shell find $(OUT) -name '*.d' 2>/dev/null)
