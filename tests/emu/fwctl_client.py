#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""A minimal fwctl client, independent of libmlx5ctl.

Written from the kernel's uAPI (include/uapi/fwctl/fwctl.h and
include/uapi/fwctl/mlx5.h) and the PRM layouts of
include/linux/mlx5/mlx5_ifc.h, with nothing but fcntl.ioctl, struct and
ctypes, the way any program would talk to fwctl/mlx5.  It prints one JSON
document of what it saw; the tests compare it with mlx5ctl and with
upstream's errnos.

Usage: fwctl_client.py [--fwctl fwctlN] [--forked]
"""
import argparse
import ctypes
import errno
import fcntl
import json
import os
import struct
import sys

# include/uapi/fwctl/fwctl.h
FWCTL_TYPE = 0x9A
FWCTL_INFO = (FWCTL_TYPE << 8) | 0       # _IO(FWCTL_TYPE, FWCTL_CMD_INFO)
FWCTL_RPC = (FWCTL_TYPE << 8) | 1        # _IO(FWCTL_TYPE, FWCTL_CMD_RPC)
FWCTL_DEVICE_TYPE_MLX5 = 1
SCOPE_CONFIGURATION, SCOPE_DEBUG_READ_ONLY = 0, 1
MAX_RPC_LEN = 2 * 1024 * 1024            # drivers/fwctl/main.c MAX_RPC_LEN
# struct fwctl_info {u32 size, flags, out_device_type, device_data_len;
#                    aligned_u64 out_device_data}
INFO = struct.Struct("=IIIIQ")
# struct fwctl_rpc {u32 size, scope, in_len, out_len; aligned_u64 in, out}
RPC = struct.Struct("=IIIIQQ")
# include/uapi/fwctl/mlx5.h: struct fwctl_info_mlx5 {u32 uid, uctx_caps}
INFO_MLX5 = struct.Struct("=II")

# mlx5_ifc.h
QUERY_HCA_CAP, ACCESS_REG, CREATE_UCTX = 0x100, 0x805, 0xa04
REG_MTMP = 0x900a
HDR = 16                                 # mbox_in / mbox_out headers
# Bit offset and width in mlx5_ifc_cmd_hca_cap_bits.
HCA_CAP_FIELDS = {
    "log_max_srq_sz": (128, 8), "log_max_qp_sz": (136, 8),
    "log_max_qp": (155, 5), "log_max_srq": (171, 5),
    "log_max_cq_sz": (200, 8), "log_max_cq": (219, 5),
    "log_max_eq_sz": (224, 8), "log_max_mkey": (234, 6),
    "log_max_eq": (252, 4), "log_max_msg": (451, 5),
    "log_max_pd": (811, 5),
}
# mlx5_ifc_mtmp_reg_bits
MTMP_FIELDS = {
    "sensor_index": (20, 12), "temperature": (48, 16), "mte": (64, 1),
    "mtr": (65, 1), "max_temperature": (80, 16),
    "temp_threshold_hi": (112, 16), "temp_threshold_lo": (144, 16),
}
MTMP_LEN = 32                            # 0x100 bits


def get_bits(buf, off, width):
    """A big-endian PRM field: OFF bits from the start, WIDTH bits."""
    first, last = off // 8, (off + width - 1) // 8
    val = int.from_bytes(buf[first:last + 1], "big")
    return (val >> (7 - (off + width - 1) % 8)) & ((1 << width) - 1)


def cmd_hdr(opcode, op_mod, extra=b""):
    """dword0 opcode[31:16] | uid[15:0]; dword1 op_mod[15:0]."""
    return struct.pack(">II", opcode << 16, op_mod) + bytes(8) + extra


def info(fd, size=INFO.size, flags=0, tail=b""):
    data = ctypes.create_string_buffer(INFO_MLX5.size)
    arg = bytearray(INFO.pack(size, flags, 0, INFO_MLX5.size,
                              ctypes.addressof(data)) + tail)
    fcntl.ioctl(fd, FWCTL_INFO, arg)
    _, _, dtype, dlen, _ = INFO.unpack_from(arg)
    uid, caps = INFO_MLX5.unpack(data.raw)
    return {"device_type": dtype, "device_data_len": dlen, "uid": uid,
            "uctx_caps": caps}


def rpc(fd, scope, inbox, out_len, in_len=None):
    """FWCTL_RPC; the outbox as firmware wrote it (out_len on return)."""
    inb = ctypes.create_string_buffer(bytes(inbox), len(inbox))
    outb = ctypes.create_string_buffer(out_len)
    arg = bytearray(RPC.pack(RPC.size, scope,
                             len(inbox) if in_len is None else in_len,
                             out_len, ctypes.addressof(inb),
                             ctypes.addressof(outb)))
    fcntl.ioctl(fd, FWCTL_RPC, arg)
    n = RPC.unpack_from(arg)[3]
    return outb.raw[:n]


def errno_of(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except OSError as e:
        # ENOTSUP and EOPNOTSUPP are one number on Linux: the kernel says
        # EOPNOTSUPP.
        if e.errno == errno.EOPNOTSUPP:
            return "EOPNOTSUPP"
        return errno.errorcode.get(e.errno, str(e.errno))
    return "ok"


def status(out):
    return {"status": out[0], "syndrome": struct.unpack_from(">I", out, 4)[0]}


def sysfs(name):
    """What a tool reads of /sys/class/fwctl/NAME and its PCI function."""
    cls = "/sys/class/fwctl/" + name
    with open(cls + "/dev") as f:
        dev = f.read().strip()
    st = os.stat("/dev/fwctl/" + name)
    func = os.path.realpath(cls + "/device")
    # fwctl/mlx5's device is an auxiliary device below the PCI function.
    pci = os.path.dirname(func)
    with open(pci + "/vendor") as f:
        vendor = f.read().strip()
    with open(pci + "/device") as f:
        device = f.read().strip()
    return {"name": name, "dev": dev, "pci": os.path.basename(pci),
            "vendor": vendor, "device": device,
            "node_is_chr": (st.st_mode & 0o170000) == 0o020000,
            "node_rdev": "%d:%d" % (os.major(st.st_rdev),
                                   os.minor(st.st_rdev))}


def cap_general(fd):
    # op_mod = cap_type 0 (general) << 1 | 1 (current)
    out = rpc(fd, SCOPE_CONFIGURATION, cmd_hdr(QUERY_HCA_CAP, 1),
              HDR + 4096)
    cap = out[HDR:]
    res = status(out)
    res.update({k: get_bits(cap, *v) for k, v in HCA_CAP_FIELDS.items()})
    return res


def access_reg(reg_id, op_mod=1, data=bytes(MTMP_LEN)):
    """ACCESS_REG inbox: register_id in dword2, argument dword3, data."""
    return struct.pack(">IIII", ACCESS_REG << 16, op_mod, reg_id, 0) + data


def mtmp(fd):
    out = rpc(fd, SCOPE_DEBUG_READ_ONLY, access_reg(REG_MTMP),
              HDR + MTMP_LEN)
    res = status(out)
    res.update({k: get_bits(out[HDR:], *v) for k, v in MTMP_FIELDS.items()})
    return res


def refusals(fd):
    """The errnos of requests upstream fwctl/mlx5 refuses."""
    read = access_reg(REG_MTMP)
    return {
        # mlx5ctl_validate_rpc(): a register read needs debug-read-only
        "reg_read_at_configuration": errno_of(
            rpc, fd, SCOPE_CONFIGURATION, read, HDR + MTMP_LEN),
        # an opcode fwctl/mlx5 does not list, at any scope
        "create_uctx": errno_of(rpc, fd, SCOPE_DEBUG_READ_ONLY,
                                cmd_hdr(CREATE_UCTX, 0, bytes(64)), HDR + 16),
        # fwctl_cmd_rpc(): a scope it does not know
        "unknown_scope": errno_of(rpc, fd, 4, read, HDR + MTMP_LEN),
        # fwctl_cmd_rpc(): MAX_RPC_LEN, before anything is read
        "in_len_over_2mib": errno_of(rpc, fd, SCOPE_DEBUG_READ_ONLY, read,
                                     HDR + MTMP_LEN, in_len=MAX_RPC_LEN + 1),
        # mlx5ctl_fw_rpc(): shorter than the command header
        "in_len_under_header": errno_of(rpc, fd, SCOPE_DEBUG_READ_ONLY,
                                        read, HDR + MTMP_LEN, in_len=8),
        # fwctl_cmd_info(): flags must be 0
        "info_flags": errno_of(info, fd, flags=1),
        # copy_struct_from_user(): shorter than the struct, a non-zero tail
        "info_short": errno_of(info, fd, size=8),
        "info_tail": errno_of(info, fd, size=INFO.size + 8,
                              tail=b"\x01" + bytes(7)),
        "unknown_ioctl": errno_of(fcntl.ioctl, fd, (FWCTL_TYPE << 8) | 9,
                                  bytearray(INFO.size)),
    }


def fw_error(fd):
    """A command firmware rejects: the RPC succeeds, the outbox says why."""
    try:
        out = rpc(fd, SCOPE_DEBUG_READ_ONLY, access_reg(0x1), HDR + MTMP_LEN)
    except OSError as e:
        return {"errno": errno.errorcode.get(e.errno)}
    res = status(out)
    res["errno"] = "ok"
    return res


def dup_and_fork(fd):
    """A dup of the fd and a forked child reach the same fwctl file."""
    dup = os.dup(fd)
    res = {"cloexec": bool(fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)}
    os.close(fd)
    res["dup_uid"] = info(dup)["uid"]
    pid = os.fork()
    if not pid:
        os._exit(0 if info(dup)["uid"] == res["dup_uid"] else 1)
    _, st = os.waitpid(pid, 0)
    res["child_ok"] = os.waitstatus_to_exitcode(st) == 0
    os.close(dup)
    return res


def errno_kept(name):
    """A successful open(2) and ioctl(2) leave errno as it was."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.open.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.ioctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p]
    ctypes.set_errno(errno.EDOM)
    fd = libc.open(("/dev/fwctl/" + name).encode(), os.O_RDWR)
    res = {"open": fd >= 0 and ctypes.get_errno() == errno.EDOM}
    data = ctypes.create_string_buffer(INFO_MLX5.size)
    arg = ctypes.create_string_buffer(INFO.pack(
        INFO.size, 0, 0, INFO_MLX5.size, ctypes.addressof(data)))
    ctypes.set_errno(errno.EDOM)
    ret = libc.ioctl(fd, FWCTL_INFO, arg)
    res["ioctl"] = ret == 0 and ctypes.get_errno() == errno.EDOM
    os.close(fd)
    return res


def lifetime(name):
    """The uids of a file, of an open while a dup keeps it, and of an open
    after its last fd closed (fwctl's release destroys its context)."""
    path = "/dev/fwctl/" + name
    first = os.open(path, os.O_RDWR)
    res = {"first": info(first)["uid"]}
    dup = os.dup(first)
    os.close(first)
    held = os.open(path, os.O_RDWR)
    res["held"] = info(held)["uid"]
    os.close(dup)
    after = os.open(path, os.O_RDWR)
    res["after"] = info(after)["uid"]
    os.close(held)
    os.close(after)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fwctl", default=None,
                    help="the fwctl device (default: every one)")
    args = ap.parse_args()
    names = sorted(os.listdir("/sys/class/fwctl"))
    doc = {"devices": [sysfs(n) for n in names]}
    for name in [args.fwctl] if args.fwctl else names:
        fd = os.open("/dev/fwctl/" + name, os.O_RDWR | os.O_CLOEXEC)
        doc[name] = {"info": info(fd), "cap_general": cap_general(fd),
                     "mtmp": mtmp(fd), "refusals": refusals(fd),
                     "fw_error": fw_error(fd), "dup_fork": dup_and_fork(fd),
                     "lifetime": lifetime(name),
                     "errno_kept": errno_kept(name)}
    json.dump(doc, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
