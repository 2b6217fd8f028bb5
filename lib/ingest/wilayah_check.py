"""Check the wilayah of an uploaded row: its code (Kemendagri), and its name when nama_wilayah is given.

Called by lib.ingest.validate with its reference tables (ref: wilayah, by_bps, by_name, children, short)
and its problem collector (issues.add); where is the placeholder validate replaces with 'pada baris …'.
- Unknown codes list the valid codes of that level; BPS codes such as 7601, codes with a comma, codes
  without dots and codes outside Sulawesi Barat each get their own message and fix.
- A code whose name disagrees with nama_wilayah is refused, naming the code that name belongs to.
- Names match ignoring case, spaces and the prefixes Kabupaten/Kab./Kecamatan/Kec./Desa/Kelurahan/
  Kel./Provinsi, and know the old or short names Mamuju Utara, Matra, Polman, Mateng, Sulbar.
"""
from __future__ import annotations

import re

_PREFIXES = re.compile(r"^(kabupaten|kab\.?|kecamatan|kec\.?|desa|kelurahan|kel\.?|provinsi|prov\.?)\s+")
NAME_ALIASES = {"mamuju utara": "pasangkayu", "matra": "pasangkayu", "polman": "polewali mandar",
                "mateng": "mamuju tengah", "sulbar": "sulawesi barat"}
LEVEL_OF_PARTS = {1: "provinsi", 2: "kabupaten", 3: "kecamatan", 4: "desa"}


def name_key(name: str) -> str:
    """A wilayah name for comparison: lower case, single spaces, no Kabupaten/Kec./… prefix."""
    key = _PREFIXES.sub("", " ".join(name.lower().split()))
    return NAME_ALIASES.get(key, key)


def check_wilayah(line: int, code: str, nama: str, ref, issues, where: str) -> str | None:
    """The canonical wilayah code, or None after adding a Problem to issues (messages hold where)."""
    if code in ref.wilayah:
        if nama and name_key(nama) != name_key(ref.wilayah[code][2]):
            named = _codes_named(nama, ref, ref.wilayah[code][1])
            fix = (f"{ref.short(named[0])} = {named[0]}; betulkan kode atau namanya." if named
                   else "Betulkan kode atau nama wilayahnya.")
            issues.add(line, "wilayah", code,
                       f"Kode wilayah {code} {where} adalah {ref.short(code)}, bukan '{nama}'.", fix)
            return None
        return code
    message, fix = _unknown_wilayah(code, ref, where)
    named = _codes_named(nama, ref, LEVEL_OF_PARTS.get(code.count(".") + 1)) if nama else []
    if named and named[0] not in fix:
        fix += f" {ref.short(named[0])} = {named[0]}."
    issues.add(line, "wilayah", code, message, fix)
    return None


def _codes_named(nama: str, ref, level: str | None) -> list[str]:
    """Codes whose name matches nama, those of the given level first."""
    codes = ref.by_name.get(name_key(nama), [])
    return sorted(codes, key=lambda code: ref.wilayah[code][1] != level)


def _unknown_wilayah(code: str, ref, where: str) -> tuple[str, str]:
    """Message and fix for a wilayah code that is not in the table."""
    if not code:
        return f"Kode wilayah kosong {where}.", "Isi kode Kemendagri wilayahnya, mis. 76.05 untuk Majene."
    if code in ref.by_bps:
        right = ref.by_bps[code]
        dotted = f"{code[:2]}.{code[2:]}"
        trap = f" ({dotted} adalah {ref.short(dotted)})" if dotted in ref.wilayah and dotted != right else ""
        return (f"{code} {where} adalah kode BPS untuk {ref.short(right)}; kode Kemendagri-nya {right}{trap}.",
                f"Tulis {right}. Urutan kode BPS dan Kemendagri berbeda: jangan memindahkan titik.")
    if code.replace(",", ".") in ref.wilayah:
        return (f"Kode wilayah '{code}' {where} memakai koma.",
                f"Tulis {code.replace(',', '.')} (dengan titik) dan format selnya sebagai Teks.")
    if code.isdigit():
        return (f"Kode wilayah '{code}' {where} tidak dikenal; kode tanpa titik biasanya kode BPS.",
                ("Tulis kode Kemendagri dengan titik: 76 (provinsi), 76.05 (kabupaten), 76.05.01 "
                "(kecamatan), 76.05.01.2001 (desa/kelurahan)."))
    if not code.startswith("76") or not re.fullmatch(r"\d+(\.\d+)*", code):
        return (f"Kode wilayah '{code}' {where} bukan kode wilayah Sulawesi Barat.",
                "Kode Kemendagri Sulawesi Barat diawali 76, mis. 76.05 (kabupaten), 76.05.01 (kecamatan).")
    parent = code.rsplit(".", 1)[0]
    while parent not in ref.wilayah and "." in parent:
        parent = parent.rsplit(".", 1)[0]
    level = ref.wilayah[ref.children[parent][0]][1] if ref.children.get(parent) else "wilayah"
    under = "" if ref.wilayah.get(parent, ("", "provinsi"))[1] == "provinsi" else f" di {ref.short(parent)}"
    return (f"Kode wilayah {code} {where} tidak dikenal.",
            f"Kode {level}{under} yang sah: {codes_text(sorted(ref.children.get(parent, [])))}.")


def codes_text(codes: list[str]) -> str:
    """'76.01–76.06' when the codes run without a gap, else a list (shortened past ten)."""
    if not codes:
        return "–"
    tails = [int(code.rsplit(".", 1)[-1]) for code in codes]
    if len(codes) > 2 and tails == list(range(tails[0], tails[0] + len(tails))):
        return f"{codes[0]}–{codes[-1]}"
    shown = ", ".join(codes[:10])
    return shown + (f" dan {len(codes) - 10} lainnya" if len(codes) > 10 else "")
