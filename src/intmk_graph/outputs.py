"""Where outputs go. Every output path is checked before any work (:func:`check_output`)
and every file is written whole (:func:`write_atomic`): nothing we write ever replaces
an input, the package's own files, a device or a folder, and a mistake is one line.

A regular file is written to a temporary file beside it and renamed over it, so readers
never see half a file. A target that exists and is not a regular file (a FIFO, a
device, ``/dev/stdout``) is written to as a stream, never renamed over; ``-`` is
standard output.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import OutputError
from .stops import temporary

# Names no output folder has: a folder option given one of them meant a file.
FILE_SUFFIXES = (".html", ".htm", ".png", ".svg", ".ttl", ".trig", ".nt", ".json", ".jsonld", ".csv", ".txt", ".pdf")


def is_stdout(path: Path) -> bool:
    return str(path) == "-"


@dataclass(frozen=True)
class Output:
    """What a command will write at ``path``: a file, or a folder holding ``files`` (and
    ``stores``: folders it replaces whole). ``suffixes``: the names a file may end in."""

    path: Path
    option: str  # the command-line option naming it, for the messages
    folder: bool = False
    files: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    what: str = "file"  # what the file is, for the messages ("page", "figure")
    hint: str = ""  # what to do instead, when a folder option names a file


def protected_folders() -> list[Path]:
    """The package's own files (its data, ontology, vocabularies) and, in a checkout,
    the source tree they sit in."""
    package = Path(str(resources.files("intmk_graph"))).resolve()
    folders = [package]
    if package.parent.name == "src":
        folders.append(package.parent)
    return folders


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _first_existing(path: Path) -> Path:
    while not path.exists() and not path.is_symlink() and path != path.parent:
        path = path.parent
    return path


def check_output(output: Output, inputs: Sequence[Path] = (), force: bool = False) -> None:
    """Refuse, before any work, an output that would replace an input or the package's
    files, that cannot be made, or (without ``force``) that is of another kind than what
    is there: raises :class:`OutputError`. With ``force``, what is of another kind is
    removed here (a file where a folder goes, an empty folder where a file goes, a
    folder that is not a store where the store goes); an input, a device or a folder
    with files where a file goes never is."""
    path = output.path
    if is_stdout(path):
        if output.folder:
            what = "more than one file" if output.what == "file" else output.what
            raise OutputError(f"standard output holds one file; {output.option} - cannot take {what}", str(path))
        return
    if output.folder and path.suffix.lower() in FILE_SUFFIXES and not path.exists():
        raise OutputError(f"looks like a file, but {output.option} names the output folder"
                          + (f"; {output.hint}" if output.hint else ""), str(path))
    resolved = path.resolve()
    name = str(path)
    for folder in protected_folders():
        if _inside(resolved, folder):
            raise OutputError(f"is inside intmk-graph's own files ({folder}); {output.option} must name a place "
                              "outside them", name)
    written = [resolved / f for f in output.files] if output.folder else [resolved]
    replaced = [resolved / s for s in output.stores]
    for given in inputs:
        source = Path(given).resolve()
        hit = next((t for t in [*written, *replaced] if source == t or t in source.parents), None)
        if hit is not None:
            raise OutputError(f"is an input of this command ({given}); {output.option} must not replace it",
                              name if hit == resolved else str(hit))
    existing = _first_existing(resolved)
    if existing != resolved and not existing.is_dir():
        raise OutputError(f"cannot be made: {existing} is a file, not a folder", name)
    if existing == resolved:
        _check_kind(output, force)
    if not _is_stream(resolved):
        _probe(existing if existing.is_dir() else existing.parent, name)
    if not output.folder and output.suffixes and not force and path.suffix.lower() not in output.suffixes \
            and not _is_stream(resolved):
        raise OutputError(f"does not end in {_either(output.suffixes)}, as a {output.what} file does; "
                          f"name it so, or give --force", name)


def _probe(folder: Path, name: str) -> None:
    """Make and remove a file where the output goes: the one test that tells the truth
    for root, read-only mounts and places like /proc, where access() says yes."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".intmk-graph-probe.", dir=folder)
    except OSError as exc:
        raise failure(exc, Path(name), f"{folder} takes no new files") from None
    os.close(fd)
    os.unlink(tmp)


def _check_kind(output: Output, force: bool) -> None:
    """The target exists: it must be of the kind we write, or ``force`` replaces it
    (a folder only when empty: --force never deletes files it did not write)."""
    path, name = output.path.resolve(), str(output.path)
    if output.folder:
        if not path.is_dir():
            if not force:
                raise OutputError(f"is a file; {output.option} names a folder (--force replaces the file)", name)
            if _is_stream(path):
                raise OutputError(f"is a device or pipe; {output.option} names a folder", name)
            path.unlink()
            return
        for inner in output.files:
            if (path / inner).is_dir():
                raise OutputError(f"is a folder, where {output.option} writes the file {inner}", str(output.path / inner))
        for store in output.stores:
            there = path / store
            if (there.exists() or there.is_symlink()) and not _is_store(there):
                if not force:
                    raise OutputError(f"is not an Oxigraph store, and a build replaces {store}/ whole "
                                      "(--force replaces it)", str(output.path / store))
                if there.is_dir() and not there.is_symlink():
                    shutil.rmtree(there)
                else:
                    there.unlink()
        return
    if path.is_dir():
        if not force or any(path.iterdir()):
            raise OutputError(f"is a folder; {output.option} names a file"
                              + ("" if force else " (--force replaces an empty folder)"), name)
        path.rmdir()
        return
    if output.suffixes and path.is_file() and not force and path.suffix.lower() not in output.suffixes:
        raise OutputError(f"exists and is not a {output.what} file ({_either(output.suffixes)}); "
                          "--force replaces it", name)


def _either(suffixes: tuple[str, ...]) -> str:
    return " or ".join(s for s in suffixes if s)  # "": a name without a suffix is a stem


def _is_store(path: Path) -> bool:
    """An Oxigraph (RocksDB) store folder, which a build may replace."""
    return path.is_dir() and (path / "CURRENT").is_file()


def _is_stream(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def failure(exc: OSError, path: Path, where: str = "") -> OutputError:
    """An operating system's refusal to write as one line (``where``: what refused it)."""
    reason = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
              errno.EROFS: "the place is read-only", errno.EACCES: "no permission",
              errno.EPERM: "no permission"}.get(exc.errno or 0, "")
    detail = exc.strerror or str(exc)
    if where:
        detail = f"{where}: {detail}"
    return OutputError(f"cannot be written: {reason} ({detail})" if reason else f"cannot be written ({detail})",
                       str(path))


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> Path:
    """Write bytes (or chunks of them) whole: via a temporary file in the same folder,
    renamed over the target (which gets the usual permissions; mkstemp's are 0600). A
    target that is not a regular file is written as a stream; ``-`` is standard output.
    An OSError becomes an :class:`OutputError`."""
    chunks = [data] if isinstance(data, bytes) else data
    if is_stdout(path):
        _stream(sys.stdout.buffer, chunks, path)
        return path
    if _is_stream(path):
        try:
            with open(path, "wb") as fh:
                _stream(fh, chunks, path)
        except OSError as exc:
            raise failure(exc, path) from None
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise failure(exc, path) from None
    tmp = Path(name)
    with temporary(tmp):
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.writelines(chunks)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise failure(exc, path) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return path


def _stream(fh: object, chunks: Iterable[bytes], path: Path) -> None:
    try:
        for chunk in chunks:
            fh.write(chunk)  # type: ignore[attr-defined]
        fh.flush()  # type: ignore[attr-defined]
    except OSError as exc:
        raise failure(exc, path) from None


@contextmanager
def replaced_folder(path: Path) -> Iterator[Path]:
    """A folder made whole beside ``path`` and then put in its place: a build stopped
    halfway leaves the previous folder as it was. Yields the temporary folder."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise failure(exc, path) from None
    with temporary(tmp):
        try:
            yield tmp
            old = tmp.with_name(tmp.name.removesuffix(".tmp") + ".old")
            if path.exists():
                os.replace(path, old)
            os.replace(tmp, path)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise failure(exc, path) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
