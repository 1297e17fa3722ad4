# virtio-gpu-win top-level build.
#   make         build the Windows driver package (out/package/) and the tools
#   make check   build everything and run every test; ends with "N passed, N failed"
#   make bench   run the benchmarks (results go to docs/benchmarks.md by hand)
#   make fuzz    run the fuzzers for longer than make check does
# Each concern has its own fragment in mk/*.mk; they append to the variables
# declared in mk/common.mk.
.DEFAULT_GOAL := all
include mk/common.mk

# Install missing Debian packages before anything is built: done while the
# Makefile is read, so no parallel job can start a compiler that is not
# there yet.  Quick (one dpkg-query per package) when all is installed.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_RC := $(shell scripts/deps.sh >&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error scripts/deps.sh failed (status $(DEPS_RC)); see the message above)
endif
endif
include $(sort $(filter-out mk/common.mk,$(wildcard mk/*.mk)))

.PHONY: all check bench fuzz clean deps tools
all: $(ALL_TARGETS)
tools: $(TOOL_TARGETS)

check: $(ALL_TARGETS) $(CHECK_TARGETS)
	@scripts/run-suites.sh $(SUITES)

bench: $(ALL_TARGETS) $(BENCH_TARGETS)
	@set -e; for b in $(BENCHES); do echo "== $$b"; $$b; done

fuzz: $(FUZZ_TARGETS)
	@set -e; for f in $(FUZZ_RUNS); do echo "== $$f"; FUZZ_SECONDS=$${FUZZ_SECONDS:-600} $$f; done

deps:
	@scripts/deps.sh

clean:
	rm -rf $(OUT)
