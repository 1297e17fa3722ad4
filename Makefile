# virtio-gpu-win top-level build.
#   make         build the Windows driver package (out/package/) and the tools
#   make check   build everything and run every test; ends with "N passed, N failed"
#   make bench   run the benchmarks (results go to docs/benchmarks.md by hand)
#   make fuzz    run the fuzzers for longer than make check does
# Each concern has its own fragment in mk/*.mk; they append to the variables
# declared in mk/common.mk.
.DEFAULT_GOAL := all
include mk/common.mk
include $(sort $(filter-out mk/common.mk,$(wildcard mk/*.mk)))

.PHONY: all check bench fuzz clean deps tools
all: $(DEPS_STAMP) $(ALL_TARGETS)
tools: $(DEPS_STAMP) $(TOOL_TARGETS)

check: $(DEPS_STAMP) $(ALL_TARGETS) $(CHECK_TARGETS)
	@scripts/run-suites.sh $(SUITES)

bench: $(DEPS_STAMP) $(ALL_TARGETS) $(BENCH_TARGETS)
	@set -e; for b in $(BENCHES); do echo "== $$b"; $$b; done

fuzz: $(DEPS_STAMP) $(FUZZ_TARGETS)
	@set -e; for f in $(FUZZ_RUNS); do echo "== $$f"; FUZZ_SECONDS=$${FUZZ_SECONDS:-600} $$f; done

deps: $(DEPS_STAMP)
$(DEPS_STAMP): scripts/deps.sh
	@scripts/deps.sh
	@mkdir -p $(dir $@) && touch $@

clean:
	rm -rf $(OUT)
