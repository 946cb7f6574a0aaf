"""The CABBALR territorial project 2022–2032: priorities to indicators and evaluations."""
