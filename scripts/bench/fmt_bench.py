#!/usr/bin/env python3
"""Times `terrace fmt -check -recursive` over a directory of real-world .tf files beside
pygohcl (HashiCorp's Go HCL parser, through Python) parsing the same files, and, if given,
`terraform fmt -check -recursive`, each as a whole process, alternating runs.
Prints a Markdown table of median wall-clock and CPU (user + system) seconds.

usage: fmt_bench.py CORPUS_DIR [RUNS]
  TERRACE    the terrace binary (default .build-release/release/terrace)
  PYTHON     a Python with pygohcl (default /tmp/oracles/venv/bin/python)
  TERRAFORM  a terraform binary to time as well (default /tmp/oracles/terraform if present)
"""
import os
import resource
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))


def timed(cmd, cwd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def main():
    corpus = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    terrace = os.environ.get('TERRACE', os.path.join(root, '.build-release/release/terrace'))
    python = os.environ.get('PYTHON', '/tmp/oracles/venv/bin/python')
    terraform = os.environ.get('TERRAFORM', '/tmp/oracles/terraform')
    tools = [
        ('terrace fmt -check -recursive', [terrace, 'fmt', '-check', '-recursive', '.']),
        ('pygohcl (Go HCL) parse', [python, os.path.join(here, 'pygohcl_parse.py'), '.']),
    ]
    if os.path.exists(terraform):
        tools.append(('terraform fmt -check -recursive', [terraform, 'fmt', '-check', '-recursive', '.']))
    files = size = 0
    for dirpath, dirs, names in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        for n in names:
            if n.endswith(('.tf', '.tfvars')) and not n.startswith('.'):
                files += 1
                size += os.path.getsize(os.path.join(dirpath, n))
    results = {name: [] for name, _ in tools}
    for _ in range(runs):
        for name, cmd in tools:
            wall, cpu, rc = timed(cmd, corpus)
            results[name].append((wall, cpu, rc))
    print(f'{files} files, {size / 1e6:.1f} MB, {runs} runs each, medians:\n')
    print('| command | wall s | CPU s | exit |')
    print('|---|---:|---:|---:|')
    for name, _ in tools:
        r = results[name]
        print(f'| {name} | {statistics.median(x[0] for x in r):.2f} | {statistics.median(x[1] for x in r):.2f} | {r[-1][2]} |')
    t = results[tools[0][0]]
    p = results[tools[1][0]]
    print(f'\npygohcl / terrace: {statistics.median(x[0] for x in p) / statistics.median(x[0] for x in t):.1f}x wall, '
          f'{statistics.median(x[1] for x in p) / statistics.median(x[1] for x in t):.1f}x CPU')


if __name__ == '__main__':
    main()
