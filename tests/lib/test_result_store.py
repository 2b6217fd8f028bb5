"""lib.ui.result_store: one finished result shared by every session, each caller holding a private copy."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.ui import result_store
from lib.ui.result_store import Shared, Store


@dataclass(frozen=True)
class Section:
    table: pd.DataFrame
    lines: list[str]


def test_a_caller_changing_its_copy_never_changes_the_next_callers():
    store, computed = Store(max_entries=10, ttl=60), []

    def compute():
        computed.append(1)
        return (pd.DataFrame({"nilai": [1.0, 2.0], "nama": pd.array(["a", "b"], dtype="string[pyarrow]")}),
                {"owners": ["Dinkes"]}, Section(pd.DataFrame({"x": [1]}), ["satu"]))

    for _ in range(2):  # the first caller gets the fresh result, the second the stored one: both change theirs
        frame, owners, section = store.get_or_compute(("k",), compute)
        frame["nilai"] = [9.0, 9.0]
        frame.loc[0, "nama"] = "z"
        frame["baru"] = 1
        owners["owners"].append("Dinsos")
        section.table.loc[0, "x"] = 5
        section.lines.append("dua")
    again, owners_again, section_again = store.get_or_compute(("k",), compute)
    assert computed == [1]
    assert again["nilai"].tolist() == [1.0, 2.0] and again["nama"].tolist() == ["a", "b"]
    assert list(again.columns) == ["nilai", "nama"]
    assert owners_again == {"owners": ["Dinkes"]}
    assert section_again.table["x"].tolist() == [1] and section_again.lines == ["satu"]


def test_a_shared_value_is_handed_out_as_it_is():
    spec = Shared({"mark": "bar"})
    assert Store(10, 60).get_or_compute(("spec",), lambda: spec) is spec


def test_entries_expire_after_the_ttl(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(result_store.time, "monotonic", lambda: clock[0])
    store, values = Store(max_entries=10, ttl=600), iter(["lama", "baru"])
    assert store.get_or_compute(("k",), lambda: next(values)) == "lama"
    clock[0] += 599
    assert store.get_or_compute(("k",), lambda: next(values)) == "lama"
    clock[0] += 2
    assert store.get_or_compute(("k",), lambda: next(values)) == "baru"


def test_the_least_recently_used_entry_goes_first_and_clear_forgets_all():
    store, calls = Store(max_entries=2, ttl=60), []

    def compute(name):
        return lambda: calls.append(name) or name

    for name in ("a", "b", "a", "c", "a", "b"):  # "b" is the least recently used when "c" arrives
        store.get_or_compute((name,), compute(name))
    assert calls == ["a", "b", "c", "b"]
    store.cache_clear()
    store.get_or_compute(("a",), compute("a"))
    assert calls[-1] == "a" and len(calls) == 5


def test_an_argument_that_cannot_be_a_key_is_computed_every_time():
    store, calls = Store(10, 60), []
    for _ in range(2):
        assert store.get_or_compute(("k", ["list"]), lambda: calls.append(1) or "v") == "v"
    assert calls == [1, 1]


def test_a_warm_up_gets_the_keys_of_a_snapshot_most_asked_for_first_in_page_order():
    """What lib.ui.warm replays for a new snapshot: the previous one's results, the most asked for first."""
    store, misses = Store(max_entries=10, ttl=60), []
    store.on_miss = misses.append
    for key, times in ((("cards", "v1"), 3), (("matrix", "v1"), 3), (("rare", "v1"), 1), (("cards", "v0"), 5)):
        for _ in range(times):
            store.get_or_compute(key, lambda: 1)
    assert store.popular(lambda key: key[1] == "v1") == [("cards", "v1"), ("matrix", "v1"), ("rare", "v1")]
    assert misses == [("cards", "v1"), ("matrix", "v1"), ("rare", "v1"), ("cards", "v0")]
    assert (store.hits, store.misses) == (8, 4)
    assert store.has(("cards", "v1")) and not store.has(("cards", "v2"))
