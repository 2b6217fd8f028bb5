"""Cache keys for frames: st.cache_data and st.cache_resource hash a DataFrame argument column by column,
which for the pyarrow-backed text columns of this app costs more than the work being cached (~30 ms for a
ranking frame). A digest of the frame's pickle is ~6× cheaper and just as exact: equal frames give equal
bytes, and a frame that pickles differently is at worst computed once more.

    @st.cache_data(hash_funcs=FRAME_HASH)
"""
from __future__ import annotations

import hashlib
import pickle

import pandas as pd


def frame_digest(frame: pd.DataFrame | pd.Series) -> bytes:
    """A digest of the frame's content, index, columns and dtypes."""
    return hashlib.blake2b(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL), digest_size=20).digest()


FRAME_HASH = {pd.DataFrame: frame_digest, pd.Series: frame_digest}
