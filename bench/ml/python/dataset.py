"""Reads the dataset written by gen_data.py (meta.json + raw little-endian arrays)."""

import json
import os

import numpy as np


class Dataset:
    def __init__(self, directory):
        self.directory = directory
        with open(os.path.join(directory, "meta.json")) as f:
            meta = json.load(f)
        self.arrays = meta["arrays"]
        self.settings = meta["settings"]

    def __getitem__(self, name):
        entry = self.arrays[name]
        values = np.fromfile(os.path.join(self.directory, entry["file"]), dtype=np.dtype(entry["dtype"]).newbyteorder("<"))
        return values.reshape(entry["shape"]).astype(entry["dtype"], copy=False)
