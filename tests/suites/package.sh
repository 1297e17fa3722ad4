#!/usr/bin/env bash
# The Windows driver package in out/package: the INF parsed and cross-
# checked by tools/infcheck (sections referenced exist, hardware id,
# service binary, UMD name, files present, registry writes only to the
# driver's own keys), negative INFs it must reject, the Authenticode
# signatures verified against the build's test certificate (and a tampered
# copy rejected), and no private key anywhere in the package or in git.
set -u
IC=out/native/tools/infcheck
PKG=out/package
CRT=out/cert/viogpu-test.crt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
HWID='PCI\VEN_1AF4&DEV_1050'
ARGS=(--hwid "$HWID" --service-binary viogpu3d.sys --umd viogpu_d3d10.dll)

for t in "$IC" "$PKG/viogpu3d.inf" "$PKG/viogpu3d.sys" "$CRT"; do
    if [ ! -e "$t" ]; then
        echo "not ok - package-present: $t missing"
        exit 1
    fi
done

if [ "$(head -c2 "$PKG/viogpu3d.inf" | od -An -tx1 | tr -d ' ')" = "fffe" ]; then
    echo "ok - inf-is-utf16le"
else
    echo "not ok - inf-is-utf16le: no UTF-16LE byte order mark"
fi

if out=$($IC "${ARGS[@]}" --package-dir "$PKG" "$PKG/viogpu3d.inf" 2>&1); then
    echo "ok - inf-crosscheck"
else
    echo "not ok - inf-crosscheck: $(echo "$out" | head -3 | tr '\n' ' ')"
fi

iconv -f UTF-16LE -t UTF-8 "$PKG/viogpu3d.inf" >"$tmp/pkg.inf" 2>/dev/null
if grep -q '^DriverVer *= *[0-9][0-9]/[0-9][0-9]/20[0-9][0-9],[0-9.]*' "$tmp/pkg.inf" && ! grep -q '@DRIVERVER@' "$tmp/pkg.inf"; then
    echo "ok - inf-driverver-stamped"
else
    echo "not ok - inf-driverver-stamped: DriverVer not filled in"
fi

# ---- negative INFs: each one defect, each must be rejected for it ----------
src=windows/viogpu3d.inf
base() { sed 's#@DRIVERVER@#01/02/2026,0.1.0.0#' "$src"; }
reject() { # name expected-message file [package-dir]
    local name=$1 want=$2 f=$3
    out=$($IC "${ARGS[@]}" ${4:+--package-dir "$4"} "$f" 2>&1)
    if [ $? -ne 0 ] && echo "$out" | grep -q -- "$want"; then
        echo "ok - $name"
    else
        echo "not ok - $name: infcheck did not reject with '$want' (got: $(echo "$out" | head -2 | tr '\n' ' '))"
    fi
}
base >"$tmp/good.inf"
if $IC "${ARGS[@]}" "$tmp/good.inf" >/dev/null 2>&1; then
    echo "ok - inf-source-clean"
else
    echo "not ok - inf-source-clean: the unmodified source INF is rejected"
fi
base | sed '/^\[viogpu3d_SoftwareDeviceSettings\]/a HKLM,SYSTEM\\CurrentControlSet\\Control\\GraphicsDrivers,TdrDebugMode,%REG_DWORD%,1' >"$tmp/tdr.inf"
reject inf-rejects-hklm-write "outside the driver's keys" "$tmp/tdr.inf"
reject inf-rejects-tdrdebugmode "TdrDebugMode" "$tmp/tdr.inf"
base | sed '/^\[viogpu3d_ServiceSettings\]/a HKR,, EnablePreemption, %REG_DWORD%, 0' >"$tmp/pre.inf"
reject inf-rejects-enablepreemption "EnablePreemption" "$tmp/pre.inf"
base | sed '/^\[viogpu3d.UserMode\]/,/^viogpu_d3d10.dll/d' >"$tmp/nosect.inf"
reject inf-rejects-missing-section "does not exist" "$tmp/nosect.inf"
base | sed 's/DEV_1050/DEV_1051/' >"$tmp/hwid.inf"
reject inf-rejects-wrong-hwid "hardware id" "$tmp/hwid.inf"
base | sed 's#^ServiceBinary *= .*#ServiceBinary  = %12%\\other.sys#' >"$tmp/bin.inf"
reject inf-rejects-wrong-service-binary "expected viogpu3d.sys" "$tmp/bin.inf"
base | sed 's/UserModeDriverName, *%REG_MULTI_SZ%, viogpu_d3d10.dll/UserModeDriverName, %REG_MULTI_SZ%, nvd3dum.dll/' >"$tmp/umd.inf"
reject inf-rejects-wrong-umd "UserModeDriverName is 'nvd3dum.dll'" "$tmp/umd.inf"
base | sed 's/^Provider *= .*/Provider = %NoSuchString%/' >"$tmp/str.inf"
reject inf-rejects-undefined-string "not defined in \[Strings\]" "$tmp/str.inf"
mkdir -p "$tmp/pkg"
cp "$PKG/viogpu3d.sys" "$PKG/viogpu_d3d10.dll" "$tmp/pkg/"
reject inf-rejects-missing-file "viogpu_d3d10_wow.dll, which is not in the package directory" "$tmp/good.inf" "$tmp/pkg"

# ---- signatures -------------------------------------------------------------
for f in viogpu3d.sys viogpu_d3d10.dll viogpu_d3d10_wow.dll; do
    if osslsigncode verify -CAfile "$CRT" -in "$PKG/$f" >"$tmp/v.log" 2>&1 && grep -q 'Signature verification: ok' "$tmp/v.log"; then
        echo "ok - signature-$f"
    else
        echo "not ok - signature-$f: $(grep -m2 -i -E 'fail|error|mismatch' "$tmp/v.log" | tr '\n' ' ')"
    fi
done
cp "$PKG/viogpu3d.sys" "$tmp/tampered.sys"
# flip every bit of one byte in .text (file offset 0x400 onwards)
python3 -c 'import sys; p=sys.argv[1]; b=bytearray(open(p,"rb").read()); b[0x44c]^=0xff; open(p,"wb").write(b)' "$tmp/tampered.sys"
if osslsigncode verify -CAfile "$CRT" -in "$tmp/tampered.sys" >"$tmp/v2.log" 2>&1; then
    echo "not ok - signature-tamper-detected: a modified .sys still verifies"
else
    echo "ok - signature-tamper-detected"
fi
if openssl x509 -inform DER -in "$PKG/viogpu-test.cer" -noout -ext extendedKeyUsage 2>/dev/null | grep -q 'Code Signing'; then
    echo "ok - test-certificate-code-signing"
else
    echo "not ok - test-certificate-code-signing: viogpu-test.cer missing or without the code signing EKU"
fi

# ---- catalog ------------------------------------------------------------------
CAT=$PKG/viogpu3d.cat
if [ ! -f "$CAT" ]; then
    echo "not ok - catalog-present: $CAT missing"
elif openssl cms -verify -inform DER -in "$CAT" -CAfile "$CRT" -purpose any -out "$tmp/ctl.der" >/dev/null 2>&1; then
    echo "ok - catalog-signature"
    # The member tags are the SHA-1 hashes as UTF-16LE upper-case hex.
    tags=$(openssl asn1parse -inform DER -in "$tmp/ctl.der" 2>/dev/null | awk '/d=3 .*OCTET STRING/ {print $NF}' |
        sed 's/.*://' | python3 -c 'import sys; [print(bytes.fromhex(l.strip()).decode("utf-16-le")) for l in sys.stdin if l.strip()]' | sort)
    inf_sha1=$(sha1sum "$PKG/viogpu3d.inf" | cut -d' ' -f1 | tr a-f A-F)
    if echo "$tags" | grep -qx "$inf_sha1"; then
        echo "ok - catalog-lists-inf-hash"
    else
        echo "not ok - catalog-lists-inf-hash: $inf_sha1 not among the member tags"
    fi
    missing=""
    for f in viogpu3d.sys viogpu_d3d10.dll viogpu_d3d10_wow.dll; do
        h=$(python3 -c 'import sys; sys.path.insert(0, "windows"); import mkcat; print(mkcat.authenticode(open(sys.argv[1], "rb").read(), "sha1").hex().upper())' "$PKG/$f")
        echo "$tags" | grep -qx "$h" || missing="$missing $f"
    done
    if [ -z "$missing" ] && [ "$(echo "$tags" | grep -c .)" -eq 4 ]; then
        echo "ok - catalog-lists-binaries"
    else
        echo "not ok - catalog-lists-binaries: missing:$missing; tags: $(echo "$tags" | tr '\n' ' ')"
    fi
    # mkcat's Authenticode hashing must agree with osslsigncode's.
    bad=""
    for f in viogpu3d.sys viogpu_d3d10.dll viogpu_d3d10_wow.dll; do
        ours=$(python3 windows/mkcat.py --authenticode-sha256 "$PKG/$f")
        theirs=$(osslsigncode verify -CAfile "$CRT" -in "$PKG/$f" 2>/dev/null | sed -n 's/^Calculated message digest *: *\([0-9A-F]*\).*/\1/p')
        [ -n "$ours" ] && [ "$ours" = "$theirs" ] || bad="$bad $f($ours/$theirs)"
    done
    if [ -z "$bad" ]; then
        echo "ok - catalog-authenticode-hash-matches-osslsigncode"
    else
        echo "not ok - catalog-authenticode-hash-matches-osslsigncode:$bad"
    fi
else
    echo "not ok - catalog-signature: openssl cms -verify failed"
fi

# ---- no private key shipped or committed -----------------------------------
if grep -l -a 'PRIVATE KEY' "$PKG"/* >/dev/null 2>&1; then
    echo "not ok - no-private-key-in-package: a private key is in $PKG"
else
    echo "ok - no-private-key-in-package"
fi
if git ls-files 2>/dev/null | grep -E -i '\.(key|pfx|p12|pvk)$' >"$tmp/keys"; [ -s "$tmp/keys" ]; then
    echo "not ok - no-key-committed: $(head -3 "$tmp/keys" | tr '\n' ' ')"
else
    echo "ok - no-key-committed"
fi
