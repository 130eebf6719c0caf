#!/usr/bin/env python3
"""Records what Terraform 1.0.3's `terraform console` prints for each conformance expression.

Usage: scripts/oracle/record-console.py [TOPIC ...]

Reads Tests/TerraceLangTests/Conformance/cases/TOPIC.txt (every topic when none is given):
one expression per line; blank lines and lines starting with `#` are skipped. Each expression
is piped to its own `terraform console -no-color` run inside
Tests/TerraceLangTests/Conformance/module (whose variables provide unknown and sensitive
values), because in piped mode Terraform prints only the last result and stops at the first
error. Writes Tests/TerraceLangTests/Conformance/expected/TOPIC.json: a list of
{"expr", "stdout", "stderr", "status"} in case order.

The oracle is $TERRAFORM, else /tmp/oracles/terraform (installed by ../shared/tools/oracles.sh).
Read the diff of the expected files before committing them.
"""
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUITE = os.path.join(ROOT, "Tests", "TerraceLangTests", "Conformance")
TERRAFORM = os.environ.get("TERRAFORM", "/tmp/oracles/terraform")


def cases(topic):
    path = os.path.join(SUITE, "cases", topic + ".txt")
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.strip() and not line.startswith("#"):
                yield line


def run(expr):
    env = dict(os.environ)
    env.update({"TF_CLI_CONFIG_FILE": "/dev/null", "CHECKPOINT_DISABLE": "1", "TF_IN_AUTOMATION": "1"})
    for k in list(env):
        if k.startswith("TF_VAR_"):
            del env[k]
    # A state path of its own per run: runs in parallel would otherwise contend for the lock.
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([TERRAFORM, "console", "-no-color", "-state=" + os.path.join(tmp, "t.tfstate")],
                           cwd=os.path.join(SUITE, "module"), input=(expr + "\n").encode(),
                           capture_output=True, env=env, timeout=60)
    return {"expr": expr, "stdout": p.stdout.decode(), "stderr": p.stderr.decode(), "status": p.returncode}


def main():
    topics = sys.argv[1:] or sorted(f[:-4] for f in os.listdir(os.path.join(SUITE, "cases")) if f.endswith(".txt"))
    version = subprocess.run([TERRAFORM, "version"], capture_output=True).stdout.decode().split("\n")[0]
    if version != "Terraform v1.0.3":
        sys.exit(f"expected Terraform v1.0.3 at {TERRAFORM}, found {version!r}")
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for topic in topics:
            results = list(pool.map(run, cases(topic)))
            out = os.path.join(SUITE, "expected", topic + ".json")
            with open(out, "w", encoding="utf-8") as f:
                json.dump(results, f, indent=1, ensure_ascii=False)
                f.write("\n")
            print(f"{topic}: {len(results)} expressions -> {os.path.relpath(out, ROOT)}")


if __name__ == "__main__":
    main()
