#!/usr/bin/env python3
"""Write whitespace-perturbed copies of .tf files, to compare `terrace fmt` with `terraform fmt`.

usage: perturb.py SRC_DIR DEST_DIR [SEED] [--mutate]

Each line outside a heredoc gets random indentation (spaces or tabs), and spaces around `=`,
`,` and brackets are randomly removed or multiplied. The result need not parse: both tools
must agree on what they do with it either way.

With --mutate, files instead get a few random byte-level mutations (insertions of syntax
characters, deletions, duplicated chunks, truncation), mostly making syntax errors, to compare
diagnostics.
"""
import os
import random
import re
import sys

HEREDOC = re.compile(r'<<-?([A-Za-z_][A-Za-z0-9_-]*)\s*$')


def perturb(text, rnd):
    out = []
    marker = None
    for line in text.split('\n'):
        if marker is not None:
            out.append(line)
            if line.strip() == marker:
                marker = None
            continue
        m = HEREDOC.search(line)
        body = line.lstrip(' \t')
        r = rnd.random()
        if r < 0.3:
            indent = ''
        elif r < 0.5:
            indent = '\t' * rnd.randint(1, 3)
        else:
            indent = ' ' * rnd.randint(0, 9)
        if rnd.random() < 0.5 and '"' not in body and '#' not in body and '//' not in body:
            body = re.sub(r'\s*=\s*', lambda _: rnd.choice(['=', ' = ', '   =  ', '\t=\t']), body, count=1)
            body = re.sub(r',\s*', lambda _: rnd.choice([',', ', ', ',   ']), body)
            body = re.sub(r'\[\s*', lambda _: rnd.choice(['[', '[ ', '[  ']), body)
            body = re.sub(r'\s*\]', lambda _: rnd.choice([']', ' ]', '  ]']), body)
            body = re.sub(r'\(\s*', lambda _: rnd.choice(['(', '( ']), body)
        if rnd.random() < 0.2:
            body = body + rnd.choice(['', ' ', '  ', '\t'])
        out.append(indent + body)
        if m:
            marker = m.group(1)
    return '\n'.join(out)


INTERESTING = b'{}[]()"\'$%~\n#/*=<->.,:?!&|\\\t ;`xyz019e'


def mutate(data, rnd):
    data = bytearray(data)
    for _ in range(rnd.randint(1, 3)):
        if not data:
            break
        op = rnd.random()
        i = rnd.randrange(len(data))
        if op < 0.4:
            data[i:i] = bytes([rnd.choice(INTERESTING)])
        elif op < 0.7:
            del data[i:i + rnd.randint(1, 4)]
        elif op < 0.85:
            j = rnd.randrange(len(data))
            data[i:i] = data[j:j + rnd.randint(1, 20)]
        elif op < 0.95:
            data[i] = rnd.choice(INTERESTING)
        else:
            del data[i:]
    return bytes(data)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    src, dest = args[0], args[1]
    seed = int(args[2]) if len(args) > 2 else 1
    if '--mutate' in sys.argv:
        rnd = random.Random(seed)
        n = 0
        for root, _, files in os.walk(src):
            for f in sorted(files):
                if not f.endswith(('.tf', '.tfvars')):
                    continue
                p = os.path.join(root, f)
                rel = os.path.relpath(p, src)
                os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
                with open(p, 'rb') as fh, open(os.path.join(dest, rel), 'wb') as out:
                    out.write(mutate(fh.read(), rnd))
                n += 1
        print(f'{n} files written to {dest}')
        return
    rnd = random.Random(seed)
    n = 0
    for root, _, files in os.walk(src):
        for f in sorted(files):
            if not f.endswith(('.tf', '.tfvars')):
                continue
            p = os.path.join(root, f)
            rel = os.path.relpath(p, src)
            with open(p, encoding='utf-8', errors='surrogateescape') as fh:
                text = fh.read()
            os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
            with open(os.path.join(dest, rel), 'w', encoding='utf-8', errors='surrogateescape') as fh:
                fh.write(perturb(text, rnd))
            n += 1
    print(f'{n} files written to {dest}')


if __name__ == '__main__':
    main()
