"""The profile model: facts, values, dimension sections and profile files."""
