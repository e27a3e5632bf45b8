"""``carbon validate | diff | package | revise | factors``: data-package commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from carbon_core.data.datasets import ENV_PACKAGES, available_packages, default_package_dir, load_package
from carbon_core.errors import CarbonError, InputError
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.data import release
from carbon_core.data.package_checks import validate_package
from carbon_core.data.package_diff import diff_packages

from .packaging import make_zip, revise, working_copy
from .tables import render


def cmd_validate(args) -> int:
    targets = args.paths or [str(default_package_dir() / n) for n in available_packages()]
    failed = 0
    progress = sys.stderr.isatty()  # a line before each package in a terminal; quiet when piped
    for i, t in enumerate(targets, start=1):
        if progress:
            print(f"carbon: validating {i}/{len(targets)}: {Path(t).name} …", file=sys.stderr, flush=True)
        if Path(t).is_dir():  # leftovers of an interrupted release are finished, rolled back or removed first
            for line in release.recover(Path(t)):
                print(f"carbon: note: {line}", file=sys.stderr)
        findings = validate_package(t, cache=not args.no_cache, workers=os.cpu_count() or 1)
        try:
            pkg = load_package(t)
            label = f"{pkg.name} {pkg.version}"
        except CarbonError:
            label = str(t)
        if findings:
            failed += 1
            print(f"FAIL  {label}: {len(findings)} problem(s)")
            for f in findings:
                print(f"      - [{f.check}] {f.message}")
        else:
            print(f"ok    {label}")
    print(f"\n{len(targets) - failed} of {len(targets)} package(s) valid.")
    return 1 if failed else 0


def cmd_diff(args) -> int:
    table, summary = diff_packages(args.old, args.new)
    print(f"{summary['old']} → {summary['new']}: {summary['added']} added, {summary['removed']} removed, "
          f"{summary['changed']} changed record(s)")
    for k in ("resources added", "resources removed"):
        if summary[k]:
            print(f"{k}: {', '.join(summary[k])}")
    failed = {side: probs for side, probs in summary["integrity"].items() if probs}
    for side, probs in failed.items():
        print(f"INTEGRITY FAILED ({side} = {summary[side]}): the files below no longer match the hashes in its "
              "datapackage.json; the changes shown for it were made outside 'carbon revise' and are not a release.")
        for p in probs:
            print(f"  - {p}")
    if args.format == "csv":
        sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))
    elif len(table):
        shown = table.copy()
        shown["relative change"] = shown["relative change"].map(lambda v: "" if pd.isna(v) else f"{100 * v:+.3f}%")
        shown["source changed"] = [("yes: " + str(o) + " → " + str(n)) if o != n and str(o) and str(n) else ""
                                   for o, n in zip(shown["old source"].fillna(""), shown["new source"].fillna(""))]
        print(render(shown.drop(columns=["old source", "new source"]), 6, index=False))
    if failed:
        sides = " and ".join(f"{side} ({summary[side]})" for side in failed)
        print(f"carbon: integrity failure: {sides} — edited by hand; restore the files or release the change with "
              "'carbon revise'.", file=sys.stderr)
        return 1
    return 0


def cmd_package(args) -> int:
    targets = args.names or available_packages()
    for name in targets:
        path = make_zip(name if Path(name).exists() else default_package_dir() / name, Path(args.output_dir))
        print(f"wrote {path}")
    return 0


def cmd_revise(args) -> int:
    changes = {}
    for item in args.set or []:
        rid, sep, value = item.partition("=")
        if not sep or not rid.strip():
            raise InputError(f"--set '{item}': write RECORD_ID=VALUE.")
        changes[rid.strip()] = value.strip()
    folder = Path(args.path) if Path(args.path).exists() or os.sep in args.path or "/" in args.path \
        else default_package_dir() / args.path
    say = lambda line: print(f"carbon: note: {line}", file=sys.stderr)  # noqa: E731
    old, new, lines = revise(folder, changes, args.message, args.bump, adopt_edits=args.adopt_edits, report=say)
    print(f"{folder.name}: {old} → {new}")
    for line in lines:
        print(f"  - {line}")
    print("hashes, byte counts and CHANGELOG.md updated; the package validates.")
    print(f"carbon: wrote {folder.resolve()}", file=sys.stderr)
    return 0


def cmd_copy(args) -> int:
    target = working_copy(args.name, Path(args.to))
    print(f"carbon: wrote {target.resolve()} (a working copy to revise; set {ENV_PACKAGES}={target.parent.resolve()} "
          "to use the packages there)", file=sys.stderr)
    return 0


def cmd_factors(args) -> int:
    lib = FactorLibrary.load()
    if args.action == "conflicts":
        table = lib.conflicts()
        if args.format == "csv":
            sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))
        else:
            print(f"{table['quantity'].nunique()} quantities with differing values across sources "
                  "(values compared in a common unit; notes explain known cases):\n")
            print(render(table.drop(columns=["common value", "note"]), 4, index=False))
            notes = lib.conflict_notes()
            if len(notes):
                print("\nKnown conflicts explained (package factor-conflict-notes):\n")
                print(render(notes[["record_id", "item", "parameter", "record_a", "record_b", "likely_explanation",
                                    "recommendation"]], 0, index=False))
        return 0
    if args.action == "datasets":
        print(render(lib.datasets(), 0, index=False))
        return 0
    # get
    if args.record:
        f = lib.record(args.record)
    elif args.kind == "fuel":
        if not (args.name and args.parameter):
            raise InputError("give a fuel name and --parameter (ncv, carbon_content_per_heat, oxidation_rate …).")
        f = lib.fuel_parameter(args.name, args.parameter, args.family)
    elif args.kind == "coal-equivalent":
        f = lib.coal_equivalent(args.name, args.family)
    elif args.kind == "grid":
        if args.year is None:
            raise InputError("give --year: the data year of the grid factor (e.g. --year 2022); "
                             "'carbon factors datasets' lists what is shipped.")
        f = lib.grid_factor(args.year, args.region or "national", args.type or "avg_incl_all")
    elif args.kind == "reporting-default":
        if args.year is None:
            raise InputError("give --year: the report year (the year whose emissions are reported).")
        f = lib.reporting_default(args.year)
    elif args.kind == "electricity-footprint":
        f = lib.electricity_footprint(args.year, args.name or "national_average")
    elif args.kind == "heat":
        f = lib.heat_factor()
    elif args.kind == "ipcc":
        if not (args.name and args.parameter):
            raise InputError("give an IPCC fuel name and --parameter (ncv_default, carbon_content_default, "
                             "co2_ef_default, ch4_ef_default, n2o_ef_default).")
        f = lib.ipcc_default(args.name, args.parameter)
    elif args.kind == "gwp":
        f = lib.gwp(args.name, args.report or "AR5")
    else:
        raise InputError("say what to look up: fuel, coal-equivalent, grid, reporting-default, electricity-footprint, "
                         "heat, gwp or ipcc (or --record ID).")
    for k, v in f.as_dict().items():
        print(f"{k:>17}: {v}")
    if f.status == "superseded" and f.applies:
        print(f"carbon: note: {f.record_id} is the default prescribed for {f.applies}; later ones use "
              f"{f.successor}.", file=sys.stderr)
    elif f.applies:
        print(f"carbon: note: {f.record_id} is the default prescribed for {f.applies}.", file=sys.stderr)
    elif f.status == "superseded":
        print(f"carbon: note: {f.record_id} is superseded by {f.successor}; it stays valid only for what it was "
              "issued for.", file=sys.stderr)
    elif f.status == "withdrawn":
        print(f"carbon: note: {f.record_id} is withdrawn: {f.notes}", file=sys.stderr)
    return 0
