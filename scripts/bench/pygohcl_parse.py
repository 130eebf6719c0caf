#!/usr/bin/env python3
"""Parses every .tf and .tfvars file under DIR with pygohcl (HashiCorp's Go HCL library), as
the reference for `terrace fmt -check -recursive DIR`. Prints files, bytes and failures.

usage: pygohcl_parse.py DIR      (run with a Python that has pygohcl, e.g. /tmp/oracles/venv)
"""
import os
import sys

import pygohcl


def main():
    files = total = failed = 0
    for root, dirs, names in os.walk(sys.argv[1]):
        dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
        for name in sorted(names):
            if not name.endswith(('.tf', '.tfvars')) or name.startswith('.'):
                continue
            with open(os.path.join(root, name), encoding='utf-8', errors='replace') as fh:
                text = fh.read()
            files += 1
            total += len(text.encode())
            try:
                pygohcl.loads(text)
            except Exception:
                failed += 1
    print(f'{files} files, {total} bytes, {failed} not parsed', file=sys.stderr)


if __name__ == '__main__':
    main()
