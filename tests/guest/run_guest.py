#!/usr/bin/env python3
"""run_guest.py - boots the bare-metal test kernel in QEMU (TCG) and turns
its serial reports into TAP-style lines ("ok - NAME" / "not ok - NAME: WHY").

One call = one QEMU boot running several guest test cases:

    run_guest.py --kernel out/guest/viogpu-test-kernel.bin \
        --device virtio-gpu-pci,xres=1366,yres=766 \
        --tests scanout_full,dirty_rect [--tag 1366x766] [--timeout 60]

QEMU gets a private temp dir holding the QMP unix socket and screenshots;
the serial port is QEMU's stdout pipe (the guest's protocol, see
tests/guest/runner.h), QEMU's stderr goes to its own log file so its
messages never interleave with the protocol.  When the guest asks for a
screendump, the host takes it over QMP and compares it pixel by pixel with
an image it computes itself from the pattern description the guest sent
(pattern formulas below are the host's independent implementation of
tests/guest/pattern.h).  QEMU is always stopped: on DONE, on timeout, on
any exception.  Every test named in --tests yields exactly one line.
Python 3 standard library only.
"""
import argparse
import ctypes
import hashlib
import json
import os
import queue
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

# ---------------------------------------------------------------- patterns


def pattern_row(kind, arg, y, x0, w):
    """RGB bytes of one row segment [x0, x0+w) of a pattern at row y."""
    if kind == 'solid':
        rgb = int(arg, 16)
        return bytes(((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255)) * w
    if kind in ('mix', 'mixo'):
        # mixo:SEED/DX/DY is mix evaluated at (x+DX, y+DY): a scanout that
        # shows a sub-rectangle of its resource
        seed, dx, dy = (int(v) for v in arg.split('/')) if kind == 'mixo' else (int(arg), 0, 0)
        y += dy
        row = bytearray(3 * w)
        xs = range(x0 + dx, x0 + dx + w)
        row[0::3] = bytes((x + seed * 37) & 255 for x in xs)
        row[1::3] = bytes([(y + seed * 71) & 255]) * w
        k = ((y >> 2) ^ (seed * 13)) & 255
        row[2::3] = bytes(((x >> 2) ^ k) & 255 for x in xs)
        return bytes(row)
    raise ValueError('unknown pattern ' + kind)


def expected_image(w, h, layers):
    """Composes the layers ("kind:arg:x:y:w:h;...") into w*h RGB bytes."""
    img = bytearray(3 * w * h)
    for layer in layers.split(';'):
        kind, arg, lx, ly, lw, lh = layer.split(':')
        lx, ly, lw, lh = int(lx), int(ly), int(lw), int(lh)
        if lx < 0 or ly < 0 or lx + lw > w or ly + lh > h:
            raise ValueError('layer %s outside %dx%d' % (layer, w, h))
        for y in range(ly, ly + lh):
            o = 3 * (y * w + lx)
            img[o:o + 3 * lw] = pattern_row(kind, arg, y, lx, lw)
    return bytes(img)


def read_ppm(path):
    with open(path, 'rb') as f:
        data = f.read()
    # P6\n<w> <h>\n255\n<data>; tokens separated by whitespace
    parts = []
    pos = 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        parts.append(data[start:pos])
    pos += 1
    if parts[0] != b'P6' or parts[3] != b'255':
        raise ValueError('not a P6/255 PPM')
    return int(parts[1]), int(parts[2]), data[pos:]


def compare(path, w, h, layers):
    """(ok, message)."""
    gw, gh, got = read_ppm(path)
    if (gw, gh) != (w, h):
        return False, 'screendump is %dx%d, expected %dx%d' % (gw, gh, w, h)
    # QEMU 7.2's ppm_save writes each row with the stride of its pixman line
    # buffer (3*w rounded up to 4 bytes), so for widths where 3*w is not a
    # multiple of 4 every row carries padding: strip it.
    padded = (3 * w + 3) & ~3
    if len(got) == padded * h and padded != 3 * w:
        got = b''.join(got[y * padded:y * padded + 3 * w] for y in range(h))
    if len(got) != 3 * w * h:
        return False, 'screendump has %d pixel bytes, expected %d' % (len(got), 3 * w * h)
    exp = expected_image(w, h, layers)
    if got == exp:
        return True, '%d pixels match' % (w * h)
    bad = 0
    first = None
    for i in range(0, len(exp), 3):
        if got[i:i + 3] != exp[i:i + 3]:
            bad += 1
            if first is None:
                first = i // 3
    fx, fy = first % w, first // w
    return False, '%d of %d pixels differ, first at (%d,%d): got %s want %s' % (
        bad, w * h, fx, fy, got[3 * first:3 * first + 3].hex(), exp[3 * first:3 * first + 3].hex())

def edid_check(blob, mode):
    """Independent host-side decode of an EDID blob: (ok, message).  Checks
    the header, every block's checksum and that the first detailed timing
    (the preferred mode) is `mode` ("WxH")."""
    if len(blob) < 128 or blob[:8] != bytes.fromhex('00ffffffffffff00'):
        return False, 'bad EDID header or short blob (%d bytes)' % len(blob)
    blocks = 1 + blob[126]
    if len(blob) < 128 * blocks:
        return False, 'EDID announces %d extension(s) but has %d bytes' % (blob[126], len(blob))
    for b in range(blocks):
        if sum(blob[128 * b:128 * (b + 1)]) % 256:
            return False, 'EDID block %d checksum wrong' % b
    d = blob[54:72]
    if d[0] == 0 and d[1] == 0:
        return False, 'first descriptor is not a detailed timing'
    w = d[2] | (d[4] & 0xF0) << 4
    h = d[5] | (d[7] & 0xF0) << 4
    if '%dx%d' % (w, h) != mode:
        return False, 'preferred detailed timing is %dx%d, want %s' % (w, h, mode)
    return True, ''

# ---------------------------------------------------------------- VNC


def vnc_resize(path, w, h):
    """Asks QEMU, as a VNC client on its unix socket, to resize head 0 to
    w x h (RFB SetDesktopSize, the ExtendedDesktopSize extension).  QEMU
    forwards it to the virtio-gpu as new UI info, which raises
    VIRTIO_GPU_EVENT_DISPLAY in the guest.  Returns the server's status
    from its ExtendedDesktopSize reply (0 = done, 4 = forwarded)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(5)
    s.connect(path)
    f = s.makefile('rb')

    def need(n):
        b = f.read(n)
        if len(b) != n:
            raise RuntimeError('VNC server closed the connection')
        return b
    try:
        if not need(12).startswith(b'RFB 003.'):
            raise RuntimeError('not an RFB server')
        s.sendall(b'RFB 003.008\n')
        types = need(need(1)[0])
        if 1 not in types:
            raise RuntimeError('VNC server wants authentication: %r' % types)
        s.sendall(b'\x01')                                  # security: none
        if struct.unpack('>I', need(4))[0] != 0:
            raise RuntimeError('VNC security handshake failed')
        s.sendall(b'\x01')                                  # ClientInit: shared
        need(4 + 16)                                         # size, pixel format
        need(struct.unpack('>I', need(4))[0])                # desktop name
        s.sendall(struct.pack('>BBHii', 2, 0, 2, -308, 0))  # SetEncodings: ExtendedDesktopSize, raw
        s.sendall(struct.pack('>BBHHBB', 251, 0, w, h, 1, 0) + struct.pack('>IHHHHI', 0, 0, 0, w, h, 0))
        # wait for the ExtendedDesktopSize rectangle answering our request
        # (reason 1 = this client's request; y = status)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            msg = need(1)[0]
            if msg != 0:  # not a FramebufferUpdate: QEMU sends nothing else unasked here
                raise RuntimeError('unexpected VNC message %d' % msg)
            need(1)
            for _ in range(struct.unpack('>H', need(2))[0]):
                x, y, rw, rh, enc = struct.unpack('>HHHHi', need(12))
                if enc == -308:
                    n = need(4)[0]
                    need(16 * n)
                    if x == 1:
                        return y
                elif enc == 0:
                    raise RuntimeError('raw rectangle before the resize answer')
                elif enc == -223:  # DesktopSize
                    pass
                else:
                    raise RuntimeError('unexpected VNC encoding %d' % enc)
        raise RuntimeError('no answer to SetDesktopSize')
    finally:
        f.close()
        s.close()

# ---------------------------------------------------------------- QMP


class QMP:
    def __init__(self, path, deadline):
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.s.connect(path)
                break
            except OSError:
                self.s.close()
                if time.monotonic() > deadline:
                    raise RuntimeError('QMP socket never appeared')
                time.sleep(0.02)
        self.f = self.s.makefile('rwb')
        self._read()  # greeting
        self.cmd('qmp_capabilities')

    def _read(self):
        while True:
            line = self.f.readline()
            if not line:
                raise RuntimeError('QMP connection closed')
            msg = json.loads(line)
            if 'event' not in msg:
                return msg

    def cmd(self, name, **args):
        self.f.write(json.dumps({'execute': name, 'arguments': args}).encode() + b'\n')
        self.f.flush()
        return self._read()

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass

# ---------------------------------------------------------------- runner


def die_with_parent():
    """preexec_fn for QEMU: SIGKILL it if the runner dies, whatever kills
    the runner (even SIGKILL, which skips our cleanup)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def on_sigterm(signum, frame):
    raise SystemExit('runner killed by signal %d' % signum)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--device', default='virtio-gpu-pci')
    ap.add_argument('--tests', required=True, help='comma-separated guest test names')
    ap.add_argument('--append', default='', help='extra kernel command-line options')
    ap.add_argument('--tag', default='', help='suffix for reported names, e.g. the mode')
    ap.add_argument('--mem', default='256')
    ap.add_argument('--machine', default='pc')
    ap.add_argument('--vnc', action='store_true', help='VNC server on a unix socket (for @@RESIZE)')
    ap.add_argument('--display', default='none',
                    help='QEMU -display; "sdl,gl=on" runs with SDL_VIDEODRIVER=offscreen (virgl, no X server)')
    ap.add_argument('--qemu-arg', action='append', default=[],
                    help='extra QEMU argument (repeat), e.g. to add devices that push BARs high')
    ap.add_argument('--module', action='append', default=[],
                    help='a file handed to the guest as a multiboot module (QEMU -initrd); '
                    'its @@SHA256 reports are checked against this file')
    ap.add_argument('--sha-ref', action='append', default=[],
                    help='compare @@SHA256 of a module with this file (same basename) instead of the module')
    ap.add_argument('--timeout', type=float, default=60.0)
    ap.add_argument('--expect-fail', action='append', default=[],
                    help='TEST:SUBSTRING - the test must FAIL with SUBSTRING in its reason')
    ap.add_argument('--edid-dir', help='write each @@EDID blob to DIR/qemu-edid-WxH.bin')
    ap.add_argument('--log-dir', default='out/test-logs', help='where QEMU stderr and serial logs go')
    ap.add_argument('--marks', help='write "label seconds" lines for every @@MARK to this file')
    a = ap.parse_args()
    signal.signal(signal.SIGTERM, on_sigterm)  # so `finally` stops QEMU

    tests = [t for t in a.tests.split(',') if t]
    expect_fail = dict(x.split(':', 1) for x in a.expect_fail)
    label = (lambda t: '%s [%s]' % (t, a.tag)) if a.tag else (lambda t: t)
    results = {}            # test -> (ok, why)
    order = []

    def report(test, ok, why=''):
        if test in results:
            return
        if test in expect_fail:
            want = expect_fail[test]
            if ok:
                ok, why = False, 'expected a failure containing "%s" but it passed' % want
            elif want in why:
                ok, why = True, ''
            else:
                ok, why = False, 'failed for the wrong reason: ' + why
        results[test] = (ok, why)
        order.append(test)
        print(('ok - %s' % label(test)) if ok else ('not ok - %s: %s' % (label(test), why)), flush=True)

    os.makedirs(a.log_dir, exist_ok=True)
    base = 'guest-%s' % (a.tag or 'run').replace('/', '_').replace(' ', '_')
    tmp = tempfile.mkdtemp(prefix='vgguest-')
    qmp_path = os.path.join(tmp, 'qmp.sock')
    stderr_log = os.path.join(a.log_dir, base + '.qemu-stderr.log')
    serial_log = open(os.path.join(a.log_dir, base + '.serial.log'), 'w')
    cmdline = 'tests=%s %s' % (','.join(tests), a.append)
    qemu = ['qemu-system-x86_64', '-M', a.machine, '-accel', 'tcg', '-m', a.mem,
            '-nodefaults', '-no-user-config', '-display', a.display, '-no-reboot',
            '-serial', 'stdio', '-qmp', 'unix:%s,server=on,wait=off' % qmp_path,
            '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
            '-device', a.device + ',id=gpu0',
            '-kernel', a.kernel, '-append', cmdline] + a.qemu_arg
    if a.module:
        # multiboot: -initrd "file1,file2"; QEMU's option parser needs ',' doubled in names
        qemu += ['-initrd', ','.join(m.replace(',', ',,') for m in a.module)]
    vnc_path = os.path.join(tmp, 'vnc.sock')
    if a.vnc:
        qemu += ['-vnc', 'unix:' + vnc_path]
    serial_log.write('# ' + ' '.join(qemu) + '\n')
    errf = open(stderr_log, 'w')
    env = dict(os.environ)
    if a.display.startswith('sdl'):
        env['SDL_VIDEODRIVER'] = 'offscreen'
    proc = subprocess.Popen(qemu, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errf, env=env,
                            preexec_fn=die_with_parent)
    print('# qemu pid %d' % proc.pid, flush=True)
    lines = queue.Queue()

    def reader():
        # timestamp on arrival: @@MARK timings must not include our own
        # processing of earlier lines (screendump comparisons, ...)
        for raw in proc.stdout:
            lines.put((time.monotonic(), raw.decode('utf-8', 'replace').rstrip('\r\n')))
        lines.put((time.monotonic(), None))

    threading.Thread(target=reader, daemon=True).start()
    t0 = time.monotonic()
    deadline = t0 + a.timeout
    qmp = None
    current = None
    done = False
    marks = []
    exit_note = ''
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                exit_note = 'timeout after %.0fs' % a.timeout
                break
            try:
                t_line, line = lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if line is None:
                break
            serial_log.write(line + '\n')
            if not line.startswith('@@'):
                continue
            word, _, rest = line[2:].partition(' ')
            if word == 'BEGIN':
                current = rest
            elif word == 'PASS':
                report(rest, True)
                current = None
            elif word == 'FAIL':
                name, _, why = rest.partition(': ')
                report(name, False, why or 'failed')
                current = None
            elif word == 'SCREENDUMP':
                head, w, h, layers = rest.split(' ', 3)
                try:
                    if qmp is None:
                        qmp = QMP(qmp_path, deadline)
                    shot = os.path.join(tmp, 'shot.ppm')
                    if os.path.exists(shot):
                        os.unlink(shot)
                    r = qmp.cmd('screendump', filename=shot, device='gpu0', head=int(head))
                    if 'error' in r:
                        ok, msg = False, 'QMP screendump: ' + r['error'].get('desc', str(r))
                    else:
                        ok, msg = compare(shot, int(w), int(h), layers)
                        if not ok:  # keep the evidence next to the logs
                            shutil.copy(shot, os.path.join(a.log_dir, '%s.fail-head%s.ppm' % (base, head)))
                except Exception as e:  # report, never hang the guest
                    ok, msg = False, 'host error: %r' % e
                serial_log.write('# host: screendump head %s: %s\n' % (head, msg))
                proc.stdin.write(('@@R OK\n' if ok else '@@R FAIL %s\n' % msg).encode())
                proc.stdin.flush()
            elif word == 'RESIZE':
                try:
                    w, h = (int(x) for x in rest.split())
                    st = vnc_resize(vnc_path, w, h)
                    # 0 = done; 4 = "request forwarded" (to the guest: QEMU's answer)
                    ok, msg = st in (0, 4), 'VNC SetDesktopSize status %d' % st
                except Exception as e:
                    ok, msg = False, 'host error: %r' % e
                serial_log.write('# host: resize %s: %s\n' % (rest, msg))
                proc.stdin.write(('@@R OK\n' if ok else '@@R FAIL %s\n' % msg).encode())
                proc.stdin.flush()
            elif word == 'EDID':
                mode, _, hexdata = rest.partition(' ')
                ok, why = edid_check(bytes.fromhex(hexdata), mode)
                name = 'edid_host_decode [%s]' % mode
                print(('ok - %s' % name) if ok else ('not ok - %s: %s' % (name, why)), flush=True)
                if a.edid_dir:
                    os.makedirs(a.edid_dir, exist_ok=True)
                    with open(os.path.join(a.edid_dir, 'qemu-edid-%s.bin' % mode), 'wb') as f:
                        f.write(bytes.fromhex(hexdata))
            elif word == 'SHA256':
                # the guest's digest of a module it loaded vs. the file here
                name, _, digest = rest.partition(' ')
                ok, msg = False, 'no --module named %s' % name
                refs = {os.path.basename(m): m for m in a.module}
                refs.update({os.path.basename(m): m for m in a.sha_ref})
                for m in refs.values():
                    if os.path.basename(m) == name:
                        with open(m, 'rb') as f:
                            want = hashlib.sha256(f.read()).hexdigest()
                        ok = digest.strip() == want
                        msg = 'guest SHA-256 %s, %s is %s' % (digest.strip()[:16], m, want[:16])
                serial_log.write('# host: sha256 %s: %s\n' % (name, 'match' if ok else msg))
                proc.stdin.write(('@@R OK\n' if ok else '@@R FAIL %s\n' % msg).encode())
                proc.stdin.flush()
            elif word == 'MARK':
                marks.append((rest, t_line - t0))
            elif word == 'STAT':
                print('# %s%s' % ('[%s] ' % a.tag if a.tag else '', rest), flush=True)
            elif word == 'DONE':
                done = True
                break
    except BaseException as e:
        exit_note = 'host runner error: %r' % e
        if not isinstance(e, Exception):
            done = False
            proc.kill()
    finally:
        if qmp:
            qmp.close()
        try:
            proc.wait(timeout=5 if done else 0.1)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        errf.close()
        serial_log.close()
        shutil.rmtree(tmp, ignore_errors=True)

    rc = proc.returncode
    if not done and not exit_note:
        exit_note = 'guest stopped before DONE (QEMU status %s)' % rc
    for t in tests:
        if t not in results:
            why = exit_note or 'not reported'
            if t == current:
                why = 'died while running: ' + why
            report(t, False, why)
    if a.marks:
        with open(a.marks, 'w') as f:
            for m, s in marks:
                f.write('%s %.6f\n' % (m, s))
    bad = [t for t in order if not results[t][0]]
    if bad or exit_note:
        with open(stderr_log) as f:
            err = f.read().strip()
        if err:
            print('# QEMU stderr (%s):' % stderr_log)
            for ln in err.splitlines()[-15:]:
                print('#   ' + ln)
    return 0


if __name__ == '__main__':
    sys.exit(main())
