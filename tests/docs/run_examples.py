#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR Linux-OpenIB
"""Every mlx5ctl example in the documentation, run.

  run_examples.py MLX5CTL SRCDIR [--list] [--doc FILE]...

Reads the code blocks (indented or fenced) of the man pages' sources and
the Markdown documents, and takes each line that runs mlx5ctl - after a
"$ " or "# " prompt or on its own - as an example.  Synopsis lines (with
[...] or placeholders such as DEV, FILE, N) are not examples.  Each
example runs in a shell, with the block's variable assignments before it,
mlx5ctl first in PATH and a scratch directory as the working directory;
an example that names a real device (mlx5_0, 0000:08:00.0, ens1f0np0)
runs against emu:connectx7 instead.  It must exit as documented: the
status a trailing "# ... exit N" comment gives, else failure when the
output shown after it is an error line, else 0.  Every line of output the
document shows after it must appear in what it printed ("..." matches
anything).  Prints one line per example and "N passed, N failed".
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

DOCS = ["mlx5ctl/mlx5ctl.1.md", "providers/mlx5ctl/man/*.md",
        "Documentation/*.md", "README.md", "kernel-patches/README.md"]
PLACEHOLDER = re.compile(
    r"\[|\b(DEV|FILE|SEGMENT|SIZE|N|ID|MS|NAME|KEY|VAL|FIELD|VALUE|TYPE|"
    r"OPCODE|HEX|STRUCT|GROUP|SCOPE|FORMAT|LOG2|PROFILE|DIR|SPEC|LIBEXECDIR)\b")
COMMAND = re.compile(r"^(?:[$#] )?((?:\w+=\S* )*(?:sudo )?mlx5ctl(?: .*)?)$")
ASSIGN = re.compile(r"^(?:[$#] )?([A-Za-z_]\w*=\S+)$")
REAL = {"mlx5_0": "emu:connectx7", "0000:08:00.0": "emu:connectx7",
        "ens1f0np0": "emu:connectx7"}
EXIT = re.compile(r"\s+#.*\bexit (\d+)\s*$")


def blocks(text):
    """Code blocks of a Markdown text, each a list of lines."""
    out, cur, fenced = [], None, False
    for line in text.splitlines():
        if line.startswith("```"):
            if fenced:
                out.append(cur)
                cur, fenced = None, False
            else:
                cur, fenced = [], True
            continue
        if fenced:
            cur.append(line)
        elif line.startswith("    ") and line.strip():
            if cur is None:
                cur = []
            cur.append(line[4:])
        elif cur is not None and not line.strip():
            cur.append("")
        elif cur is not None:
            out.append(cur)
            cur = None
    if cur:
        out.append(cur)
    return out


def examples(path):
    """(line number, block, assignments, command, status, shown output);
    the examples of one block run in order, in one directory."""
    text = open(path, encoding="utf-8").read()
    found = []
    for nblock, block in enumerate(blocks(text)):
        assigns = []
        i = 0
        while i < len(block):
            line = block[i].rstrip()
            i += 1
            a = ASSIGN.match(line)
            if a:
                assigns.append(a.group(1))
                continue
            m = COMMAND.match(line)
            if not m:
                continue
            cmd = m.group(1)
            while cmd.endswith("\\") and i < len(block):
                cmd = cmd[:-1] + " " + block[i].strip()
                i += 1
            code = EXIT.search(cmd)
            cmd = EXIT.sub("", cmd) if code else re.sub(r"\s+# .*$", "", cmd)
            shown = []
            while i < len(block) and block[i].strip() and \
                    not COMMAND.match(block[i].rstrip()) and \
                    not block[i].startswith(("$ ", "# ")):
                shown.append(block[i].rstrip())
                i += 1
            if PLACEHOLDER.search(cmd.split("#")[0]):
                continue
            if code:
                status = int(code.group(1))
            elif any(s.startswith("mlx5ctl: ") and " failed" in s
                     for s in shown):
                status = "fail"
            else:
                status = 0
            found.append((text[:text.find(line)].count("\n") + 1, nblock,
                          list(assigns), cmd, status, shown))
    return found


def matches(shown, out):
    lines = out.splitlines()
    for s in shown:
        pat = ".*".join(re.escape(p) for p in s.strip().split("..."))
        if not any(re.fullmatch(pat, l.strip()) for l in lines):
            return s
    return None


def run(tool, src, ex, scratch):
    _, _, assigns, cmd, status, shown = ex
    for real, emu in REAL.items():
        cmd = re.sub(r"(?<![\w:.])%s(?![\w:.])" % re.escape(real), emu, cmd)
    script = "\n".join(assigns + [cmd])
    env = dict(os.environ, PATH=os.path.dirname(tool) + ":" +
               os.environ.get("PATH", ""))
    env.pop("MLX5CTL_DEVICE", None)
    p = subprocess.run(["sh", "-c", script], cwd=scratch, env=env,
                       capture_output=True, text=True, timeout=600)
    out = p.stdout + p.stderr
    if status == "fail":
        ok = p.returncode != 0
    else:
        ok = p.returncode == status
    why = "" if ok else "exit %d, documented %s" % (p.returncode, status)
    missing = matches(shown, out) if ok else None
    if missing:
        why = "no line like %r in its output" % missing
    return why, out


def main():
    tool = os.path.abspath(sys.argv[1])
    src = os.path.abspath(sys.argv[2])
    docs = [sys.argv[i + 1] for i, a in enumerate(sys.argv)
            if a == "--doc" and i + 1 < len(sys.argv)] or DOCS
    link_dir = tempfile.mkdtemp(prefix="mlx5ctl-docs-bin-")
    os.symlink(tool, os.path.join(link_dir, "mlx5ctl"))
    tool_link = os.path.join(link_dir, "mlx5ctl")
    passed = failed = 0
    try:
        for pattern in docs:
            for path in sorted(glob.glob(os.path.join(src, pattern))):
                rel = os.path.relpath(path, src)
                scratch, block = None, None
                for ex in examples(path):
                    if "--list" in sys.argv:
                        print("%s:%d: %s" % (rel, ex[0], ex[3]))
                        continue
                    if ex[1] != block:
                        if scratch:
                            shutil.rmtree(scratch, ignore_errors=True)
                        scratch = tempfile.mkdtemp(prefix="mlx5ctl-docs-")
                        block = ex[1]
                    why, out = run(tool_link, src, ex, scratch)
                    if why:
                        failed += 1
                        print("FAIL %s:%d: %s\n     %s\n%s" % (
                            rel, ex[0], ex[3], why,
                            "".join("     | " + l + "\n"
                                    for l in out.splitlines()[:12])))
                    else:
                        passed += 1
                        print("ok   %s:%d: %s" % (rel, ex[0], ex[3]))
                if scratch:
                    shutil.rmtree(scratch, ignore_errors=True)
    finally:
        shutil.rmtree(link_dir, ignore_errors=True)
    print("docs examples: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
