#!/usr/bin/python3
"""Test-fixture recipe (not run by the build): writes small pandas HDF5 files in the layouts that
pd.DataFrame.to_hdf produces, so the Java reader is tested against files written by pandas/PyTables
itself. Made with Debian bookworm's python3-pandas 1.5.3 and python3-tables 3.7.0:

    apt-get install -y python3-pandas python3-tables
    cd engine/src/test/resources/omnifold && /usr/bin/python3 make_pandas_fixtures.py

Every value is a closed-form function of the row index i (0..N-1) so tests can check any cell:
    pT_ll = 200 + i (float32)         y_ll = 0.01 * i (float64)       Ntracks_trackj1 = i % 7 (int64)
    weight_mc = 1.0                    weights_nominal = 1 + 0.001 * i
    weights_ensemble_k = 1 + 0.001*i + 0.01*k (k = 0..2)
    weights_bootstrap_mc_k, weights_bootstrap_data_k = (i + k) % 3 (k = 0, 1; float32)
    weights_dd = 1.1, target_dd = 1.0, weights_muEffReco = 1.02, weights_theoryQCD = 0.97
The index is 1000 + i, to show it is not taken for a column.
"""
import numpy as np
import pandas as pd

N = 40
i = np.arange(N)
cols = {
    "pT_ll": (200.0 + i).astype(np.float32),
    "y_ll": 0.01 * i,
    "Ntracks_trackj1": (i % 7).astype(np.int64),
    "weight_mc": np.ones(N),
    "weights_nominal": 1.0 + 0.001 * i,
}
for k in range(3):
    cols[f"weights_ensemble_{k}"] = 1.0 + 0.001 * i + 0.01 * k
for k in range(2):
    cols[f"weights_bootstrap_mc_{k}"] = ((i + k) % 3).astype(np.float32)
    cols[f"weights_bootstrap_data_{k}"] = ((i + k) % 3).astype(np.float32)
cols["weights_dd"] = np.full(N, 1.1)
cols["target_dd"] = np.full(N, 1.0)
cols["weights_muEffReco"] = np.full(N, 1.02)
cols["weights_theoryQCD"] = np.full(N, 0.97)
df = pd.DataFrame(cols, index=pd.RangeIndex(1000, 1000 + N))

df.to_hdf("pandas_fixed.h5", key="df", format="fixed", mode="w")
df.to_hdf("pandas_table.h5", key="df", format="table", index=False, mode="w")
# data_columns=True: every column becomes its own field of the compound table, not a values_block
df.to_hdf("pandas_table_datacolumns.h5", key="df", format="table", data_columns=True, index=False, mode="w")
# compressed fixed layout (blosc is PyTables-only; zlib = HDF5 deflate, which any reader has)
df.to_hdf("pandas_fixed_zlib.h5", key="df", format="fixed", mode="w", complib="zlib", complevel=5)
# blosc is a PyTables-only HDF5 filter: the reader must say so and suggest zlib
df[["pT_ll", "weights_nominal"]].to_hdf("pandas_fixed_blosc.h5", key="df", format="fixed", mode="w",
                                        complib="blosc", complevel=5)
# a Series, not a DataFrame: the reader must say so
df["pT_ll"].to_hdf("pandas_series.h5", key="df", format="fixed", mode="w")

print(pd.read_hdf("pandas_table.h5", key="df").dtypes.value_counts())
