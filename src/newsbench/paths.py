"""Where the project's data folders (schema/, corpus/, seeds/, annotations/, benchmarks/) are found.

One lookup for everything: a source checkout (this file under src/newsbench/ of the repository) first, then
the copies a wheel carries inside the package (``newsbench/_data/<name>``, put there by hatchling's
force-include). An editable install therefore always uses the checkout.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parent.parent


def checkout_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "schema").is_dir():
        return _CHECKOUT
    return None


def data_dir(name: str) -> Path:
    """The folder ``name`` (schema, corpus, ...) from the checkout, else from the installed package."""
    root = checkout_root()
    if root is not None and (root / name).exists():
        return root / name
    return PACKAGE_DIR / "_data" / name


def schema_path() -> Path:
    return data_dir("schema") / "annotation.schema.json"
