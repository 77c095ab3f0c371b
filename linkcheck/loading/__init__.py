"""Reading profile files safely, validating them, and resolving references and phases."""
