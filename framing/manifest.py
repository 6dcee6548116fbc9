"""Provenance of outputs: what made a table or figure, so it can be made again.

Every output folder gets a ``manifest.json`` with the package and dependency
versions, the corpus and lexicon hashes, the parameters and a SHA-256 of every
file written. It holds no timestamp or host name: the same input and parameters
give a byte-identical manifest, so two runs can be compared with ``diff``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

__all__ = ["DEPENDENCIES", "build_manifest", "file_sha256", "versions", "write_manifest"]

#: Distributions whose versions are recorded in every manifest.
DEPENDENCIES = ("numpy", "pandas", "scipy", "scikit-learn", "nltk", "matplotlib", "pyyaml",
                "pyarrow", "tqdm")

MANIFEST_FORMAT = 1


def versions() -> dict[str, str]:
    """Versions of Python, ``framing`` and its dependencies (``"not installed"`` if absent)."""
    out = {"python": platform.python_version()}
    for dist in ("framing", *DEPENDENCIES):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "not installed"
    return out


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def build_manifest(
    *,
    command: str,
    parameters: Mapping[str, Any],
    corpus: Any | None = None,
    lexicon: Any | None = None,
    outputs: Mapping[str, str | Path] | None = None,
    root: str | Path | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Describe how a set of outputs was made.

    Parameters
    ----------
    command : str
        What produced the outputs (e.g. ``"framing report"``).
    parameters : mapping
        Every parameter that affects the outputs.
    corpus : Corpus, optional
        Recorded by name, size and content hash (:attr:`Corpus.sha256`).
    lexicon : Lexicon, optional
        Recorded by name, version and content hash.
    outputs : mapping of str to path, optional
        Files written; each is recorded with its SHA-256 and its path relative to
        ``root`` (when given).
    root : path, optional
        Folder that output paths are made relative to.
    extra : mapping, optional
        Further sections (e.g. validation figures).

    Returns
    -------
    dict
        JSON-serialisable manifest.
    """
    manifest: dict[str, Any] = {
        "manifest_format": MANIFEST_FORMAT,
        "command": command,
        "versions": versions(),
        "parameters": _jsonable(dict(parameters)),
    }
    if corpus is not None:
        manifest["corpus"] = {"name": corpus.name, "n_documents": len(corpus),
                              "sha256": corpus.sha256}
    if lexicon is not None:
        manifest["lexicon"] = {
            "name": lexicon.name,
            "version": lexicon.version,
            "sha256": lexicon.sha256,
            "categories": list(lexicon.categories),
            "n_entries": len(lexicon.entries),
        }
    if outputs:
        files = {}
        for label, path in sorted(outputs.items()):
            p = Path(path)
            rel = p.relative_to(root).as_posix() if root is not None else p.as_posix()
            files[label] = {"path": rel, "sha256": file_sha256(p)}
        manifest["outputs"] = files
    if extra:
        manifest.update(_jsonable(dict(extra)))
    return manifest


def write_manifest(directory: str | Path, manifest: Mapping[str, Any]) -> Path:
    """Write ``manifest.json`` into ``directory`` (sorted keys, UTF-8, final newline)."""
    path = Path(directory) / "manifest.json"
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path
