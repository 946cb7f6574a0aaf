"""Management commands of the territorial project."""
