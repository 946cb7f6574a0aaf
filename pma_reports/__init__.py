"""The Pôle métropolitain de l'Artois's annual activity reports, news and letters to mayors."""
