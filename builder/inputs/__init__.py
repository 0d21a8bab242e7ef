"""Load and validate the analyst's inputs: the assumptions YAML and the reviewed historicals."""
