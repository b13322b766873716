"""Every command can be stopped and limited: SIGINT and SIGTERM sent to a real process
end it within a second (exit 130, 143), with no traceback, no worker left running, and
the previous output whole."""

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intmk_graph.pipeline import default_inputs

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CLI = [sys.executable, "-m", "intmk_graph"]


def start(args, cwd):
    return subprocess.Popen([*CLI, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def children(pid):
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def stop_after(proc, seconds, signum, ready=lambda: True):
    """Wait ``seconds`` (and until ``ready``), send the signal, and time the exit."""
    deadline = time.monotonic() + seconds + 20
    time.sleep(seconds)
    while not ready() and time.monotonic() < deadline:
        time.sleep(0.05)
    kids = children(proc.pid)
    sent = time.monotonic()
    proc.send_signal(signum)
    try:
        out, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("still running 10 s after the signal") from None
    return time.monotonic() - sent, proc.returncode, out, err, kids


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_slow_query_stops_within_a_second(store_2025, signum, code):
    proc = start(["query", SLOW, "--out", str(store_2025)], store_2025)
    took, rc, out, err, kids = stop_after(proc, 1.0, signum, ready=lambda: children(proc.pid))
    assert kids, "the query should run in a worker process"
    assert rc == code, err
    assert took < 1.0, took
    assert "Traceback" not in err and out == ""
    assert err.strip() == f"stopped ({signal.Signals(signum).name}); nothing half-written was left"
    time.sleep(0.2)
    assert not [k for k in kids if Path(f"/proc/{k}").exists() and "Z" not in Path(f"/proc/{k}/stat").read_text().split(")")[1][:3]]


def test_query_timeout_kills_the_worker(store_2025):
    proc = subprocess.run([*CLI, "query", SLOW, "--out", str(store_2025), "--timeout", "1"], capture_output=True,
                          text=True, timeout=30)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: the query ran longer than 1 s and was stopped"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A 2 MB collection (20 copies of the 2025 document) and a finished build of it."""
    folder = tmp_path_factory.mktemp("large")
    text = default_inputs()[0].read_text(encoding="utf-8")
    parts = []
    for k in range(1, 21):
        parts.append("\n".join(line.replace("TOP ", f"TOP {k}.", 1) if line.lstrip().startswith("TOP ") else line
                               for line in text.splitlines()))
    document = folder / "large.txt"
    document.write_text("\n".join(parts), encoding="utf-8")
    out = folder / "out"
    done = subprocess.run([*CLI, "build", "-q", str(document), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return document, out, digest(out)


@pytest.mark.parametrize("signum, code, after", [
    (signal.SIGINT, 130, 0.8),  # reading
    (signal.SIGTERM, 143, 0.8),
    (signal.SIGTERM, 143, 1.5),  # later: graph, files, store
    (signal.SIGINT, 130, 1.8),
])
def test_a_large_build_stops_within_a_second_and_leaves_the_previous_output_whole(large, signum, code, after):
    document, out, before = large
    proc = start(["build", "-q", str(document), "--out", str(out), "--jobs", "2"], out.parent)
    took, rc, _, err, _ = stop_after(proc, after, signum)
    if rc == 0:
        pytest.skip("the build finished before the signal")
    assert rc == code, err
    assert took < 1.0, took
    assert "Traceback" not in err
    assert digest(out) == before  # the same input: old and new outputs are the same bytes
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]  # no temporary left
    assert (out / "store" / "CURRENT").is_file()


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_the_server_shuts_down_cleanly(store_2025, signum, code):
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = start(["serve", "--out", str(store_2025), "--port", str(port)], store_2025)

    def answers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                                        timeout=2) as response:
                return response.read() == b'{"head": {}, "boolean": true}'
        except OSError:
            return False

    took, rc, _, err, _ = stop_after(proc, 0.5, signum, ready=answers)
    assert rc == code, err
    assert took < 1.0, took
    assert "leaked" not in err and "Traceback" not in err, err
