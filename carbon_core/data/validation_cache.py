"""Remembered frictionless results, keyed by everything the result depends on.

Frictionless spends most of its time on metadata, not data: a 58-column IO table costs about
50 ms to validate whatever its size, so a package of 129 such tables takes seconds each time.
Its verdict is a pure function of the resource descriptor, the bytes of the file, the bytes of
any resource its foreign keys point to, and the frictionless version. A result is stored under
a hash of exactly those, so an edited byte, an edited schema or a new frictionless release
misses the cache and is validated afresh; nothing else is ever skipped (integrity hashes and
our own checks run every time).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

#: Environment variable naming the folder the cache lives in (``off`` turns it off).
ENV_CACHE = "CARBON_CACHE_DIR"

#: Raised whenever the way findings are produced changes, so old entries stop matching.
FORMAT = 1


def default_cache_dir() -> Path | None:
    """``CARBON_CACHE_DIR``, else the platform's user cache folder; None when set to ``off``."""
    env = os.environ.get(ENV_CACHE, "").strip()
    if env.lower() == "off":
        return None
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "carbon-toolkit"


def resource_key(descriptor: dict, data: dict[str, bytes], engine: str) -> str:
    """Hash of one resource's descriptor, the bytes it and its foreign-key targets hold, and the
    validating library's version."""
    h = hashlib.sha256()
    h.update(f"format={FORMAT};engine={engine};".encode())
    h.update(json.dumps(descriptor, sort_keys=True, ensure_ascii=False).encode())
    for name in sorted(data):
        h.update(name.encode() + b"\0" + hashlib.sha256(data[name]).digest())
    return h.hexdigest()


class ValidationCache:
    """Findings stored as one small JSON file per key under ``folder/validation``.

    Unreadable entries count as misses and unwritable folders as no cache: a cache can make
    validation faster, never make it fail.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "validation"

    def get(self, key: str) -> list[str] | None:
        try:
            value = json.loads((self.folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None

    def put(self, key: str, messages: list[str]) -> None:
        target = self.folder / key[:2] / f"{key}.json"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # written beside and renamed, so a reader never sees half an entry
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False,
                                             suffix=".tmp") as fh:
                json.dump(messages, fh, ensure_ascii=False)
            os.replace(fh.name, target)
        except OSError:
            try:
                os.unlink(fh.name)  # type: ignore[possibly-undefined]
            except (OSError, NameError):
                pass
