"""City-scale benchmark: a deterministic corpus generator and a runner (`python bench/run.py`)."""
