#!/usr/bin/env python3
"""Where the WebAssembly's bytes go: code per crate, per module of this crate, the largest
functions, and the data. Reads a .wasm that kept its name section (wasm-opt -g), as
scripts/build-element --profile writes it; twiggy 0.7 cannot read current wasm.

    python3 bench/wasm_size.py FILE.wasm [--budget bench/size-budget.json] [--json OUT]

Each function body's size goes to the crate (and, for sosmeta_editor, the module) its
demangled name belongs to; a trait impl `<A as B>::f` counts for A's crate. Sizes are
raw (not gzipped) bytes after wasm-opt -Oz, which the name section does not change. With
--budget, each module's size is printed beside its budget and the difference: growth is
seen when it happens (printed, never asserted).
"""
import json
import re
import sys


def leb(b, i):
    """Unsigned LEB128 at b[i:] -> (value, next index)."""
    out = shift = 0
    while True:
        x = b[i]
        i += 1
        out |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return out, i


def sections(b):
    if b[:4] != b"\0asm":
        raise SystemExit("not a wasm file")
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        yield sid, b[j:j + size]
        i = j + size


def read(path):
    b = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    data = 0
    other = {}
    for sid, s in sections(b):
        if sid == 2:  # imports: functions imported take the first indices
            n, i = leb(s, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, i = leb(s, i)
                    i += ln
                kind = s[i]
                i += 1
                if kind == 0:
                    _, i = leb(s, i)
                    imported += 1
                elif kind == 1:
                    i += 1
                    flags, i = leb(s, i)
                    _, i = leb(s, i)
                    if flags & 1:
                        _, i = leb(s, i)
                elif kind == 2:
                    flags, i = leb(s, i)
                    _, i = leb(s, i)
                    if flags & 1:
                        _, i = leb(s, i)
                elif kind == 3:
                    i += 2
                elif kind == 4:
                    i += 1
                    _, i = leb(s, i)
        elif sid == 10:  # code
            n, i = leb(s, 0)
            for _ in range(n):
                size, j = leb(s, i)
                bodies.append(j - i + size)
                i = j + size
        elif sid == 11:
            data += len(s)
        elif sid == 0:
            ln, i = leb(s, 0)
            name = s[i:i + ln].decode("utf-8", "replace")
            if name == "name":
                i += ln
                while i < len(s):
                    sub = s[i]
                    size, j = leb(s, i + 1)
                    if sub == 1:
                        n, k = leb(s, j)
                        for _ in range(n):
                            idx, k = leb(s, k)
                            ln2, k = leb(s, k)
                            names[idx] = s[k:k + ln2].decode("utf-8", "replace")
                            k += ln2
                    i = j + size
            else:
                other[name] = len(s)
        else:
            other[f"section {sid}"] = other.get(f"section {sid}", 0) + len(s)
    funcs = [(names.get(imported + k, f"func[{imported + k}]"), size) for k, size in enumerate(bodies)]
    return funcs, data, other


HASH = re.compile(r"\[[0-9a-f]+\]")


PRIMITIVES = {"f32", "f64", "bool", "char", "str", "T", "u8", "u16", "u32", "u64", "u128",
              "usize", "i8", "i16", "i32", "i64", "i128", "isize", "[T]", "()"}


def owner(name):
    """(crate, module) a function's bytes count for."""
    n = HASH.sub("", name)
    if "::" not in n and re.fullmatch(r"[a-z]+_\w+", n):
        # wasm-bindgen's export shims (`editorhandle_setContext`): the element's.
        return "sosmeta_editor", "element"
    while n.startswith("<"):
        n = n[1:]
    n = n.lstrip("&*").removeprefix("mut ").removeprefix("dyn ")
    parts = re.split(r"::|<| as |,|>", n)
    crate = parts[0].strip() or "?"
    if crate in PRIMITIVES or crate.startswith("["):
        crate = "core"
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", crate):
        crate = "(other)"
    module = parts[1].strip() if crate == "sosmeta_editor" and len(parts) > 1 else ""
    return crate, module


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    funcs, data, other = read(args[0])
    budget = {}
    if "--budget" in args:
        budget = json.load(open(args[args.index("--budget") + 1]))["sosmeta_editor modules (KB)"]
        budget = {("" if k == "(root)" else k): v for k, v in budget.items()}
    crates, modules = {}, {}
    for name, size in funcs:
        c, m = owner(name)
        crates[c] = crates.get(c, 0) + size
        if c == "sosmeta_editor":
            modules[m] = modules.get(m, 0) + size
    code = sum(s for _, s in funcs)
    kb = lambda x: x / 1024
    print(f"\nwasm size profile (raw bytes after wasm-opt -Oz): code {kb(code):.0f} KB in {len(funcs)} functions, data {kb(data):.0f} KB")
    print("  by crate:")
    for c, s in sorted(crates.items(), key=lambda x: -x[1])[:14]:
        print(f"    {c:<34} {kb(s):8.1f} KB  {100 * s / code:5.1f}%")
    print("  sosmeta_editor by module (budget, change):")
    over = []
    for m, s in sorted(modules.items(), key=lambda x: -x[1]):
        b = budget.get(m)
        extra = f"  budget {b:6.1f}  {kb(s) - b:+6.1f}" if b is not None else "  (no budget)"
        if b is not None and round(kb(s), 1) > b:
            extra += "  OVER BUDGET"
            over.append(f"{m or '(root)'} ({kb(s) - b:+.1f} KB)")
        print(f"    {m or '(root)':<34} {kb(s):8.1f} KB{extra}")
    if over:
        # Printed, not failed (a size target is a benchmark's, never a test's): raise the
        # budget on purpose with the reason in CHANGELOG.md, or take the growth back.
        print(f"  over budget: {', '.join(over)}")
    print("  largest functions:")
    for name, s in sorted(funcs, key=lambda x: -x[1])[:12]:
        print(f"    {s:8d}  {HASH.sub('', name)[:110]}")
    if "--json" in args:
        json.dump({"code": code, "data": data, "crates": crates, "modules": modules,
                   "largest": sorted(funcs, key=lambda x: -x[1])[:40]},
                  open(args[args.index("--json") + 1], "w"), indent=1)


if __name__ == "__main__":
    main()
