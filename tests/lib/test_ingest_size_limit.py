"""The upload size limit a clerk reads is the one enforced: lib.ingest's limit equals Streamlit's."""
from __future__ import annotations

import tomllib
from pathlib import Path

from lib.ingest import shapes

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
MIB = 1024 * 1024  # Streamlit's "MB" (server.maxUploadSize, max_upload_size) is 1024 x 1024 bytes


def test_the_limit_is_a_whole_number_of_streamlit_megabytes():
    assert shapes.MAX_UPLOAD_BYTES % MIB == 0


def test_streamlit_refuses_at_the_same_size_as_lib_ingest():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * MIB == shapes.MAX_UPLOAD_BYTES
