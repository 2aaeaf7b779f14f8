"""`diffy batch`: every revision of a collection compared, resumably, on this machine or a Dask cluster.

`discover` finds the series, `jobs` plans the pairs and their keys, `task` holds
the two task functions every runner calls, `local` and `cluster` run them,
`state` keeps what a batch needs to resume, `index` writes the index and the
summary, `progress` reports on stderr, `run` ties them together (`run_batch`).
"""
