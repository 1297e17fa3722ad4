# Guest host, step 1: the bare-metal x86-64 test kernel (tests/guest) and
# its suites.  The kernel is linked as a PE at a fixed base by link.ld and
# flattened with objcopy; QEMU loads it through the multiboot header in
# boot.S (see tests/guest/boot.S for why).
GUEST_DIR     := tests/guest
# tests/guest/nt/ (step 2: the NT shim and mini dxgkrnl that run the shipped
# viogpu3d.sys) alone sees the MinGW ddk headers, like src/kmd/nt.
GUEST_SRCS    := $(wildcard $(GUEST_DIR)/*.c) $(wildcard $(GUEST_DIR)/nt/*.c)
GUEST_OBJS    := $(OUT)/guest/$(GUEST_DIR)/boot.o $(patsubst %.c,$(OUT)/guest/%.o,$(GUEST_SRCS))
GUEST_NT_OBJS := $(patsubst %.c,$(OUT)/guest/%.o,$(wildcard $(GUEST_DIR)/nt/*.c))
$(GUEST_NT_OBJS): CFLAGS_GUEST += -isystem /usr/share/mingw-w64/include/ddk
# Core archives the kernel drives (built by mk/core.mk); order matters.
GUEST_LIBS    := $(OUT)/guest/libvirgl.a $(OUT)/guest/libvggpu.a $(OUT)/guest/libvgvirtio.a $(OUT)/guest/libvgbase.a
GUEST_PE      := $(OUT)/guest/viogpu-test-kernel.pe
GUEST_KERNEL  := $(OUT)/guest/viogpu-test-kernel.bin

$(GUEST_PE): $(GUEST_OBJS) $(GUEST_DIR)/link.ld $(GUEST_LIBS)
	$(MINGW64)-ld -nostdlib --image-base=0x100000 -T $(GUEST_DIR)/link.ld -o $@ $(GUEST_OBJS) $(GUEST_LIBS)

$(GUEST_KERNEL): $(GUEST_PE)
	$(MINGW64)-objcopy -O binary -j .text -j .rdata -j .data $< $@

CHECK_TARGETS += $(GUEST_KERNEL)
SUITES        += tests/suites/guest.sh tests/suites/kmd-guest.sh

BENCH_TARGETS += $(GUEST_KERNEL)
BENCHES       += bench/2d-present.sh
