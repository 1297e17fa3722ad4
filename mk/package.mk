# The Windows driver package, out/package/:
#   viogpu3d.sys            the WDDM miniport (x64), test-signed
#   viogpu_d3d10.dll        the UMD, x64 (System32), test-signed
#   viogpu_d3d10_wow.dll    the UMD, x86 for WOW64 (SysWOW64), test-signed
#   viogpu3d.inf            UTF-16LE, DriverVer stamped at build time
#   viogpu3d.cat            catalog of the binaries and the INF (windows/mkcat.py
#                           writes the trust list, openssl cms signs it)
#   viogpu-test.cer         the public test certificate (import it, see
#                           docs/installing.md)
# The signing key is generated at build time under out/cert/ and never
# leaves out/ (out/ is not committed).
PKG      := $(OUT)/package
CERT_DIR := $(OUT)/cert
TEST_KEY := $(CERT_DIR)/viogpu-test.key
TEST_CRT := $(CERT_DIR)/viogpu-test.crt
DRIVER_VERSION := 0.1.0.0

$(TEST_CRT):
	@mkdir -p $(CERT_DIR)
	openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes \
	    -keyout $(TEST_KEY) -out $@ \
	    -subj "/CN=virtio-gpu-win test signing (not trusted)/O=virtio-gpu-win" \
	    -addext "extendedKeyUsage=codeSigning" -addext "keyUsage=digitalSignature" 2>/dev/null
	@chmod 600 $(TEST_KEY)
$(TEST_KEY): $(TEST_CRT)

# $(call sign,IN,OUT): Authenticode SHA-256 signature (osslsigncode also
# rewrites the PE checksum over the signed file).
define sign
	@mkdir -p $(dir $(2))
	rm -f $(2)
	osslsigncode sign -certs $(TEST_CRT) -key $(TEST_KEY) -h sha256 \
	    -n "virtio-gpu-win viogpu3d" -in $(1) -out $(2) >/dev/null
endef

$(PKG)/viogpu3d.sys: $(OUT)/mingw64/viogpu3d.sys $(TEST_CRT)
	$(call sign,$<,$@)
# The real UMD (mk/umd.mk builds it; named by path because this file is
# read before umd.mk defines UMD_DLL64/UMD_DLL32).
$(PKG)/viogpu_d3d10.dll: $(OUT)/mingw64/umd/viogpu_d3d10.dll $(TEST_CRT)
	$(call sign,$<,$@)
$(PKG)/viogpu_d3d10_wow.dll: $(OUT)/mingw32/umd/viogpu_d3d10_wow.dll $(TEST_CRT)
	$(call sign,$<,$@)
$(PKG)/viogpu-test.cer: $(TEST_CRT)
	@mkdir -p $(dir $@)
	openssl x509 -in $< -outform DER -out $@

$(PKG)/viogpu3d.inf: windows/viogpu3d.inf
	@mkdir -p $(dir $@)
	sed 's#@DRIVERVER@#$(shell date -u +%m/%d/%Y),$(DRIVER_VERSION)#' $< | \
	    iconv -f UTF-8 -t UTF-16LE | { printf '\377\376'; cat; } > $@.tmp
	mv $@.tmp $@

PKG_BINS := $(PKG)/viogpu3d.sys $(PKG)/viogpu_d3d10.dll $(PKG)/viogpu_d3d10_wow.dll
$(PKG)/viogpu3d.cat: windows/mkcat.py $(PKG_BINS) $(PKG)/viogpu3d.inf $(TEST_CRT)
	python3 windows/mkcat.py --out $@.ctl $(PKG_BINS) $(PKG)/viogpu3d.inf
	openssl cms -sign -binary -nodetach -nosmimecap -outform DER -md sha256 \
	    -econtent_type 1.3.6.1.4.1.311.10.1 -signer $(TEST_CRT) -inkey $(TEST_KEY) \
	    -in $@.ctl -out $@.tmp
	@rm -f $@.ctl
	mv $@.tmp $@

ALL_TARGETS += $(PKG_BINS) $(PKG)/viogpu3d.inf $(PKG)/viogpu3d.cat $(PKG)/viogpu-test.cer
SUITES += tests/suites/package.sh
