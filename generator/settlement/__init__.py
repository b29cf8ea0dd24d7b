"""Settlement (notice 四(五)): the arithmetic here, the artifacts beside it."""
