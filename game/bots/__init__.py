"""Bot players. They use the same interfaces as people do."""
