#!/usr/bin/env python3
"""Runs `terraform fmt -no-color -` and `terrace fmt -no-color -` on each .tf file under DIR
(standard input in, standard output and error out) and counts the files where the two agree
byte for byte: formatted output, diagnostics and exit status.

usage: compare-fmt.py DIR [LIMIT]
  TERRACE    the terrace binary (default .build-release/release/terrace)
  TERRAFORM  the terraform binary (default /tmp/oracles/terraform)
"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
terrace = os.environ.get('TERRACE', os.path.join(root, '.build-release/release/terrace'))
terraform = os.environ.get('TERRAFORM', '/tmp/oracles/terraform')


def run(cmd, data):
    p = subprocess.run(cmd, input=data, capture_output=True)
    return p.returncode, p.stdout, p.stderr


def main():
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    paths = []
    for dirpath, dirs, names in os.walk(sys.argv[1]):
        dirs.sort()
        paths += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(('.tf', '.tfvars'))]
    paths = paths[:limit]
    same = crashed = 0
    errors = 0
    differ = []
    for p in paths:
        data = open(p, 'rb').read()
        tf = run([terraform, 'fmt', '-no-color', '-'], data)
        tr = run([terrace, 'fmt', '-no-color', '-'], data)
        if tf[0] == 2:
            errors += 1
        if b'TERRAFORM CRASH' in tf[1] or b'panic:' in tf[2]:
            crashed += 1
        elif tf == tr:
            same += 1
        else:
            differ.append(p)
    print(f'{len(paths)} files ({errors} with syntax errors): {same} identical, '
          f'{len(differ)} different, {crashed} where terraform crashed')
    for p in differ[:20]:
        print('  differs:', p)


if __name__ == '__main__':
    main()
