"""A bundle: one assessment in a single file that another machine can import.

It is TOML: a [bundle] manifest (what it holds, which bank, a checksum) and the assessment file's
own text, unchanged. Pure functions; reading and writing files is the store's and the CLI's job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from pathlib import Path

import tomli_w

from svassess import __version__
from svassess.assessment import Assessment

FORMAT = "svassess-bundle"
VERSION = 1
EXTENSION = "svassess"


class BundleError(ValueError):
    """The bundle cannot be used; the message says why."""


def make_bundle(assessment: Assessment, assessment_toml: bytes,
                now: dt.datetime | None = None) -> str:
    text = assessment_toml.decode("utf-8")
    return tomli_w.dumps({
        "bundle": {
            "format": FORMAT,
            "version": VERSION,
            "created": now or dt.datetime.now(dt.UTC).replace(microsecond=0),
            "svassess": __version__,
            "assessment_id": assessment.id,
            "name": assessment.name,
            "organisation": assessment.organisation,
            "bank": assessment.bank,
            "bank_version": assessment.bank_version,
            "sha256": hashlib.sha256(assessment_toml).hexdigest(),
        },
        "assessment": text,
    })


def is_bundle(data: dict) -> bool:
    return isinstance(data.get("bundle"), dict) and data["bundle"].get("format") == FORMAT


def unpack(data: dict, path: Path) -> bytes:
    """The assessment file's bytes from a parsed bundle, after checking it is whole."""
    manifest = data["bundle"]
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise BundleError(f"{path} was made by a newer svassess; upgrade svassess to import it.")
    inner = data.get("assessment")
    if not isinstance(inner, str):
        raise BundleError(f"{path} holds no assessment; ask for the bundle to be made again.")
    raw = inner.encode("utf-8")
    if hashlib.sha256(raw).hexdigest() != manifest.get("sha256"):
        raise BundleError(f"{path} has been changed or damaged since it was made (its checksum "
                          f"does not match); ask for the bundle to be made again.")
    return raw


def parse(raw: bytes, path: Path) -> dict:
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        raise BundleError(f"{path} is neither a bundle nor an assessment file svassess can "
                          f"read.") from None
