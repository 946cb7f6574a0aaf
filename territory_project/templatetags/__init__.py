"""Template tags of the territorial project pages."""
