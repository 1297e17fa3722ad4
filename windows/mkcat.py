#!/usr/bin/env python3
"""mkcat.py - writes the certificate trust list (CTL) of a Windows driver
catalog (.cat) for the package files; `openssl cms -sign -econtent_type
1.3.6.1.4.1.311.10.1` then wraps it into the signed catalog (mk/package.mk).

Usage:
    mkcat.py --out FILE.ctl FILE...        CTL listing every FILE
    mkcat.py --authenticode-sha256 FILE    print the PE Authenticode SHA-256
                                           (cross-checked against
                                           osslsigncode by the package suite)

What goes in (from the published catalog format: a CTL whose subject usage
is szOID_CATALOG_LIST and whose subjects are the member files):
  - PE images are identified by their Authenticode hash (the image without
    its checksum field, certificate-table directory entry and certificate
    table), other files by the hash of their bytes; SHA-1, the member hash
    every Windows version since Vista accepts;
  - each member's tag is that hash as upper-case hex, UTF-16LE;
  - attributes: CAT_MEMBERINFO (subject GUID of the PE or flat-file SIP,
    version 512), CAT_NAMEVALUE "File" = file name, and the SPC indirect
    data (PE image data or CAB/flat data link + SHA-1 digest);
  - one catalog attribute OSAttr = 2:6.3,2:10.0 (Windows 8.1 and 10).
Only the DER encoding is ours; no part of this was validated by Windows
here (no Windows machine): the package suite checks structure, digests and
the signature with openssl.
"""
import hashlib
import os
import struct
import sys
import time

OID_CATALOG_LIST = '1.3.6.1.4.1.311.12.1.1'
OID_CATALOG_LIST_MEMBER = '1.3.6.1.4.1.311.12.1.2'
OID_CAT_NAMEVALUE = '1.3.6.1.4.1.311.12.2.1'
OID_CAT_MEMBERINFO = '1.3.6.1.4.1.311.12.2.2'
OID_SPC_INDIRECT_DATA = '1.3.6.1.4.1.311.2.1.4'
OID_SPC_PE_IMAGE_DATA = '1.3.6.1.4.1.311.2.1.15'
OID_SPC_CAB_DATA = '1.3.6.1.4.1.311.2.1.25'
OID_SHA1 = '1.3.14.3.2.26'
GUID_PE_SIP = '{C689AAB8-8E78-11D0-8C47-00C04FC295EE}'
GUID_FLAT_SIP = '{DE351A42-8E59-11D0-8C47-00C04FC295EE}'
NAMEVALUE_FLAGS = 0x10010001  # authenticated, name and value ASCII


# ---- DER -------------------------------------------------------------------
def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + body


def seq(*items):
    return tlv(0x30, b''.join(items))


def set_of(*items):
    return tlv(0x31, b''.join(sorted(items)))  # DER: SET OF sorted by encoding


def oid(dotted):
    parts = [int(p) for p in dotted.split('.')]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7f]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7f))
            p >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, body)


def integer(v):
    b = v.to_bytes((v.bit_length() + 8) // 8 or 1, 'big')
    return tlv(0x02, b)


def octets(b):
    return tlv(0x04, b)


def bmp(s):
    return tlv(0x1e, s.encode('utf-16-be'))


NULL = b'\x05\x00'


# ---- hashes ----------------------------------------------------------------
def pe_layout(data):
    """Offsets of the fields Authenticode leaves out, or None if not a PE."""
    if len(data) < 64 or data[:2] != b'MZ':
        return None
    pe = struct.unpack_from('<I', data, 0x3c)[0]
    if pe + 24 > len(data) or data[pe:pe + 4] != b'PE\0\0':
        return None
    opt = pe + 24
    magic = struct.unpack_from('<H', data, opt)[0]
    dirs = opt + (112 if magic == 0x20b else 96)
    cert_dir = dirs + 4 * 8
    cert_off, cert_size = struct.unpack_from('<II', data, cert_dir)
    return opt + 64, cert_dir, cert_off, cert_size


def authenticode(data, algo):
    lay = pe_layout(data)
    if lay is None:
        raise ValueError('not a PE image')
    csum, cert_dir, cert_off, cert_size = lay
    end = cert_off if cert_size and cert_off + cert_size <= len(data) else len(data)
    h = hashlib.new(algo)
    h.update(data[:csum])
    h.update(data[csum + 4:cert_dir])
    h.update(data[cert_dir + 8:end])
    if end < len(data):
        h.update(data[cert_off + cert_size:])
    return h.digest()


# ---- catalog ---------------------------------------------------------------
def name_value(name, value):
    return seq(bmp(name), integer(NAMEVALUE_FLAGS), octets((value + '\0').encode('utf-16-le')))


def member(path):
    data = open(path, 'rb').read()
    is_pe = pe_layout(data) is not None
    digest = authenticode(data, 'sha1') if is_pe else hashlib.sha1(data).digest()
    tag = digest.hex().upper().encode('utf-16-le')
    obsolete = tlv(0xa2, tlv(0x80, '<<<Obsolete>>>'.encode('utf-16-be')))  # SpcLink.file
    if is_pe:
        # SpcPeImageData { flags BIT STRING, file [0] SpcLink }
        spc = seq(oid(OID_SPC_PE_IMAGE_DATA), seq(tlv(0x03, b'\x00'), tlv(0xa0, obsolete)))
        guid = GUID_PE_SIP
    else:
        spc = seq(oid(OID_SPC_CAB_DATA), obsolete)
        guid = GUID_FLAT_SIP
    indirect = seq(spc, seq(seq(oid(OID_SHA1), NULL), octets(digest)))
    attrs = set_of(
        seq(oid(OID_CAT_NAMEVALUE), set_of(name_value('File', os.path.basename(path)))),
        seq(oid(OID_CAT_MEMBERINFO), set_of(seq(bmp(guid), integer(512)))),
        seq(oid(OID_SPC_INDIRECT_DATA), set_of(indirect)),
    )
    return seq(octets(tag), attrs), digest


def ctl(paths):
    members = [member(p)[0] for p in paths]
    ident = hashlib.sha1(b''.join(members)).digest()[:16]
    now = time.strftime('%y%m%d%H%M%SZ', time.gmtime()).encode()
    osattr = seq(oid(OID_CAT_NAMEVALUE), octets(name_value('OSAttr', '2:6.3,2:10.0')))
    return seq(
        seq(oid(OID_CATALOG_LIST)),          # subjectUsage
        octets(ident),                       # listIdentifier
        tlv(0x17, now),                      # thisUpdate (UTCTime)
        seq(oid(OID_CATALOG_LIST_MEMBER), NULL),  # subjectAlgorithm
        seq(*members),                       # trustedSubjects
        tlv(0xa0, seq(osattr)),              # [0] extensions: catalog attributes
    )


def main(argv):
    if len(argv) == 3 and argv[1] == '--authenticode-sha256':
        print(authenticode(open(argv[2], 'rb').read(), 'sha256').hex().upper())
        return 0
    if len(argv) >= 4 and argv[1] == '--out':
        open(argv[2], 'wb').write(ctl(argv[3:]))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
