"""The app's Unggah page refuses a small .xlsx holding one 195 MB cell on both tabs, with the streamed check's
message (issue 20, item 3); peak memory is held by tests/lib/test_ingest_long_cell.py on real processes."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from views.apptest import as_user


def _long_cell_module():
    path = Path(__file__).resolve().parents[1] / "lib" / "test_ingest_long_cell.py"
    spec = importlib.util.spec_from_file_location("ingest_long_cell", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module



def test_both_upload_tabs_refuse_a_195_mb_cell(read_env, tmp_path):  # refused files: the shared record
    module = _long_cell_module()
    data = module.workbook(tmp_path / "besar.xlsx", module.HUGE, shared=True).read_bytes()
    assert len(data) < 250 * 1024
    at = as_user("views/unggah.py", "dinkes")
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for count, key in enumerate(("unggah_berkas", "tindakan_berkas"), 1):  # the values tab's refusal stays
        at = at.file_uploader(key=key).set_value(("besar.xlsx", data, kind)).run()
        assert not at.exception
        refusals = [e.value for e in at.error if "berisi lebih dari 32.767 karakter" in e.value]
        assert len(refusals) == count, [e.value for e in at.error]
