"""Writing output files safely: atomically, never over an input, never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import LinkcheckError


def write_atomic(path: Path, data: bytes | str, *, inputs: Iterable[str | Path] = (), overwrite: bool = True) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    target = path.resolve()
    for source in inputs:
        if Path(source).exists() and Path(source).resolve() == target:
            raise LinkcheckError(f"{path}: refusing to write over an input file")
    if not overwrite and target.exists():
        raise LinkcheckError(f"{path}: file exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise LinkcheckError(f"{path}: folder {target.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        # mkstemp makes the file private; give it the permissions an ordinary new file would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
