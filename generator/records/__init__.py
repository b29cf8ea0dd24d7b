"""Records: the pydantic models, loading and the indexed record set."""
