"""spaCy pipeline components (blank `zh` + our own, registered by name) for legal citations."""
