"""Parallel work, in one room: which processes and threads run, when starting them
pays, and how work is shared among them. The stages hand it plain functions and items
and know nothing of pools; it knows nothing of documents.

Reading is pure Python, so threads would wait on the GIL: it runs in processes. Oxigraph
runs in Rust without the GIL, so the store is loaded in threads, beside the Python that
writes the files.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import TYPE_CHECKING, Generic, TypeVar

from .stops import ignore_in_worker, kill_workers

if TYPE_CHECKING:  # imported when a pool is made: multiprocessing costs every command's start
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# Below this much text, starting worker processes (and compiling the patterns in each)
# costs what it saves. Several documents on two cores: 19 of 100 kB were read in 1.08 s
# against 1.50, 10 in 0.72 against 0.70, 5 in 0.56 against 0.39. One document in parts:
# 4 MB in 2.39 s against 2.38, 10 MB in about 5.3 against 6.1.
PARALLEL_FROM_BYTES = 1_500_000
IN_PARTS_FROM_BYTES = 5_000_000
RUNS_PER_PART = 8


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """A build makes millions of objects that live until it ends and form no cycles; the
    cycle collector would walk them again and again (15 % of reading). It runs again
    afterwards, and finds whatever cycles there were then."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def process_pool(workers: int, preload: Sequence[str] = ()) -> Iterator[ProcessPoolExecutor]:
    """Worker processes started from a fork server that has ``preload`` imported (no fork
    of a process with threads), or spawned where there is none (Windows). They leave
    Ctrl-C to this process; stopped (Ctrl-C, an error), they are killed at once rather
    than waited for."""
    import concurrent.futures
    import multiprocessing

    context: multiprocessing.context.BaseContext
    if "forkserver" not in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("spawn")
    else:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
    pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=ignore_in_worker)
    try:
        yield pool
    except BaseException:
        kill_workers()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


class Parts(Generic[T, R]):
    """``work`` over items as they come, in runs of about equal weight: a run goes to the
    pool while it keeps up (a few runs in hand per worker) and is kept otherwise. At
    :meth:`join`, the pool takes the kept runs from the front and this process from the
    back, so each side does what it has time for (a run sent to a worker also costs its
    copying there and back). The results come back in the order of the items."""

    def __init__(self, pool: Executor, parts: int, total: int, work: Callable[[list[T]], R],
                 weight: Callable[[T], int]):
        self.pool, self.work, self.weight = pool, work, weight
        self.in_hand = 2 * (parts - 1)
        self.run_weight = max(1, total // (parts * RUNS_PER_PART))
        self.runs = 0
        self.run: list[T] = []
        self.held = 0
        self.sent: list[tuple[int, Future[R]]] = []
        self.kept: list[tuple[int, list[T]]] = []

    def add(self, item: T) -> None:
        self.run.append(item)
        self.held += self.weight(item)
        if self.held >= self.run_weight:
            self._close(sending=True)

    def _close(self, sending: bool) -> None:
        if not self.run:
            return
        index, run = self.runs, self.run
        self.runs, self.run, self.held = self.runs + 1, [], 0
        if sending and self._room():
            self.sent.append((index, self.pool.submit(self.work, run)))
        else:
            self.kept.append((index, run))

    def _room(self) -> bool:
        return sum(not f.done() for _, f in self.sent) < self.in_hand

    def join(self) -> list[R]:
        self._close(sending=False)
        results: dict[int, R] = {}
        front, back = 0, len(self.kept)
        while front < back:
            while front < back and self._room():
                index, run = self.kept[front]
                self.sent.append((index, self.pool.submit(self.work, run)))
                front += 1
            if front < back:
                back -= 1
                index, run = self.kept[back]
                results[index] = self.work(run)
        for index, future in self.sent:
            results[index] = future.result()
        return [results[i] for i in sorted(results)]


def map_in_threads(work: Callable[[T], None], items: Iterable[T], threads: int) -> int:
    """``work`` on each item in ``threads`` threads (native code that releases the GIL),
    at most one item waiting per thread, so a stream of large items is not all held at
    once. An error in any is raised here. Returns how many items there were."""
    with ThreadPoolExecutor(max(1, threads), thread_name_prefix="native") as pool:
        running: set[Future[None]] = set()
        count = 0
        for item in items:
            count += 1
            if len(running) >= threads:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    future.result()
            running.add(pool.submit(work, item))
        for future in running:
            future.result()
    return count


class Background(Generic[R]):
    """``work`` in a thread of its own beside this one (native code that releases the
    GIL); :meth:`result` waits for it and raises what it raised."""

    def __init__(self, work: Callable[[], R], name: str):
        self._result: list[R] = []
        self._error: list[BaseException] = []

        def run() -> None:
            try:
                self._result.append(work())
            except BaseException as exc:  # handed to the caller's thread in result()
                self._error.append(exc)

        self._thread = threading.Thread(target=run, name=name, daemon=True)
        self._thread.start()

    def join(self) -> None:
        """Wait for it, whatever it gave."""
        self._thread.join()

    def result(self) -> R:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._result[0]
