"""Commands: loading the territorial project from seed 003."""
