"""Label Studio: the labeling config contributors load, and the import of its JSON export."""
