"""The UI string files lib/text/strings/<topic>.toml: the key rule, both languages with the same placeholders, every
key used by the code and every key the code names in the table, and the loader's errors."""
from __future__ import annotations

import ast
import csv
import re
import string
from functools import cache
from pathlib import Path

import pytest

from lib.data.responsibility import KOORDINATOR, PENANGGUNG_JAWAB
from lib.ingest import load as ingest
from lib.judge import quality, since_apel, status, targets
from lib.screens import tentang
from lib.text import periods
from lib.text.i18n import COUNT_UNITS, LANGS, STRINGS
from lib.text.strings import FOLDER, StringsError, load
from lib.users.accounts import ROLES

ROOT = Path(__file__).resolve().parents[2]
TOPICS = {path.stem for path in FOLDER.glob("*.toml")}
SEGMENT = re.compile(r"[a-z0-9_]+")


def _seed(name: str, column: str) -> tuple[str, ...]:
    with (ROOT / "data" / "seed" / name).open(encoding="utf-8", newline="") as handle:
        return tuple(sorted({row[column] for row in csv.DictReader(handle)}))


# Keys the code builds at run time: (prefix, the values that can follow it, whether every value needs a key).
# Not required means the code asks `key in STRINGS` first and falls back to something else.
DYNAMIC = [
    # lib.text.i18n.status_label: f"status.{code}" for every lib.judge.status code, 'tidak ada data' for none
    ("status.", (*status.STATUSES, status.TIDAK_ADA_DATA), True),
    # f"isu.{code}" in views/ringkasan.py, views/opd.py, lib/ui (isu_view, overview, owners_view, actions_view,
    # widgets), lib/present (tables, quality_tables, status_text) and lib/export/brief.py
    ("isu.", _seed("isu.csv", "kode"), True),
    # lib.screens.tentang.decision_table: one when/what pair per row of the status decision table
    ("tentang.aturan.", tentang.DECISION_ROWS, True),
    ("tentang.hasil.", tentang.DECISION_ROWS, True),
    # lib.text.i18n._unit_text: f"unit.{unit}" for a count unit and its English singular f"unit.{unit}.one"
    ("unit.", (*COUNT_UNITS, *(f"{unit}.one" for unit in COUNT_UNITS)), True),
    # lib.text.i18n._unit_text, lib/ui/isu_content.py: f"unit.{satuan}" where one exists
    ("unit.", _seed("indikator.csv", "satuan"), False),
    # lib.text.i18n.code_label('arah' / 'periodisitas', code) in lib/ui/screen_tables.py and lib/present/tables.py
    ("arah.", status.ARAH_VALUES, False),
    ("periodisitas.", tuple(periods.PERIODICITIES), False),
    # lib.text.periods.period_label: f"period.{jenis}" for the jenis numbered I–IV
    ("period.", ("semester", "triwulan"), True),
    # lib.present.quality_tables: period_label, matrices, _status_text, _reason
    ("kualitas.pendek.", tuple(j for j in periods.JENIS if j != "tahun"), True),
    ("kualitas.periodisitas.", tuple(periods.PERIODICITIES), True),
    ("kualitas.status.", (quality.ON_TIME, quality.LATE, quality.NEVER), True),
    ("kualitas.alasan.", (quality.HISTORY, quality.NEIGHBOURS), True),
    ("kualitas.tingkat.", quality.REVIEW_LEVELS[1:], True),  # the province has no neighbours
    # views/kualitas.py: the window picker
    ("kualitas.jendela.", tuple(quality.WINDOWS), True),
    # lib.present.status_text.target_text (a target's cakupan) and line_label (also 'kabupaten')
    ("target.cakupan.", (targets.WILAYAH, targets.PROVINSI, targets.NASIONAL, "kabupaten"), True),
    ("target.sasaran.", (targets.WILAYAH, targets.PROVINSI, targets.NASIONAL), True),
    # lib.present.status_text.change_text: f"perubahan.{direction}"
    ("perubahan.", (status.MEMBAIK, status.TETAP, status.MEMBURUK), True),
    # lib.present.status_text.age_key: the singular twin '<key>_1' of usia.tahun and usia.bulan (status_text)
    # and of usia.tabel_tahun and usia.tabel_bulan (lib.present.tables.status_cell)
    ("usia.", ("tahun_1", "bulan_1", "tabel_tahun_1", "tabel_bulan_1", "diumumkan_tahun_1", "diumumkan_bulan_1"), True),
    # lib.present.since_text and lib/screens/since_apel.py: what happened to a value since the apel, by arah
    ("since.arah.", since_apel.CHANGE_KINDS, True),
    # lib/ui/data.py and lib/ui/since_apel_view.py: f"pemilik.{role}"; lib/ui/owners_view.py: f"peran.{role}"
    ("pemilik.", (KOORDINATOR, PENANGGUNG_JAWAB), True),
    ("peran.", (KOORDINATOR, PENANGGUNG_JAWAB), True),
    # lib/ui/auth.py and lib/ui/since_apel_view.py: f"auth.peran.{user.role}"
    ("auth.peran.", ROLES, True),
    # lib/ui/upload.py _change_table: f"unggah.status.{change.status}"
    ("unggah.status.", (ingest.NEW, ingest.CHANGED, ingest.SAME), True),
    # lib/ui/upload.py history_section: the columns of lib.ingest.batches.batch_rows (values, or satgas actions)
    ("riwayat.baris.", ("id", "indikator", "wilayah", "nama_wilayah", "periode", "nilai", "sumber", "catatan",
                        "jenis", "terkini", "isu", "opd", "judul", "jumlah", "satuan"), True),
    # lib/ui/upload.py _history_labels
    ("riwayat.kol.", ("id", "nama_berkas", "dimuat_oleh", "dimuat_pada", "jumlah_baris", "baris_terkini",
                      "indikator", "periode", "dibatalkan", "alasan"), True),
    # lib.ui.widgets.relabel (views/kabupaten.py) and lib.present.tables.ranking_table: f"col.{column}"
    ("col.", ("nama_kecamatan", "opd", "nama_opd", "isu", "sumber", "wilayah", "nilai", "satuan", "periode",
              "target", "capaian", "status", "jenis", "perubahan"), True),
    # lib.ui.widgets (an OPD's areas): f"level.{level}" of wilayah.level (lib/db/schema.sql)
    ("level.", ("provinsi", "kabupaten", "kecamatan", "desa"), True),
    # lib.charts.values._series_points: f"jenis.{code}" for capaian.jenis
    ("jenis.", ("resmi", "simulasi"), True),
    # lib/screens/catatan.py and lib/ui/catatan_view.py: a note's kind and state, and the panel's actions
    ("catatan.panel.jenis.", ("pertanyaan", "penjelasan", "komitmen", "koreksi"), True),
    ("catatan.panel.status.", ("terbuka", "dijawab", "selesai", "ditutup", "ditarik"), True),
    ("catatan.panel.aksi.", ("selesai", "tutup", "ubah", "tarik"), True),
    # lib.charts.gauges gauge and gauge_svg tooltips: f"chart.{key}"
    ("chart.", ("capaian", "nilai", "target", "status"), True),
]
DYNAMIC_KEYS = {prefix + value for prefix, values, _ in DYNAMIC for value in values}


@cache
def code_constants() -> frozenset[str]:
    """Every string constant in app.py, views/ and lib/ (f-string pieces included)."""
    files = [ROOT / "app.py", *ROOT.glob("views/*.py"), *ROOT.glob("lib/**/*.py")]
    return frozenset(node.value for path in files for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def _built_head(node: ast.AST) -> str | None:
    """The fixed start of a key built at run time: an f-string's first piece, or code_label's prefix + '.'."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return node.values[0].value
    if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "code_label":
        first = node.args[0] if node.args else None
        return f"{first.value}." if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
    return None


@cache
def code_built_keys() -> tuple[tuple[str, str], ...]:
    """(file, fixed start) of every key the code builds at run time: f'<topic>.…{x}' or code_label('<topic>', x)."""
    files = [ROOT / "app.py", *ROOT.glob("views/*.py"), *ROOT.glob("lib/**/*.py")]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            head = _built_head(node)
            if head and "." in head and head.split(".")[0] in TOPICS:
                found.append((str(path.relative_to(ROOT)), head))
    return tuple(found)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _numerals_as_one(names: set[str]) -> set[str]:
    # Period labels legitimately write the same number as a Roman numeral in id and digits in en.
    return {"number" if name in ("roman", "n") else name for name in names}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_id_and_en_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGS)
    assert all(isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGS)
    assert _numerals_as_one(_placeholders(entry["id"])) == _numerals_as_one(_placeholders(entry["en"]))


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_key_follows_the_naming_rule(key):
    topic, *name = key.split(".")
    assert name and topic in TOPICS
    if not all(SEGMENT.fullmatch(part) for part in key.split(".")):
        assert key in DYNAMIC_KEYS, f"{key}: only a key built from a stored code may break the segment rule"


def test_dynamic_keys_exist_for_every_value_that_can_occur():
    missing = [prefix + value for prefix, values, required in DYNAMIC if required for value in values
               if prefix + value not in STRINGS]
    assert not missing


def test_every_key_is_used_in_the_code():
    unused = sorted(set(STRINGS) - code_constants() - DYNAMIC_KEYS)
    assert not unused, f"not used in app.py, views/ or lib/: {unused}"


def test_every_key_the_code_names_is_in_the_table():
    keyish = re.compile(r"[a-z_]+(\.[A-Za-z0-9_ \-]+)+")
    file_name = re.compile(r".*\.(csv|json|py|sql|toml|xlsx)")  # 'putus_seri.csv' names a file, not a string
    named = {c for c in code_constants() if keyish.fullmatch(c) and c.split(".")[0] in TOPICS
             and not file_name.fullmatch(c)}
    assert not sorted(named - set(STRINGS))


def test_every_key_built_in_the_code_has_its_prefix_listed():
    prefixes = {prefix for prefix, _, _ in DYNAMIC}
    unlisted = [(path, head) for path, head in code_built_keys() if not any(p.startswith(head) for p in prefixes)]
    assert not unlisted, "list the prefix in DYNAMIC with the values that can follow it"


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_loader_reads_every_file(tmp_path):
    _write(tmp_path, "status.toml", '["status.tercapai"]\nid = "Tercapai"\nen = "Achieved"\n')
    _write(tmp_path, "isu.toml", '["isu.KE"]\nid = "Kemiskinan ekstrem"\nen = "Extreme poverty"\n')
    assert load(LANGS, tmp_path) == {"isu.KE": {"id": "Kemiskinan ekstrem", "en": "Extreme poverty"},
                                     "status.tercapai": {"id": "Tercapai", "en": "Achieved"}}


@pytest.mark.parametrize(
    "files, message",
    [
        ({"status.toml": '["status.x"]\nid = "A"\nen = "B"\n', "apel.toml": '["status.x"]\nid = "A"\nen = "B"\n'},
         r"apel\.toml: kunci 'status\.x'"),
        ({"status.toml": '["status.x"]\nid = "A"\nen = "B"\n["status.x"]\nid = "C"\nen = "D"\n'},
         r"status\.toml: bukan TOML"),
        ({"status.toml": '["status.x"]\nid = "A"\n'}, r"status\.toml: kunci 'status\.x' tidak punya teks en"),
        ({"status.toml": '["status.x"]\nid = "A"\nen = " "\n'}, r"status\.toml: kunci 'status\.x' tidak punya teks en"),
        ({"status.toml": '["status.x"]\nid = "A"\nen = "B"\nfr = "C"\n'}, r"'status\.x' .*tidak dikenal: fr"),
        ({"status.toml": '["status.x"\nid = "A"\n'}, r"status\.toml: bukan TOML yang sah"),
        ({"status.toml": '[status.x]\nid = "A"\nen = "B"\n'}, r"status\.toml: kunci 'status' tidak diawali"),
        ({"status.toml": '"status.x" = "A"\n'}, r"status\.toml: kunci 'status\.x' harus tabel"),
        ({}, r"Tidak ada berkas teks"),
    ],
)
def test_loader_names_the_file_and_key_of_a_broken_string(tmp_path, files, message):
    for name, text in files.items():
        _write(tmp_path, name, text)
    with pytest.raises(StringsError, match=message):
        load(LANGS, tmp_path)
