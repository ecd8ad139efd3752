"""Result files of background jobs: a file appears under its name complete, or not at all."""

import os
import tempfile
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

TMP_FOLDER = ".tmp"  # under MEDIA_ROOT: the same file system as the result, so the move is atomic
TMP_MAX_AGE = 3600  # seconds; a leftover of a killed worker older than this is removed


def _bersihkan(folder: Path) -> None:
    """Drop temporary files a killed worker left behind (never a finished result: those live elsewhere)."""
    batas = time.time() - TMP_MAX_AGE
    for path in folder.glob("*.part"):
        try:
            if path.stat().st_mtime < batas:
                path.unlink()
        except OSError:
            pass


def simpan_atomik(storage_name: str, data: bytes, *, storage=default_storage) -> str:
    """Store `data` as `storage_name` (or a free variant of it) and return the name actually used.

    On a local file system the bytes are written and fsynced under a temporary name outside the
    result folder, then hard-linked into place: a reader (or a Job row) never sees a half-written
    file, a worker killed mid-write leaves at most a `.part` file in MEDIA_ROOT/.tmp (cleaned on a
    later call), and an existing file is never overwritten. Storages without a local path (object
    stores) upload a whole object at once, so the ordinary save is already atomic there.
    """
    try:
        storage.path(storage_name)
    except NotImplementedError:
        return storage.save(storage_name, ContentFile(data))
    tmp_dir = Path(storage.path(TMP_FOLDER))
    tmp_dir.mkdir(parents=True, exist_ok=True)
    _bersihkan(tmp_dir)
    fd, tmp = tempfile.mkstemp(dir=tmp_dir, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if storage.file_permissions_mode is not None:
            os.chmod(tmp, storage.file_permissions_mode)  # as an ordinary save (mkstemp gives 0600)
        while True:
            name = storage.get_available_name(storage_name)
            target = Path(storage.path(name))
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(tmp, target)  # atomic, and fails instead of replacing a file of the same name
            except FileExistsError:
                continue  # taken meanwhile by another job: pick the next free name
            except OSError:  # a file system without hard links: a rename is atomic as well
                if target.exists():
                    continue
                os.replace(tmp, target)
            return name
    finally:
        Path(tmp).unlink(missing_ok=True)
