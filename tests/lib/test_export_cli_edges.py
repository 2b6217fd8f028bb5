"""`python -m lib.export` refuses what it cannot do in one line naming the fix — a slide number outside the deck,
an --out in a missing folder or naming a folder — and the share image breaks a word too long for a line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_inprocess import run_main

from lib.export import share

ROOT = Path(__file__).resolve().parents[2]


def _export(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "lib.export", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)


def _one_line_refusal(child: subprocess.Popen) -> str:
    out, err = child.communicate(timeout=120)
    assert child.returncode == 2, (out, err)
    assert out == "" and err.count("\n") == 1 and err.startswith("Gagal: ") and "Traceback" not in err, err
    return err


def test_a_slide_outside_the_deck_is_refused_with_the_valid_range(demo_db, tmp_path):
    out = tmp_path / "slide.png"
    children = {n: _export("image", "--db", str(demo_db), "--out", str(out), "--slide", n) for n in ("999", "0", "-3")}
    for number, child in children.items():
        err = _one_line_refusal(child)
        # the record holds the notes tables: its deck has the Tindak lanjut slide (issue 21), --publik has not
        assert f"tidak ada slide {number};" in err and "--slide harus 1 sampai 10" in err, err  # + konvergensi, orang tua asuh
    err = _one_line_refusal(_export("image", "--db", str(demo_db), "--out", str(out), "--slide", "10", "--publik"))
    assert "--slide harus 1 sampai 9" in err, err
    assert not out.exists()  # not quietly another slide


def test_out_in_a_missing_folder_or_naming_a_folder_is_refused_at_once(tmp_path, monkeypatch, capsys):
    """The missing folder by a real process; --out naming a folder through main(argv) in this process."""
    from lib.export import __main__ as export_cli

    missing = tmp_path / "belum-ada" / "apel.pptx"
    err = _one_line_refusal(_export("deck", "--out", str(missing)))
    assert f"folder {missing.parent} tidak ada" in err and f"mkdir -p {missing.parent}" in err
    assert not missing.parent.exists()  # refused, not created
    done = run_main(export_cli.main, ["brief", "--out", str(tmp_path)], dict(os.environ), monkeypatch, capsys)
    err = done.stderr
    assert done.returncode == 2 and done.stdout == "" and err.count("\n") == 1 and err.startswith("Gagal: "), done
    assert f"--out {tmp_path} adalah folder" in err


def test_a_slide_inside_the_deck_is_written(demo_db, tmp_path):
    from lib.export import __main__ as export_cli

    assert export_cli.main(["image", "--db", str(demo_db), "--out", str(tmp_path / "tujuh.png"), "--slide", "7"]) == 0
    assert (tmp_path / "tujuh.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("size,width", [(40, 900), (28, 400), (60, 1500)])
def test_an_unbroken_long_word_is_broken_to_fit_the_line(size, width):
    font = share._font(size, False)
    word = "x" * 120 + "https://contoh.go.id/" + "A1b2" * 40  # 301 characters, no space
    text = f"Sumber: {word} dan seterusnya"
    lines = share._wrap(text, font, width)
    assert max(font.getlength(line) for line in lines) <= width
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    assert lines[0] == "Sumber:" and lines[-1].endswith("dan seterusnya")


def test_a_long_word_cut_to_the_box_stays_inside_it():
    # Too long even at the smallest size: the cut line with its '…' is still no wider than the box.
    box = (0, 0, 600, 100)
    font, lines, _, pad = share._fit(box, "Z" * 300, 40, False, "#eeeeee", 30)
    assert lines[-1].endswith("…")
    assert max(font.getlength(line) for line in lines) <= box[2] - 2 * pad
