"""The sessions' documents: convocation, list of deliberations, procès-verbal, registre."""
