"""The Unggah page checks a file once, not on every Streamlit rerun (issue 7.7), and checks it again once
the record has changed."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from views.apptest import as_user

from lib.ingest import pipeline


def _flow():
    spec = importlib.util.spec_from_file_location("upload_flow", Path(__file__).with_name("test_upload_flow.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_flow_module = _flow()
upload, GOOD = _flow_module.upload, _flow_module.GOOD  # `env` comes from tests/views/conftest.py


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """Names of the files lib.ingest.pipeline.check_file was asked to check."""
    seen, real = [], pipeline.check_file

    def counted(con, name, data, may_load=None):
        seen.append(name)
        return real(con, name, data, may_load)
    monkeypatch.setattr(pipeline, "check_file", counted)
    return seen


def test_a_file_is_checked_once_across_reruns_and_again_after_loading(env, checks):
    at = upload(as_user("views/unggah.py", "dinkes"), "isian.csv", GOOD)
    assert "1 nilai baru" in at.success[0].value
    at.run()
    _flow_module.picker(at, "Periode").select_index(1).run()  # any other widget reruns the page
    assert checks == ["isian.csv"] and "1 nilai baru" in at.success[0].value
    at.button(key="unggah_muat").click().run()
    assert not at.error and len(checks) == 2  # loading checks the file again itself: it never trusts a preview
    at.run()
    assert len(checks) == 3  # the record changed, so the preview was made afresh
    assert "1 nilai baru" not in " ".join(s.value for s in at.success)


def test_a_refused_file_is_refused_once(env, checks):
    at = upload(as_user("views/unggah.py", "dinkes"), "rusak.csv", "indikator;wilayah\n\x00")
    assert "bukan CSV atau XLSX" in at.error[0].value
    at.run()
    assert checks == ["rusak.csv"] and "bukan CSV atau XLSX" in at.error[0].value
