"""Commands: loading the PMA's reports from the seed documents."""
